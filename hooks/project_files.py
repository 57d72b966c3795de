"""Where the project's files are, as the hooks' shared reading of mkdocs.yml.

Not a hook (no event functions): checks.py, citations.py and seo.py import it, so each
finds references.bib the same way and names files as the editor sees them.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def bib_file(config: MkDocsConfig) -> Path:
    """references.bib, as mkdocs-bibtex's bib_file names it relative to mkdocs.yml."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or not plugin.config.bib_file:
        raise PluginError("mkdocs.yml: the bibtex plugin with bib_file is required; add '- bibtex: {bib_file: references.bib}' under plugins")
    return Path(config.config_file_path).parent / plugin.config.bib_file


def csl_file(config: MkDocsConfig) -> Path | None:
    """The citation style mkdocs-bibtex's csl_file names, relative to mkdocs.yml; None
    when it is not set (the build then uses the APA 7 style of its virtualenv)."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or not plugin.config.csl_file:
        return None
    return Path(config.config_file_path).parent / plugin.config.csl_file


# Paths as the editor sees them from the repository root: docs/articles/x.md
def display_path(path: Path, config: MkDocsConfig) -> str:
    return os.path.relpath(path, Path(config.config_file_path).parent)
