"""Markdown that Python-Markdown reads otherwise than the editor meant, told at its line.

Text pasted from GitHub, Google Docs or another MkDocs site brings syntax this site's
Markdown does not read, and the page shows it run together or as typed, with no error:
- a list right under a line of text, with no blank line between: the items join the text;
- an item indented under another by fewer than four spaces: it is not nested;
- items numbered `1)` or marked with a pasted `•` (Word's `·` and `o`): they join into one
  line of text;
- a table right under a line of text, or with fewer cells of dashes than headings;
- a note box's first line Markdown does not read (`!!! Note:`, `!! tip`), or a title
  without its quotes (`!!! tip Sleep well`, titled "Tip");
- other sites' boxes, tabs and notes: `??? note` (collapsible), `=== "Tab"`, GitHub's
  `> [!NOTE]`, pandoc's and Quarto's `:::` boxes and `^[…]` footnotes;
- Markdown inside a block of HTML (`<details>` without `markdown`), shown as typed.
"""

from __future__ import annotations

import re

from psychoed.markdown_source import (
    ADMONITION,
    BLOCK_ELEMENTS,
    TABLE_RULE,
    PageSource,
    blank,
    fenced_blocks,
    raw_html_blocks,
)
from psychoed.problems import Problem

# A list item: `-`, `*` or `+`, or a number and a full stop, then a space or a tab.
_ITEM = re.compile(r"^(?P<indent>[ ]*)(?P<marker>[-*+]|(?P<number>\d{1,9})\.)[ \t]+\S")
# A rule (`* * *`, `---`), which is no list item.
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A line of paragraph text: not a list item, heading, quote, table, box or footnote, nor the
# tag of a block of HTML (a line starting with <strong> is text).
_TEXT = re.compile(
    rf"^[ ]*(?![-*+][ \t]|\d+[.)][ \t]|#|>|\||</|<(?:{'|'.join(BLOCK_ELEMENTS)})\b|!!!|\?\?\?|===|:::|\[\^)\S",
    re.IGNORECASE,
)
# Items numbered `1)`, and items marked with a bullet pasted from a word processor.
_PAREN_ITEM = re.compile(r"^[ ]{0,3}(?P<number>\d{1,2})\)[ \t]+\S")
# (Word pastes its Symbol bullets as "·" and its second level as "o", then a tab or no-break space.)
_BULLET_ITEM = re.compile(r"^[ \t]*(?:(?P<bullet>[•◦▪●‣·])[ \t\u00a0]*|(?P<letter>o)[\t\u00a0]+)\S")
# Other sites' syntax: Material's collapsible box and content tab, GitHub's alert.
_COLLAPSIBLE = re.compile(r"^(?P<indent>[ \t]*)\?\?\?\+?[ \t]*(?P<kind>\w+)(?P<title>.*)$")
_TAB = re.compile(r'^[ \t]*===[!+]?[ \t]+"(?P<title>[^"\n]*)"')
_ALERT = re.compile(r"^[ \t]*>[ \t]*\[!(?P<kind>NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
# Pandoc's, Quarto's and Starlight's box (`::: {.callout-note}`, `:::note[Title]`), and
# pandoc's footnote written in the text (`^[…]`).
_FENCED_DIV = re.compile(r"^[ \t]*:{3,}[ \t]*[^:\s]")  # an opening line; `::::` alone closes
# A dash typed as a typewriter's two hyphens ("anxious -- and"), which word processors and
# pandoc turn into a dash and Python-Markdown does not: not a rule (---), an arrow or a comment.
_TYPED_DASH = re.compile(r"(?<=[\w\s])(?<!-)--(?!-)(?=[\w\s])")
_INLINE_NOTE = re.compile(r"\^\[(?:[^\]\n]*\s[^\]\n]*|https?://[^\]\s]+)\]")  # words or an address, not math's x^[2]
# Markdown a raw HTML block would show as typed: list items, links, bold, headings.
_MARKDOWN_IN_HTML = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+\S|\d+\.[ \t]+\S|#{1,6}[ \t]|```)|\]\([^)\s]+\)|\*\*\S|`[^`\n]+`"
    r"|(?<![\w*])\*(?=\S)[^*\n]+(?<=\S)\*(?![\w*])",
    re.MULTILINE,
)
# Quarto's fence of raw HTML (```{=html}).
_RAW_FENCE = re.compile(r"^\{=\w+\}$")
# HTML whose text is no page's Markdown.
_NOT_TEXT_ELEMENTS = {"script", "style", "pre"}
# A line meant to open a note box: two or more '!', then its kind and what follows.
_BOX_LINE = re.compile(r"^[ \t]*(?P<marks>!{2,})[ \t]*(?P<kind>[A-Za-z-]*)(?P<rest>.*)$")
# The note box that says what each GitHub alert says.
_ALERT_BOXES = {"note": "note", "tip": "tip", "important": "info", "warning": "warning", "caution": "danger"}


