"""The site's logic: what the MkDocs hooks in hooks/, the tools in tools/ and the tests
call. Plain Python that imports nothing from MkDocs; ARCHITECTURE.md is the map.

- `psychoed.references`: references.bib, citations and their APA 7 formatting.
- `psychoed.articles`: an article's front matter, the notes around it, the list of articles.
- `psychoed.pages`: what any page may hold, and the HTML a reader's browser gets.
- `psychoed.settings`: the `extra:` settings of mkdocs.yml.
- `psychoed.problems`, `psychoed.warning_locations`, `psychoed.project_files`: how every
  problem is told (`path:line: message`) and where the project's files are.
"""
