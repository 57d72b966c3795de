"""Read references.bib and check it as an editor needs: every problem with its line."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database import Entry as PybtexEntry
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.scanner import PybtexSyntaxError

from psychoed.characters import folded, visible
from psychoed.problems import Problem
from psychoed.references.bibtex_characters import invisible_character_problems, typographic_quote_message
from psychoed.references.doi import doi_problem
from psychoed.references.pandoc_entries import pandoc_text
from psychoed.references.person_names import name_list_problem
from psychoed.references.reference_rules import (
    duplicate_doi_problems,
    duplicate_work_problems,
    entry_problems,
    name_variant_problems,
    web_coded,
    without_abbreviation,
)
from psychoed.references.work_identity import normalised_title

_ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]*)", re.MULTILINE)
_FIELD_START = re.compile(r"^[ \t]*(?P<name>[\w-]+)[ \t]*=", re.MULTILINE)
# A field's name and `=`, after the comma that ends the field before it (_field_starts).
_FIELD_NAME = re.compile(r"\s*(?P<name>[\w-]+)[ \t]*=")
_ENTRY_END = re.compile(r"[ \t]*[})][ \t]*")
_CITABLE_KEY = re.compile(r"[\w-]+")
# Blocks written like entries that hold no work.
_NOT_ENTRIES = {"comment", "preamble", "string"}
# A `doi` field's DOI as written, its resolver's address before it or not.
_WRITTEN_DOI = re.compile(
    r"\bdoi\s*=\s*[{\"]\s*(?:https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.[^\s{}\",]+)", re.IGNORECASE
)
# An entry pasted only in part: its type and key, and nothing after them.
_HEAD_ONLY = re.compile(r"@(?P<kind>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s=]*)[ \t]*,?\s*")
# An entry's head up to the comma before its first field: a key typed with a space in it
# (`@book{smith 2020,`) ends where pybtex expects the comma.
_SPACED_KEY = re.compile(r"@\w+[ \t]*[{(][ \t]*(?P<key>[^,\s=]+(?:[ \t]+[^,\s=]+)+)[ \t]*,")
# A key with no comma after it, its first field on the next line: pybtex reads on, and the
# copy for pandoc, which adds its fields after the first comma, would break.
_KEY_WITHOUT_COMMA = re.compile(
    r"^[ \t]*(?P<head>@\w+[ \t]*[{(])[ \t]*(?P<key>[^,\s=]+)[ \t]*\n\s*[\w-]+[ \t]*=", re.MULTILINE
)
# `name = value` without braces or quotes: BibTeX reads the value as an @string's name.
# Fields a reference manager or doi.org writes: one of them after ", " inside a value
# means the value never closed.
_BIBTEX_FIELDS = {
    "abstract",
    "address",
    "author",
    "booktitle",
    "chapter",
    "date",
    "doi",
    "edition",
    "editor",
    "eprint",
    "howpublished",
    "institution",
    "isbn",
    "issn",
    "journal",
    "journaltitle",
    "keywords",
    "language",
    "month",
    "note",
    "number",
    "organization",
    "pages",
    "publisher",
    "school",
    "series",
    "title",
    "type",
    "url",
    "urldate",
    "volume",
    "year",
}
_COMMENTED_FIELD = re.compile(r"(?m)^[ \t]*%[ \t]*[\w-]+[ \t]*=")
_BARE_VALUE = re.compile(r"^[ \t]*(?P<name>[\w-]+)[ \t]*=[ \t]*(?P<value>[^{\"].*?)[ \t]*,?[ \t]*$")


@dataclass
class Entry:
    key: str
    type: str
    line: int
    fields: dict[str, str]
    field_lines: dict[str, int] = field(default_factory=dict)
    persons: dict[str, list[str]] = field(default_factory=dict)
    text: str = ""  # the entry as written, up to the next one
    pandoc: str = ""  # the entry as pandoc reads it (the site's APA defaults written in), for the pages that cite it
    names: dict[str, str] = field(default_factory=dict)  # each person field's value as written
    # The fields as the reference prints them (a DOI from its address, a title without its own
    # full stop, a chapter's title from `chapter`), for the structured data; none: as written.
    printed: dict[str, str] = field(default_factory=dict)

    def first_family_name(self) -> str:
        """The family name APA puts first in a citation (the first author's, else the first
        editor's), folded so that anything citeproc could take for the same name is the same;
        '' for a work cited by its title."""
        family = self.family_names()[:1]
        return folded(family[0].split()[-1]) if family and family[0] else ""

    def family_names(self) -> list[str]:
        """Each author's family name as written, particles too ('van der Kolk'); the editors'
        for a book without authors."""
        people = self.persons.get("author") or self.persons.get("editor") or []
        # A group as pandoc reads it, without its abbreviation (pandoc_entries.py).
        return [
            without_abbreviation(person.split(",")[0].replace("{", "").replace("}", "")).strip() for person in people
        ]

    def year(self) -> str:
        """The year of the work as written ('' if none)."""
        return (self.fields.get("year") or self.fields.get("date") or "")[:4]


@dataclass
class Bibliography:
    path: str
    entries: dict[str, Entry]
    problems: list[Problem]
    # Every entry's key as written, and each DOI written to its entry's key (lower-cased),
    # those of entries that could not be read too: they are not told as missing.
    written: frozenset[str] = frozenset()
    written_dois: dict[str, str] = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        """False when the file could not be parsed as a whole: it stops the build."""
        return not any(problem.fatal for problem in self.problems)

    @property
    def pages_checkable(self) -> bool:
        """Whether the pages can be checked against it: readable, or read entry by entry
        (an unbalanced brace, a key given twice); not a file missing or not UTF-8."""
        return self.readable or bool(self.written)


def load_bibliography(path: Path, *, display_path: str) -> Bibliography:
    """Read and check `path`; problems carry `display_path` and a line."""
    source = read_bibliography(path, display_path=display_path)
    return source if isinstance(source, Bibliography) else check_bibliography(source, display_path=display_path)


def read_bibliography(path: Path, *, display_path: str) -> str | Bibliography:
    """The text of `path`, or a Bibliography with no entries that says why it has none."""
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte-order mark at the start is harmless
    except FileNotFoundError:
        problem = Problem(display_path, 1, "file not found; bib_file in mkdocs.yml must name it", fatal=True)
    except UnicodeDecodeError as error:
        line = 1 + path.read_bytes()[: error.start].count(b"\n")
        problem = Problem(display_path, line, "not UTF-8 text; save the file as UTF-8", fatal=True)
    return Bibliography(display_path, {}, [problem])


# Memoized by content: the tests and tools read the same text many times (the build's hooks
# read it through citation_cache.cached_bibliography). Shared, so read-only.
@functools.lru_cache(maxsize=4)
def check_bibliography(source: str, *, display_path: str) -> Bibliography:
    """Parse and check BibTeX `source`; problems carry `display_path` and a line."""
    syntax_errors, entries = _read(source)
    # An entry a '}' ended early is told so, not as lacking the fields that '}' cut off, nor
    # as pybtex's "'}' expected" at the same line.
    early = _early_end_problems(source, display_path)
    ended = {(first, problem.line) for first, problem in early}
    fatal = [
        Problem(display_path, line, message, fatal=True)
        for first, line, message in syntax_errors
        if (first, line) not in ended
    ]
    fatal += _duplicate_problems(source, display_path)
    # With a fatal problem the build stops before the pages; the entries pybtex read whole
    # are still checked, so that one build names every mistake in the file.
    broken = {first for first, _, _ in syntax_errors} | {first for first, _ in early}
    sound = {key: entry for key, entry in entries.items() if entry.line not in broken}
    problems = [
        problem
        for entry in sound.values()
        for problem in _entry_problems(entry, display_path)
        if not (fatal and problem.notice)
    ]
    dois = {
        key: (entry.fields["doi"], entry.field_lines.get("doi", entry.line))
        for key, entry in sound.items()
        if "doi" in entry.fields
    }
    problems += duplicate_doi_problems(dois, path=display_path)
    # Without a DOI: entries with two different DOIs are two works (a preprint and its article).
    works = {
        key: (
            (entry.type, entry.first_family_name(), entry.year(), normalised_title(entry.fields.get("title", ""))),
            entry.line,
        )
        for key, entry in sound.items()
        if "doi" not in entry.fields and entry.fields.get("title")
    }
    problems += duplicate_work_problems(works, path=display_path)
    people = {
        key: [
            (name, entry.field_lines.get(role, entry.line))
            for role in ("author", "editor")
            for name in entry.persons.get(role, [])
        ]
        for key, entry in sound.items()
    }
    problems += name_variant_problems(people, path=display_path)
    problems += invisible_character_problems(source, path=display_path)
    # In pybtex's place, as fatal as its error was: the entry read is cut short.
    told_for_pybtex = {(first, line) for first, line, _ in syntax_errors} & ended
    problems += [replace(problem, fatal=(first, problem.line) in told_for_pybtex) for first, problem in early]
    written: set[str] = set()
    written_dois: dict[str, str] = {}
    for _, chunk in _chunks(source):
        head = _ENTRY_START.match(chunk)
        if head and head.group("type").lower() not in _NOT_ENTRIES:
            written.add(head.group("key"))
            if doi := _WRITTEN_DOI.search(chunk):
                written_dois.setdefault(doi.group("doi").lower(), head.group("key"))
    return Bibliography(display_path, entries, fatal + problems, frozenset(written), written_dois)


def uncited_problems(bibliography: Bibliography, cited: set[str]) -> list[Problem]:
    """A warning for every entry no page cites (an error in a strict build, as every build
    of the site is): the file lists only works the site cites."""
    # A citation that differs in case is reported as such; the entry is not unused.
    cited_casefolded = {key.casefold() for key in cited}
    return [
        Problem(
            bibliography.path,
            entry.line,
            f"entry '{key}' is not cited by any page; cite it as [@{key}] in the article on this branch, or remove it",
            warning=True,
        )
        for key, entry in bibliography.entries.items()
        # A key that cannot be cited has its own message, asking to rename it.
        if key.casefold() not in cited_casefolded and _CITABLE_KEY.fullmatch(key)
    ]


def parse_bibtex(text: str) -> tuple[list[PybtexSyntaxError | DuplicateField], BibliographyData | None]:
    """pybtex's syntax errors and fields given twice in `text` (every one, not only the
    first) and what it read."""
    # capture() makes pybtex go on to the end of the text, collecting errors. Duplicate keys
    # are left out: _duplicate_problems reports them with both lines. A field given twice is
    # kept: mkdocs-bibtex's pybtex would stop the build on it with a traceback.
    data = None
    with pybtex.errors.capture() as errors:
        try:
            data = Parser().parse_string(text)
        except PybtexSyntaxError as error:  # some errors end the parse even when captured
            errors.append(error)
    return [error for error in errors if isinstance(error, PybtexSyntaxError | DuplicateField)], data


# The entries and the syntax errors (the entry's first line, the error's line, message).
def _read(source: str) -> tuple[list[tuple[int, int, str]], dict[str, Entry]]:
    errors, data = parse_bibtex(source)
    # pybtex reads on past a key with no comma; the check must not.
    if errors or _KEY_WITHOUT_COMMA.search(source):
        return _syntax_errors(source), _entries(source, None)
    return [], _entries(source, data)


# Each entry is parsed on its own, so one unclosed brace cannot hide the errors after it.
# pybtex notices an unclosed brace only where the entry ends, so the message also names
# the field line whose braces do not balance.
def _syntax_errors(source: str) -> list[tuple[int, int, str]]:
    found = []
    for first, chunk in _chunks(source):
        if spaced := _SPACED_KEY.match(chunk.lstrip()):
            found.append((first, first, _uncitable_key(spaced.group("key"))))
            continue
        if head := _HEAD_ONLY.fullmatch(chunk.strip()):
            found.append((first, first, _head_only_message(head.group("kind"), head.group("key"))))
            continue
        if bare := _KEY_WITHOUT_COMMA.match(chunk):
            written = bare.group("head") + bare.group("key")
            found.append((first, first, f"'{written}' has no comma after its key; write {written},"))
            continue
        for error in parse_bibtex(chunk)[0]:
            if isinstance(error, DuplicateField):
                found.append((first, *_duplicate_field(error, chunk, first)))
                continue
            message = str(error).split(": ", 1)[-1]
            line = first + (error.lineno or 1) - 1
            if isinstance(error, UndefinedMacro) and (bare := _BARE_VALUE.match(chunk.split("\n")[error.lineno - 1])):
                name, value = bare.group("name"), bare.group("value")
                # pybtex goes on to complain of the words after the first: one message says it.
                found.append(
                    (
                        first,
                        line,
                        f"{name} = {value} has no braces, so BibTeX reads {message} as the name of an @string; write {name} = {{{value}}}",
                    )
                )
                break
            if quoted := typographic_quote_message(chunk.split("\n")[(error.lineno or 1) - 1]):
                found.append((first, line, quoted))
                break
            # A field "commented out" with '%' (BibDesk, hand edits): BibTeX reads no comment
            # inside an entry, and pybtex stops at the '%'.
            if commented := _COMMENTED_FIELD.search(chunk):
                found.append(
                    (
                        first,
                        first + chunk.count("\n", 0, commented.start()),
                        "this line starts with '%', which comments out a line of a file but not a field inside an entry; delete the line",
                    )
                )
                break
            suspect = _unbalanced_field_line(chunk.split("\n"), line - first + 1)
            if slip := _slip_within_a_line(chunk):
                offset, slip_message = slip
                found.append((first, first + chunk.count("\n", 0, offset), slip_message))
            elif uncommaed := _comma_missing_line(chunk.split("\n"), line - first + 1):
                found.append(
                    (
                        first,
                        first + uncommaed - 1,
                        "the value of this field ends without a comma, so the next field cannot begin; add a comma at the end of this line",
                    )
                )
            elif suspect:
                found.append((first, first + suspect - 1, _unclosed_message(chunk.split("\n")[suspect - 1 :], first)))
            else:
                # pybtex's "premature end of file" comes where the next entry begins, too.
                ended = message.startswith("premature end of file")
                found.append(
                    (
                        first,
                        # pybtex names the line after the file's last at its end.
                        min(line, first + chunk.rstrip("\n").count("\n")),
                        f"the entry starting at line {first} is never closed: add '}}' on a line after its last field, before the next entry; if it was pasted only in part, paste it whole"
                        if ended
                        else f"{message} in the entry starting at line {first}; check its braces, quotes and commas",
                    )
                )
    return found


# A braced value whose `}` is missing runs on into the next field, and one whose `,` is
# missing leaves the next unread: doi.org's export writes a whole entry on one line, where
# no line of its own shows where the slip is.
_FIELD_OPENING = re.compile(r"(?:^|[,\s])(?P<name>[A-Za-z][\w-]*)\s*=\s*\{")
_NEXT_FIELD = re.compile(rf",\s*(?P<name>{'|'.join(sorted(_BIBTEX_FIELDS))})\s*=\s*[{{\"\d]", re.IGNORECASE)
_FIELD_WITHOUT_COMMA = re.compile(r"[ \t]+(?P<name>[A-Za-z][\w-]*)[ \t]*=")


def _slip_within_a_line(chunk: str) -> tuple[int, str] | None:
    """Where a field's value, on the line it opens, runs on into the next field or ends
    with no comma before it, and the message that says so."""
    for opening in _FIELD_OPENING.finditer(chunk):
        name, depth, position = opening.group("name"), 1, opening.end()
        inner = None  # the last brace opened inside the value: maybe the one left open
        while depth and position < len(chunk) and chunk[position] != "\n":
            if depth == 1 and (following := _NEXT_FIELD.match(chunk, position)) and "\n" not in following.group(0):
                field = following.group("name")
                if inner is None:
                    return opening.start("name"), (
                        f"the value of {name} has no closing '}}', so it runs on into {field} and the "
                        f"fields after it; end it with '}}' before ', {field}'"
                    )
                return opening.start("name"), (
                    f"the value of {name} runs on into {field}: {_inner_brace_fix(chunk, inner)} before ', {field}'"
                )
            if chunk[position] == "{" and depth == 1:
                inner = position
            depth += {"{": 1, "}": -1}.get(chunk[position], 0)
            position += 1
        if depth == 0 and (following := _FIELD_WITHOUT_COMMA.match(chunk, position)):
            return opening.start("name"), (
                f"the value of {name} ends without a comma, so {following.group('name')} cannot begin; "
                f"add ',' after its '}}', before {following.group('name')}"
            )
    return None


# pybtex's "entry with key smith2020 has a duplicate year field" (its only words for it),
# at the second field's line.
def _duplicate_field(error: DuplicateField, chunk: str, first: int) -> tuple[int, str]:
    found = re.fullmatch(r"entry with key (.+) has a duplicate (\S+) field", str(error))
    if found is None:  # another pybtex's words: said as it says them
        return first, str(error)
    key, name = found.groups()
    starts = [field for field in _field_starts(chunk) if field.name == name.lower()]
    line = first + chunk.count("\n", 0, starts[-1].name_at) if starts else first
    return line, f"entry '{key}' has two {name} fields; keep one"


# Entries as (first line, text up to the next entry); comments and @string blocks too.
def _chunks(source: str) -> list[tuple[int, str]]:
    starts = list(_ENTRY_START.finditer(source))
    line_at = _line_finder(source)
    return [
        (
            line_at(match.start()),
            source[match.start() : starts[i + 1].start() if i + 1 < len(starts) else len(source)],
        )
        for i, match in enumerate(starts)
    ]


# A value left open that a brace was opened inside (`{Among {U.S. adults: A survey},`):
# either that brace or the value's last lacks its '}', and ending the value would keep the
# rest of the title as typed, so both are named; `at` is that brace.
def _inner_brace_fix(text: str, at: int) -> str:
    words = text[at + 1 :].split("}")[0].split("\n")[0].split()
    opened = "{" + " ".join(words[:3]) + ("…" if len(words) > 3 else "")
    return (
        f"a '{{' opened inside it ('{opened}') is not closed, or the '}}' that ends the value is missing; close that "
        "'{' right after the words it should keep as written, or end the value with '}'"
    )


def _head_only_message(kind: str, key: str) -> str:
    if not key:
        return f"an entry ends after '@{kind}{{', with no key, no field and no closing '}}', as if pasted only in part; paste the whole entry, from @{kind}{{ to its closing '}}', or delete this line"
    return f"entry '{key}' ends after its key, with no field and no closing '}}', as if pasted only in part; paste the whole entry, from @{kind}{{{key}, to its closing '}}', or delete this line"


# A value left open (`number = {2,`) on the field's lines (from its first to the next
# field's): the last brace opened inside it, if any, is named too.
def _unclosed_message(lines: list[str], first: int) -> str:
    message = f"unclosed brace in the entry starting at line {first}"
    value = "\n".join(itertools.takewhile(lambda text: not _FIELD_START.match(text), lines[1:]))
    value = lines[0].partition("=")[2] + "\n" + value
    depth, inner = 0, None
    for at, char in enumerate(value):
        if char == "{" and depth == 1:
            inner = at
        depth += {"{": 1, "}": -1}.get(char, 0)
    if inner is None:
        return f"{message}; end this field's value with '}}'"
    return f"{message}: in the value of this field, {_inner_brace_fix(value, inner)}"


def _unbalanced_field_line(lines: list[str], last: int) -> int | None:
    """The first field line (1-based, up to `last`) whose braces are still open when
    the next field begins or the entry's closing brace, alone on its line, is reached."""
    open_line, depth = None, 0
    for number in range(2, min(last, len(lines)) + 1):
        text = lines[number - 1]
        if _FIELD_START.match(text) or _ENTRY_END.fullmatch(text):
            if depth > 0:
                return open_line
            open_line, depth = number, 0
        depth += text.count("{") - text.count("}")
    return open_line if depth > 0 else None


