"""`make add-references`: every DOI cited with no entry gets one, fetched from the
stand-in doi.org on 127.0.0.1 (tests/registry_server.py)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import add_references
from conftest import build_checks, build_site
from psychoed.references.bibliography import load_bibliography
from registry_server import FIXTURES, RegistryServer

NEFF = "10.1080/15298860309032"


@pytest.fixture
def registry(monkeypatch) -> Iterator[RegistryServer]:
    with RegistryServer() as server:
        monkeypatch.setenv("DOI_RESOLVER", server.resolver)
        yield server


@pytest.fixture
def project(tmp_path) -> Path:
    entries = load_bibliography(FIXTURES / "references.bib", display_path="references.bib").entries
    (tmp_path / "references.bib").write_text(entries["allen2014"].text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        f"# A\n\nOne [@doi:{NEFF}].\n\nAgain [see @doi:{NEFF.upper()}, p. 2; @doi:10.1037/a0035173].\n",
        encoding="utf-8",
    )
    return tmp_path


def run(project: Path, *options: str) -> int:
    return add_references.main(["--bib", str(project / "references.bib"), "--docs", str(project / "docs"), *options])


def test_each_doi_without_an_entry_is_added_once_in_the_house_style_and_a_rerun_adds_nothing(registry, project, capsys):
    assert run(project) == 0
    out = capsys.readouterr().out
    assert f"add-references: added neff2003 (DOI {NEFF}, cited at {project}/docs/a.md:3)" in out
    bib = (project / "references.bib").read_text(encoding="utf-8")
    assert bib.count("@article{") == 2
    assert (
        "@article{neff2003,\n  author  = {Neff, Kristin D.},\n"
        "  title   = {The Development and Validation of a Scale to Measure Self-Compassion},\n"
        "  journal = {Self and Identity},\n  year    = {2003},\n  volume  = {2},\n  number  = {3},\n"
        f"  pages   = {{223--250}},\n  doi     = {{{NEFF}}},\n}}\n"
    ) in bib
    assert load_bibliography(project / "references.bib", display_path="references.bib").problems == []
    assert [path for path, _ in registry.requests] == [f"/resolver/{NEFF}"]

    assert run(project) == 0
    assert (
        capsys.readouterr().out == "add-references: every DOI cited has its entry in references.bib; nothing to add\n"
    )
    assert (project / "references.bib").read_text(encoding="utf-8") == bib


def test_unregistered_doi_is_named_at_its_citation_and_fails(registry, project, capsys):
    (project / "docs" / "b.md").write_text("# B\n\nA claim [@doi:10.9999/never.registered].\n", encoding="utf-8")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert f"{project}/docs/b.md:3: no entry could be fetched for DOI 10.9999/never.registered: 127.0.0.1:" in err
    assert "knows no DOI 10.9999/never.registered; check it against the publisher's page" in err
    assert "neff2003" in (project / "references.bib").read_text(encoding="utf-8")  # the others are still added


def test_print_mode_writes_nothing_and_gives_ci_the_entry_to_paste(registry, project, capsys, tmp_path):
    before = (project / "references.bib").read_text(encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert run(project, "--print", "--github", "--summary", str(summary)) == 0
    assert (project / "references.bib").read_text(encoding="utf-8") == before
    out = capsys.readouterr().out
    notice = next(line for line in out.splitlines() if line.startswith("::notice "))
    assert notice.startswith(
        f"::notice file={project}/docs/a.md,line=3,title=Entry for neff2003::Paste this entry at the end of references.bib"
    )
    assert "%0A%0A@article{neff2003,%0A  author  = {Neff, Kristin D.},%0A" in notice
    text = summary.read_text(encoding="utf-8")
    assert f"`{project}/docs/a.md:3` cites DOI {NEFF}: `neff2003`" in text
    assert re.search(r"```bibtex\n@article\{neff2003,\n.*\n\}\n```", text, re.DOTALL)


def test_added_entry_lets_the_site_build_and_print_the_citation(registry, site_copy):
    article = site_copy / "docs" / "articles" / "how-can-self-compassion-help-me.md"
    article.write_text(
        article.read_text(encoding="utf-8") + f"\nA scale measures it [@doi:{NEFF}].\n", encoding="utf-8"
    )
    # No entry has the DOI yet: the build's checks (in process) stop it at the citation's line.
    told = [problem for problem in build_checks(site_copy) if "has DOI" in problem.message]
    assert [(problem.line, problem.warning) for problem in told] == [
        (article.read_text(encoding="utf-8").count("\n"), False)
    ]
    assert run(site_copy) == 0
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    html = (site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "A scale measures it (" in html and "Neff, 2003" in html


def test_doi_org_out_of_reach_is_told_with_what_to_do_without_it(project, capsys, monkeypatch):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("DOI_RESOLVER", f"http://127.0.0.1:{port}/")
    (project / "docs" / "b.md").write_text("# B\n\nA claim [@doi:10.9999/any].\n", encoding="utf-8")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert f"docs/b.md:3: no entry could be fetched for DOI 10.9999/any: could not reach 127.0.0.1:{port} (" in err
    assert "; check the connection, or write its entry by hand at the end of references.bib" in err
    assert "ONLINE=1" not in err  # new-reference's option, not this tool's


def test_unreadable_bibliography_is_told_at_its_line_and_nothing_is_fetched(registry, project, capsys):
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") * 2, encoding="utf-8")  # the same key twice
    before = bib.read_text(encoding="utf-8")
    assert run(project) == 2
    err = capsys.readouterr().err
    assert re.search(r"references\.bib:\d+: .*duplicate key 'allen2014'", err)
    assert registry.requests == []
    assert bib.read_text(encoding="utf-8") == before
