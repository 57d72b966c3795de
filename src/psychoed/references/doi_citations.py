"""Citations by DOI: `[@doi:10.1111/aphw.12127]` is the entry of references.bib with that
DOI, and prints exactly as citing its key would.

The DOI is rewritten to the entry's key in the page's Markdown before anything else reads
its citations (the checks, the pandoc runs, mkdocs-bibtex), on the same line, so every
line number stays the editor's. A DOI with no entry is told at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from psychoed.problems import Problem
from psychoed.references.bibliography import Entry
from psychoed.references.citation_syntax import blank_code

# `@doi:` and a DOI, up to what ends a citation's item (white space, `;`, `,`, `]`) and
# without a sentence's trailing `.` or `:`. Not after a word character (an e-mail
# address); after `-` it is a citation that leaves out the author (`[-@doi:...]`).
DOI_CITATION = re.compile(r"(?<![\w.+@/])@doi:(?P<doi>10\.\d+(?:\.\d+)*/[^\s;,\[\]]*[^\s;,.:\[\]])", re.IGNORECASE)


def doi_keys(entries: Iterable[Entry]) -> dict[str, str]:
    """Each entry's DOI, lower-cased (DOIs are case-insensitive), to its key."""
    return {entry.fields["doi"].strip().lower(): entry.key for entry in entries if entry.fields.get("doi", "").strip()}


def resolve_doi_citations(markdown: str, keys: dict[str, str], *, blank_unknown: bool = False) -> str:
    """`@doi:X` outside code as `@key` of the entry with DOI X; one with no entry is left
    as written, or blanked (`blank_unknown`) for a check that reports it on its own."""
    masked = blank_code(markdown)
    parts, done = [], 0
    for match in DOI_CITATION.finditer(masked):
        key = keys.get(match.group("doi").lower())
        if key is None and not blank_unknown:
            continue
        parts += [markdown[done : match.start()], f"@{key}" if key else " " * len(match.group(0))]
        done = match.end()
    parts.append(markdown[done:])
    return "".join(parts)


def unresolved_dois(markdown: str, keys: dict[str, str], *, first_line: int = 1) -> list[tuple[str, int]]:
    """Every `@doi:X` outside code whose DOI has no entry, with its line."""
    masked = blank_code(markdown)
    return [
        (match.group("doi"), first_line + masked.count("\n", 0, match.start()))
        for match in DOI_CITATION.finditer(masked)
        if match.group("doi").lower() not in keys
    ]


def unresolved_problem(doi: str, *, path: str, line: int, bib_path: str) -> Problem:
    """The build's message for a DOI cited with no entry."""
    return Problem(
        path,
        line,
        (
            f"no entry of {bib_path} has DOI {doi}; run `make add-references` to add its entry from doi.org "
            f"(online), or write it by hand (make new-reference DOI={doi})"
        ),
    )
