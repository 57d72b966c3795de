"""A page's Markdown as its editor wrote it, read in one place for every check: the front
matter split off with the line the body starts on, the body with its code (fenced,
indented, inline) and HTML comments blanked so no rule reads them, its headings with
their lines, and the syntax of its images.

Blanking keeps every offset and line: a rule reads the blanked text and tells the line
the editor sees. Raw HTML blocks, where Python-Markdown reads no Markdown, are found here too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from psychoed.html_elements import StartTag, elements, start_tags

# The elements whose start tag, beginning a line, starts a raw HTML block in Python-Markdown
# (its block_level_elements, less those that hold no text a page would write).
BLOCK_ELEMENTS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "script",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# The block between the first line's `---` and the next `---` (or `...`); an empty block
# is closed by the line right after it, not by a rule further down.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
# A code span may wrap lines but never crosses a blank line.
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Blocks whose indented lines are their content, not code: list items, admonitions
# (`!!! note`, `??? tip`), footnote definitions.
_CONTAINER_START = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s|(?:!!!|\?\?\?\+?)[ \t]*\w|\[\^[^\]]+\]:)")
# A table's second line: cells of dashes (colons for alignment) between pipes.
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# A note box's first line (`!!! note`, `??? tip`, `???+ tip`); its text is indented under it.
# As Python-Markdown reads it: the kind, other classes, a title in double quotes, nothing else
# (`!!! Note:` is text).
ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<kind>[\w-]+)(?=(?:[ ]+[\w-]+)*(?:[ ]+\"[^\"\n]*\")?[ ]*$)"
)
# Python-Markdown's headings: `#` at the start of a line (a space after it optional), and
# a line of `=` or `-` under a line of text.
_ATX = re.compile(r"^(?P<marks>#{1,6})(?P<text>.*?)#*[ \t]*$")
_SETEXT = re.compile(r"^(?P<rule>=+|-+)[ \t]*$")
_NOT_SETEXT_TEXT = re.compile(r"^\s*(?:[-*+>|]|\d+[.)]|#|$)")
_ATTRIBUTES = re.compile(r"\{[^}]*\}\s*$")
_HTML_HEADINGS = {f"h{level}" for level in range(1, 7)}
# Markdown images: inline ![alt](url "title"), and by reference ![alt][ref], ![ref][], ![ref].
# The alt text may wrap lines, as a paragraph does, but never crosses a blank line.
_ALT_TEXT = r"(?P<alt>(?:[^\]\n]|\n(?![ \t]*\n))*)"
INLINE_IMAGE = re.compile(rf"!\[{_ALT_TEXT}\]\(\s*<?(?P<url>[^)\s>]*)")
REFERENCE_IMAGE = re.compile(rf"!\[{_ALT_TEXT}\](?:\[(?P<ref>[^\]\n]*)\])?(?!\()")


@dataclass(frozen=True)
class PageSource:
    """A page's file as the checks read it."""

    path: str  # as the editor finds it, e.g. docs/articles/self-compassion.md
    source: str  # the whole file, front matter included, so lines match the editor's

    @functools.cached_property
    def _split(self) -> tuple[str, int]:
        return strip_front_matter(self.source)

    @property
    def body(self) -> str:
        """The Markdown after the front matter."""
        return self._split[0]

    @property
    def first_line(self) -> int:
        """The file line the body's first line stands on."""
        return self._split[1]

    @property
    def masked(self) -> str:
        """The body with its code and HTML comments blanked (`blank_code`)."""
        return blank_code(self.body)

    def line_at(self, offset: int) -> int:
        """The file line of an offset into the body (or its masked form)."""
        return line_at(self.body, offset, first_line=self.first_line)


@dataclass(frozen=True)
class Fence:
    """A fenced block of code (``` or ~~~), by the 0-based lines of its fences."""

    opening: int
    marks: str  # the opening fence, e.g. ```
    info: str  # what follows it: a language, or Quarto's {=html}
    closing: int | None  # None: never closed, so it runs to the page's end


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


def strip_front_matter(source: str) -> tuple[str, int]:
    """The Markdown body of a page file and the file line its first line stands on."""
    match = FRONT_MATTER.match(source)
    if not match:
        return source, 1
    return source[match.end() :], 1 + source.count("\n", 0, match.end())


def line_at(text: str, offset: int, *, first_line: int = 1) -> int:
    """The line of `offset` in `text`, whose first line is `first_line`."""
    return first_line + text.count("\n", 0, offset)


