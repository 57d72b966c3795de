"""Check that a BibTeX `doi` field holds one bare DOI, say how to fix it when not, and
link it at doi.org."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

DOI_RESOLVER = "https://doi.org/"

# `10.`, a registrant code of digits with optional dotted subdivisions, `/`, and a suffix
# of printable ASCII. Wider than Crossref's pattern on purpose: SICI suffixes with `<>`
# and `[]` are real DOIs.
BARE_DOI = re.compile(r"10\.\d+(?:\.\d+)*/[\x21-\x7e]+")
# A shortDOI (shortdoi.org): `10/` and a few letters and digits.
_SHORT_DOI = re.compile(r"10/[a-z0-9]+", re.IGNORECASE)
_PREFIXES = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_TRAILING = ".,;"
# Characters that look like ASCII in an editor but break a DOI link.
_LOOKALIKES = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\uff0f": "/",
    "\u2044": "/",
    "\uff0e": ".",
}


def doi_problem(value: str) -> str | None:
    """None for a well-formed bare DOI, else a message that shows the fix where it can."""
    if not value.strip():
        return "the doi field is empty; put the DOI (10.xxxx/...) or remove the field"
    if BARE_DOI.fullmatch(value) and value[-1] not in _TRAILING:
        return None
    if _SHORT_DOI.fullmatch(value.strip()):
        # Zotero's Better BibTeX can write shortDOIs: doi.org resolves them, but the registry
        # checks and citations by DOI read the full DOI.
        return f"'{value.strip()}' is a shortDOI; write the full DOI (10.xxxx/...) instead: open https://doi.org/{value.strip()} and copy the DOI from the page it leads to"
    reasons = []
    if any(char.isspace() for char in value.strip()):
        reasons.append("white space inside")
    if _PREFIXES.match(value.strip()):
        reasons.append("a 'doi:' prefix or doi.org URL (write the bare DOI)")
    if value.strip()[-1] in _TRAILING:
        reasons.append(f"trailing '{value.strip()[-1]}'")
    odd = sorted({char for char in value if ord(char) > 0x7E})
    if odd:
        names = ", ".join(f"{unicodedata.name(char, hex(ord(char)))} (U+{ord(char):04X})" for char in odd)
        reasons.append(f"non-ASCII character {names}")
    reason = "; ".join(reasons) or "not of the form 10.<registrant>/<suffix>"
    fixed = corrected_doi(value)
    fix = f"; write it as {fixed}" if fixed else "; copy the DOI again from the publisher's page"
    return f"malformed DOI '{value}': {reason}{fix}"


def corrected_doi(value: str) -> str | None:
    """The bare DOI an editor most likely meant, or None when none can be derived."""
    text = "".join(_LOOKALIKES.get(char, char) for char in value)
    text = _PREFIXES.sub("", text.strip())
    text = "".join(text.split())  # every kind of white space, the non-breaking one too
    text = text.rstrip(_TRAILING)
    return text if BARE_DOI.fullmatch(text) else None


def doi_url(doi: str, *, resolver: str = DOI_RESOLVER) -> str:
    """The link that resolves `doi` (tests give a local `resolver`, ending in '/')."""
    # A DOI suffix may hold `<`, `>`, `#`, `?` and `;`: percent-encode all but the plain ones.
    return resolver + quote(doi, safe="/()._-:")
