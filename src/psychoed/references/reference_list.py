"""An article's APA 7 "References" section: the works its citations name, in the order
APA lists them, each with a hanging indent and the id its citations link to."""

from __future__ import annotations

import functools

from psychoed.characters import folded


def with_reference_list(markdown: str, references: dict[str, str]) -> str:
    """The page with its reference list (`references`: key -> entry, Markdown) at its end."""
    if not references:
        return markdown
    items = "\n".join(
        f'<div class="csl-entry" id="ref-{key}" markdown>\n{text}\n</div>'
        for key, text in sorted(references.items(), key=lambda item: _sort_key(item[1]))
    )
    section = f'## References {{ #references }}\n\n<div class="references" markdown>\n{items}\n</div>\n'
    return markdown.rstrip("\n") + "\n\n" + section


# APA orders by the reference text itself (author, then year); accents sort as their base letter.
# A work is listed on many pages: its key is worked out once.
@functools.lru_cache(maxsize=4096)
def _sort_key(text: str) -> str:
    return folded(text)
