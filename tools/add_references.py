"""`make add-references`: an entry in references.bib for every work a page cites by DOI
(`[@doi:10.1111/aphw.12127]`) that has none yet, fetched from doi.org (online).

Each entry is the one `make new-reference DOI=... ONLINE=1` prints: the agency's BibTeX
in the house style, with its key, and the build's notes on it. They are appended to
references.bib and each key added is printed; a second run adds nothing. With `--print`
nothing is written: CI shows the entries, ready to paste, in the run summary and (with
`--github`) as an annotation at each citation's line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from new_reference import FetchError, NewReferenceError, entry_problems, fetch_bibtex, normalised_entry
from psychoed.markdown_source import strip_front_matter
from psychoed.project_files import bib_path, read_page
from psychoed.references.bibliography import load_bibliography
from psychoed.references.doi_citations import doi_keys, unresolved_dois
from registries import registry_addresses

ROOT = Path(__file__).resolve().parent.parent

# What to do when doi.org gives no entry: ONLINE=1 is no option of this tool.
BY_HAND = "write its entry by hand at the end of references.bib (CONTRIBUTING.md, 'Templates to copy')"


@dataclass(frozen=True)
class Citation:
    doi: str
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--bib", type=Path, default=bib_path(ROOT), help="the bibliography (default: bib_file in mkdocs.yml)"
    )
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the pages (default: docs)")
    parser.add_argument("--print", dest="print_only", action="store_true", help="print the entries; write nothing")
    parser.add_argument("--github", action="store_true", help="also as GitHub annotations at each citation's line")
    parser.add_argument("--summary", type=Path, help="append the entries as Markdown here (the run summary)")
    args = parser.parse_args(argv)
    bibliography = load_bibliography(args.bib, display_path=args.bib.name)
    if not bibliography.readable:
        for problem in bibliography.problems:
            print(problem, file=sys.stderr)
        return 2
    citations = uncited_dois(args.docs, doi_keys(bibliography.entries.values()))
    if not citations:
        print(f"add-references: every DOI cited has its entry in {args.bib.name}; nothing to add")
        return 0
    keys = set(bibliography.entries)
    added: list[tuple[Citation, str, str, list[str]]] = []
    failed = 0
    for citation in citations:
        try:
            key, entry = normalised_entry(
                fetch_bibtex(citation.doi, resolver=registry_addresses()[0]), doi=citation.doi, existing_keys=keys
            )
        except FetchError as error:
            print(
                f"{citation.where}: no entry could be fetched for DOI {citation.doi}: {error.advice(BY_HAND)}",
                file=sys.stderr,
            )
            failed += 1
            continue
        except NewReferenceError as error:
            print(f"{citation.where}: no entry could be fetched for DOI {citation.doi}: {error}", file=sys.stderr)
            failed += 1
            continue
        keys.add(key)
        added.append((citation, key, entry, [problem.message for problem in entry_problems(entry)]))
    if not args.print_only and added:
        append_entries(args.bib, [entry for _, _, entry, _ in added])
    for citation, key, entry, notes in added:
        verb = "entry for" if args.print_only else "added"
        print(f"add-references: {verb} {key} (DOI {citation.doi}, cited at {citation.where})")
        if args.print_only:
            print(entry)
        for note in notes:
            print(f"  note: {note}")
        if args.github:
            print(annotation(citation, key, entry, bib=args.bib.name))
    if args.summary and added:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(markdown(added, bib=args.bib.name))
    if added and not args.print_only:
        print(f"add-references: check each entry against the publisher's page; {len(added)} added to {args.bib.name}")
    return 1 if failed else 0


def uncited_dois(docs: Path, keys: dict[str, str]) -> list[Citation]:
    """Each DOI cited with no entry, once (DOIs are case-insensitive), at its first citation."""
    found: dict[str, Citation] = {}
    for page in sorted(docs.rglob("*.md")):
        source, problem = read_page(page, display_path=str(page))
        if problem or source is None:
            continue  # the build reports it
        body, first_line = strip_front_matter(source)
        for doi, line in unresolved_dois(body, keys, first_line=first_line):
            found.setdefault(doi.lower(), Citation(doi, str(page), line))
    return list(found.values())


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def append_entries(bib: Path, entries: list[str]) -> None:
    text = bib.read_text(encoding="utf-8")
    separator = "" if text.endswith("\n\n") or not text else ("\n" if text.endswith("\n") else "\n\n")
    bib.write_text(text + separator + "\n".join(entries), encoding="utf-8")


def annotation(citation: Citation, key: str, entry: str, *, bib: str) -> str:
    """A GitHub workflow command: a notice at the citation's line holding the entry."""
    text = f"Paste this entry at the end of {bib} (or run make add-references), then the build finds DOI {citation.doi}:\n\n{entry}"
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::notice file={citation.path},line={citation.line},title=Entry for {key}::{escaped}"


def markdown(added: list[tuple[Citation, str, str, list[str]]], *, bib: str) -> str:
    lines = [
        f"## Entries for the DOIs cited with none in {bib}",
        "",
        f"Paste each at the end of `{bib}` (the web editor is enough), or run `make add-references`.",
        "",
    ]
    for citation, key, entry, notes in added:
        lines += [
            f"`{citation.where}` cites DOI {citation.doi}: `{key}`",
            "",
            "```bibtex",
            entry.rstrip("\n"),
            "```",
            "",
        ]
        lines += [f"- note: {note}" for note in notes] + ([""] if notes else [])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
