"""HTML read as a browser's parser reads it, in one place: the start tags of a text with
their attributes and offsets (raw HTML in a page's Markdown, a rendered page), the
elements with their text, and the scripts of a built page.

Python's own parser (html.parser) reads what an editor or the build wrote, token by token,
so each tag keeps its offset in the text: a rule tells its line, a hook edits the text
there. One exception, for speed: `scripts`, below.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# A script element: its start tag (quoted attribute values may hold `>`) and its text up to
# the first `</script`, where the HTML standard ends it.
_SCRIPT = re.compile(
    r"""<script\b(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>(?P<text>.*?)</script\s*>""", re.IGNORECASE | re.DOTALL
)


@dataclass(frozen=True)
class StartTag:
    """A start tag as written, with where it stands in the text it was read from."""

    name: str  # lower-cased, as the browser reads it
    attributes: dict[str, str] = field(hash=False)  # by lower-cased name, values unescaped; the first of repeats
    start: int  # the offset of its `<`
    end: int  # the offset after its `>`
    text: str  # as written, `<` to `>`


@dataclass(frozen=True)
class Element:
    """An element from its start tag to its end tag."""

    tag: StartTag
    text: str  # the text between its tags, other tags left out, entities as written
    inner: tuple[StartTag, ...]  # the start tags inside it
    end: int  # the offset after its end tag

    @property
    def start(self) -> int:
        return self.tag.start


def start_tags(html: str) -> list[StartTag]:
    """Every start tag of `html`, in order (in a script or style element's text, none)."""
    return [token for token in _tokens(html) if isinstance(token, StartTag)]


def elements(html: str, *, names: Iterable[str]) -> list[Element]:
    """Each element named in `names` that `html` closes, in order; one inside another of
    the same name ends at the first end tag, as a heading or link cannot nest."""
    wanted = set(names)
    tokens = _tokens(html)
    found = []
    for index, token in enumerate(tokens):
        if not isinstance(token, StartTag) or token.name not in wanted:
            continue
        text: list[str] = []
        inner: list[StartTag] = []
        for later in tokens[index + 1 :]:
            if isinstance(later, _EndTag) and later.name == token.name:
                found.append(Element(token, "".join(text), tuple(inner), later.end))
                break
            if isinstance(later, StartTag):
                inner.append(later)
            elif isinstance(later, _Text):
                text.append(html[later.start : later.end])
    return found


@functools.lru_cache(maxsize=1024)
def tag_attributes(text: str) -> dict[str, str]:
    """The attributes written in `text` (a start tag's, or attr_list's `{: key="value" }`),
    by lower-cased name, values unescaped (the first of repeats, as browsers keep)."""
    tags = start_tags(f"<x {text}>")
    return tags[0].attributes if tags else {}


def text_of(html: str) -> str:
    """The text of an HTML fragment, tags left out and entities read (`&amp;` is `&`)."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def head_end(document: str) -> int | None:
    """The offset right after a document's `<head>` start tag; None without one."""
    reader = _HeadFinder()
    try:
        reader.feed(document)
        reader.close()
    except _Found as found:
        return found.end
    return None


def scripts(document: str) -> list[tuple[dict[str, str], str]]:
    """Each `<script>` of a page (a whole document or a fragment of one), in order: its
    attributes and its text, as the browser reads them.

    Found by a scan, not the parser: every page the build writes is read whole, and its
    navigation grows with the site (100 kB a page at 200 articles), where a parser takes
    three times the scan's 0.45 ms a page (lxml 1.4 ms, html.parser 4.5 ms): 0.3 s more a
    build at 200 articles. tests/test_content_security.py holds what it finds to Python's
    parser on every page of the built site."""
    return [(tag_attributes(script.group("attributes")), script.group("text")) for script in _SCRIPT.finditer(document)]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EndTag:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class _Text:
    start: int
    end: int


# The tags and texts of `html` in order, each with its offsets. Read once per text: the
# content rules, remote content and blocked markup all read each page's.
@functools.lru_cache(maxsize=256)
def _tokens(html: str) -> list[StartTag | _EndTag | _Text]:
    reader = _TokenReader(html)
    reader.feed(html)
    reader.close()
    tokens = reader.tokens
    # A token ends where the next one starts (html.parser gives only starts).
    starts = [token[1] for token in tokens] + [len(html)]
    found: list[StartTag | _EndTag | _Text] = []
    for (kind, start, value), end in zip(tokens, starts[1:], strict=True):
        if kind == "start":
            assert isinstance(value, StartTag)
            found.append(value)
        elif kind == "end":
            found.append(_EndTag(str(value), start, end))
        elif kind == "text":
            found.append(_Text(start, end))
    return found


# Python's parser, read as Markdown reads raw HTML: a `<` that starts no whole tag is text.
# `<!` that opens neither a comment nor a doctype is text (Python 3.11's own reading of
# `<![` stops with an AssertionError; `<![](image.png)` is an image after a `<`); so is a
# `<` whose tag would hold another `<` outside its quoted values, or a blank line: what
# follows (`<img` forgotten open, then `<iframe ...>`) is read on its own.
class _Reader(HTMLParser):
    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith("<!--", i) or self.rawdata[i : i + 9].lower() == "<!doctype":
            return super().parse_html_declaration(i)
        self.handle_data("<!")
        return i + 2

    def parse_starttag(self, i: int) -> int:
        end = self.check_for_whole_start_tag(i)
        if end > i and not _whole_tag(self.rawdata[i + 1 : end]):
            self.handle_data("<")
            return i + 1
        return super().parse_starttag(i)


class _TokenReader(_Reader):
    def __init__(self, html: str) -> None:
        # Entities stay as written: a message quotes the text as the editor typed it.
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[str, int, StartTag | str | None]] = []
        self._line_starts = _line_starts(html)

    # Where the token being read starts, as an offset into the text.
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start, text = self._offset(), self.get_starttag_text() or ""
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value or "")
        self.tokens.append(("start", start, StartTag(tag, attributes, start, start + len(text), text)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", self._offset(), tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append(("text", self._offset(), None))

    def handle_entityref(self, name: str) -> None:
        self.tokens.append(("text", self._offset(), None))

    def handle_charref(self, name: str) -> None:
        self.tokens.append(("text", self._offset(), None))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("other", self._offset(), None))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("other", self._offset(), None))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("other", self._offset(), None))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("other", self._offset(), None))


class _TextReader(_Reader):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


class _Found(Exception):
    def __init__(self, end: int) -> None:
        self.end = end


# Stops at `<head>`, which stands near a page's top: the rest is never read.
class _HeadFinder(_Reader):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self._document = ""

    def feed(self, data: str) -> None:
        self._document += data
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            line, column = self.getpos()
            start = _line_starts(self._document, lines=line)[line - 1] + column
            raise _Found(start + len(self.get_starttag_text() or ""))


# Whether a start tag's text after its `<` is one tag in Markdown: no `<` outside its
# quoted values, no blank line.
def _whole_tag(text: str) -> bool:
    if any(not line.strip() for line in text.split("\n")[1:-1]):
        return False
    quote = None
    for index, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'" and text[:index].rstrip().endswith("="):
            quote = char
        elif char == "<":
            return False
    return True


# The offset each line of `text` starts at (the first `lines` of them, or all).
def _line_starts(text: str, *, lines: int | None = None) -> list[int]:
    starts = [0]
    while lines is None or len(starts) < lines:
        found = text.find("\n", starts[-1])
        if found < 0:
            break
        starts.append(found + 1)
    return starts
