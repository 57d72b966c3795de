"""MkDocs hook: the footer's links (`extra.footer_links`) as the theme prints them.

The template gets each page's URL from MkDocs' own file list, as every other link of the
site, so `index.md` or a page in a folder links right. The links are read as
hooks/site_checks.py checked them, with the reader it checks them with.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from psychoed.problems import checked
from psychoed.settings.site_settings import read_footer_links

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    links = checked(*read_footer_links(config.extra, documents=files.src_uris))
    # read_footer_links found each page among these very files.
    env.globals["footer_links"] = [{"title": link.title, "url": files.src_uris[link.page].url} for link in links]
    return env
