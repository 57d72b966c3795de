"""Articles (docs/articles/): front matter, the notes around the text, the article list, JSON-LD."""
