"""MkDocs hook: list every article in the navigation and on the Home page.

The nav's `articles/` placeholder (mkdocs.yml) and the `<!-- article-list -->` line
(docs/index.md) are filled from the articles' front matter on every build, so a new
file in docs/articles/ appears without an edit anywhere else.
"""

from __future__ import annotations

import copy
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from psychoed.articles.article_list import fill_nav, insert_article_list
from psychoed.articles.front_matter import Article, is_article, read_article
from psychoed.problems import checked
from psychoed.settings.site_settings import read_date_format

# The nav as mkdocs.yml wrote it, and the articles of this build. Reset on every build:
# `serve` keeps this module between rebuilds.
_nav_template: Any = None
_articles: list[Article] = []

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _nav_template, _articles
    _nav_template = copy.deepcopy(config.nav)
    _articles = []
    return config


# After site_checks.py's on_files (priority 100), which stops a build with bad front matter;
# before MkDocs reads config.nav, which it does right after on_files.
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _articles
    _articles = articles_of(files)
    if _nav_template is not None:
        config.nav = fill_nav(_nav_template, [a for a in _articles if in_nav(a, files)])
    return files


# Before citations.py (priority 100): the list is part of the page whose citations it
# formats, as if the editor had written it.
@event_priority(110)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    date_format = checked(*read_date_format(config.extra))
    return insert_article_list(markdown, _articles, page_uri=page.file.src_uri, date_format=date_format)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def articles_of(files: Files) -> list[Article]:
    """The front matter of every article page that will be built."""
    articles = []
    for file in files.documentation_pages():
        if is_article(file.src_uri):
            articles.append(checked(*read_article(file.src_uri, file.content_string, path=file.src_path)))
    return articles


# `not_in_nav` in mkdocs.yml keeps a page out of the navigation on purpose.
def in_nav(article: Article, files: Files) -> bool:
    file = files.get_file_from_path(article.src_uri)
    return file is not None and file.inclusion.is_in_nav()