# A value's opening brace left out (`year = 2021},`): its closing one ends the entry there,
# and BibTeX skips the fields after it as a comment, saying nothing.
def _early_end_problems(source: str, display_path: str) -> list[tuple[int, Problem]]:
    problems = []
    for first, chunk in _chunks(source):
        opening = re.search(r"[{(]", chunk)
        head = _ENTRY_START.match(chunk)
        # An entry opened by '(' (rare) has no '}' to end it early.
        if not opening or opening.group() == "(" or (head and head.group("type").lower() in _NOT_ENTRIES):
            continue
        depth = 0
        for brace in _BRACE.finditer(chunk, opening.start()):
            offset = brace.start()
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                # Fields with no '@' before them (one hidden from _chunks by an invisible character).
                after = _FIELD_AFTER.search(chunk, offset)
                if after and "@" not in chunk[offset : after.start()]:
                    name, value = _value_before(chunk[:offset])
                    # A value that opened with '{' has a '}' too many ('{U.S. adults}}:'), not one '{' too few.
                    fix = (
                        f"delete the '}}' too many in the value of {name}: each '}}' closes one '{{'"
                        if value.lstrip().startswith("{")
                        else f"put back the '{{' that opens the value of {name}"
                    )
                    line = first + chunk.count("\n", 0, offset)
                    message = f"this '}}' ends the entry, so the fields after it are left out; {fix}"
                    problems.append((first, Problem(display_path, line, message)))
                break
    return problems


