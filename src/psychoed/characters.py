"""Characters an editor cannot see or tell apart from others, in one place for every file
the site reads (references.bib, pages, front matter): zero-width and no-break spaces, soft
hyphens, bidi marks, a byte-order mark where two files were joined, and the typographic
quotes a word processor puts where a file's syntax needs straight ones."""

from __future__ import annotations

import re
import unicodedata

# Quotes a word processor or a web page puts where BibTeX or YAML needs ' or ".
TYPOGRAPHIC_QUOTES = "“”„‟«»‘’‚‛"


def invisible(char: str) -> bool:
    """A character that shows as nothing or as a plain space: format characters (zero-width
    space, soft hyphen, bidi marks, byte-order mark) and every space but the plain one."""
    return unicodedata.category(char) in {"Cf", "Zl", "Zp"} or (unicodedata.category(char) == "Zs" and char != " ")


# Every invisible character is outside ASCII (whose only space is the plain one): the
# regular expression finds the few candidates of a text, the category test runs on those.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def invisibles(text: str) -> list[tuple[int, str]]:
    """Each invisible character of `text`, with its index."""
    return [(found.start(), found.group()) for found in _NON_ASCII.finditer(text) if invisible(found.group())]


def visible(text: str) -> str:
    """`text` without its invisible characters."""
    return "".join(char for char in text if not invisible(char)) if invisibles(text) else text


def character_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE'; a control character by its alias (Unicode names none)."""
    return f"U+{ord(char):04X} {unicodedata.name(char, None) or _CONTROL_NAMES.get(ord(char), 'CONTROL CHARACTER')}"


# Word pastes its line break (Shift+Enter) as U+000B.
_CONTROL_NAMES = {0x0B: "LINE TABULATION (a line break pasted from Word)", 0x0C: "FORM FEED", 0x7F: "DELETE"}


def printable(text: str) -> str:
    """`text` with invisible characters as a reader should see them: spaces as plain
    spaces, the rest (zero-width, soft hyphen, bidi marks) left out."""
    if not invisibles(text):
        return text
    return "".join(
        " " if unicodedata.category(char) in {"Zs", "Zl", "Zp"} else "" if invisible(char) else char for char in text
    )


def folded(text: str) -> str:
    """`text` as two spellings of one name compare: case and accents off (Álvarez as alvarez)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
