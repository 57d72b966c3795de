"""MkDocs hook: check everything an editor wrote, then fail once with every problem.

Runs in `mkdocs build` and `mkdocs serve` before any other hook or plugin touches the
files (priority 100), so editors see `path:line: message` lines, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
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
from psychoed.pages.remote_content import remote_content_problems
from psychoed.problems import Problem, as_errors, counted, report
from psychoed.project_files import NO_BIBLIOGRAPHY, bib_file, csl_file, display_path, read_page
from psychoed.references.bibliography import Bibliography, load_bibliography, uncited_problems
from psychoed.references.citation_check import PageSource, check_citations
from psychoed.settings.setting_problems import located, setting_lines
from psychoed.settings.site_settings import setting_problems

log = logging.getLogger("mkdocs.hooks.checks")

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
    bibtex = config.plugins.get("bibtex")
    bib_path = bib_file(config.config_file_path, bibtex and bibtex.config)
    if bib_path is None:
        raise PluginError(NO_BIBLIOGRAPHY)
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
    # Each page once, as text; a page that is not UTF-8 is reported, and checked no further.
    read = {}
    for file in files.documentation_pages():
        path = display_path(Path(file.abs_src_path), config.config_file_path)
        source, problem = read_page(file.abs_src_path, display_path=path)
        if problem:
            problems.append(problem)
        else:
            read[file] = PageSource(path, source)
    pages = list(read.values())
    citation_problems, blocks = check_citations(pages, _bibliography)
    problems += citation_problems
    problems += uncited_problems(_bibliography, {key for block in blocks for key in block.keys})
    problems += remote_content_problems(pages)
    problems += blocked_markup_problems(pages)
    # Settings that name pages (the call-to-action's URL, the footer links) need the file list.
    config_file = Path(config.config_file_path)
    problems += located(
        setting_problems(config.extra, documents={file.src_uri for file in files.documentation_pages()}) + edit_repository_problems(config.extra),
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
        found = counted(sum(number for _, number in counts), "error")
        raise PluginError(f"Aborted with {found}: fix each one listed above at its file and line, then build again")
