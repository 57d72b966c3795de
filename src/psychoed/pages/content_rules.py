"""The rules every page's content keeps, checked where the editor wrote it.

The HTML and browser tests hold the built site to these rules (descriptions search
results can show, headings a screen reader can walk, images and links it can name); the
build checks each first, at its line, so CI confirms them and never discovers them.
"""

from __future__ import annotations

import itertools
import re

from psychoed.articles.front_matter import field_meant, read_front_matter, unknown_field_problems
from psychoed.html_elements import StartTag, elements, start_tags
from psychoed.markdown_source import (
    ADMONITION,
    INLINE_IMAGE,
    TABLE_RULE,
    Heading,
    PageSource,
    blank_code,
    find_headings,
    line_at,
)
from psychoed.problems import Problem, counted
from psychoed.references.citation_syntax import find_citation_blocks

# What search results and link previews show of a page without cutting it (tests/test_findable.py).
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160
# Headings of a list the build writes itself from the page's citations (hooks/citations.py).
REFERENCE_HEADINGS = ("references", "reference list", "bibliography", "works cited", "sources")

_EMPTY_LINK = re.compile(r"(?<![!\]\\])\[\s*\]\((?P<url>[^)\s]*)")
# A line Python-Markdown makes a paragraph of: not a heading, list item, quote, table,
# HTML, note box or footnote, and not code (code is blanked before this is read).
_TEXT_LINE = re.compile(r"^\s*(?![-*+]\s|\d+[.)]\s|#|>|\||<|!!!|\?\?\?|\[\^|=+\s*$|-+\s*$)\S")
# HTML attributes that give a screen reader a name: a link's aria-label or title.
_LINK_NAMES = ("aria-label", "title")


def content_problems(pages: list[PageSource], *, articles: set[str]) -> list[Problem]:
    """Every page's breaches of the content rules; `articles` are the paths of articles,
    whose front matter read_article checks (non-articles' is checked here)."""
    problems: list[Problem] = []
    seen_titles: dict[str, str] = {}
    seen_descriptions: dict[str, str] = {}
    for page in pages:
        front_matter, front_problems = read_front_matter(page.source, path=page.path)
        if page.path not in articles:
            problems += front_problems
        body, first_line, masked = page.body, page.first_line, page.masked
        headings = find_headings(masked, first_line=first_line)
        article = page.path in articles
        cites = article or bool(find_citation_blocks(body, first_line=first_line))
        problems += heading_problems(headings, path=page.path, article=article, cites=cites)
        problems += _table_header_problems(masked, path=page.path, first_line=first_line)
        problems += _image_and_link_problems(masked, body=body, path=page.path, first_line=first_line)
        problems += _admonition_problems(masked, path=page.path, first_line=first_line)
        if not any(_TEXT_LINE.match(line) for line in masked.split("\n")):
            problems.append(
                Problem(
                    page.path,
                    headings[0].line if headings else first_line,
                    "the page has no paragraph of text, only headings, lists or HTML; write at least a sentence under the title, which search results and readers without JavaScript see first",
                )
            )
        if front_problems:
            continue
        fields = front_matter.fields if front_matter else {}
        lines = front_matter.lines if front_matter else {}
        # A field no part of the site reads (an article's are read_article's): 'descripton' is
        # told as misspelt, and not again as no description.
        if front_matter and page.path not in articles:
            problems += unknown_field_problems(front_matter, path=page.path)
        description = fields.get("description")
        if isinstance(description, str) and description.strip():
            problems += _description_problems(
                description, path=page.path, line=lines.get("description", 1), seen=seen_descriptions
            )
        elif page.path not in articles and not any(field_meant(str(key)) == "description" for key in fields):
            problems.append(
                Problem(
                    page.path,
                    1,
                    f"the page has no description; add 'description: ...' to its front matter, {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters saying what the page offers, which search results show",
                )
            )
        title, title_line = _title(fields, lines, headings)
        if article and title:
            problems += _retitled_problems(title, title_line, headings, path=page.path)
        if title:
            if title.casefold() in seen_titles:
                problems.append(
                    Problem(
                        page.path,
                        title_line,
                        f"the title '{title}' is also the title of {seen_titles[title.casefold()]}; browser tabs and search results tell pages apart by it: give this page its own",
                    )
                )
            seen_titles.setdefault(title.casefold(), page.path)
    return problems


