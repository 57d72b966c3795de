"""MkDocs hook: each article's schema.org JSON-LD (`structured_data`, written into the
page head by overrides/main.html), for search engines.

The front matter and bibliography are read with the readers hooks/site_checks.py checked
them with, before any page rendered.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from psychoed.articles.front_matter import is_article, read_article
from psychoed.articles.structured_data import article_json_ld
from psychoed.markdown_source import strip_front_matter
from psychoed.problems import checked
from psychoed.project_files import bib_file
from psychoed.references.bibliography import Bibliography
from psychoed.references.bibtex_plugin import NO_BIBLIOGRAPHY, options
from psychoed.references.citation_cache import project_bibliography
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations

# The bibliography of the current build, set by on_config (which MkDocs runs before any
# page event) on every build: `serve` keeps this module.
_bibliography = Bibliography("", {}, [])
_doi_keys: dict[str, str] = {}  # for works cited by DOI (`[@doi:10.1111/aphw.12127]`)

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# After site_checks.py's on_config (priority 100), which stops a build whose bibliography
# is missing or unreadable.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography
    path = checked(bib_file(config.config_file_path, options(config.plugins)), [NO_BIBLIOGRAPHY])
    _bibliography = project_bibliography(path, config_file=config.config_file_path)
    _doi_keys.clear()
    _doi_keys.update(doi_keys(_bibliography.entries.values()))
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if is_article(page.file.src_uri) and (url := page.canonical_url):
        context["structured_data"] = structured_data(page, config, url=url)
    return context


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The article's JSON-LD, citing its works in the order the page first cites them.
def structured_data(page: Page, config: MkDocsConfig, *, url: str) -> dict:
    source = page.file.content_string
    article = checked(*read_article(page.file.src_uri, source, path=page.file.src_uri))
    body = resolve_doi_citations(strip_front_matter(source)[0], _doi_keys)
    keys = [key for block in find_citation_blocks(body) for key in block.keys]
    cited = [_bibliography.entries[key] for key in dict.fromkeys(keys) if key in _bibliography.entries]
    return article_json_ld(
        article,
        cited,
        url=url,
        site_name=config.site_name,
        # The theme's language, which the page's <html lang> carries too.
        language=config.theme["language"],
    )
