"""`make check-dois` end to end against the stand-in registries on 127.0.0.1: the real
request shapes, retries and the report; the comparison's own rows are in
test_registry_check.py."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import doi_check
from psychoed.problems import Problem
from psychoed.references.bibliography import load_bibliography
from registries import Registries
from registry_server import FIXTURES, RegistryServer


@pytest.fixture
def registry(monkeypatch) -> Iterator[RegistryServer]:
    with RegistryServer() as server:
        monkeypatch.setenv("CROSSREF_API", server.crossref_api)
        monkeypatch.setenv("DOI_RESOLVER", server.resolver)
        yield server


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copy(FIXTURES / "references.bib", tmp_path / "references.bib")
    (tmp_path / "docs" / "articles").mkdir(parents=True)
    (tmp_path / "docs" / "articles" / "stem-cells.md").write_text(
        "# Stem cells\n\nA claim [@hwang2005].\n\nAnother [see @doi:10.1126/SCIENCE.1112286, p. 3; @allen2014].\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> int:
    return doi_check.main(["references.bib", "--cache", ".cache/online-checks.json", *args])


def test_every_finding_is_one_line_at_its_entry_and_fails_the_run(registry, project, capsys):
    assert run("--report", "reports/dois.md") == 1
    out = capsys.readouterr().out.splitlines()
    findings = [line for line in out if line.startswith("references.bib:")]
    assert [line.split(":")[1] + " " + line.split("'")[1] for line in findings] == [
        "61 neff2003",
        "65 smith2003",
        "79 neff2013",
        "94 hwang2005",
        "104 lindqvist2019",
        "115 allen2014",
        "126 parker2014",
        "137 hwang2006",
        "147 ghost2020",
    ]
    assert "cited by docs/articles/stem-cells.md:3, docs/articles/stem-cells.md:5; remove or rewrite" in findings[3]
    assert "cited by docs/articles/stem-cells.md:5; read the notice" in findings[5]
    assert findings[-1] == (
        "references.bib:147: entry 'ghost2020': DOI 10.9999/never.registered is not registered "
        "(Crossref and doi.org know no such DOI); copy it again from the publisher's page"
    )
    assert out[-1] == "DOIs: 14 asked: 9 findings, 0 not checked (no registry answered)"
    issue = (project / "reports" / "dois.md").read_text(encoding="utf-8")
    assert issue.startswith("## DOIs\n\nDOIs: 14 asked: 9 findings")
    assert "- `references.bib:94`: entry 'hwang2005': DOI 10.1126/science.1112286 was retracted" in issue


def test_without_a_file_named_the_check_reads_the_bibliography_mkdocs_yml_names(registry, project, capsys):
    (project / "sources").mkdir()
    (project / "references.bib").rename(project / "sources" / "works.bib")
    (project / "mkdocs.yml").write_text("plugins:\n  - bibtex:\n      bib_file: sources/works.bib\n", encoding="utf-8")

    assert doi_check.main(["--cache", ".cache/online-checks.json"]) == 1
    findings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("sources/works.bib:")]
    assert len(findings) == 9 and findings[-1].startswith("sources/works.bib:147: entry 'ghost2020'")


def test_crossref_is_asked_first_and_doi_org_only_for_what_crossref_does_not_know(registry, project):
    run()
    crossref = [path for path in registry.paths() if path.startswith("/crossref/")]
    resolver = [path for path in registry.paths() if path.startswith("/resolver/")]
    assert len(crossref) == 13  # two entries share a DOI: asked once
    assert resolver == ["/resolver/10.5281/zenodo.7654321", "/resolver/10.9999/never.registered"]
    accept = {path: headers["Accept"] for path, headers in registry.requests}
    assert accept["/resolver/10.5281/zenodo.7654321"] == "application/vnd.citationstyles.csl+json"


def test_correct_entries_alone_pass_with_exit_zero_and_no_issue(registry, project, capsys):
    bib = load_bibliography(project / "references.bib", display_path="references.bib")
    keep = ["yip2021", "yela2022", "muller2019", "hwang2021", "simic2023"]
    (project / "references.bib").write_text("\n".join(bib.entries[key].text for key in keep), encoding="utf-8")
    assert run("--report", "reports/dois.md") == 0
    assert capsys.readouterr().out.splitlines() == ["DOIs: 5 asked: 0 findings, 0 not checked (no registry answered)"]
    assert not (project / "reports" / "dois.md").exists()


def test_requests_name_the_project_and_its_contact_for_crossrefs_polite_pool(registry, project, monkeypatch):
    monkeypatch.setenv("CROSSREF_MAILTO", "editors@example.org")
    run()
    agent = registry.requests[0][1]["User-Agent"]
    assert agent.startswith("grow-true-psychoeducation (https://github.com/") and agent.endswith(
        "mailto:editors@example.org"
    )


def test_answers_are_cached_so_a_rerun_asks_no_registry(registry, project):
    run()
    asked = len(registry.requests)
    run()
    assert len(registry.requests) == asked


def test_a_damaged_answer_in_the_cache_is_asked_again(registry, project):
    run()
    cache = project / ".cache" / "online-checks.json"
    kept = json.loads(cache.read_text(encoding="utf-8"))
    for entry in kept.values():
        entry["answer"] = {"status": 200}  # its body lost
    cache.write_text(json.dumps(kept), encoding="utf-8")
    asked = len(registry.requests)
    assert run() == 1
    assert len(registry.requests) > asked


ONE = "/crossref/works/10.1037/a0035173"


def entries(project: Path, key: str):
    return [load_bibliography(project / "references.bib", display_path="references.bib").entries[key]]


def test_429_is_retried_after_retry_after_then_checked(registry, project):
    registry.script[ONE] = [(429, {"Retry-After": "7"})]
    sleeps: list[float] = []
    findings, unchecked, _ = doi_check.check_entries(
        entries(project, "allen2014"), Registries(sleep=sleeps.append, backoff=1.0), path="references.bib", cited_at={}
    )
    assert sleeps == [7.0] and not unchecked
    assert "was corrected" in findings[0].message


def test_server_errors_leave_the_doi_not_checked_never_failed(registry, project):
    registry.script[ONE] = [(503, {})] * 3
    findings, unchecked, _ = doi_check.check_entries(
        entries(project, "allen2014"), Registries(sleep=lambda _: None, retries=2), path="references.bib", cited_at={}
    )
    assert findings == []
    assert [str(p) for p in unchecked] == [
        "references.bib:115: entry 'allen2014': DOI 10.1037/a0035173 not checked: "
        f"127.0.0.1:{registry.url.rsplit(':', 1)[1]}: 503 Service Unavailable, 3 attempts; nothing to fix: the weekly check (or `make check-dois`) asks again"
    ]


def test_timeout_leaves_the_doi_not_checked(registry, project):
    registry.script[ONE] = [1.0, 1.0]
    _, unchecked, _ = doi_check.check_entries(
        entries(project, "allen2014"),
        Registries(sleep=lambda _: None, retries=1, timeout=0.2),
        path="references.bib",
        cited_at={},
    )
    assert unchecked[0].message.endswith(
        "timed out, 2 attempts; nothing to fix: the weekly check (or `make check-dois`) asks again"
    )


def test_unreachable_registries_are_a_network_failure_weekly_but_never_fail_a_pull_request(
    project, monkeypatch, capsys
):
    with socket.socket() as probe:  # a port that was free a moment ago and has no server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("CROSSREF_API", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("DOI_RESOLVER", f"http://127.0.0.1:{port}/")
    bib = load_bibliography(project / "references.bib", display_path="references.bib")
    (project / "references.bib").write_text(bib.entries["allen2014"].text, encoding="utf-8")
    monkeypatch.setattr(
        doi_check, "Registries", lambda **options: Registries(sleep=lambda _: None, retries=0, **options)
    )
    assert run() == 1
    assert "the network is down here, not the DOIs" in capsys.readouterr().err
    subprocess.run(["git", "init", "-q"], check=True)
    assert run("--changed-since", "HEAD") == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"WARNING -  references.bib:9: entry 'allen2014': DOI 10.1037/a0035173 not checked: 127.0.0.1:{port}: connection refused"
    )


def test_a_pull_request_checks_only_the_entries_it_adds_or_changes(registry, project, capsys):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run([*git, "add", "references.bib"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    text = (project / "references.bib").read_text(encoding="utf-8")
    text = text.replace(
        "year    = {2014},\n  volume  = {106}", "year    = {2014},\n  volume  = {106},\n  note    = {changed}"
    )
    text += "\n@article{new2024,\n  author  = {Neff, Kristin D.},\n  title   = {New},\n  journal = {J},\n  year    = {2024},\n  volume  = {1},\n  pages   = {1--2},\n  doi     = {10.9999/new},\n}\n"
    (project / "references.bib").write_text(text, encoding="utf-8")
    assert run("--changed-since", "HEAD") == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split("'")[1] for line in out if line.startswith("references.bib:")] == ["allen2014", "new2024"]


def test_the_issue_lists_the_dois_not_checked_after_the_findings(tmp_path, capsys):
    finding = Problem("references.bib", 9, "entry 'b': DOI 10.1/b is not registered")
    unchecked = Problem("references.bib", 3, "entry 'a': DOI 10.1/a not checked: timed out")
    assert doi_check.report([finding], [unchecked], asked=2, markdown=tmp_path / "reports" / "dois.md") == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        "references.bib:9: entry 'b': DOI 10.1/b is not registered",
        "WARNING -  references.bib:3: entry 'a': DOI 10.1/a not checked: timed out",
    ]
    issue = (tmp_path / "reports" / "dois.md").read_text(encoding="utf-8")
    assert issue.endswith(
        "- `references.bib:9`: entry 'b': DOI 10.1/b is not registered\n\n<details><summary>Not checked</summary>\n\n"
        "- `references.bib:3`: entry 'a': DOI 10.1/a not checked: timed out\n\n</details>\n"
    )


def test_unreadable_bibliography_is_told_at_its_line_and_no_registry_is_asked(registry, project, capsys):
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@article{allen2014, title = {Again}}\n", encoding="utf-8")
    assert run() == 2
    assert re.search(r"references\.bib:\d+: duplicate key 'allen2014'", capsys.readouterr().err)
    assert registry.requests == []
