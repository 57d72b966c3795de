"""MkDocs hook: check everything an editor wrote, then fail once with every problem.

Runs in `mkdocs build` and `mkdocs serve` first of every hook and plugin at on_config and
on_files (priority 100), so editors see `path:line: message` lines, never a traceback; the
later hooks read only what it has checked (ARCHITECTURE.md, "The pipeline").
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure import pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from psychoed.pages.page_templates import layout_names
from psychoed.problems import Logged, Problem, as_errors, closing_line, logged_problem, names_a_line, report
from psychoed.project_files import bib_file, csl_file, no_bibliography_problem
from psychoed.references.bibliography import Bibliography
from psychoed.references.bibtex_plugin import options
from psychoed.references.citation_cache import project_bibliography
from psychoed.references.doi_citations import doi_keys
from psychoed.references.reference_list import reference_list_ids
from psychoed.site_checks import SourceFile, site_problems
from psychoed.warning_locations import record_anchors

if TYPE_CHECKING:  # imported for `serve` only: it loads a file watcher, a fifth of a second
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.site_checks")


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
# The bibliography, read in on_config (which MkDocs runs before on_files) and checked with the pages in
# on_files. Set on every build: `serve` keeps this module.
_bibliography = Bibliography("", {}, [])
# The files beyond docs/ and mkdocs.yml the build reads, as the editor set them.
_inputs: list[Path] = []

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# First: every later hook reads the bibliography this one has read (an unreadable one stops
# the build in on_files, with the pages' problems).
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography, _inputs
    _without_line.count = 0
    # One counter, this module's: a process that builds another project loads this file
    # again (MkDocs keeps one module per path), and the last copy's would count on.
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [h for h in mkdocs_log.handlers if type(h).__qualname__ == _WithoutLine.__qualname__]:
        mkdocs_log.removeHandler(handler)
    mkdocs_log.addHandler(_without_line)
    settings = options(config.plugins)
    bib_path = bib_file(config.config_file_path, settings)
    if bib_path is None:
        raise PluginError(str(no_bibliography_problem(config.config_file_path)))
    _inputs = [path for path in (bib_path, csl_file(config.config_file_path, settings)) if path is not None]
    _bibliography = project_bibliography(bib_path, config_file=config.config_file_path)
    # One with an entry it could not read is reported with the pages' problems, in on_files.
    if not _bibliography.pages_checkable:
        raise PluginError(report(_bibliography.problems))
    return config


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Review dates compare with the calendar day of the build, not SOURCE_DATE_EPOCH.
    problems = site_problems_of(files, config, bibliography=_bibliography, today=dt.date.today(), environ=os.environ)
    for notice in [problem for problem in problems if problem.notice]:
        log.info(str(notice))
    problems = [problem for problem in problems if not problem.notice]
    stop_now = any(not problem.warning for problem in problems)
    if config.strict:
        problems = as_errors(problems)
    if stop_now:
        raise PluginError(report(problems + _link_problems(files, config, bibliography=_bibliography)))
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


# MkDocs checks where the pages' links lead as it renders them, and the headings they link to
# once all are rendered, which a build stopped in on_files never does: the pages are rendered
# here as written and their links to headings checked by MkDocs' own code, and each warning is
# a problem of the same report, so a renamed page's or heading's broken links come with the
# rest. The reference list hooks/citations.py adds is not in the page as written: its ids are
# added as that hook will make them.
def _link_problems(files: Files, config: MkDocsConfig, *, bibliography: Bibliography) -> list[Problem]:
    logger = logging.getLogger(pages.__name__)  # where warning_locations.py puts the file and line
    collected = Logged(logging.WARNING)
    logger.addHandler(collected)
    propagate, logger.propagate = logger.propagate, False
    by_doi = doi_keys(bibliography.entries.values())
    rendered = []
    try:
        for file in files.documentation_pages():
            page = Page(None, file, config)
            try:
                page.read_source(config)
                page.render(config, files)
            except Exception:  # a page MkDocs cannot read or render is named by the checks already
                continue
            listed = reference_list_ids(page.markdown or "", entries=bibliography.entries, doi_keys=by_doi)
            page.present_anchor_ids = (page.present_anchor_ids or set()) | listed
            record_anchors(
                docs_dir=Path(config.docs_dir),
                src_uri=file.src_uri,
                ids=page.present_anchor_ids,
                html=page.content or "",
            )
            rendered.append(page)
        for page in rendered:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    finally:
        logger.propagate = propagate
        logger.removeHandler(collected)
    return [logged_problem(message, warning=not config.strict) for message in collected.messages]


# MkDocs' files and settings as the plain checks take them (src/psychoed/site_checks.py);
# tests/test_mutants.py runs the checks through it too, as the build does.
def site_problems_of(
    files: Files, config: MkDocsConfig, *, bibliography: Bibliography, today: dt.date, environ: Mapping[str, str]
) -> list[Problem]:
    docs_dir = Path(config.docs_dir)
    return site_problems(
        [
            SourceFile(
                src_uri=file.src_uri,
                abs_src_path=file.abs_src_path,
                page=file.is_documentation_page() and file.inclusion.is_included(),
                published=bool(
                    file.inclusion.is_included()
                    and file.abs_src_path
                    and Path(file.abs_src_path).is_relative_to(docs_dir)
                ),
                in_nav=file.inclusion.is_in_nav(),
            )
            for file in files
        ],
        bibliography=bibliography,
        nav=config.nav,
        docs_dir=docs_dir,
        config_file=Path(config.config_file_path),
        extra=config.extra,
        templates=layout_names(config.theme.dirs),
        theme={key: config.theme[key] for key in config.theme},
        theme_name=config.theme.name,
        theme_dirs=config.theme.dirs,
        stylesheets=config.extra_css,
        today=today,
        site_url=config.site_url,
        environ=environ,
    )