def raw_html_blocks(masked: str) -> list[tuple[int, int, StartTag]]:
    """Each raw HTML block of code-blanked Markdown, from its start tag to the end of its end
    tag, with that start tag: a block-level element whose tag begins a line and has no
    `markdown` attribute. Python-Markdown shows what it holds as written, reading no Markdown."""
    blocks = []
    done = 0
    for tag in start_tags(masked):
        if tag.start < done or tag.name not in BLOCK_ELEMENTS or "markdown" in tag.attributes:
            continue
        line_start = masked.rfind("\n", 0, tag.start) + 1
        if tag.start - line_start > 3 or masked[line_start : tag.start].strip(" "):
            continue  # in a paragraph, or indented into a list item: Markdown is read there
        done = _end_of_element(masked, tag)
        blocks.append((tag.start, done, tag))
    return blocks


def blank(text: str) -> str:
    """`text` as spaces, its line breaks kept: what it held is gone, its lines are not."""
    return re.sub(r"[^\n]", " ", text)


def without_comments(markdown: str) -> str:
    """The Markdown with its HTML comments taken out, for a reader that counts its words."""
    return _HTML_COMMENT.sub("", markdown)


# Each page is read for citations, bare keys, keys without `@` and the content rules:
# blanked once, not four times (about 0.2 s saved at 1,000 articles).
@functools.lru_cache(maxsize=4096)
def blank_code(markdown: str) -> str:
    """Code regions and HTML comments replaced by spaces of the same length, so offsets
    and lines still match: neither is shown, so no rule reads them."""
    lines = markdown.split("\n")
    fenced = {
        number
        for fence in fenced_blocks(lines)
        for number in range(fence.opening, (len(lines) - 1 if fence.closing is None else fence.closing) + 1)
    }
    out = []
    previous_blank = True
    in_container = False
    for number, line in enumerate(lines):
        if number in fenced:
            out.append(" " * len(line))
            continue
        stripped = line.strip()
        if _CONTAINER_START.match(line):
            in_container = True
        elif stripped and not line.startswith((" ", "\t")):
            in_container = False
        indented = line.startswith(("    ", "\t")) and stripped
        if indented and previous_blank and not in_container:
            out.append(" " * len(line))
            continue  # an indented code block stays code until a less indented line
        previous_blank = not stripped
        out.append(line)
    text = "\n".join(out)
    return _HTML_COMMENT.sub(_blanked, _INLINE_CODE.sub(_blanked, text))


def fenced_blocks(lines: list[str]) -> list[Fence]:
    """Each fenced block of code of a page's lines. It closes at a fence of its kind, as
    long or longer, with nothing after it; one never closed runs to the end."""
    found = []
    opened: Fence | None = None
    for number, line in enumerate(lines):
        if not (fence := _FENCE.match(line)):
            continue
        marks, info = fence.group("fence"), line[fence.end() :].strip()
        if opened is None:
            opened = Fence(number, marks, info, None)
        elif marks[0] == opened.marks[0] and len(marks) >= len(opened.marks) and not info:
            found.append(replace(opened, closing=number))
            opened = None
    return found + ([opened] if opened else [])


def find_headings(masked: str, *, first_line: int) -> list[Heading]:
    """The headings of code-blanked Markdown, with the file line of each: in note boxes
    too (their text is indented under `!!! note`), and typed as HTML (`<h3>`)."""
    headings = []
    lines = []
    boxes: list[int] = []  # the indent of the text of each note box the line is in
    for number, raw in enumerate(masked.split("\n")):
        expanded = raw.expandtabs(4)
        if expanded.strip():
            while boxes and len(expanded) - len(expanded.lstrip()) < boxes[-1]:
                boxes.pop()
        line = expanded[boxes[-1] :] if boxes else raw
        lines.append(line)
        if box := ADMONITION.match(line):
            boxes.append((boxes[-1] if boxes else 0) + len(box.group("indent").expandtabs(4)) + 4)
        elif atx := _ATX.match(line):
            text = _ATTRIBUTES.sub("", atx.group("text")).strip()
            headings.append(Heading(len(atx.group("marks")), text, first_line + number))
        elif (setext := _SETEXT.match(line)) and number and not _NOT_SETEXT_TEXT.match(lines[number - 1]):
            level = 1 if setext.group("rule")[0] == "=" else 2
            headings.append(Heading(level, _ATTRIBUTES.sub("", lines[number - 1]).strip(), first_line + number - 1))
    for element in elements(masked, names=_HTML_HEADINGS):
        text = " ".join(element.text.split())
        headings.append(Heading(int(element.tag.name[1]), text, line_at(masked, element.start, first_line=first_line)))
    return sorted(headings, key=lambda heading: heading.line)


# Where `tag`'s element ends, elements of its name nested in it counted; one never closed
# ends with its paragraph.
def _end_of_element(masked: str, tag: StartTag) -> int:
    depth = 1
    for match in re.finditer(rf"<(/?){tag.name}\b[^>]*>", masked[tag.end :], re.IGNORECASE):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return tag.end + match.end()
    paragraph_end = masked.find("\n\n", tag.end)
    return len(masked) if paragraph_end < 0 else paragraph_end


def _blanked(match: re.Match[str]) -> str:
    return blank(match.group(0))
