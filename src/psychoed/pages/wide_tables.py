"""Tables that may scroll sideways on a phone: one box that scrolls, reachable by keyboard.

A table wider than the screen scrolls inside its box, which docs/stylesheets/extra.css
marks with a shadow on the edge with more to see. A keyboard user can scroll the box only
if it takes focus, hence `tabindex="0"`: a stop of the Tab key, scrolled with the arrow
keys. The box is ours, written at build time, so it is the same with or without
JavaScript; the table inside keeps no attribute, so Material still styles it (its
`table:not([class])`), and Material's own scrolling wrapper is told by the CSS to stay still.

A column aligned in Markdown (`:-:`, `--:`) gets a class for its alignment: Python-Markdown
writes it as a style attribute, which the site's policy (style-src 'self') blocks, leaving
the column at the left and an error in the browser's console.
"""

from __future__ import annotations

from psychoed.html_elements import elements, start_tags

BOX = '<div class="gt-table-scroll" tabindex="0">'
# A table as Markdown writes it: no attributes. Tables written in HTML keep their own.
_MARKDOWN_TABLE = "<table>"
# The style of a cell of an aligned column, as Python-Markdown's tables write it.
_ALIGNMENTS = {f"text-align: {side};": side for side in ("left", "center", "right")}


def scrollable_tables(page_html: str) -> str:
    """The page's HTML with every Markdown table in a focusable box that scrolls."""
    if _MARKDOWN_TABLE not in page_html:
        return page_html  # most pages have none: not read at all
    parts, done = [], 0
    for table in elements(page_html, names={"table"}):
        if table.tag.text == _MARKDOWN_TABLE and table.start >= done:
            parts += [page_html[done : table.start], BOX, page_html[table.start : table.end], "</div>"]
            done = table.end
    return "".join([*parts, page_html[done:]])


def aligned_cells(page_html: str) -> str:
    """The page's HTML with each cell of a Markdown table's aligned column given the class
    of its alignment (`gt-align-center`) in place of the style attribute the policy blocks."""
    if 'style="text-align: ' not in page_html:
        return page_html
    parts, done = [], 0
    for tag in start_tags(page_html):
        if tag.name in {"th", "td"} and tag.attributes.keys() == {"style"} and tag.attributes["style"] in _ALIGNMENTS:
            parts += [
                page_html[done : tag.start],
                f'<{tag.name} class="gt-align-{_ALIGNMENTS[tag.attributes["style"]]}">',
            ]
            done = tag.end
    return "".join([*parts, page_html[done:]])
