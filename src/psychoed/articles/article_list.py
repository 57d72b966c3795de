"""The site's list of articles, in one order, for the navigation and the Home page.

Everything comes from the articles' front matter (`front_matter.Article`), so adding
`docs/articles/<slug>.md` is all it takes for an article to be listed.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from psychoed.articles.front_matter import ARTICLES_DIR, Article
from psychoed.articles.reader_dates import time_html

# The nav entry in mkdocs.yml that stands for "every article": `- Articles: articles/`.
# Left unfilled (the hook missing), MkDocs reports it as a nav entry it cannot find.
NAV_PLACEHOLDER = ARTICLES_DIR
# The line in a page (docs/index.md) that the list of articles replaces.
LIST_MARKER = "<!-- article-list -->"
_MARKER_LINE = re.compile(rf"^[ \t]*{re.escape(LIST_MARKER)}[ \t]*$", re.MULTILINE)
# Characters Python-Markdown gives a meaning to; `<` and `&` are escaped as HTML first.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")


def ordered(articles: list[Article]) -> list[Article]:
    """Lower `weight` first (default 0), then by title ignoring case, then by file."""
    return sorted(articles, key=lambda article: (article.weight, article.title.casefold(), article.src_uri))


def fill_nav(nav: Any, articles: list[Article]) -> Any:
    """A copy of mkdocs.yml's `nav` with each `articles/` placeholder replaced by the articles.

    `- Articles: articles/` becomes a section of the articles; a bare `- articles/` item
    is replaced by them in place. A section with no article left is dropped.
    """
    entries = [{article.title: article.src_uri} for article in ordered(articles)]
    if isinstance(nav, list):
        filled = []
        for item in nav:
            if item == NAV_PLACEHOLDER:
                filled.extend(entries)
            else:
                kept = fill_nav(item, articles)
                if kept != {}:
                    filled.append(kept)
        return filled
    if isinstance(nav, dict):
        return {
            title: entries if value == NAV_PLACEHOLDER else fill_nav(value, articles)
            for title, value in nav.items()
            if not (value == NAV_PLACEHOLDER and not entries)
        }
    return nav


def insert_article_list(markdown: str, articles: list[Article], *, page_uri: str, date_format: str) -> str:
    """The page with its `<!-- article-list -->` line replaced by the list of articles."""
    if not _MARKER_LINE.search(markdown):
        return markdown
    listing = render_article_list(articles, page_uri=page_uri, date_format=date_format)
    return _MARKER_LINE.sub(lambda _: listing, markdown)


def render_article_list(articles: list[Article], *, page_uri: str, date_format: str) -> str:
    """A Markdown list: each title linked, its description, the date it was last reviewed.

    Links are relative Markdown links to the source files, so MkDocs resolves and checks
    them as it does an editor's own links.
    """
    base = posixpath.dirname(page_uri) or "."
    items = [
        f"- [{markdown_text(article.title)}]({posixpath.relpath(article.src_uri, base)})<br>"
        f"{markdown_text(article.description)}<br>"
        f"<small>Last reviewed {time_html(article.last_reviewed, date_format=date_format)}</small>"
        for article in ordered(articles)
    ]
    return "\n".join(items) if items else "No articles yet."


# Front matter is plain text: it must show as written, never as Markdown or HTML.
def markdown_text(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
