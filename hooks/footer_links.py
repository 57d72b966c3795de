"""MkDocs hook: the footer's links (`extra.footer_links`) as the theme prints them.

The template gets each page's URL from MkDocs' own file list, as every other link of the
site, so `index.md` or a page in a folder links right; site_checks.py has already failed the
build on a link to a page that does not exist.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    links = []
    for link in config.extra.get("footer_links") or []:
        target = files.get_file_from_path(link["page"].strip())
        assert target is not None, f"{link['page']} was checked to exist"
        links.append({"title": link["title"].strip(), "url": target.url})
    env.globals["footer_links"] = links
    return env
