"""Under `mkdocs serve` the hook modules stay loaded between rebuilds: a fixed file must
clear its error, and nothing may leak from one build into the next."""

from __future__ import annotations

import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ARTICLE = "docs/articles/how-can-self-compassion-help-me.md"


def build_in_process(project):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)


def test_fixed_file_clears_its_error_on_the_next_rebuild(site_copy, caplog, monkeypatch):
    monkeypatch.chdir(site_copy)
    article = site_copy / ARTICLE
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("[@inwood2018]", "[@inwod2018]"), encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(site_copy)
    assert "unknown citation key 'inwod2018'" in caplog.text

    caplog.clear()
    article.write_text(good, encoding="utf-8")
    build_in_process(site_copy)
    assert "inwod2018" not in caplog.text
    html = (site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html").read_text(encoding="utf-8")
    assert html.count('id="ref-inwood2018"') == 1


def test_rebuild_with_unchanged_citations_starts_no_pandoc_and_gives_the_same_html(site_copy, monkeypatch):
    monkeypatch.chdir(site_copy)
    page = site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html"
    build_in_process(site_copy)
    first = page.read_text(encoding="utf-8")

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc started for a run the last build formatted")

    # The module the hooks imported, which `serve` keeps between builds.
    monkeypatch.setattr(sys.modules["apa"], "format_run", no_pandoc)
    build_in_process(site_copy)
    assert page.read_text(encoding="utf-8") == first
