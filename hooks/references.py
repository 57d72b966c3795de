"""MkDocs hook: after mkdocs-bibtex, give each article its APA reference list."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from psychoed.references.citation_syntax import restore
from psychoed.references.reference_list import render_reference_list

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# After mkdocs-bibtex (priority 0) has written its footnotes, before Markdown renders.
@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return restore(render_reference_list(markdown))
