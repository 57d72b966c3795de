"""Turn mkdocs-bibtex's footnote output into an APA 7 "References" section.

mkdocs-bibtex appends a footnote marker to each in-text citation and lists the works as
footnotes in citation order; APA wants the author–date citation alone, linking to an
alphabetical reference list with hanging indents.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# mkdocs-bibtex's footnote_format in mkdocs.yml; a prefix no editor's footnote uses.
FOOTNOTE_PREFIX = "cite-"
# Only before the first definition is it read, so a citation followed by a colon
# (`[@key]: text`) loses its marker too.
_MARKER = re.compile(rf" ?\[\^{FOOTNOTE_PREFIX}(?P<key>[\w-]+)\]")
_DEFINITION = re.compile(rf"^\[\^{FOOTNOTE_PREFIX}(?P<key>[\w-]+)\]: (?P<text>.*)\n?", re.MULTILINE)


def render_reference_list(markdown: str, *, heading: str = "References") -> str:
    """The page with citation footnotes removed and a reference list where they stood."""
    entries = {m.group("key"): m.group("text") for m in _DEFINITION.finditer(markdown)}
    if not entries:
        return _MARKER.sub("", markdown)
    first = _DEFINITION.search(markdown)
    assert first is not None
    body = _DEFINITION.sub("", markdown[first.start() :])
    before = _MARKER.sub("", markdown[: first.start()])
    return before.rstrip("\n") + "\n\n" + _section(entries, heading) + body


def _section(entries: dict[str, str], heading: str) -> str:
    items = "\n".join(
        f'<div class="csl-entry" id="ref-{key}" markdown>\n{text}\n</div>'
        for key, text in sorted(entries.items(), key=lambda item: _sort_key(item[1]))
    )
    return f'## {heading} {{ #references }}\n\n<div class="references" markdown>\n{items}\n</div>\n'


# APA orders by the reference text itself (author, then year); accents sort as their base letter.
# A work is listed on many pages: its key is worked out once.
@functools.lru_cache(maxsize=4096)
def _sort_key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in plain if not unicodedata.combining(char))
