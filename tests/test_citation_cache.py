"""Pandoc's output is kept on disk per page: a build whose citations, entries, style and
pandoc are unchanged starts no pandoc, and a change to any of them formats the page anew.
The checked bibliography is kept too: an unchanged one is not parsed again."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE
from in_process import run_mkdocs
from psychoed.references import citation_cache
from psychoed.references.bibliography import check_bibliography
from psychoed.references.citation_cache import PRUNE_AFTER_DAYS, CitationCache, cached_bibliography, pandoc_version
from psychoed.references.pandoc_runs import Formatted, PandocError, apa_style_path, pandoc_path, style_text
from test_serve_rebuild import build_in_process

PAGE = Path("site/articles/how-can-self-compassion-help-me/index.html")
ENTRY = "@article{inwood2018,\n  author = {Inwood, Eleanor and Ferrari, Michel},\n  title = {Mechanisms of change},\n  year = {2018}\n}\n"


@pytest.fixture
def cache(tmp_path: Path) -> CitationCache:
    return CitationCache(tmp_path / "cache", csl="<style/>", pandoc=pandoc_path())


def test_stored_page_reads_back_as_it_was_formatted(cache):
    formatted = Formatted(
        {"[@inwood2018]": "([Inwood & Ferrari, 2018](#ref-inwood2018))"}, {"inwood2018": "Inwood, E."}
    )
    key = cache.key(["[@inwood2018]"], ENTRY)
    cache.put(key, formatted)
    assert cache.get(key) == formatted


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param((["[@inwood2018, p. 3]"], ENTRY), id="the page's citation"),
        pytest.param((["[@inwood2018]", "[@inwood2018]"], ENTRY), id="a citation more"),
        pytest.param((["[@inwood2018]"], ENTRY.replace("2018}", "2019}")), id="an entry's field"),
    ],
)
def test_key_changes_with_the_pages_citations_and_its_entries(cache, changed):
    assert cache.key(*changed) != cache.key(["[@inwood2018]"], ENTRY)


def test_entry_added_after_the_last_leaves_the_pages_citing_that_one_as_they_were(cache):
    # As CONTRIBUTING tells editors to add one: at the end of the file, after a blank line.
    before = check_bibliography(ENTRY, display_path="references.bib")
    added = (
        ENTRY
        + "\n% Added in December\n@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-compassion},\n  year = {2011}\n}\n"
    )
    after = check_bibliography(added, display_path="references.bib")
    assert after.entries["inwood2018"].pandoc == before.entries["inwood2018"].pandoc
    assert cache.key(["[@inwood2018]"], after.entries["inwood2018"].pandoc) == cache.key(
        ["[@inwood2018]"], before.entries["inwood2018"].pandoc
    )


def test_key_changes_with_the_style(tmp_path):
    one = CitationCache(tmp_path, csl="<style/>", pandoc=pandoc_path())
    other = CitationCache(tmp_path, csl='<style class="note"/>', pandoc=pandoc_path())
    assert one.key(["[@inwood2018]"], ENTRY) != other.key(["[@inwood2018]"], ENTRY)


def test_key_changes_with_pandocs_version_which_is_asked_once_per_binary(tmp_path):
    installed, upgraded = (
        fake_pandoc(tmp_path / "installed", "pandoc 3.9"),
        fake_pandoc(tmp_path / "upgraded", "pandoc 3.10"),
    )
    keys = [
        CitationCache(tmp_path / "cache", csl="", pandoc=str(p)).key(["[@a]"], ENTRY) for p in (installed, upgraded)
    ]
    assert keys[0] != keys[1]

    assert pandoc_version(str(installed), folder=tmp_path / "cache") == "pandoc 3.9"
    assert (tmp_path / "installed.log").read_text().splitlines() == ["asked"]  # a warm build starts no pandoc


@pytest.mark.parametrize("pandoc", ["/nonexistent/pandoc", "/bin/false"])
def test_a_pandoc_that_does_not_run_is_named_with_the_setting_to_fix(tmp_path, pandoc):
    with pytest.raises(PandocError, match=rf"pandoc '{pandoc}' does not run .*set PYPANDOC_PANDOC to a working pandoc"):
        pandoc_version(pandoc, folder=tmp_path)


@pytest.mark.parametrize("stored", ['{"inline": {', "[1, 2]", '{"inline": {}}'])
def test_an_entry_not_as_written_is_formatted_again(cache, tmp_path, stored):
    key = cache.key(["[@inwood2018]"], ENTRY)
    cache.put(key, Formatted({}, {}))
    next((tmp_path / "cache").glob("??/*.json")).write_text(stored, encoding="utf-8")
    assert cache.get(key) is None


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path):
    (tmp_path / "cache").write_text("a file where the folder would be")
    cache = CitationCache(tmp_path / "cache", csl="", pandoc=pandoc_path())
    cache.put(cache.key(["[@a]"], ENTRY), Formatted({"[@a]": "(A, 2020)"}, {}))
    assert cache.get(cache.key(["[@a]"], ENTRY)) is None


def test_entry_unused_for_a_month_is_pruned_and_a_used_one_kept(cache, tmp_path):
    old, used = (cache.key([f"[@{key}]"], ENTRY) for key in ("old", "used"))
    for key in (old, used):
        cache.put(key, Formatted({}, {}))
    for path in (tmp_path / "cache").glob("??/*.json"):
        month_ago = path.stat().st_mtime - (PRUNE_AFTER_DAYS + 1) * 86400
        os.utime(path, (month_ago, month_ago))
    cache.get(used)
    cache.prune()
    assert cache.get(old) is None
    assert cache.get(used) == Formatted({}, {})


def read_from_disk(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch):
    """`path` checked as a new build would: nothing in memory, no checking allowed."""
    citation_cache._checked.cache_clear()

    def no_check(*args, **kwargs):
        raise AssertionError("checked again")

    with monkeypatch.context() as patch:
        patch.setattr(citation_cache, "check_bibliography", no_check)
        return cached_bibliography(path, display_path="references.bib", folder=folder)


def test_checked_bibliography_reads_back_from_disk_as_it_was_checked(tmp_path, monkeypatch):
    # Problems of every kind: an error, a warning (unused entry aside) and a field pybtex reads.
    bib = tmp_path / "references.bib"
    bib.write_text(
        ENTRY + "@book{neff2011, author = {Neff, Kristin}, title = {Self-compassion}, year = {2011}, doi = {10.1/x}}\n"
        "@article{yip2021, author = {Yip, V.}, title = {T}, year = {20021}}\n",
        encoding="utf-8",
    )
    checked = cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache")
    assert checked.problems and checked.written_dois
    assert read_from_disk(bib, tmp_path / "cache", monkeypatch) == checked
    assert checked == check_bibliography(bib.read_text(encoding="utf-8"), display_path="references.bib")


def test_a_stored_bibliography_half_written_or_not_ours_is_checked_again(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(ENTRY, encoding="utf-8")
    checked = cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache")
    (stored,) = (tmp_path / "cache" / "bibliography").glob("*.json")
    for text in ('{"path": "references.bib", "entries"', '{"entries": {}}'):
        stored.write_text(text, encoding="utf-8")
        citation_cache._checked.cache_clear()
        assert cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache") == checked


def test_edited_bibliography_is_checked_anew_and_an_unreadable_one_told(tmp_path, monkeypatch):
    bib = tmp_path / "references.bib"
    bib.write_text(ENTRY, encoding="utf-8")
    cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache")
    bib.write_text(ENTRY.replace("2018}", "2018"), encoding="utf-8")
    edited = cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache")
    assert [p.line for p in edited.problems if p.fatal] and not edited.readable
    bib.unlink()
    (missing,) = cached_bibliography(bib, display_path="references.bib", folder=tmp_path / "cache").problems
    assert str(missing) == "references.bib:1: file not found; bib_file in mkdocs.yml must name it"


# ---------------------------------------------------------------------------------------
# In the build
# ---------------------------------------------------------------------------------------


def test_warm_build_starts_no_pandoc_and_an_edited_entry_or_citation_is_formatted_anew(site_copy, monkeypatch):
    monkeypatch.chdir(site_copy)
    monkeypatch.delenv(citation_cache.FOLDER_SETTING, raising=False)
    first = build_counting_pandoc(site_copy, monkeypatch)
    assert first.runs > 0
    assert list((site_copy / ".cache" / "citations").glob("??/*.json"))

    warm = build_counting_pandoc(site_copy, monkeypatch)
    assert warm.runs == 0
    assert warm.html == first.html

    bib = site_copy / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Inwood, Elisa", "Inwooding, Elisa"), encoding="utf-8")
    edited = build_counting_pandoc(site_copy, monkeypatch)
    assert edited.runs > 0
    assert "Inwooding" in edited.html

    article = site_copy / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("[@inwood2018]", "[@inwood2018, p. 217]", 1))
    cited = build_counting_pandoc(site_copy, monkeypatch)
    assert "2018, p. 217" in cited.html


def test_a_verbose_build_says_how_many_pages_the_cache_held_and_the_pandoc_runs_it_started(site_copy):
    env = {name: value for name, value in os.environ.items() if name != citation_cache.FOLDER_SETTING}
    folder = site_copy / ".cache" / "citations"
    said = re.compile(r"Citations of (\d+) pages: (\d+) from the cache in (.+), (\d+) to format in (\d+) pandoc runs")

    def build() -> tuple[int, ...]:
        result = run_mkdocs(["build", "--strict", "--clean", "--verbose"], cwd=site_copy, env=env)
        assert result.returncode == 0, result.stderr
        found = said.search(result.stderr)
        assert found, result.stderr[-3000:]
        assert found.group(3) == str(folder)
        return tuple(int(found.group(index)) for index in (1, 2, 4, 5))

    pages, cached, missing, runs = build()
    assert pages > 0 and cached == 0 and missing == pages and runs > 0
    assert build() == (pages, pages, 0, 0)


def test_edited_style_file_formats_every_page_anew(site_copy, monkeypatch):
    monkeypatch.chdir(site_copy)
    monkeypatch.delenv(citation_cache.FOLDER_SETTING, raising=False)
    build_counting_pandoc(site_copy, monkeypatch)
    style = site_copy / "apa-edited.csl"
    style.write_text(style_text(apa_style_path()).replace("<macro ", "<macro \n ", 1), encoding="utf-8")
    config = site_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("bib_file:", "csl_file: apa-edited.csl\n      bib_file:")
    )
    assert build_counting_pandoc(site_copy, monkeypatch).runs > 0


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


class Built:
    def __init__(self, runs: int, html: str):
        self.runs = runs
        self.html = html


def build_counting_pandoc(project: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    apa = sys.modules["psychoed.references.pandoc_runs"]  # the module the hooks imported
    real = apa.format_run
    runs = []

    def counted(*args, **kwargs):
        runs.append(args)
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(apa, "format_run", counted)
        build_in_process(project)
    return Built(len(runs), (project / PAGE).read_text(encoding="utf-8"))


def fake_pandoc(path: Path, version: str) -> Path:
    path.write_text(f"#!/bin/sh\necho asked >> '{path}.log'\necho '{version}'\n")
    path.chmod(0o755)
    return path
