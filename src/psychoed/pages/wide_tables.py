"""Tables that may scroll sideways on a phone: one box that scrolls, reachable by keyboard.

A table wider than the screen scrolls inside its box, which docs/stylesheets/extra.css
marks with a shadow on the edge with more to see. A keyboard user can scroll the box only
if it takes focus, hence `tabindex="0"`: a stop of the Tab key, scrolled with the arrow
keys. The box is ours, written at build time, so it is the same with or without
JavaScript; the table inside keeps no attribute, so Material still styles it (its
`table:not([class])`), and Material's own scrolling wrapper is told by the CSS to stay still.
"""

from __future__ import annotations

import re

BOX = '<div class="gt-table-scroll" tabindex="0">'

# A table as Markdown writes it: no attributes. Tables written in HTML keep their own.
_MARKDOWN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def scrollable_tables(page_html: str) -> str:
    """The page's HTML with every Markdown table in a focusable box that scrolls."""
    return _MARKDOWN_TABLE.sub(lambda table: BOX + table.group(0) + "</div>", page_html)
