"""Citations by DOI: `[@doi:10.1111/aphw.12127]` is the entry of references.bib with that
DOI, and prints exactly as citing its key would.

The DOI is rewritten to the entry's key in the page's Markdown before anything else reads
its citations (the checks, the pandoc runs), on the same line, so every
line number stays the editor's. A DOI with no entry is told at its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from psychoed.markdown_source import blank_code, line_at
from psychoed.problems import Problem
from psychoed.references.bibliography import Entry
from psychoed.references.citation_syntax import CitationBlock, find_citation_blocks, join_wrapped_citations

# A DOI in a citation, up to what ends a citation's item (white space, `;`, `,`, `]`) and
# without a sentence's trailing `.` or `:`. A `;` or `,` inside one is its own (an old
# Wiley DOI: `...<825::AID-JCLP10>3.0.CO;2-N`), where no space, `@`, `-` or `]` follows.
_CITED_DOI = r"(?P<doi>10\.\d+(?:\.\d+)*/(?:[^\s;,\[\]]|[;,](?![\s@\]-]))*[^\s;,.:\[\]])"
# `@doi:` and a DOI. Not after a word character (an e-mail address); after `-` it is a
# citation that leaves out the author (`[-@doi:...]`).
DOI_CITATION = re.compile(rf"(?<![\w.+@/])@doi:{_CITED_DOI}", re.IGNORECASE)
# What DOI_CITATION starts with, found 50 times faster than by it: most pages have none.
_DOI_MARK = re.compile("@doi:", re.IGNORECASE)
# A square bracket that is no link's text (not followed by `(`, `[` or a definition's `:`).
_BRACKET = re.compile(r"\[[^\[\]]*\](?![(\[:])")
# Within it, a DOI as an editor pastes it: after `@` or not, with `doi:` (and spaces) or the
# doi.org address before it, or bare after `@`.
_MISSHAPEN = re.compile(
    r"(?<![\w.+/])(?P<at>@?)(?P<prefix>doi:\s*(?:https?://(?:dx\.)?doi\.org/)?|https?://(?:dx\.)?doi\.org/|(?<=@))"
    + _CITED_DOI,
    re.IGNORECASE,
)


def doi_keys(entries: Iterable[Entry]) -> dict[str, str]:
    """Each entry's DOI, lower-cased (DOIs are case-insensitive), to its key."""
    return {entry.fields["doi"].strip().lower(): entry.key for entry in entries if entry.fields.get("doi", "").strip()}


def resolve_doi_citations(markdown: str, keys: dict[str, str], *, blank_unknown: bool = False) -> str:
    """`@doi:X` outside code as `@key` of the entry with DOI X; one with no entry is left
    as written, or blanked (`blank_unknown`) for a check that reports it on its own."""
    if not _DOI_MARK.search(markdown):
        return markdown
    masked = blank_code(markdown)
    parts, done = [], 0
    for match in DOI_CITATION.finditer(masked):
        key = keys.get(match.group("doi").lower())
        if key is None and not blank_unknown:
            continue
        if key:
            parts += [markdown[done : match.start()], f"@{key}"]
            done = match.end()
            continue
        # Blanked with its ';' to the work before it, or after it, so that the works left
        # read as a citation ("[@a;          ]" would be told as words after a key).
        start, end = match.start(), match.end()
        if before := re.search(r";\s*$", masked[done:start]):
            start = done + before.start()
        elif after := re.match(r"\s*;", masked[end:]):
            end += after.end()
        parts += [markdown[done:start], re.sub(r"[^\n]", " ", markdown[start:end])]
        done = end
    parts.append(markdown[done:])
    return "".join(parts)


def citations_to_format(markdown: str, keys: dict[str, str]) -> tuple[str, list[CitationBlock]]:
    """A page's Markdown as its citations are formatted (each by DOI as its entry's key,
    each wrapped over lines on one line), and the citation blocks pandoc formats in it."""
    markdown = join_wrapped_citations(resolve_doi_citations(markdown, keys))
    return markdown, find_citation_blocks(markdown)


def as_written_by_doi(message: str, line: str, keys: dict[str, str]) -> str:
    """`message`, about a line the checks read with its citations by DOI made citations by key,
    quoting them as `line` writes them (`@doi:10.7326/M14-2841`, not `@trauer2015`)."""
    for match in DOI_CITATION.finditer(line):
        key = keys.get(match.group("doi").lower())
        if key and f"@{key}" not in line:
            message = re.sub(rf"@{re.escape(key)}(?![\w-])", match.group(0).replace("\\", "\\\\"), message)
    return message


def unresolved_dois(markdown: str, keys: dict[str, str], *, first_line: int = 1) -> list[tuple[str, int]]:
    """Every `@doi:X` outside code whose DOI has no entry, with its line."""
    if not _DOI_MARK.search(markdown):
        return []
    masked = blank_code(markdown)
    return [
        (match.group("doi"), line_at(masked, match.start(), first_line=first_line))
        for match in DOI_CITATION.finditer(masked)
        if match.group("doi").lower() not in keys
    ]


def misshapen_doi_citations(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Every citation by DOI written in a form the build would show as typed (a space after
    `doi:`, the doi.org address pasted whole, no `@` or no `doi:`), outside code and links:
    what was written, the citation it means, and its line."""
    masked = blank_code(markdown)
    found = []
    for bracket in _BRACKET.finditer(masked):
        for match in _MISSHAPEN.finditer(bracket.group(0)):
            at, prefix = match.group("at"), match.group("prefix")
            if at and prefix.lower() == "doi:":
                continue  # the right form
            line = line_at(masked, bracket.start() + match.start(), first_line=first_line)
            found.append((match.group(0), f"@doi:{match.group('doi')}", line))
    return found


def misshapen_problem(written: str, meant: str, *, path: str, line: int) -> Problem:
    """The build's message for a citation by DOI the page would show as typed."""
    return Problem(
        path,
        line,
        f"'{written}' is shown as plain text, not a citation: a citation by DOI is '@doi:' and the bare DOI, "
        f"with no space or address between; write {meant}",
    )


def meant_by_doi(doi: str, keys: dict[str, str]) -> str | None:
    """The key of the entry whose DOI a DOI with no entry is one slip from, if any: that
    entry is meant, and is not to be told "not cited"."""
    close = _closest_dois(doi, keys)
    return keys[close[0]] if close else None


def _closest_dois(doi: str, keys: dict[str, str]) -> list[str]:
    return difflib.get_close_matches(doi.lower(), list(keys), n=1, cutoff=0.9)


def unresolved_problem(doi: str, *, path: str, line: int, bib_path: str, keys: dict[str, str]) -> Problem:
    """The build's message for a DOI cited with no entry; an entry's DOI one slip away
    (`keys`: DOI -> key, as doi_keys gives them) is named first."""
    close = _closest_dois(doi, keys)
    if close:
        return Problem(
            path,
            line,
            f"no entry of {bib_path} has DOI {doi}; did you mean {close[0]}, the DOI of '{keys[close[0]]}'? "
            f"write [@doi:{close[0]}]",
        )
    return Problem(
        path,
        line,
        (
            f"no entry of {bib_path} has DOI {doi}; paste its entry at the end of {bib_path}: the checks of a "
            f"pull request show it, ready to paste, at this line and in the run summary (or run `make add-references`, "
            f"online)"
        ),
    )
