"""`make check-dois`: every entry of references.bib with a DOI is the work its registry
names, and no notice (retraction, correction, expression of concern) stands against it.

For the weekly workflow and for pull requests that change references.bib, never for
`make test` or the build (no network there). The build checks each DOI's form; this asks
Crossref, then doi.org (tools/registries.py), and compares (psychoed.references.registry_check).
Each finding is one line `references.bib:LINE: entry 'key': ...`, and any finding fails
the run. A DOI no registry answered for is reported and fails nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from psychoed.markdown_source import strip_front_matter
from psychoed.problems import Problem
from psychoed.project_files import bib_path, read_page
from psychoed.references.bibliography import Bibliography, Entry, check_bibliography, load_bibliography
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.doi import doi_problem
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations
from psychoed.references.registry_check import not_registered, registry_findings
from registries import Registries
from url_check import add_online_arguments, with_cached_client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib", type=Path, nargs="?", help="the bibliography (default: bib_file in mkdocs.yml)")
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the pages, to name those citing an entry under a notice"
    )
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="only the entries added or changed since git REF (a pull request's base); a registry that cannot be reached then fails nothing",
    )
    add_online_arguments(parser)
    args = parser.parse_args(argv)
    args.bib = args.bib or bib_path(Path())
    bibliography = load_bibliography(args.bib, display_path=str(args.bib))
    if not bibliography.readable:
        for problem in bibliography.problems:
            print(problem, file=sys.stderr)
        return 2
    entries = list(bibliography.entries.values())
    if args.changed_since:
        entries = changed_entries(bibliography, before=git_text(args.changed_since, args.bib))
    cited_at = citing_pages(args.docs, bibliography)
    findings, unchecked, asked = with_cached_client(
        args, Registries, lambda registries: check_entries(entries, registries, path=str(args.bib), cited_at=cited_at)
    )
    return report(findings, unchecked, asked=asked, markdown=args.report, network_may_fail=bool(args.changed_since))


def check_entries(
    entries: list[Entry], registries: Registries, *, path: str, cited_at: dict[str, list[str]]
) -> tuple[list[Problem], list[Problem], int]:
    """The findings, the entries no registry answered for, and how many DOIs were asked."""
    findings: list[Problem] = []
    unchecked: list[Problem] = []
    asked = 0
    for entry in entries:
        doi = entry.fields.get("doi", "").strip()
        if not doi or doi_problem(doi):
            continue  # no DOI, or a malformed one, which the build reports
        asked += 1
        lookup = registries.lookup(doi)
        if lookup.registered is None:
            line = entry.field_lines.get("doi", entry.line)
            unchecked.append(
                Problem(
                    path,
                    line,
                    f"entry '{entry.key}': DOI {doi} not checked: {lookup.detail}; nothing to fix: the weekly check (or `make check-dois`) asks again",
                )
            )
        elif not lookup.registered:
            findings.append(not_registered(entry, doi=doi, path=path))
        elif lookup.work is not None:
            findings += registry_findings(entry, lookup.work, doi=doi, path=path, cited_at=cited_at.get(entry.key, []))
    return findings, unchecked, asked


def report(
    findings: list[Problem],
    unchecked: list[Problem],
    *,
    asked: int,
    markdown: Path | None,
    network_may_fail: bool = False,
) -> int:
    """Print every finding as `path:line: message` (and each DOI not checked, as a warning);
    write the Markdown for the weekly issue when there is a finding; the exit status."""
    if markdown:
        markdown.unlink(missing_ok=True)
    findings = sorted(findings, key=lambda problem: problem.line or 0)
    for finding in findings:
        print(finding)
    for problem in unchecked:
        print(f"WARNING -  {problem}")
    summary = f"DOIs: {asked} asked: {len(findings)} {'finding' if len(findings) == 1 else 'findings'}, {len(unchecked)} not checked (no registry answered)"
    print(summary)
    if asked and len(unchecked) == asked and not network_may_fail:
        print(f"DOIs: not one of {asked} DOIs got an answer: the network is down here, not the DOIs", file=sys.stderr)
        return 1
    if markdown and findings:
        markdown.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "## DOIs",
            "",
            summary + ".",
            "",
            *(f"- `{f.path}:{f.line}`: {f.message}" for f in findings),
        ]
        if unchecked:
            lines += [
                "",
                "<details><summary>Not checked</summary>",
                "",
                *(f"- `{u.path}:{u.line}`: {u.message}" for u in unchecked),
                "",
                "</details>",
            ]
        markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if findings else 0


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def changed_entries(bibliography: Bibliography, *, before: str) -> list[Entry]:
    """The entries that are new, or whose text differs from `before` (the file at the base)."""
    old = check_bibliography(before, display_path=bibliography.path).entries
    return [
        entry
        for key, entry in bibliography.entries.items()
        if key not in old or " ".join(old[key].text.split()) != " ".join(entry.text.split())
    ]


def git_text(ref: str, path: Path) -> str:
    """`path` as it was at git `ref`; empty when it did not exist there."""
    shown = subprocess.run(["git", "show", f"{ref}:./{path.name}"], capture_output=True, text=True, cwd=path.parent)
    return shown.stdout if shown.returncode == 0 else ""


def citing_pages(docs: Path, bibliography: Bibliography) -> dict[str, list[str]]:
    """Each cited key's citations as `docs/page.md:LINE`, citations by DOI included."""
    keys = doi_keys(bibliography.entries.values())
    found: dict[str, list[str]] = defaultdict(list)
    for page in sorted(docs.rglob("*.md")):
        source, problem = read_page(page, display_path=str(page))
        if problem or source is None:
            continue
        body, first_line = strip_front_matter(resolve_doi_citations(source, keys))
        for block in find_citation_blocks(body, first_line=first_line):
            for key in dict.fromkeys(block.keys):
                found[key].append(f"{page}:{block.line}")
    return found


if __name__ == "__main__":
    sys.exit(main())
