"""MkDocs hook: each Markdown table in a box that scrolls on a phone and takes keyboard focus,
its aligned columns aligned by class (wide_tables.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from psychoed.pages.wide_tables import aligned_cells, scrollable_tables

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return scrollable_tables(aligned_cells(html))
