"""Invisible characters (characters.py) where a page's syntax needs what the editor sees:
in a citation, a link address, or before the Markdown that starts a line (`#`, `-`, `>`),
each named at its line (in the front matter, front_matter.py names them). In running text
they are harmless and left alone (a no-break space may be meant there); in code they are
shown as typed.

A zero-width space pasted inside a citation key leaves the citation as plain text on the
published page, and nothing else would tell: the key is no longer a key."""

from __future__ import annotations

import re
from collections.abc import Iterator

from psychoed.characters import character_name, invisible, invisibles, printable
from psychoed.markdown_source import PageSource, line_at
from psychoed.problems import Problem

# A bracket holding an `@`: a citation, or one the character keeps from being one.
_CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
# A line whose Markdown (a heading, a list item, a quote, a table row, a note) an invisible
# character before it hides: a byte-order mark where two files were joined, a no-break space.
_LINE_SYNTAX = re.compile(r"#|[-*+>|](?=\s)|\d+[.)](?=\s)|!!!|\?\?\?")
# A list item's marker with the character after it, which must be a plain space or a tab: a
# no-break space pasted from a word processor after `-` leaves the item in the paragraph.
_MARKER = re.compile(r"(?P<marker>[-*+]|\d+\.)(?P<after>.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Addresses: [text](address), <scheme:address>, and a reference link's [label]: address.
_ADDRESSES = (
    re.compile(r"\]\((?P<address>[^)\n]*)\)"),
    re.compile(r"<(?P<address>[a-z][a-z0-9+.-]*:[^>\n]*)>", re.IGNORECASE),
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?P<address>[^ \t\n]+)", re.MULTILINE),
)


def invisible_character_problems(pages: list[PageSource]) -> list[Problem]:
    """Each line where an invisible character stands in a page's citation, a link address
    or before a line's Markdown, with the character's name and the fix."""
    problems = []
    for page in pages:
        told: set[int] = set()
        for line, char, message in sorted(_findings(page)):
            if line not in told:  # one character named per line: fixing it shows the next
                told.add(line)
                problems.append(Problem(page.path, line, f"an invisible character, {character_name(char)}, {message}"))
    return problems


# (line, character, where it stands and the fix) for each invisible character that matters.
def _findings(page: PageSource) -> Iterator[tuple[int, str, str]]:
    masked, first_line = page.masked, page.first_line
    for citation in _CITATION.finditer(masked):
        for char, line in _invisible_in(masked, citation.start(), citation.end(), first_line):
            shown = " ".join(printable(citation.group(0)).split())
            yield (
                line,
                char,
                f"stands in the citation {shown}, where it makes the citation plain text on the page; delete it: write {shown}",
            )
    for number, text in enumerate(masked.split("\n"), start=first_line):
        indent = next((index for index, char in enumerate(text) if not (char.isspace() or invisible(char))), 0)
        if (syntax := _LINE_SYNTAX.match(text, indent)) and (
            hidden := next((char for char in text[:indent] if invisible(char)), None)
        ):
            yield (
                number,
                hidden,
                f"stands at the start of the line, before '{syntax.group(0)}', where it keeps the line from being read as Markdown; "
                "delete it (retype the start of the line)",
            )
        elif (marker := _MARKER.match(text, indent)) and invisible(marker.group("after")):
            yield (
                number,
                marker.group("after"),
                f"stands after '{marker.group('marker')}' at the start of the line, where it keeps the line from being read as a list item; "
                "replace it with a plain space",
            )
    # Word's line break (Shift+Enter pastes U+000B) and other control characters: the page
    # would join the words on either side ("calmer,notice").
    for control in _CONTROL.finditer(masked):
        yield (
            line_at(masked, control.start(), first_line=first_line),
            control.group(),
            "stands in the text, where the page would join the words on either side; replace it with a space or a new line",
        )
    for pattern in _ADDRESSES:
        for link in pattern.finditer(masked):
            for char, line in _invisible_in(masked, link.start("address"), link.end("address"), first_line):
                yield (
                    line,
                    char,
                    f"stands in the link address '{printable(link.group('address')).strip()}', where it breaks the link; "
                    "delete it (retype the address)",
                )


# Each invisible character of text[start:end], with the file line it stands on.
def _invisible_in(text: str, start: int, end: int, first_line: int) -> Iterator[tuple[str, int]]:
    for index, char in invisibles(text[start:end]):
        yield char, line_at(text, start + index, first_line=first_line)
