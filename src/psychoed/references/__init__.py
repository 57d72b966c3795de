"""references.bib, the citations in the pages, and their APA 7 formatting by pandoc."""
