"""Find pandoc-style citations (`[@key]`, `[see @a, p. 3; @b]`) in Markdown source.

Code (fenced, indented, inline) and brackets that are not citations (links, e-mail
addresses) are skipped, and left as written: a page must be able to show how to cite.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from psychoed.html_elements import StartTag
from psychoed.markdown_source import blank, blank_code, line_at, raw_html_blocks

# Keys as mkdocs-bibtex wrote them (`@[\w-]+`): the one pattern that the checks and the pandoc runs both read.
KEY = r"[\w-]+"
# One item of a citation block: optional prefix, optional `-` (suppress author), the key,
# optional locator or suffix after a comma. `@` must not follow a word character, which
# is what sets an e-mail address apart.
# A second key after the comma (`[@a, @b]`) makes it no citation: works are separated by `;`.
_ITEM = re.compile(rf"^\s*(?:[^@;]*?(?<![\w.+-]))?-?@(?P<key>{KEY})(?:\s*,[^;@]*)?\s*$")
# A bracket with no nested brackets, which may wrap lines as a paragraph does (never over
# a blank line); links and reference links ([x](y), [x][label]) are excluded by what
# follows it, images and footnotes by what precedes it; `[@a][@b]` is two citations. The
# body is runs of characters between line breaks, not one character at a time: every check
# of every page looks for these, and the runs are matched in a quarter less time.
_BLOCK = re.compile(r"(?<![!\\^])\[(?P<body>[^\[\]\n]*(?:\n(?![ \t]*\n)[^\[\]\n]*)*)\](?!\(|\[[^\[\]\n@]*\])")
# What follows `[label]:` in a link definition: an address and an optional title. Only at
# the start of a line is it one; `[@key]: text` elsewhere is a citation and a colon.
_DEFINITION = re.compile(r"[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*(?:\n|$)")
_DEFINITION_INDENT = re.compile(r"(?:^|\n) {0,3}$")
# The `>` a quoted line starts with, which a citation wrapped in a quote must not keep.
_QUOTE_MARKS = re.compile(r"\n[ \t]*>[ \t>]*")
# `@key` not after a word character (e-mail addresses) or `/` (URLs such as a profile's).
BARE_KEY = re.compile(rf"(?<![\w.+@/-])@(?P<key>{KEY})")
# A key typed with a space after its `@` (`@ neff2003`) or before its year (`@neff 2003`).
_SPACE_AFTER_AT = re.compile(r"(?<![\w.+@/])(?<!\w-)@[ \t]+(?=[\w-])")
_SPACE_BEFORE_YEAR = re.compile(
    r"(?<![\w.+@/])(?<!\w-)(@[^\W\d_][\w-]*[^\W\d_])[ \t]+(\d{4}[a-z]?)(?=[ \t]*(?:[,;]|$))"
)
# A key typed with its year again after it (`@yip2021 2021`), as author-year citations read.
_YEAR_AGAIN = re.compile(r"(?<![\w.+@/])(?<!\w-)(@[^\W\d_][\w-]*?(\d{4})[a-z]?)[ \t]+\2(?=[ \t]*(?:[,;]|$))")
# A citation in a link's text, `[Research on grounding [@yela2022]](https://…)`, and a link
# whose text is a key, `[@yela2022](https://…)`: readers would see neither as a citation.
_IN_LINK_TEXT = re.compile(
    r"(?<![!\\])\[(?P<before>[^\[\]\n]*)(?P<citation>\[[^\[\]\n]*@[^\[\]\n]*\])(?P<after>[^\[\]\n]*)\]\((?P<url>[^)\n]*)\)"
)
_KEY_AS_LINK_TEXT = re.compile(rf"(?<![!\\])\[[ \t]*-?@(?P<key>{KEY})[ \t]*\]\((?P<url>[^)\n]*)\)")
# A citation inside parentheses, with the words beside it: `(see [@yip2021] for a review)`.
_IN_PARENTHESES = re.compile(
    r"(?<!\])\((?P<before>[^()\[\]\n]*)(?P<citation>\[[^\[\]\n]*@[^\[\]\n]*\])(?P<after>[^()\[\]\n]*)\)"
)
_EMPTY = re.compile(r"(?<![!\\])\[[ \t]*-?@[ \t]*\](?!\()")
# A BibTeX entry's first line (`@article{morin2006,` and a field) in a page: pasted into
# the article instead of references.bib, it would print as text. Not a handle, `@name (…)`.
_PASTED_ENTRY = re.compile(
    r"^[ \t]*@(?P<kind>[A-Za-z]+)[ \t]*\{[ \t]*(?P<key>[^,\s{}()]+)[ \t]*,(?=\s*[A-Za-z]+\s*=)", re.MULTILINE
)
# The authors of a citation typed as APA prints it: the first one's family name, then
# "et al." or the others' ("Yela et al.", "Inwood & Ferrari", "Neff, Kirkpatrick, & Rude"),
# possessive in a sentence ("Clark's", "Yela et al.'s"). FAMILY: the names it may be.
_TYPED_AUTHORS = (
    r"(?P<names>(?P<family>FAMILY)"
    r"(?P<several>\s+et\s+al\.?(?:['\u2019]s)?|(?:,\s*[A-Z][\w'\u2019-]+)*,?\s+(?:&|and)\s+[A-Z][\w'\u2019-]+)?)"
)
# A family name as the pattern reads one: a capitalised word.
_FAMILY = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*"
# Its years, one or several of one author ("2003a, 2011"), and a page after the last.
_TYPED_YEARS = (
    r"(?P<years>(?:1[89]|20)\d\d[a-z]?(?:,\s*(?:1[89]|20)\d\d[a-z]?)*)"
    r"(?P<locator>,\s*(?:pp?\.|paras?\.|chapter)\s*\d+(?:[-\u2013]+\d+)?)?"
)
# What every typed citation has: a year (not a key's, "neff2003") before its bracket closes or a comma.
# (Its look back after the century, not before: a pattern that starts with digits is
# searched 3 times faster.)
_YEAR = re.compile(r"(?:1[89]|20)(?<![\w@-]\d\d)\d\d[a-z]?\s*[)\],;]")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]", re.MULTILINE)
# `@` typed twice before a key ([@@neff2003]): not a citation, printed as typed.
_DOUBLED_AT = re.compile(rf"(?<![!\\])\[[^\[\]\n]*?(?<![\w@])@@(?P<key>{KEY})[^\[\]\n]*\](?!\()")
# Links and images with their destinations, and any other bracket on one line.
_LINK_OR_BRACKET = re.compile(r"!?\[[^\[\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?|<[a-z]+:[^>\s]*>")


@dataclass(frozen=True)
class TypedWork:
    """One work of a citation typed by hand, as the editor wrote it."""

    family: str  # the first author's family name, without a possessive 's ("Clark")
    year: str  # "2003"
    letter: str  # "b" of "2003b", else ""
    names: str  # the authors as typed ("Inwood & Ferrari", "Clark's", "Yela et al.")
    several: bool  # written as APA writes several authors: with "&" or "et al."
    prefix: str = ""  # "see also " before the first work
    locator: str = ""  # ", p. 3" after the last year


@dataclass(frozen=True)
class BareKey:
    """An `@key` that the site will not read as a citation."""

    key: str
    line: int
    bracket: str | None  # the bracket it stands in, when that is not a citation; None in text
    bracket_line: int | None = None  # the line that bracket starts on
    unclosed: bool = False  # the bracket is a `[` never closed, up to the end of its line


@dataclass(frozen=True)
class CitationBlock:
    """One `[...]` citation as written, with the 1-based line it starts on."""

    text: str
    keys: tuple[str, ...]
    line: int


def find_citation_blocks(markdown: str, *, first_line: int = 1) -> list[CitationBlock]:
    """Every citation block outside code, in order, numbered from `first_line`."""
    masked = blank_code(markdown)
    return [
        CitationBlock(text=match.group(0), keys=keys, line=line_at(masked, match.start(), first_line=first_line))
        for match, keys in _citations(masked)
    ]


def find_bare_keys(markdown: str, *, first_line: int = 1) -> list[BareKey]:
    """`@key` outside citation blocks, links and code, with its line: the site formats
    only bracketed citations and prints it as is, so an editor who meant one must be told."""
    masked = blank_code(markdown)
    found = []
    for match in _brackets(masked):
        if not _citation_keys(match.group("body")):
            bracket_line = line_at(masked, match.start(), first_line=first_line)
            found += [
                BareKey(
                    bare.group("key"),
                    line_at(masked, match.start("body") + bare.start(), first_line=first_line),
                    match.group(0),
                    bracket_line,
                )
                for bare in BARE_KEY.finditer(match.group("body"))
            ]
    # What no bracket, link or URL holds is running text, and a `[` left in it never closes.
    prose = _LINK_OR_BRACKET.sub(_blank, _BLOCK.sub(_blank, masked))
    for bare in BARE_KEY.finditer(prose):
        line = line_at(prose, bare.start(), first_line=first_line)
        opened = _unclosed_bracket(prose, bare.start())
        if opened is None:
            found.append(BareKey(bare.group("key"), line, None))
        else:
            end = masked.find("\n", opened)
            text = masked[opened : end if end >= 0 else None].rstrip()
            found.append(BareKey(bare.group("key"), line, text, line_at(prose, opened, first_line=first_line), True))
    return sorted(found, key=lambda bare: bare.line)


def find_plain_brackets(markdown: str, *, first_line: int = 1) -> list[tuple[str, int]]:
    """The text inside every `[...]` outside code that is neither a citation, a link nor
    a footnote, with the line it starts on: `[yip2021]` is a citation that lost its `@`."""
    masked = blank_code(markdown)
    return [
        (match.group("body"), line_at(masked, match.start(), first_line=first_line))
        for match in _brackets(masked)
        if "@" not in match.group("body") and not match.group("body").startswith("^")
    ]


def find_spaced_citations(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """`[@neff 2003]`, `[@ neff2003]`: each bracket outside code that is a citation once the
    spaces typed in a key or after its `@` are taken out, with that citation and its line."""
    masked = blank_code(markdown)
    found = []
    for match in _brackets(masked):
        body = match.group("body")
        closed = _YEAR_AGAIN.sub(r"\1", _SPACE_BEFORE_YEAR.sub(r"\1\2", _SPACE_AFTER_AT.sub("@", body)))
        if closed != body and not _citation_keys(body) and _citation_keys(closed):
            found.append((match.group(0), f"[{closed}]", line_at(masked, match.start(), first_line=first_line)))
    return found


def find_citations_in_html(markdown: str, *, first_line: int = 1) -> list[tuple[str, int, StartTag, int]]:
    """Each citation outside code that stands in a raw HTML block, where Python-Markdown
    reads no Markdown and readers would see it as typed: the citation, its line, the
    block's start tag and that tag's line."""
    masked = blank_code(markdown)
    blocks = raw_html_blocks(masked) if "<" in masked else []  # most pages hold no HTML
    return [
        (
            match.group(0),
            line_at(masked, match.start(), first_line=first_line),
            tag,
            line_at(masked, tag.start, first_line=first_line),
        )
        for match, _ in _citations(masked)
        for start, end, tag in blocks
        if start < match.start() < end
    ]


def find_citations_in_link_text(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Each link outside code whose text holds a citation, with the link and the citation
    written apart (`[Research](https://…) [@yela2022]`) and its line."""
    found = []
    for match, line in _located(_IN_LINK_TEXT, markdown, first_line):
        text = " ".join(f"{match.group('before')} {match.group('after')}".split())
        found.append((match.group(0), f"[{text}]({match.group('url')}) {match.group('citation')}", line))
    return found