# The last field that starts in `text` (an entry up to a '}'), and its value as written so
# far: over several lines (a title wrapped), or one of several on a line (doi.org's form).
def _value_before(text: str) -> tuple[str, str]:
    fields = list(_FIELD_AFTER.finditer(text))
    return (fields[-1].group("name"), text[fields[-1].end() :]) if fields else ("this field", "")


# What the scans of an entry act on (braces; quotes, commas, its opening and closing): they
# go from one to the next, not through every character, as a bibliography of 500 entries
# is read for every build that finds it changed.
_BRACE = re.compile(r"[{}]")
_SYNTAX = re.compile(r'[{}"(),]')
# A field's start on a line of its own, or after a comma on the same line (doi.org's form).
_FIELD_AFTER = re.compile(r"(?:^[ \t]*|,\s*)(?P<name>[\w-]+)[ \t]*=", re.MULTILINE)


def _comma_missing_line(lines: list[str], error: int) -> int | None:
    """The field line (1-based) before line `error`, when `error` begins the next field and
    that line's value ends in '}' or '"' with no comma: pybtex tells the slip a line late."""
    if error < 2 or error > len(lines) or not _FIELD_START.match(lines[error - 1]):
        return None
    before = next((n for n in range(error - 1, 0, -1) if lines[n - 1].strip()), None)
    if before and _FIELD_START.match(lines[before - 1]) and lines[before - 1].rstrip()[-1:] in {"}", '"'}:
        return before
    return None


