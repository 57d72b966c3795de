"""MkDocs hook: check everything an editor wrote, then fail once with every problem.

Runs in `mkdocs build` and `mkdocs serve` before any other hook or plugin touches the
files (priority 100), so editors see `path:line: message` lines, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from psychoed.articles.front_matter import is_article, read_article, review_date_problems
from psychoed.articles.placeholders import placeholder_problems
from psychoed.pages.blocked_markup import blocked_markup_problems
from psychoed.pages.content_rules import content_problems
from psychoed.pages.edit_link import edit_repository_problems
from psychoed.pages.invisible_characters import invisible_character_problems
from psychoed.pages.remote_content import remote_content_problems
from psychoed.problems import Problem, as_errors, closing_line, names_a_line, report
from psychoed.project_files import NO_BIBLIOGRAPHY, bib_file, csl_file, display_path, read_page
from psychoed.references.bibliography import Bibliography, load_bibliography, uncited_problems
from psychoed.references.citation_check import PageSource, check_citations
from psychoed.references.citation_syntax import strip_front_matter
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations, unresolved_dois, unresolved_problem
from psychoed.settings.reserved_values import is_production, reserved_value_problems
from psychoed.settings.setting_problems import SettingProblem, located, setting_lines
from psychoed.settings.site_settings import setting_problems
from psychoed.stray_files import copy_marker, stray_file_problems

log = logging.getLogger("mkdocs.hooks.checks")


class _WithoutLine(logging.Handler):
    """Counts the warnings and errors of a build that name no line (MkDocs' own, such as
    'Excluding 'README.md' from the site'), for the closing line to say so."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not names_a_line(record.getMessage()):
            self.count += 1


_without_line = _WithoutLine()
# Problems of the configuration and the bibliography, found in on_config and reported
# with the pages' problems in on_files. Reset on every build: `serve` keeps this module.
_bibliography: Bibliography | None = None
# The files beyond docs/ and mkdocs.yml the build reads, as the editor set them.
_inputs: list[Path] = []

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which would crash with a pybtex traceback on a bad file.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography, _inputs
    _without_line.count = 0
    mkdocs_log = logging.getLogger("mkdocs")
    if _without_line not in mkdocs_log.handlers:
        mkdocs_log.addHandler(_without_line)
    bibtex = config.plugins.get("bibtex")
    bib_path = bib_file(config.config_file_path, bibtex and bibtex.config)
    if bib_path is None:
        raise PluginError(NO_BIBLIOGRAPHY)
    assert bibtex is not None  # bib_file found the plugin's bib_file setting
    # Read before citations.py sets csl_file to the APA style when it is not set.
    _inputs = [path for path in (bib_path, csl_file(config.config_file_path, bibtex.config)) if path is not None]
    _bibliography = load_bibliography(bib_path, display_path=display_path(bib_path, config.config_file_path))
    if not _bibliography.readable:
        raise PluginError(report(_bibliography.problems))
    return config


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _bibliography is not None
    problems: list[Problem] = list(_bibliography.problems)
    # Every file of docs/ (not the theme's), before the pages: one saved without .md is no page.
    docs_dir = Path(config.docs_dir)
    published = [
        file
        for file in files
        if file.inclusion.is_included() and file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs_dir)
    ]
    problems += stray_file_problems(
        [file.src_uri for file in published],
        nav=config.nav,
        not_in_nav={file.src_uri for file in published if not file.inclusion.is_in_nav()},
        docs_path=display_path(docs_dir, config.config_file_path),
    )
    # Each page once, as text; a page that is not UTF-8 is reported, and checked no further.
    # Nor is a copy (reported above): its title would be told as the original's duplicate.
    # Citations by DOI are checked as the keys they stand for (citations.py rewrites them so).
    read = {}
    keys = doi_keys(_bibliography.entries.values())
    for file in files.documentation_pages():
        if file.abs_src_path is None or copy_marker(
            Path(file.src_uri).name
        ):  # generated by a plugin (no file to fix), or a copy
            continue
        path = display_path(Path(file.abs_src_path), config.config_file_path)
        source, problem = read_page(file.abs_src_path, display_path=path)
        if problem:
            problems.append(problem)
        else:
            assert source is not None  # read_page gives the text or its problem
            body, first_line = strip_front_matter(source)
            problems += [
                unresolved_problem(doi, path=path, line=line, bib_path=_bibliography.path)
                for doi, line in unresolved_dois(body, keys, first_line=first_line)
            ]
            read[file] = PageSource(path, resolve_doi_citations(source, keys, blank_unknown=True))
    pages = list(read.values())
    citation_problems, blocks = check_citations(pages, _bibliography)
    problems += citation_problems
    problems += uncited_problems(_bibliography, {key for block in blocks for key in block.keys})
    problems += invisible_character_problems(pages)
    problems += remote_content_problems(pages)
    problems += blocked_markup_problems(pages)
    # Settings that name pages (the call-to-action's URL, the footer links) need the file list.
    config_file = Path(config.config_file_path)
    problems += located(
        setting_problems(config.extra, documents={file.src_uri for file in files.documentation_pages()})
        + edit_repository_problems(config.extra)
        + _reserved_value_problems(config),
        path=display_path(config_file, config.config_file_path),
        lines=setting_lines(config_file.read_text(encoding="utf-8")),
    )

    article_paths = {page.path for file, page in read.items() if is_article(file.src_uri)}
    problems += content_problems(pages, articles=article_paths)
    problems += placeholder_problems(pages)

    # Review dates compare with the calendar day of the build, not SOURCE_DATE_EPOCH.
    today = dt.date.today()
    for file, page in read.items():
        if is_article(file.src_uri):
            article, article_problems = read_article(file.src_uri, page.source, path=page.path)
            problems += article_problems
            if article:
                problems += review_date_problems(article, source=page.source, path=page.path, today=today)

    for notice in [problem for problem in problems if problem.notice]:
        log.info(str(notice))
    problems = [problem for problem in problems if not problem.notice]
    stop_now = any(not problem.warning for problem in problems)
    if config.strict:
        problems = as_errors(problems)
    if stop_now:
        raise PluginError(report(problems))
    # Warnings alone let the pages render, so MkDocs' own link checks are listed in the same
    # run; a strict build stops after them, in on_post_build.
    for problem in problems:
        (log.warning if problem.warning else log.error)(str(problem))
    return files


# `serve` watches docs/ and mkdocs.yml; the build also reads the bibliography and a style
# set in csl_file, and a fix there must rebuild as well.
def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    for path in _inputs:
        if path.is_file():  # a missing one is a build error already; watching it would crash
            server.watch(str(path))
    return server


# Last of every hook: MkDocs' own strict-mode stop says "1 warnings"; stop with the count
# read right instead (the problems themselves are above, each with its file and line).
# Everything counted fails a strict build, so each is counted as an error.
@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    counters = [handler for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)]
    counts = counters[-1].get_counts() if config.strict and counters else []
    if counts:
        counters[-1].counts.clear()
        errors = sum(number for _, number in counts)
        raise PluginError(closing_line(errors, without_line=min(_without_line.count, errors)))


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The published site's build (CI on a push to main) stops on mkdocs.yml's example details;
# site_url as resolved, so a SITE_URL that CI sets is what is checked.
def _reserved_value_problems(config: MkDocsConfig) -> list[SettingProblem]:
    if not is_production(os.environ):
        return []
    return reserved_value_problems(
        site_url=config.site_url, site_url_variable=bool(os.environ.get("SITE_URL")), extra=config.extra
    )