def find_citations_in_parentheses(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Each citation outside code written inside parentheses (`(see [@yip2021])`), which
    prints a second pair: what was written, the citation with those words in it, its line."""
    found = []
    for match, line in _located(_IN_PARENTHESES, markdown, first_line):
        before, after = match.group("before").strip(), match.group("after").strip()
        # A few words beside it ("see", "for a review"); a sentence in parentheses is left alone.
        if not _citation_keys(match.group("citation")[1:-1]) or len(before.split()) > 3 or len(after.split()) > 4:
            continue
        inner = match.group("citation")[1:-1].strip()
        found.append(
            (match.group(0), f"[{before + ' ' if before else ''}{inner}{', ' + after if after else ''}]", line)
        )
    return found


def find_empty_citations(markdown: str, *, first_line: int = 1) -> list[tuple[str, int]]:
    """Each `[@]` outside code: a citation whose key was never typed, with its line."""
    return [(match.group(0), line) for match, line in _located(_EMPTY, markdown, first_line)]


def find_doubled_ats(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Each bracket outside code with `@@` before a key, `[@@neff2003]`, with the key and its line."""
    if "@@" not in markdown:  # most pages: found at once
        return []
    return [(match.group(0), match.group("key"), line) for match, line in _located(_DOUBLED_AT, markdown, first_line)]


def find_pasted_entries(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Each BibTeX entry outside code, by its first line (`@article{morin2006,`), with its key and line."""
    return [
        (match.group(0).strip(), match.group("key"), line)
        for match, line in _located(_PASTED_ENTRY, markdown, first_line)
    ]


def find_typed_citations(
    markdown: str, *, names: tuple[str, ...] = (), first_line: int = 1
) -> list[tuple[str, list[TypedWork], int]]:
    """Each citation outside code typed as APA prints it, "(Inwood & Ferrari, 2018)", with
    its works and its line; `names`: family names of more than one word it may give too
    (a group's, "World Health Organization"; one with a particle, "van der Kolk")."""
    citation, item, _ = _typed_patterns(names)
    return [
        (match.group(0), [work for each in item.finditer(match.group("works")) for work in _works(each)], line)
        for match, line in _typed(citation, markdown, first_line)
    ]


def find_typed_narratives(
    markdown: str, *, names: tuple[str, ...] = (), first_line: int = 1
) -> list[tuple[str, list[TypedWork], int]]:
    """Each narrative citation outside code typed as APA prints it, "Inwood and Ferrari
    (2018)", with its works (one per year) and its line; `names` as find_typed_citations'."""
    _, _, narrative = _typed_patterns(names)
    return [(match.group(0), _works(match), line) for match, line in _typed(narrative, markdown, first_line)]


def find_keys_as_link_text(markdown: str, *, first_line: int = 1) -> list[tuple[str, str, int]]:
    """Each link outside code whose text is only a key, `[@yela2022](https://…)`, with the
    key and its line."""
    return [
        (match.group(0), match.group("key"), line) for match, line in _located(_KEY_AS_LINK_TEXT, markdown, first_line)
    ]


def join_wrapped_citations(markdown: str) -> str:
    """Each citation block that wraps lines on one line: one text to format and to replace."""
    parts, done = [], 0
    for match, _ in _citations(blank_code(markdown)):
        if "\n" in match.group(0):
            parts += [
                markdown[done : match.start()],
                " ".join(_QUOTE_MARKS.sub("\n", markdown[match.start() : match.end()]).split()),
            ]
            done = match.end()
    parts.append(markdown[done:])
    return "".join(parts)


def replace_citations(markdown: str, texts: Mapping[str, str]) -> str:
    """`markdown` with each citation block outside code that `texts` names replaced by its text."""
    parts, done = [], 0
    for match, _ in _citations(blank_code(markdown)):
        parts += [markdown[done : match.start()], texts.get(match.group(0), match.group(0))]
        done = match.end()
    parts.append(markdown[done:])
    return "".join(parts)


# The patterns of typed citations (parenthetical, one work of one, narrative) whose first
# author is a capitalised word or one of `names`, written out with any spacing.
@functools.lru_cache(maxsize=16)
def _typed_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    spelled = [r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True)]
    authors = _TYPED_AUTHORS.replace("FAMILY", "|".join([*spelled, _FAMILY]))
    work = r"(?P<prefix>(?:e\.g\.,?|see(?: also)?|cf\.)\s+)?" + authors + r",?\s+" + _TYPED_YEARS
    unnamed = re.sub(r"\(\?P<\w+>", "(?:", work)
    citation = rf"(?<![\w!\\\]])[(\[](?P<works>{unnamed}(?:;\s*{unnamed})*)[)\]](?![(:\[])"
    narrative = r"(?<![\w@-])" + authors + r"\s+\(" + _TYPED_YEARS + r"\)"
    return re.compile(citation), re.compile(work), re.compile(narrative)


# The works of one author's typed years: "Neff, 2003a, 2011" is two.
def _works(typed: re.Match[str]) -> list[TypedWork]:
    years = [year.strip() for year in typed["years"].split(",")]
    return [
        TypedWork(
            family=re.sub(r"['\u2019]s$", "", typed["family"]),
            year=year[:4],
            letter=year[4:],
            names=" ".join(typed["names"].split()),
            several="&" in typed["names"] or bool(re.search(r"\bet\s+al\b", typed["names"])),
            prefix=(typed.groupdict().get("prefix") or "") if index == 0 else "",
            locator=(typed["locator"] or "") if index == len(years) - 1 else "",
        )
        for index, year in enumerate(years)
    ]


# Citations typed by hand that readers see as text: not in an image's alt text, a link
# definition's title or a shortcut link's text ("[Kabat-Zinn, 1990]" with its definition).
def _typed(pattern: re.Pattern[str], markdown: str, first_line: int) -> list[tuple[re.Match[str], int]]:
    masked = blank_code(markdown)
    if not _YEAR.search(masked):  # most pages: found at once
        return []
    defined = {label.casefold() for label in _LINK_DEFINITION.findall(masked)}
    found = []
    for match, line in _located(pattern, markdown, first_line):
        line_start = masked.rfind("\n", 0, match.start()) + 1
        before = masked[line_start : match.start()]
        if not (
            _LINK_DEFINITION.match(masked, line_start)
            or before.rfind("![") > before.rfind("]")
            or match.group(0)[1:-1].casefold() in defined
        ):
            found.append((match, line))
    return found


# Each match of `pattern` outside code, with the line it starts on.
def _located(pattern: re.Pattern[str], markdown: str, first_line: int) -> list[tuple[re.Match[str], int]]:
    masked = blank_code(markdown)
    return [(match, line_at(masked, match.start(), first_line=first_line)) for match in pattern.finditer(masked)]


# The citation blocks of code-blanked Markdown, with their keys: found once per page's
# text, which the checks, the run planner and the hook each read (blank_code's reason).
@functools.lru_cache(maxsize=4096)
def _citations(masked: str) -> tuple[tuple[re.Match[str], tuple[str, ...]], ...]:
    found = [(match, _citation_keys(match.group("body"))) for match in _brackets(masked)]
    return tuple((match, keys) for match, keys in found if keys)


# Every bracket that may be a citation: link definitions ([label]: url) left out.
def _brackets(masked: str) -> Iterator[re.Match[str]]:
    for match in _BLOCK.finditer(masked):
        definition = (
            masked.startswith(":", match.end())
            and _DEFINITION_INDENT.search(masked, 0, match.start())
            and _DEFINITION.match(masked, match.end() + 1)
        )
        if not definition:
            yield match


# The `[` before offset `at` in its paragraph, where every bracket that closes is blanked.
def _unclosed_bracket(prose: str, at: int) -> int | None:
    paragraph = max(prose.rfind("\n\n", 0, at), 0)
    opened = prose.rfind("[", paragraph, at)
    return opened if opened >= 0 else None


def _blank(match: re.Match[str]) -> str:
    return blank(match.group(0))


def _citation_keys(body: str) -> tuple[str, ...]:
    items = [_ITEM.match(item) for item in body.split(";")]
    keys = tuple(item.group("key") for item in items if item)
    return keys if len(keys) == len(items) else ()
