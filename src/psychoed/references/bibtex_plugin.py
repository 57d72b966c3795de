"""Everything the site's code knows of mkdocs-bibtex, in one module: a fork of the plugin
(archived, 4.4.0 its last release) changes this file only, a replacement this file and
where mkdocs.yml names the settings (MAINTAINING.md, "The dependencies' future").
tests/test_bibtex_plugin.py holds this contract against the pinned version.

The plugin only carries the settings: mkdocs.yml's `plugins: - bibtex:` names the
bibliography (bib_file) and a style (csl_file), which editors and the tools read there.
The site formats every citation itself (pandoc_runs.py, citation_cache.py, hooks/citations.py),
so `keep_inert` stops the plugin from doing anything else: parsing the bibliography a
second time, starting pandoc, or rewriting a page.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

NAME = "bibtex"  # the plugin's name under mkdocs.yml's `plugins:`
_NEVER_WRITTEN = "\ue000\ue001"  # private-use characters: no keyboard types them


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


def keep_inert(plugins: Mapping[str, Any]) -> None:
    """Before the plugin's own on_config: it then keeps the registry given here, which
    leaves every page as it is, and reads no bibliography."""
    plugin = plugins[NAME]
    # Its on_config keeps its registry while no bibliography is newer than this time.
    plugin.last_configured = math.inf
    plugin.registry = _Inert(plugin.config.footnote_format)
    # Else it appends `\bibliography` to every page and lists there what it took for a
    # citation (an e-mail address in brackets), and rewrites these commands where an
    # editor wrote them: none is ever found now.
    plugin.config.bib_by_default = False
    plugin.config.bib_command = plugin.config.full_bib_command = _NEVER_WRITTEN
    # Its only news would be "No changes in bibfiles", true but of nothing it does.
    logging.getLogger("mkdocs.plugins.mkdocs-bibtex").setLevel(logging.WARNING)


# What the plugin's on_page_markdown asks of its registry (PandocRegistry's methods):
# each "citation" it finds is given back as written.
class _Inert:
    def __init__(self, footnote_format: str):
        self.footnote_format = footnote_format

    def validate_citation_blocks(self, citation_blocks: list[Any]) -> None:
        pass  # checked by citation_check.py, formatted before the plugin runs

    def validate_inline_references(self, inline_references: list[Any]) -> set[Any]:
        return set()

    def inline_text(self, citation_block: Any) -> str:
        return str(citation_block)

    def reference_text(self, citation: Any) -> str:
        return ""
