"""Text that is there to be written over: the skeleton `make new-article` writes and the
example values the guides show. None of it may reach readers, so every build stops at
each line that still holds some.

The skeleton's sentences live here, and only here: `tools/new_article.py` writes them,
and the build finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from psychoed.markdown_source import PageSource, blank_code
from psychoed.problems import Problem

# Every skeleton sentence ends with this mark, so an editor sees at a glance what to replace.
MARK = "(Replace this.)"

# The skeleton of a new article, sentence by sentence.
DESCRIPTION = "One sentence for the Home page and search results: what will the reader learn?"
INTRODUCTION = "Tell readers in two or three sentences what this page is about and how it may help them."
RESEARCH = "Say what a study found, in plain words, and cite it"
RESEARCH_CITED = RESEARCH + " with its key from references.bib in square brackets, as this sentence does [@{key}]."
RESEARCH_UNCITED = RESEARCH + " as [@key] with its key from references.bib."
TRY = "Give the reader one or two things to try, in short steps."


@dataclass(frozen=True)
class Placeholder:
    text: str  # found as whole words, in any case and spacing (a sentence's start is enough)
    message: str  # what the line still holds, and the fix


# The example reviewer of CONTRIBUTING.md ("reviewed_by: Dr Jane Doe, PsyD").
EXAMPLE_REVIEWER = "Jane Doe"

_SKELETON = "this text is still the example text of the article template; write your own in its place"
PLACEHOLDERS = (
    # CONTRIBUTING.md's example description is the skeleton's first words.
    Placeholder(
        "One sentence for the Home page and search results",
        "the description is still the example from make new-article; write one sentence of your own saying what the reader will learn",
    ),
    Placeholder(INTRODUCTION, _SKELETON),
    Placeholder(RESEARCH, _SKELETON),
    Placeholder(TRY, _SKELETON),
    Placeholder(
        EXAMPLE_REVIEWER,
        f"'{EXAMPLE_REVIEWER}' is the example name from CONTRIBUTING.md, not a real reviewer; write the name of the clinician who reviewed the page, or remove the reviewed_by line",
    ),
    Placeholder(
        MARK,
        f"'{MARK}' is still on this line, left from make new-article; remove it once the text around it is your own",
    ),
)


def skeleton(text: str) -> str:
    """A sentence of the skeleton as `make new-article` writes it: with the mark."""
    return f"{text} {MARK}"


def placeholder_problems(pages: list[PageSource]) -> list[Problem]:
    """Each line of any page that still holds skeleton text or an example value, once,
    outside code (a page may show how the skeleton looks)."""
    problems = []
    for page in pages:
        found: dict[int, int] = {}  # line: the first placeholder of PLACEHOLDERS on it
        for line, index in _found(blank_code(page.source)):
            found[line] = min(found.get(line, index), index)
        problems += [Problem(page.path, line, PLACEHOLDERS[index].message) for line, index in sorted(found.items())]
    return problems


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# Every placeholder as its words in lower case, one space apart, its closing stop left out.
_PHRASES = tuple(" ".join(placeholder.text.lower().rstrip(".?").split()) for placeholder in PLACEHOLDERS)
_SPACES = re.compile(r"[ \t]+")


# (line, index in PLACEHOLDERS) of each placeholder in `text`, as whole words ('Jane Doe',
# not 'Jane Does') in any case and spacing: an editor's text editor may re-case or re-space
# a sentence, and neither makes it their own. Plain string search on the text made lower
# case and single-spaced, which keeps every line break (0.1 s at 1,000 articles, where one
# case-blind regular expression took 0.4 s).
def _found(text: str) -> list[tuple[int, int]]:
    flat = _SPACES.sub(" ", text.lower())
    found = []
    for index, phrase in enumerate(_PHRASES):
        start = flat.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            # A phrase that starts (or ends) with a word is not found inside a longer word.
            if not (
                (_word_char(phrase, 0) and _word_char(flat, start - 1))
                or (_word_char(phrase, len(phrase) - 1) and _word_char(flat, end))
            ):
                found.append((1 + flat.count("\n", 0, start), index))
            start = flat.find(phrase, start + 1)
    return found


# Whether the character at `at` is part of a word (nothing before the start or after the end is).
def _word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")
