"""An article's APA 7 "References" section: the works its citations name, in the order
APA lists them, each with a hanging indent and the id its citations link to."""

from __future__ import annotations

import functools
from collections.abc import Container

from psychoed.characters import folded
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.doi_citations import resolve_doi_citations

# The section's id, which an editor links to as `#references`.
SECTION_ID = "references"


def with_reference_list(markdown: str, references: dict[str, str]) -> str:
    """The page with its reference list (`references`: key -> entry, Markdown) at its end."""
    if not references:
        return markdown
    items = "\n".join(
        f'<div class="csl-entry" id="{entry_id(key)}" markdown>\n{text}\n</div>'
        for key, text in sorted(references.items(), key=lambda item: _sort_key(item[1]))
    )
    section = f'## References {{ #{SECTION_ID} }}\n\n<div class="references" markdown>\n{items}\n</div>\n'
    return markdown.rstrip("\n") + "\n\n" + section


def entry_id(key: str) -> str:
    """The id of a work's entry in the list, which its citations link to: `ref-neff2003`."""
    return f"ref-{key}"


def reference_list_ids(markdown: str, *, entries: Container[str], doi_keys: dict[str, str]) -> set[str]:
    """The ids the page's reference list will have, from the page as written (its text
    without front matter): each cited work's entry's and the section's; none for a page
    that cites no work. A key with no entry in the bibliography (`entries`) gets none: pandoc
    lists no work it cannot find. `doi_keys` (DOI -> key) reads a citation by DOI."""
    keys = {
        key
        for block in find_citation_blocks(resolve_doi_citations(markdown, doi_keys))
        for key in block.keys
        if key in entries
    }
    return {entry_id(key) for key in keys} | {SECTION_ID} if keys else set()


# APA orders by the reference text itself (author, then year); accents sort as their base letter.
# A work is listed on many pages: its key is worked out once.
@functools.lru_cache(maxsize=4096)
def _sort_key(text: str) -> str:
    return folded(text)
