"""MkDocs hook: check everything an editor wrote, then fail once with every problem.

Runs in `mkdocs build` and `mkdocs serve` before any other hook or plugin touches the
files (priority 100), so editors see `path:line: message` lines, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from bibliography import Bibliography, load_bibliography, uncited_problems
from blocked_markup import blocked_markup_problems
from citation_check import PageSource, check_citations
from edit_link import edit_repository_problems
from front_matter import is_article, overdue_reviews, read_article
from problems import Problem, report
from project_files import bib_file, display_path
from remote_content import remote_content_problems
from setting_problems import located, setting_lines
from site_settings import setting_problems

log = logging.getLogger("mkdocs.hooks.checks")

# Problems of the configuration and the bibliography, found in on_config and reported
# with the pages' problems in on_files. Reset on every build: `serve` keeps this module.
_bibliography: Bibliography | None = None

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which would crash with a pybtex traceback on a bad file.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography
    bib_path = bib_file(config)
    _bibliography = load_bibliography(bib_path, display_path=display_path(bib_path, config))
    if not _bibliography.readable:
        raise PluginError(report(_bibliography.problems))
    return config


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _bibliography is not None
    problems: list[Problem] = list(_bibliography.problems)
    pages = [
        PageSource(display_path(Path(file.abs_src_path), config), file.content_string)
        for file in files.documentation_pages()
    ]
    citation_problems, blocks = check_citations(pages, _bibliography)
    problems += citation_problems
    problems += uncited_problems(_bibliography, {key for block in blocks for key in block.keys})
    problems += remote_content_problems(pages)
    problems += blocked_markup_problems(pages)
    # Settings that name pages (the call-to-action's URL, the footer links) need the file list.
    config_file = Path(config.config_file_path)
    problems += located(
        setting_problems(config.extra, documents={file.src_uri for file in files.documentation_pages()}) + edit_repository_problems(config.extra),
        path=display_path(config_file, config),
        lines=setting_lines(config_file.read_text(encoding="utf-8")),
    )

    articles = {}
    for file, page in zip(files.documentation_pages(), pages):
        if is_article(file.src_uri):
            article, article_problems = read_article(file.src_uri, page.source, path=page.path)
            problems += article_problems
            if article:
                articles[article] = page.path
    for article in overdue_reviews(list(articles), today=dt.date.today()):
        # A notice, not a warning: an overdue review must not block an urgent correction.
        log.info(f"{articles[article]}: review was due on {article.review_due}; review the page, then update last_reviewed and review_due")

    for notice in [problem for problem in problems if problem.notice]:
        log.info(str(notice))
    problems = [problem for problem in problems if not problem.notice]
    if any(not problem.warning for problem in problems):
        raise PluginError(report(problems))
    for problem in problems:
        log.warning(str(problem))
    return files
