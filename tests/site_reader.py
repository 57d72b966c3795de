"""Reading the built site as a reader's browser would: pages and their text."""

from __future__ import annotations

from pathlib import Path

from lxml import html


def page(site: Path, url_path: str) -> html.HtmlElement:
    """The parsed page at a site URL path such as 'articles/x/' or '' for Home."""
    return html.parse(str(site / url_path / "index.html")).getroot()


def main_text(document: html.HtmlElement) -> str:
    """The page's main content as one line of text, without heading permalinks."""
    content = document.cssselect("article.md-content__inner")[0]
    for anchor in content.cssselect("a.headerlink"):
        anchor.drop_tree()
    return " ".join(content.text_content().split())


def normalize(text: str) -> str:
    return " ".join(text.split())