def heading_problems(headings: list[Heading], *, path: str, article: bool, cites: bool) -> list[Problem]:
    """One `#` title before every other heading, no level skipped on the way down, text in
    each, and no References heading in an article or a page that cites (the build writes
    that section)."""
    problems = []
    previous = 1  # the page's title; the theme writes it from `title:` when no `#` is typed
    titles = [heading for heading in headings if heading.level == 1]
    for heading in headings:
        marks = "#" * heading.level
        if not heading.text:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    f"a '{marks}' heading without text; write its text after '{marks} ', or remove the line",
                )
            )
        if heading.level == 1 and heading is not titles[0]:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    f"a second '#' heading, '{heading.text}'; a page has one '#' title (line {titles[0].line}): make this one '## {heading.text}'",
                )
            )
        elif heading.level == 1 and heading is not headings[0]:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    f"the '#' title '{heading.text}' comes after the heading on line {headings[0].line}; put the title first",
                )
            )
        elif heading.level > previous + 1:
            fix = "#" * (previous + 1)
            problems.append(
                Problem(
                    path,
                    heading.line,
                    f"the heading '{heading.text}' is '{marks}' after a '{'#' * previous}' heading, skipping level {previous + 1}; screen readers list headings by level: write '{fix} {heading.text}'",
                )
            )
        if (article or cites) and heading.text.casefold().rstrip(":") in REFERENCE_HEADINGS:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    f"a '{heading.text}' heading: the build writes the {'article' if article else 'page'}'s reference list from its citations; remove this heading and the list under it, and cite each work in the text with [@key]",
                )
            )
        previous = heading.level
    return problems


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _description_problems(description: str, *, path: str, line: int, seen: dict[str, str]) -> list[Problem]:
    problems = []
    length = len(description)
    if not DESCRIPTION_MIN <= length <= DESCRIPTION_MAX:
        fix = f"shorten it to {DESCRIPTION_MAX}" if length > DESCRIPTION_MAX else f"lengthen it to {DESCRIPTION_MIN}"
        problems.append(
            Problem(
                path,
                line,
                f"the description is {counted(length, 'character')}; search results show {DESCRIPTION_MIN} to {DESCRIPTION_MAX}: {fix} or {'fewer' if length > DESCRIPTION_MAX else 'more'}",
            )
        )
    for block in find_citation_blocks(description):
        problems.append(
            Problem(
                path,
                line,
                f"the description cites a work ('{block.text}'), which search results and the list of articles would show as typed; cite it in the text of the page, and delete it from the description",
            )
        )
    if description in seen:
        problems.append(
            Problem(
                path,
                line,
                f"the description is the same as that of {seen[description]}; search results tell pages apart by it: write one for this page",
            )
        )
    seen.setdefault(description, path)
    return problems


# The page's title as the theme writes it in the browser tab: `title:`, else its `#` heading.
# An article's front matter title is what the menu, the Home page, browser tabs and search
# engines show, its `#` heading what readers see on the page: one changed alone parts them.
def _retitled_problems(title: str, title_line: int, headings: list[Heading], *, path: str) -> list[Problem]:
    heading = next((heading for heading in headings if heading.level == 1 and heading.text), None)
    # The heading is read with its code blanked (`<details>`): the title is compared so too.
    if heading is None or " ".join(heading.text.split()) == " ".join(blank_code(title).split()):
        return []
    return [
        Problem(
            path,
            heading.line,
            f"the heading '# {heading.text}' differs from the title '{title}' (line {title_line}) that the menu, the Home page, browser tabs and search engines show; write the same title in both",
        )
    ]


