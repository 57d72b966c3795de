"""MkDocs hook: the pages answer what Material's navigation reads of each of them, so the
navigation every page prints renders without a Python exception per item
(navigation_lookups.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from psychoed.pages.navigation_lookups import answer_navigation_lookups

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    answer_navigation_lookups(nav.pages)
    return nav
