"""Citations whose text arrives after their page has rendered: a placeholder goes into the
Markdown, and the formatted citation, rendered to HTML alone, replaces it in the page's
HTML before anything reads it (the theme's templates, the search index).

A citation renders alone exactly as within its paragraph: inline Markdown (links,
emphasis, entities) does not depend on the text around it. Citations in headings are
the exception (the table of contents and the heading's id are made from the Markdown),
so `needed_now` tells which pages cannot wait.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from psychoed.references.citation_syntax import CitationBlock

# Private-use characters: never typed by an editor, left alone by Python-Markdown.
_OPEN, _CLOSE = "\ue010", "\ue011"
_PLACEHOLDER = re.compile(f"{_OPEN}(?P<number>\\d+){_CLOSE}")
# Headings anywhere, in block quotes, list items and indented blocks (admonitions) too;
# taking a line for a heading that is none only costs speed.
_CONTAINERS = r"(?:[ \t>]|[-*+][ \t]|\d+[.)][ \t])*"  # each character matches one way: never slow
_ATX_HEADING = re.compile(_CONTAINERS + r"#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*$")


def placeholder(number: int) -> str:
    """The text standing in for citation `number` until its text arrives."""
    return f"{_OPEN}{number}{_CLOSE}"


def needed_now(markdown: str, blocks: list[CitationBlock]) -> bool:
    """Whether a citation stands in a heading (ATX, or the text over a setext line)."""
    lines = [*markdown.split("\n"), ""]
    return any(
        _ATX_HEADING.match(lines[block.line - 1]) or _SETEXT_UNDERLINE.match(lines[block.line]) for block in blocks
    )


def has_placeholder(text: str) -> bool:
    """Whether `text` still holds a citation's placeholder."""
    return _PLACEHOLDER.search(text) is not None


def unformatted_heading(titles: Iterable[str], citations: dict[int, str], *, path: str) -> str | None:
    """The message for a page whose table of contents (its heading `titles`) still holds a
    placeholder: a citation in a heading that needed_now() did not recognise. The heading
    is named with its citations as written (`citations`: placeholder number -> citation)."""
    title = next((title for title in titles if has_placeholder(title)), None)
    if title is None:
        return None
    return (
        f"{path}: the heading '{' '.join(fill(title, citations).split())}' holds a citation that was not formatted in time "
        "for the table of contents; move the citation out of the heading"
    )


def fill(html: str, citations: dict[int, str]) -> str:
    """`html` with every placeholder replaced by its citation (HTML, see `render_inline`)."""
    return _PLACEHOLDER.sub(lambda match: citations[int(match.group("number"))], html)


def render_inline(citations: list[str], convert: Callable[[str], str]) -> list[str]:
    """Inline Markdown as HTML, without the paragraph a converter wraps it in. All in one
    document, one paragraph each: a Markdown conversion costs far more to start than to
    run."""
    html = convert("\n\n".join(citations))
    parts = html.removeprefix("<p>").removesuffix("</p>").split("</p>\n<p>")
    if len(parts) != len(citations) or not html.startswith("<p>"):
        raise ValueError(f"citations did not render as inline text: {html[:200]!r}")
    return parts
