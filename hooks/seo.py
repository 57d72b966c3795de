"""MkDocs hook: what search engines read beyond the page text.

Gives each article's template its schema.org JSON-LD (`structured_data`, written into the
page head by overrides/main.html) and writes robots.txt pointing at the sitemap and
keeping crawlers out of pull-request previews. The front matter and bibliography are read
by the same functions the checks use; checks.py has already failed the build on any
problem in them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from psychoed.articles.front_matter import is_article, read_article
from psychoed.articles.structured_data import article_json_ld
from psychoed.markdown_source import strip_front_matter
from psychoed.pages.previews import robots_txt
from psychoed.project_files import bib_file, display_path
from psychoed.references.bibliography import Bibliography, load_bibliography
from psychoed.references.citation_syntax import find_citation_blocks

# The bibliography of the current build; reset on every build: `serve` keeps this module.
_bibliography: Bibliography | None = None

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography
    path = bib_file(config.config_file_path, config.plugins["bibtex"].config)
    assert path is not None  # checks.py's on_config has stopped a build without one
    _bibliography = load_bibliography(path, display_path=display_path(path, config.config_file_path))
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if is_article(page.file.src_uri) and page.canonical_url:
        context["structured_data"] = structured_data(page, config)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    if config.site_url:
        Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The article's JSON-LD, citing its works in the order the page first cites them.
def structured_data(page: Page, config: MkDocsConfig) -> dict:
    assert _bibliography is not None
    source = page.file.content_string
    article, problems = read_article(page.file.src_uri, source, path=page.file.src_uri)
    assert article is not None, problems  # checks.py has stopped the build, listing them
    assert page.canonical_url  # on_page_context asks only for pages that have one
    keys = [key for block in find_citation_blocks(strip_front_matter(source)[0]) for key in block.keys]
    cited = [_bibliography.entries[key] for key in dict.fromkeys(keys) if key in _bibliography.entries]
    return article_json_ld(
        article,
        cited,
        url=page.canonical_url,
        site_name=config.site_name,
        # The theme's language, which the page's <html lang> carries too.
        language=config.theme["language"],
    )
