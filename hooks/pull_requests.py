"""MkDocs hook: what an editor's pull request needs from the pages.

Every Markdown page gets an edit link to its file in GitHub's web editor (Material shows
`page.edit_url` as the pencil button); a preview build (PREVIEW_PR=12) tells the template
its number, which puts the banner and `noindex` on every page (overrides/main.html);
robots.txt keeps crawlers out of the previews. Canonical links keep pointing at site_url,
the published site.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from psychoed.pages.edit_link import edit_repository, edit_url
from psychoed.pages.previews import banner_text, preview_number, robots_txt
from psychoed.project_files import display_path

# The pull request this build previews (None: the published site) and the repository the
# edit links open (None: no link); set on every build, as `serve` keeps this module.
_preview: int | None = None
_repository: str | None = None

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _preview, _repository
    _preview, problem = preview_number(os.environ.get("PREVIEW_PR"))
    if problem:
        raise PluginError(problem)
    # Read before site_checks.py's on_files checks extra:, so any value is taken (a
    # malformed one as unset); that check then stops the build on it.
    _repository = edit_repository(config.extra, environ=os.environ)
    return config


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["preview_banner"] = banner_text(_preview) if _preview else None
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if _repository:
        docs_dir = Path(display_path(Path(config.docs_dir), config.config_file_path)).as_posix()
        page.edit_url = edit_url(repository=_repository, docs_dir=docs_dir, src_uri=page.file.src_uri)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    if config.site_url:
        Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
