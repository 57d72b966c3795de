"""MkDocs hook: every HTML page the build writes, the 404 page included, gets its
Content-Security-Policy and the no-referrer meta first in `<head>` (content_security.py).

Runs after every other hook and plugin has changed the page, so the hashes cover the
inline scripts the reader's browser will get from the theme; none written in the page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from psychoed.pages.content_security import with_privacy_meta

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


@event_priority(-200)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return protected(output, name=page.file.dest_uri, page_content=page.content or "")


# The theme's own pages (404.html), which on_post_page never sees; sitemap.xml is no page.
@event_priority(-200)
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    return protected(output_content, name=template_name) if template_name.endswith(".html") else output_content


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def protected(output: str, *, name: str, page_content: str = "") -> str:
    page_html = with_privacy_meta(output, page_content=page_content)
    if page_html is None:
        # A template without <head> would publish a page the policy does not cover.
        raise PluginError(
            f"{name}: the theme wrote no <head>, so the page cannot carry its Content-Security-Policy; check the templates in overrides/"
        )
    return page_html