def misread_markdown_problems(pages: list[PageSource]) -> list[Problem]:
    """Each place in the pages whose Markdown would show otherwise than written, with the fix."""
    problems = []
    for page in pages:
        found, markdown = _html_block_messages(page.masked, page.body)
        found += _fence_messages(page.body.split("\n"))
        lines = markdown.split("\n")
        found += _list_messages(lines) + _table_messages(lines)
        found += [(number, message) for number, line in enumerate(lines) if (message := _foreign_syntax_message(line))]
        problems += [Problem(page.path, page.first_line + number, message) for number, message in sorted(found)]
    return problems


# (index of the line, message) for each raw HTML block that holds Markdown, and the text
# with those blocks blanked: each is a block of its own, whose lines no other rule reads.
def _html_block_messages(masked: str, body: str) -> tuple[list[tuple[int, str]], str]:
    found: list[tuple[int, str]] = []
    if "<" not in masked:
        return found, masked
    for start, end, tag in raw_html_blocks(masked):
        # Read as written (`body`, the same offsets): code in a block of HTML is shown as typed too.
        if tag.name not in _NOT_TEXT_ELEMENTS and (seen := _MARKDOWN_IN_HTML.search(body, tag.end, end)):
            line_start = body.rfind("\n", 0, seen.start()) + 1
            line_end = body.find("\n", seen.start())
            shown = body[line_start : line_end if line_end >= 0 else None].strip()
            found.append((masked.count("\n", 0, start), _html_message(tag.name, shown[:60])))
        masked = masked[:start] + blank(masked[start:end]) + masked[end:]
    return found, masked


# (index of the line, message) for each list that would not show as a list. `block` is
# what the lines since the last blank one are: paragraph text, a list, a list that joined
# the text above it, or items nested too little (each of the last two told once).
def _list_messages(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    block: str | None = None
    text_indent = 0  # the indent of the paragraph's first line
    item_indent: int | None = None  # the indent of the list's last item, while in a list
    numbered = False  # whether that item is numbered
    for number, line in enumerate(lines):
        content = re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line).expandtabs(4)
        indent = len(content) - len(content.lstrip())
        item = _ITEM.match(content)
        if not content.strip():
            block = None
        elif item and not _RULE.match(content):
            if block == "text" and indent <= text_indent + 3:
                if item.group("number") in (None, "1") or _next_is_item(lines, number):
                    found.append((number, _JOINED.format(marker=item.group("marker"))))
                    block = "joined"
            elif block != "joined":
                # One space more is a slip of alignment; two or three mean to nest, as on GitHub.
                # Python-Markdown nests by steps of four columns from the line's start: under an
                # item at 0 to 3 spaces, at 4 or more.
                if item_indent is not None and item_indent + 2 <= indent < item_indent // 4 * 4 + 4:
                    if block != "shallow":
                        found.append((number, _SHALLOW.format(spaces=indent - item_indent)))
                    block = "shallow"
                else:
                    # A list of the other kind joins the list above, a blank line between or not.
                    if block in (None, "list") and item_indent == indent and numbered != bool(item.group("number")):
                        found.append((number, _OTHER_KIND))
                    item_indent, block, numbered = indent, "list", bool(item.group("number"))
        elif _TEXT.match(content) and not (_PAREN_ITEM.match(content) or _BULLET_ITEM.match(line)):
            if block is None:
                if item_indent is not None and indent < item_indent + 4:
                    item_indent = None  # a paragraph outside the item ends the list
                block, text_indent = "text", indent
        else:
            block = None  # a heading, a table, HTML, a note box's first line: a block of its own
            item_indent = None if indent < 4 else item_indent
        found += _pasted_list_message(lines, number, content)
    return found


