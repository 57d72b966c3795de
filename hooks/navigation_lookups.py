"""MkDocs hook: the pages answer what Material's navigation reads of each of them, so the
navigation every page prints renders without Python exceptions (navigation_lookups.py)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

from psychoed.pages.navigation_lookups import answer_navigation_lookups

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Every page read, and under `make serve` the pages a page-only rebuild skipped given
# their front matter (tools/serve.py, at 0); before the first template renders. Drafts
# too, which `make serve` renders.
@event_priority(-100)
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    pages = files.documentation_pages(inclusion=InclusionLevel.all)
    answer_navigation_lookups(file.page for file in pages if file.page is not None)
    return env