def _duplicate_problems(source: str, display_path: str) -> list[Problem]:
    problems = []
    first_seen: dict[str, tuple[str, int]] = {}
    line_at = _line_finder(source)
    for match in _ENTRY_START.finditer(source):
        if match.group("type").lower() in _NOT_ENTRIES:
            continue
        key = match.group("key")
        line = line_at(match.start())
        if key.casefold() in first_seen:
            other, other_line = first_seen[key.casefold()]
            same = "the same key" if other == key else f"'{other}', the same key but for case"
            problems.append(
                Problem(
                    display_path,
                    line,
                    f"duplicate key '{key}': line {other_line} has {same}; keep one entry or rename this one",
                    fatal=True,
                )
            )
        else:
            first_seen[key.casefold()] = (key, line)
    return problems


# Entries with the lines of their fields, taken from `data` (the whole file, parsed) or,
# when the file has errors, read with pybtex one by one where it can, else skipped.
def _entries(source: str, data: BibliographyData | None) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for line, chunk in _chunks(source):
        if _HEAD_ONLY.fullmatch(chunk.strip()):
            continue  # pasted only in part: told by `_syntax_errors`, no entry to print
        read = _parse_entry(chunk) if data is None else _whole_file_entry(chunk, data)
        if read is None:
            continue  # unreadable, or @comment, @preamble, @string
        key, parsed = read
        starts = _field_starts(chunk)
        field_lines = {field.name: line + chunk.count("\n", 0, field.name_at) for field in starts}
        # Each field's text runs to the next field, the last one to the entry's closing brace.
        # (An entry with no field has the brace alone, so the two lists may differ in length.)
        closing = ")" if re.match(r"\s*@\w+\s*\(", chunk) else "}"  # @book(key, ...) is BibTeX too
        # An entry left unclosed runs to the chunk's end.
        last = chunk.rfind(closing)
        ends = [field.start for field in starts[1:]] + [last if last >= 0 else len(chunk)]
        spans = {field.name: (field.start, end) for field, end in zip(starts, ends, strict=False)}
        # Field names in any case, as BibDesk writes them (`Author = {...}`).
        persons = {
            role.lower(): [_bibtex_form(str(person)) for person in people] for role, people in parsed.persons.items()
        }
        fields = {name.lower(): value for name, value in parsed.fields.items()}
        kind = parsed.type.lower()
        # Up to its closing brace: what follows (blank lines, a comment, the end of the file)
        # is no part of it, and must not change how pandoc's output for it is keyed.
        names = {role: _value_as_written(chunk[slice(*spans[role])]) for role in persons if role in spans}
        derived, printed = pandoc_text(
            chunk[: ends[-1] + 1], kind=kind, fields=fields, persons=persons, names=names, spans=spans
        )
        entries.setdefault(key, Entry(key, kind, line, fields, field_lines, persons, chunk, derived, names, printed))
    return entries


