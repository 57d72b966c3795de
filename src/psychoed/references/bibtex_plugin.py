"""Everything the site's code knows of mkdocs-bibtex, in one module: a fork of the plugin
(archived, 4.4.0 its last release) changes this file only, a replacement this file and
where mkdocs.yml names the settings (MAINTAINING.md, "The dependencies' future").
tests/test_bibtex_plugin.py holds this contract against the pinned version.

The plugin only carries the settings: mkdocs.yml's `plugins: - bibtex:` names the
bibliography (bib_file) and a style (csl_file), which editors and the tools read there.
The site formats every citation itself (pandoc_runs.py, citation_cache.py, hooks/citations.py),
so `keep_inert` stops the plugin from doing anything else: parsing the bibliography a
second time, starting pandoc, or reading and rewriting a page.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

NAME = "bibtex"  # the plugin's name under mkdocs.yml's `plugins:`
# What the build says when mkdocs.yml has no bibliography for the citations (at the line
# project_files.no_bibliography_problem finds).
NO_BIBLIOGRAPHY = (
    f"the {NAME} plugin with bib_file is required; add '- {NAME}: {{bib_file: references.bib}}' under plugins"
)


def options(plugins: Any) -> Mapping[str, Any] | None:
    """The plugin's settings: from MkDocs' loaded plugins, or from mkdocs.yml's `plugins:`
    list as YAML gives it; None when the plugin is not there."""
    if isinstance(plugins, Mapping):
        plugin = plugins.get(NAME)
        return None if plugin is None else plugin.config
    for plugin in plugins or []:
        if isinstance(plugin, dict) and NAME in plugin:
            return plugin[NAME] or {}
        if plugin == NAME:
            return {}
    return None


def keep_inert(plugins: Any) -> None:
    """Before the plugin's own on_config (MkDocs' PluginCollection as `plugins`): it then
    reads no bibliography, and no page is handed to it."""
    plugin = plugins[NAME]
    # Its on_config keeps what it has while no bibliography is newer than this time.
    plugin.last_configured = math.inf
    # Else it parses every page again for citations it would leave as written (pandoc's are
    # in already), appends `\bibliography` to every page, and lists there what it took for a
    # citation (an e-mail address in brackets).
    plugins.events["page_markdown"] = [
        method for method in plugins.events["page_markdown"] if getattr(method, "__self__", None) is not plugin
    ]
    # Its only news would be "No changes in bibfiles", true but of nothing it does.
    logging.getLogger("mkdocs.plugins.mkdocs-bibtex").setLevel(logging.WARNING)
