"""What makes two records name the same work: their titles and family names as compared,
whatever markup, accents, case or punctuation each is written with. The registry check
holds an entry to its DOI's record by them, and the bibliography's check finds one work
pasted twice by them."""

from __future__ import annotations

import codecs
import contextlib
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec; ships with pybtex)

from psychoed.characters import folded
from psychoed.html_elements import text_of

# Particles a family name may carry in one record and not in the other.
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "ten", "ter"}
# A retracted work's title in Crossref often gains this prefix; the entry's title is the work's.
_RETRACTED_PREFIX = re.compile(r"^\s*(?:retracted|withdrawn)(?:\s+article)?\s*:\s*", re.IGNORECASE)


def normalised_title(text: str) -> str:
    """A title as compared: no HTML or LaTeX markup, accents, case, punctuation or dashes;
    `&` read as "and"."""
    text = unmarked(text)
    text = _RETRACTED_PREFIX.sub("", text)
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", folded(text)).split())


def normalised_family(text: str) -> str:
    """A family name as compared: letters only, no accents, case or particles."""
    words = re.sub(r"[^\w]+", " ", folded(unmarked(text))).split()
    kept = [word for word in words if word not in _PARTICLES] or words
    return "".join(kept)


def unmarked(text: str) -> str:
    """Text without HTML tags and entities, LaTeX accents and braces, on one line."""
    text = text_of(text)
    if "\\" in text or "{" in text:
        # Left as written where it is no LaTeX: the comparison still ignores its punctuation.
        # typeshed knows only the standard library's str-to-str codecs, not latexcodec's "ulatex".
        with contextlib.suppress(ValueError):
            text = codecs.decode(text.replace("\\&", "&"), "ulatex")  # type: ignore[call-overload]
        text = text.replace("{", "").replace("}", "")
    return " ".join(text.split())