@dataclass(frozen=True)
class _FieldStart:
    name: str  # lower-cased
    start: int  # its line's start where it begins a line, else just after the comma before it
    name_at: int


# Each field of an entry as written, also where several share a line (doi.org writes an
# entry on one): after a comma outside every brace and quote of the entry, a name and `=`.
def _field_starts(chunk: str) -> list[_FieldStart]:
    opening = re.match(r"\s*@\w+\s*[{(]", chunk)
    if opening is None:
        return []
    closing = {"{": "}", "(": ")"}[chunk[opening.end() - 1]]
    found, depth, quoted = [], 0, False
    for syntax in _SYNTAX.finditer(chunk, opening.end()):
        at, char = syntax.start(), syntax.group()
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif depth == 0 and char == '"':
            quoted = not quoted
        elif depth == 0 and not quoted and char == closing:
            break
        elif depth == 0 and char == "," and not quoted and (field := _FIELD_NAME.match(chunk, at + 1)):
            name_at = field.start("name")
            line_start = chunk.rfind("\n", 0, name_at) + 1
            start = line_start if not chunk[line_start:name_at].strip() else at + 1
            found.append(_FieldStart(field.group("name").lower(), start, name_at))
    return found


# `author = {Grady JS, Her M}, title = ...` -> "Grady JS, Her M": the first value, braces balanced.
def _value_as_written(text: str) -> str:
    value = text.split("=", 1)[1].lstrip()
    closing = {"{": "}", '"': '"'}.get(value[:1])
    if closing is None:
        return value.split(",", 1)[0].strip()
    depth = 0
    for index, char in enumerate(value[1:], start=1):
        if char == closing and depth == 0:
            return value[1:index]
        depth += {"{": 1, "}": -1}.get(char, 0)
    return value[1:]


