"""The exit from MkDocs 1.x, proven: ProperDocs 1.6.7 builds this site to the same pages,
and our hooks keep working under it."""

from __future__ import annotations

from pathlib import Path

from compare_builds import differing_files, main
from conftest import REAL_BUILD_ENV, build_site


def test_properdocs_builds_the_same_pages_as_mkdocs(fixture_project: Path, fixture_site: Path, tmp_path: Path):
    result = build_site(fixture_project, site_dir=tmp_path / "properdocs", env=REAL_BUILD_ENV, program="properdocs")

    assert result.returncode == 0, result.stderr
    assert differing_files(fixture_site, tmp_path / "properdocs", ignore_generator=True) == []
    # Only the generator tag tells the two apart.
    page = "articles/how-can-self-compassion-help-me/index.html"
    assert b"ProperDocs 1.6.7" in (tmp_path / "properdocs" / page).read_bytes()
    assert b"ProperDocs" not in (fixture_site / page).read_bytes()


def test_a_broken_link_built_by_properdocs_keeps_its_file_and_line(site_copy: Path):
    page = site_copy / "docs/disclaimer.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the old page](gone.md).\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")

    result = build_site(site_copy, program="properdocs")

    assert result.returncode == 1
    assert f"docs/disclaimer.md:{line}: Doc file 'disclaimer.md' contains a link 'gone.md'" in result.stderr


def test_compare_builds_names_each_differing_file(tmp_path: Path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        (site / "a").mkdir(parents=True)
    (first / "a/index.html").write_text('<meta name="generator" content="mkdocs-1.6.1">same', encoding="utf-8")
    (second / "a/index.html").write_text(
        '<meta name="generator" content="mkdocs-ProperDocs 1.6.7">same', encoding="utf-8"
    )
    (first / "page.html").write_text("old", encoding="utf-8")
    (second / "page.html").write_text("new", encoding="utf-8")
    (second / "extra.js").write_text("", encoding="utf-8")

    assert main([str(first), str(second)]) == 1
    assert capsys.readouterr().out.splitlines() == ["extra.js: only in " + str(second), "page.html: different content"]


def test_compare_builds_without_a_built_site_says_to_build_it(tmp_path: Path, capsys):
    (tmp_path / "built").mkdir()

    assert main([str(tmp_path / "built"), str(tmp_path / "never-built")]) == 2
    assert (
        capsys.readouterr().err == f"compare_builds: {tmp_path / 'never-built'} is not a built site; build it first\n"
    )
