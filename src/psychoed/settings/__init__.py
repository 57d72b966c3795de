"""mkdocs.yml: the `extra:` settings readers see, checked at their line, and the file read as data."""