def _parse_entry(chunk: str) -> tuple[str, PybtexEntry] | None:
    data = parse_bibtex(chunk)[1]
    return next(iter(data.entries.items()), None) if data else None


def _whole_file_entry(chunk: str, data: BibliographyData) -> tuple[str, PybtexEntry] | None:
    match = _ENTRY_START.match(chunk)
    if match is None:
        return None
    parsed = data.entries.get(match.group("key"))
    return (match.group("key"), parsed) if parsed is not None else None


def _entry_problems(entry: Entry, display_path: str) -> list[Problem]:
    problems = []
    # A key that is citable but for an invisible character has that character's message.
    if not _CITABLE_KEY.fullmatch(entry.key) and not _CITABLE_KEY.fullmatch(visible(entry.key)):
        problems.append(Problem(display_path, entry.line, _uncitable_key(entry.key)))
    for role, written in entry.names.items():
        # A name written with the web's codes (O&#39;Brien) is told by entry_problems, not split at ';'.
        if web_coded(written):
            continue
        if wrong := name_list_problem(written):
            message = f"entry '{entry.key}': the {role} field has {wrong.cause}; write {role} = {{{wrong.rewritten}}}{wrong.more}"
            problems.append(Problem(display_path, entry.field_lines.get(role, entry.line), message, fatal=wrong.fatal))
    problems += entry_problems(
        entry.key,
        entry.type,
        entry.fields,
        entry.persons,
        names=entry.names,
        line=entry.line,
        field_lines=entry.field_lines,
        path=display_path,
    )
    if (comma := _second_comma(entry.text)) is not None:
        problems.append(
            Problem(
                display_path,
                entry.line + entry.text.count("\n", 0, comma),
                f"entry '{entry.key}' has two commas in a row here, which pandoc cannot read; delete one",
                fatal=True,
            )
        )
    if "doi" in entry.fields and (doi_message := doi_problem(entry.fields["doi"])):
        problems.append(
            Problem(display_path, entry.field_lines.get("doi", entry.line), f"entry '{entry.key}': {doi_message}")
        )
    return problems