_JOINED = (
    "this list starts right under a line of text, so its items would show run into that text; "
    "leave a blank line before the first item ('{marker} …')"
)
_OTHER_KIND = (
    "this list comes right after a list of the other kind (numbered and bulleted), so its items would join "
    "that list; write a line of text between the two lists"
)
_SHALLOW = (
    "this item is indented {spaces} spaces under the item above, so it would show as an item of the same list, "
    "not under it; indent it 4 spaces more than the item above"
)


def _next_is_item(lines: list[str], number: int) -> bool:
    return number + 1 < len(lines) and bool(_ITEM.match(lines[number + 1].expandtabs(4)))


# `1)` and `•` items: told at the first of a run of two or more, or at an item numbered 1
# (a `•` line alone, after a blank one, shows as it reads).
def _pasted_list_message(lines: list[str], number: int, content: str) -> list[tuple[int, str]]:
    # As typed, tabs kept: Word's "o" is a bullet only before a tab or a no-break space.
    line = lines[number]
    previous = lines[number - 1] if number else ""
    following = lines[number + 1] if number + 1 < len(lines) else ""
    item = _PAREN_ITEM.match(content)
    # Alone it reads as written; beside another `1)` item, or in a list of `2.` items, where
    # it runs into the item before it or turns the list into text (a clinician's trial).
    beside = _PAREN_ITEM.match(following) or _numbered(following) or _numbered(previous)
    if item and not _PAREN_ITEM.match(previous) and beside:
        return [(number, _PAREN.format(number=item.group("number")))]
    bullet = _BULLET_ITEM.match(line)
    if bullet and not _BULLET_ITEM.match(previous) and (_BULLET_ITEM.match(following) or previous.strip()):
        if bullet.group("letter"):  # Word's second level
            return [(number, _BULLET.format(bullet="o") + ", indented four spaces under the item above")]
        return [(number, _BULLET.format(bullet=bullet.group("bullet")))]
    return []


def _numbered(line: str) -> bool:
    item = _ITEM.match(line.expandtabs(4))
    return bool(item and item.group("number"))


_PAREN = (
    "'{number})' does not number a list on this site, so the items would show run together as text; "
    "write {number}. (the number and a full stop) for each item"
)
_BULLET = (
    "'{bullet}' does not make a list item, so the items would show run together as text; "
    "write '- ' in its place at the start of each item, after a blank line"
)


