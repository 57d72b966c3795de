"""The contract with mkdocs-bibtex (pinned at 4.4.0, archived), which
src/psychoed/references/bibtex_plugin.py relies on: kept inert, the plugin reads no
bibliography, starts no pandoc and leaves every page as it is; its settings are where
the site reads them. A new version, a fork or a replacement must pass these first."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs_bibtex import registry
from mkdocs_bibtex.plugin import BibTexPlugin

from psychoed.references.bibtex_plugin import keep_inert, options

PAGE = """# A page

Cited and formatted already: ([Inwood & Ferrari, 2018](#ref-inwood2018)).
Not citations: mail [hello@practice.example], `[@yip2021]`, @handle, \\bibliography and \\full_bibliography.
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "references.bib").write_text("@article{inwood2018, title = {T}, year = {2018}}\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "plugins": [{"bibtex": {"bib_file": "references.bib"}}]})
    errors, warnings = config.validate()
    assert not errors and not warnings
    keep_inert(config.plugins)

    def no_parse(*args, **kwargs):
        raise AssertionError("the plugin read the bibliography")

    monkeypatch.setattr(registry, "parse_file", no_parse)
    monkeypatch.setattr(registry.pypandoc, "convert_text", no_parse)
    plugin = config.plugins["bibtex"]
    assert isinstance(plugin, BibTexPlugin)
    plugin.on_config(config)
    return config


def test_the_pinned_version_is_the_one_this_contract_was_written_for():
    assert version("mkdocs-bibtex") == "4.4.0"


def test_kept_inert_it_reads_no_bibliography_and_is_handed_no_page(config):
    assert not [m for m in config.plugins.events["page_markdown"] if m.__self__ is config.plugins["bibtex"]]
    assert config.plugins.on_page_markdown(PAGE, page=None, config=config, files=None) == PAGE


def test_a_rebuild_under_serve_keeps_it_inert(config, tmp_path):
    (tmp_path / "references.bib").touch()  # newer than its last configuration
    keep_inert(config.plugins)  # as hooks/citations.py does on every build
    config.plugins["bibtex"].on_config(config)
    assert config.plugins.on_page_markdown(PAGE, page=None, config=config, files=None) == PAGE


def test_its_settings_are_read_from_mkdocs_yml_and_from_the_loaded_plugin(config):
    assert options(config.plugins) == config.plugins["bibtex"].config
    assert config.plugins["bibtex"].config["bib_file"] == "references.bib"
    assert options(["search", {"bibtex": {"bib_file": "references.bib"}}]) == {"bib_file": "references.bib"}
    assert options(["search", "bibtex"]) == {} and options(["search"]) is None
    assert {"bib_file", "csl_file", "bib_by_default", "footnote_format"} <= set(config.plugins["bibtex"].config)