# A name in biblatex's extended form ('family=Oord, given=Aaron, prefix=van den', as Better
# BibLaTeX writes a name with a particle), which pybtex reads as other parts, in BibTeX's
# 'von Last, Jr, First'; pandoc reads the field itself.
def _bibtex_form(person: str) -> str:
    parts = dict(re.findall(r"\b(family|given|prefix|suffix)=([^,=]*?)(?=\s*(?:,|\s\w+=|$))", person))
    if "family" not in parts:
        return person
    family = " ".join(part for part in (parts.get("prefix", ""), parts["family"]) if part)
    return ", ".join(part for part in (family, parts.get("suffix", ""), parts.get("given", "")) if part)


# The offset of a comma that follows another between two fields (`year = {2019},,`), which
# pybtex reads and pandoc stops the build on, naming a page and a temporary file.
def _second_comma(text: str) -> int | None:
    depth, quoted, after_comma, read = 0, False, False, 0
    for syntax in _SYNTAX.finditer(text):
        at, char = syntax.start(), syntax.group()
        if text[read:at].strip():  # anything but spaces between two commas makes them one each
            after_comma = False
        read = at + 1
        if char == "{" and not quoted:
            depth += 1
        elif char == "}" and not quoted:
            depth -= 1
            if depth == 0:
                return None
        elif char == '"' and depth == 1:
            quoted = not quoted
        elif depth == 1 and not quoted and char == ",":
            if after_comma:
                return at
            after_comma = True
            continue
        after_comma = False
    return None


def _uncitable_key(key: str) -> str:
    suggestion = re.sub(r"[^\w-]", "", key)
    return f"key '{key}' can only hold letters, digits, '_' and '-'; rename it, e.g. '{suggestion}'"


# The 1-based line of an offset in `text`: counting the lines from the start for each
# entry made a long bibliography slow (quadratic).
def _line_finder(text: str) -> Callable[[int], int]:
    newlines = [match.start() for match in re.finditer("\n", text)]
    return lambda offset: 1 + bisect.bisect_left(newlines, offset)
