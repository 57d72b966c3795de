"""A references.bib entry as pandoc should read it to print APA 7: the site's defaults
written into a copy for pandoc, never into the editor's file."""

from __future__ import annotations

import re
from collections.abc import Mapping

# APA 7 (9.47 and its style blog) keeps a particle with the surname when the person uses it
# so (van der Kolk, de Jong): "(van der Kolk, 2014)", listed under V. BibLaTeX's default
# drops it ("Kolk, B. A. van der", "(Kolk, 2014)"), so the site sets useprefix=true for
# every entry; an entry with `options = {useprefix=false}` keeps BibLaTeX's way.
_USEPREFIX = "useprefix=true"
# The fields pandoc prints as an organisation's name after the title.
_PUBLISHER_FIELDS = ("publisher", "institution", "organization")
# APA 7 names a thesis "Doctoral dissertation"; pandoc's default genre is "PhD thesis".
_THESIS_GENRES = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}


def pandoc_text(text: str, *, kind: str, fields: Mapping[str, str], persons: Mapping[str, list[str]], spans: Mapping[str, tuple[int, int]]) -> str:
    """`text` (one entry as written; `spans`: where each field's text starts and ends) with
    the particle default, an article number, a thesis's APA genre, and no publisher that
    repeats the corporate author."""
    removed = [name for name in _PUBLISHER_FIELDS if name in fields and _same_name(fields[name], _corporate_author(persons))]
    added = []
    if "options" not in fields:
        added.append(("options", _USEPREFIX))
    if kind == "article" and "eid" in fields and "pages" not in fields:
        added.append(("pages", f"Article {fields['eid'].strip()}"))
    if kind in _THESIS_GENRES and "type" not in fields:
        added.append(("type", _THESIS_GENRES[kind]))
    for start, end in sorted((spans[name] for name in removed), reverse=True):
        text = text[:start] + text[end:]
    if "useprefix" not in fields.get("options", "useprefix"):
        text = re.sub(r"(?im)^([ \t]*options[ \t]*=[ \t]*[{\"])", rf"\g<1>{_USEPREFIX},", text, count=1)
    head = text.index(",") + 1  # after `@type{key,`
    return text[:head] + "".join(f"\n  {name} = {{{value}}}," for name, value in added) + text[head:]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The name of a sole author written in double braces ({{World Health Organization}}).
def _corporate_author(persons: Mapping[str, list[str]]) -> str | None:
    authors = persons.get("author", [])
    if len(authors) == 1 and authors[0].startswith("{") and authors[0].endswith("}"):
        return authors[0]
    return None


def _same_name(value: str, author: str | None) -> bool:
    def plain(name: str) -> str:
        return " ".join(name.replace("{", "").replace("}", "").split()).casefold()

    return author is not None and plain(value) == plain(author)
