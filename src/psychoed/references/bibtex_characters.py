"""Characters in references.bib that an editor cannot see or tell apart from others
(zero-width and no-break spaces, soft hyphens, bidi marks, a byte-order mark where two files
were joined, typographic quotes): named at their line where they break a key, a field's
name, an address or BibTeX's syntax; removed from the copy pandoc reads where they only
sit in printed text. And LaTeX's text symbols that pandoc leaves unprinted (`\textemdash{}`),
given to it as the characters they stand for."""

from __future__ import annotations

import re

from psychoed.characters import TYPOGRAPHIC_QUOTES, character_name, invisibles, printable, visible
from psychoed.problems import Problem

# Fields whose value is copied as a link or a path: one invisible character breaks it.
_ADDRESS_FIELDS = {"url", "doi", "eprint", "file"}
_ENTRY_HEAD = re.compile(r"^[^\S\n]*@\w+[ \t]*[{(]")
_FIELD_HEAD = re.compile(r"^[^\S\n]*(?P<name>[^\s=]+)[^\S\n]*=")
_ENTRY_END = re.compile(r"^[ \t]*[})][ \t,]*$")
_QUOTED_VALUE = re.compile(
    rf"^[ \t]*(?P<name>[\w-]+)[ \t]*=[ \t]*(?P<quote>[{TYPOGRAPHIC_QUOTES}])(?P<value>.*?)[{TYPOGRAPHIC_QUOTES}]?[ \t]*,?[ \t]*$"
)


def invisible_character_problems(source: str, *, path: str) -> list[Problem]:
    """Each invisible character where it changes what BibTeX reads: in an entry's first
    line (its key; a byte-order mark before the `@` hides the entry from the site's
    checks), a field's name, or an address."""
    problems = []
    field = None  # the field whose value the line continues
    for number, line in enumerate(source.split("\n"), start=1):
        hidden = invisibles(line)
        shown = visible(line)
        head, named = _ENTRY_HEAD.match(shown), _FIELD_HEAD.match(shown)
        if head or _ENTRY_END.match(shown):
            field = None
        elif named:
            field = named.group("name").lower()
        for index, char in hidden:
            if head:
                where = (
                    "before the entry's '@', where it hides the entry from the site's checks"
                    if index < line.index("@")
                    else "in the entry's type or key"
                )
            elif named and index < line.index("="):
                where = "in the field's name"
            elif field in _ADDRESS_FIELDS:
                where = f"in the {field}, where it breaks the link"
            else:
                continue  # in printed text: left out of the copy pandoc reads
            problems.append(
                Problem(
                    path,
                    number,
                    f"an invisible character, {character_name(char)}, stands {where}; delete it (retype the text around it)",
                )
            )
            break
    return problems


def typographic_quote_message(line: str) -> str | None:
    """The fix for a value opened with a typographic quote, which BibTeX cannot read."""
    if not (found := _QUOTED_VALUE.match(line)):
        return None
    name, quote, value = found.group("name", "quote", "value")
    return f"the value of {name} opens with a typographic quote ({character_name(quote)}), which BibTeX does not read as a quote; write {name} = {{{value}}}"


# LaTeX's text symbols as reference managers export them (JabRef's `{\textemdash}`, "Triage
# \textemdash{}Allocating"), which pandoc's BibTeX reader keeps as raw LaTeX: the reference
# list showed the command, and the title's checks missed the dash. (Pandoc prints the
# others, `\textregistered`, `\textdegree`, as their characters.)
_TEXT_SYMBOLS = {
    "textemdash": "—",
    "textendash": "–",
    "textellipsis": "…",
    "texttrademark": "™",
    "textbar": "|",
    "textperiodcentered": "·",
    "texttimes": "×",
    "textminus": "−",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textasteriskcentered": "∗",
}
_TEXT_SYMBOL = re.compile(
    r"\{\\(?P<braced>"
    + "|".join(_TEXT_SYMBOLS)
    + r")\}|\\(?P<bare>"
    + "|".join(_TEXT_SYMBOLS)
    + r")(?:\{\}|(?![A-Za-z]) ?)"
)


def printed_characters(text: str) -> str:
    r"""BibTeX text with its characters as readers see them, for pandoc, the title's checks
    and the structured data alike: invisible ones as spaces or nothing (`printable`), and
    LaTeX's text symbols that pandoc leaves unprinted as theirs: `\textemdash{}`,
    `{\textemdash}` and `\textemdash ` (whose space ends the command) as '—'; and the
    tabbing environment's accents (`\a'a`, as R's citation() writes á) as LaTeX's own."""
    text = printable(text)
    if "\\a" in text:
        text = _TABBING_ACCENT.sub(r"\\\g<accent>", text)
    if "\\text" not in text:
        return text
    return _TEXT_SYMBOL.sub(lambda found: _TEXT_SYMBOLS[found.group("braced") or found.group("bare")], text)


# `\a'`, `\a\``, `\a=`: the accents inside LaTeX's tabbing, which pandoc does not read.
_TABBING_ACCENT = re.compile(r"\\a(?P<accent>['`=])")