# A table right under a line of text, or whose second line has another number of cells
# than its first: Python-Markdown shows either as text, pipes and dashes and all.
def _table_messages(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    for number in range(1, len(lines)):
        header, rule = lines[number - 1], lines[number]
        if "|" not in header or "|" not in rule or not TABLE_RULE.match(rule):
            continue
        columns, dashes = (len(line.strip().removeprefix("|").removesuffix("|").split("|")) for line in (header, rule))
        if number >= 2 and _TEXT.match(lines[number - 2]) and "|" not in lines[number - 2]:
            found.append(
                (
                    number - 1,
                    "this table starts right under a line of text, so it would show as text, pipes and all; leave a blank line before it",
                )
            )
        elif columns != dashes:
            found.append(
                (
                    number,
                    f"the table's second line has {dashes} cells of dashes under {columns} headings, so it would show as text, pipes and all; write one --- between the pipes for each heading",
                )
            )
    return found


# A fence of code never closed, which leaves the rest of the page misread, and Quarto's
# fences of raw HTML, whose HTML this site shows as code.
def _fence_messages(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    for fence in fenced_blocks(lines):
        if _RAW_FENCE.match(fence.info):
            found.append(
                (
                    fence.opening,
                    f"'{lines[fence.opening].strip()}' is Quarto's fence of raw HTML, which this site shows as code; delete the two {fence.marks} lines around the HTML",
                )
            )
        if fence.closing is None:
            found.append(
                (
                    fence.opening,
                    f"this {fence.marks} opens a block of code that is never closed, so what follows would not show as written; add a line holding only {fence.marks} after the code",
                )
            )
    return found


def _html_message(name: str, markdown: str) -> str:
    return (
        f"the HTML <{name}> that starts here holds Markdown ('{markdown}'), which it would show as typed; "
        f"add markdown to its tag, <{name} markdown>, or write its text as Markdown without the tags"
    )


# A note box's first line Python-Markdown does not read as written: a ':' or two '!', a
# title in a word processor's quotes, or without quotes (which it reads as classes: "!!! note
# Sleep well" is titled "Note").
def _box_message(line: str, box: re.Match[str]) -> str | None:
    kind, rest = box.group("kind").lower() or "note", box.group("rest")
    title = rest.strip(" \t:")
    read = ADMONITION.match(line) is not None
    if read and title.startswith('"') and title.endswith('"'):
        return None
    if len(title) >= 2 and title[0] in _QUOTES and title[-1] in _QUOTES:
        return f"'{line.strip()}' has its title in a word processor's quotes, which show on the page; type straight ones: !!! {kind} \"{title[1:-1]}\""
    if len(box.group("marks")) == 3 and rest[:1].isspace() and re.search(r"\w", title):
        shown = "is read as a note box titled only with its kind" if read else "is not read as a note box"
        return f"'{line.strip()}' {shown}; write its title in double quotes: !!! {kind} \"{title}\""
    if not read:
        return (
            f"'{line.strip()}' is not read as a note box, so the line and its text would show as typed; "
            f'write !!! {kind}, or !!! {kind} "Title" for a title of its own'
        )
    return None


_QUOTES = "“”„‘’'\""


def _foreign_syntax_message(line: str) -> str | None:
    if box := _BOX_LINE.match(line):
        return _box_message(line, box)
    if box := _COLLAPSIBLE.match(line):
        kind, title = box.group("kind"), box.group("title").strip()
        return (
            f"'{line.strip()}' is a collapsible box, which this site does not have: the line would show as typed; "
            f"write !!! {kind}{' ' + title if title else ''} (a note box), its text indented four spaces under it"
        )
    if tab := _TAB.match(line):
        return (
            f"'{line.strip()}' starts a content tab, which this site does not have: the line would show as typed; "
            f"write the tab's title as a heading, e.g. ### {tab.group('title')}, and its text under it without the indent"
        )
    if _FENCED_DIV.match(line):
        return (
            f"'{line.strip()}' starts a box of pandoc, Quarto or Starlight, which this site shows as typed, ':::' and all; "
            "write !!! note (or tip, warning) on a line of its own, its text indented four spaces under it, and delete the ':::' lines"
        )
    if note := _INLINE_NOTE.search(line):
        return (
            f"'{note.group()}' is a footnote written in the text, which this site shows as typed; "
            "write [^1] in its place and, after the paragraph, [^1]: and the note's text"
        )
    if "--" in line and (dash := _TYPED_DASH.search(line)):  # the test first: 3 times faster
        shown = line[max(0, dash.start() - 20) : dash.end() + 20].strip()
        return (
            f"'{shown}' has '--', which this site shows as two hyphens, not a dash; "
            "type a dash in its place: an en dash (–) between numbers, an em dash (—) in a sentence"
        )
    if alert := _ALERT.match(line):
        kind = _ALERT_BOXES[alert.group("kind").lower()]
        return (
            f"'{line.strip()}' is GitHub's way of writing a note box, which this site shows as typed; "
            f"write !!! {kind} on a line of its own, and its text under it indented four spaces, without the '>'"
        )
    return None
