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

from psychoed.articles.front_matter import field_line, is_article, overdue_reviews, read_article
from psychoed.pages.blocked_markup import blocked_markup_problems
from psychoed.pages.content_rules import content_problems
from psychoed.pages.edit_link import edit_repository_problems
from psychoed.pages.remote_content import remote_content_problems
from psychoed.problems import Problem, counted, report
from psychoed.project_files import NO_BIBLIOGRAPHY, bib_file, csl_file, display_path, read_page
from psychoed.references.bibliography import Bibliography, load_bibliography, uncited_problems
from psychoed.references.citation_check import PageSource, check_citations
from psychoed.references.citation_syntax import strip_front_matter
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations, unresolved_dois, unresolved_problem
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
    # Citations by DOI are checked as the keys they stand for (citations.py rewrites them so).
    read = {}
    keys = doi_keys(_bibliography.entries.values())
    for file in files.documentation_pages():
        path = display_path(Path(file.abs_src_path), config.config_file_path)
        source, problem = read_page(file.abs_src_path, display_path=path)
        if problem:
            problems.append(problem)
        else:
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

    articles = {}
    for file, page in read.items():
        if is_article(file.src_uri):
            article, article_problems = read_article(file.src_uri, page.source, path=page.path)
            problems += article_problems
            if article:
                articles[article] = page
    for article in overdue_reviews(list(articles), today=dt.date.today()):
        page = articles[article]
        # A notice, not a warning: an overdue review must not block an urgent correction.
        message = f"review was due on {article.review_due}; review the page, then update last_reviewed and review_due"
        problems.append(Problem(page.path, field_line(page.source, "review_due"), message, notice=True))

    for notice in [problem for problem in problems if problem.notice]:
        log.info(str(notice))
    problems = [problem for problem in problems if not problem.notice]
    if any(not problem.warning for problem in problems):
        raise PluginError(report(problems))
    for problem in problems:
        log.warning(str(problem))
    return files


# `serve` watches docs/ and mkdocs.yml; the build also reads the bibliography and a style
# set in csl_file, and a fix there must rebuild as well.
def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    for path in _inputs:
        if path.is_file():  # a missing one is a build error already; watching it would crash
            server.watch(str(path))
    return server


# Last of every hook: MkDocs' own strict-mode stop says "1 warnings"; stop with the count
# read right instead (the warnings themselves are above, each with its file and line).
@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    counters = [handler for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)]
    counts = counters[-1].get_counts() if config.strict and counters else []
    if counts:
        counters[-1].counts.clear()
        found = ", ".join(counted(number, level.lower()) for level, number in counts)
        raise PluginError(f"Aborted with {found} in strict mode: fix each one listed above at its file and line, then build again")