def _title(fields: dict, lines: dict[str, int], headings: list[Heading]) -> tuple[str | None, int]:
    title = fields.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip(), lines.get("title", 1)
    first = next((heading for heading in headings if heading.level == 1 and heading.text), None)
    return (first.text, first.line) if first else (None, 1)


def _image_and_link_problems(masked: str, *, body: str, path: str, first_line: int) -> list[Problem]:
    problems = []

    def line_of(offset: int) -> int:
        return line_at(masked, offset, first_line=first_line)

    # Text in code (`[`rstan`](…)`) is blanked in `masked` but is the link's text: read `body`.
    for image in INLINE_IMAGE.finditer(masked):
        if not body[image.start("alt") : image.end("alt")].strip():
            problems.append(
                Problem(
                    path,
                    line_of(image.start()),
                    f"the image '{image.group('url')}' has no alt text, which screen readers read out; describe it in the brackets: ![what it shows]({image.group('url')})",
                )
            )
    for tag in _html_images(start_tags(masked)):
        if "alt" not in tag.attributes:  # alt="" is right for a picture that only decorates
            problems.append(
                Problem(
                    path,
                    line_of(tag.start),
                    'an <img> without alt text, which screen readers read out; add alt="what it shows"',
                )
            )
    for link in _EMPTY_LINK.finditer(masked):
        if body[link.start() : link.start("url")].strip("[]() \t\n"):
            continue
        problems.append(
            Problem(
                path,
                line_of(link.start()),
                f"the link to '{link.group('url')}' has no text, so a screen reader cannot name it; write where it leads inside the brackets: [text]({link.group('url')})",
            )
        )
    for element in elements(masked, names={"a"}):
        named = any(element.tag.attributes.get(name, "").strip() for name in _LINK_NAMES)
        pictured = any(image.attributes.get("alt", "").strip() for image in _html_images(element.inner))
        if not named and not pictured and not element.text.strip():
            opening = " ".join(f"<a{element.tag.text[2:]}".split())
            problems.append(
                Problem(
                    path,
                    line_of(element.start),
                    f"the link {opening} has no text, so a screen reader cannot name it; write where it leads between {opening} and </a>",
                )
            )
    return problems


# Each <img> among start tags (start_tags reads them as a browser does: a `>` inside a
# quoted value ends no tag, and `data-alt` is no alt).
def _html_images(tags: tuple[StartTag, ...] | list[StartTag]) -> list[StartTag]:
    return [tag for tag in tags if tag.name == "img"]


# A table whose header row has an empty cell: a screen reader names that column by nothing.
def _table_header_problems(masked: str, *, path: str, first_line: int) -> list[Problem]:
    problems = []
    lines = masked.split("\n")
    for number, (header, rule) in enumerate(itertools.pairwise(lines)):
        if "|" not in header or "|" not in rule or not TABLE_RULE.match(rule):
            continue
        cells = header.strip().removeprefix("|").removesuffix("|").split("|")
        for column, cell in enumerate(cells, start=1):
            if not cell.strip():
                problems.append(
                    Problem(
                        path,
                        first_line + number,
                        f"header cell {column} of the table is empty, so a screen reader names that column by nothing; write a heading in it, e.g. Time",
                    )
                )
    return problems


# A note box's text is the lines indented four spaces under its `!!! note` line; with
# less, the box renders empty and the text below it.
def _admonition_problems(masked: str, *, path: str, first_line: int) -> list[Problem]:
    problems = []
    lines = masked.split("\n")
    for number, line in enumerate(lines):
        box = ADMONITION.match(line)
        if not box:
            continue
        body = next((text for text in lines[number + 1 :] if text.strip()), "")
        body = body.expandtabs(4)
        if body and len(body) - len(body.lstrip()) >= len(box.group("indent").expandtabs(4)) + 4:
            continue
        box_text = f"{box.group('marker')} {box.group('kind')}"
        problems.append(
            Problem(
                path,
                first_line + number,
                f"the note box '{box_text}' has no text: its text must be indented four spaces under this line; indent the lines below it by four spaces",
            )
        )
    return problems
