"""Text that is there to be written over: the skeleton `make new-article` writes and the
example values the guides show. None of it may reach readers, so every build stops at
each line that still holds some.

The skeleton's sentences live here, and only here: `tools/new_article.py` writes them,
and the build finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from psychoed.problems import Problem
from psychoed.references.citation_check import PageSource
from psychoed.references.citation_syntax import blank_code

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
    text: str  # found in a line ignoring case and spacing; its start is enough
    message: str  # what the line still holds, and the fix


# The example reviewer of CONTRIBUTING.md ("reviewed_by: Dr Jane Doe, PsyD").
EXAMPLE_REVIEWER = "Jane Doe"

_SKELETON = "this text is still the skeleton from make new-article; write your own in its place"
PLACEHOLDERS = (
    # CONTRIBUTING.md's example description is the skeleton's first words.
    Placeholder("One sentence for the Home page and search results", "the description is still the example from make new-article; write one sentence of your own saying what the reader will learn"),
    Placeholder(INTRODUCTION, _SKELETON),
    Placeholder(RESEARCH, _SKELETON),
    Placeholder(TRY, _SKELETON),
    Placeholder(EXAMPLE_REVIEWER, f"'{EXAMPLE_REVIEWER}' is the example name from CONTRIBUTING.md, not a real reviewer; write the name of the clinician who reviewed the page, or remove the reviewed_by line"),
    Placeholder(MARK, f"'{MARK}' is still on this line, left from make new-article; remove it once the text around it is your own"),
)


def skeleton(text: str) -> str:
    """A sentence of the skeleton as `make new-article` writes it: with the mark."""
    return f"{text} {MARK}"


def placeholder_problems(pages: list[PageSource]) -> list[Problem]:
    """Each line of any page that still holds skeleton text or an example value, once,
    outside code (a page may show how the skeleton looks)."""
    problems = []
    for page in pages:
        for number, line in enumerate(blank_code(page.source).split("\n"), start=1):
            found = placeholder_in(line)
            if found:
                problems.append(Problem(page.path, number, found.message))
    return problems


def placeholder_in(line: str) -> Placeholder | None:
    """The first placeholder the line holds, the skeleton's sentences before the bare mark."""
    words = _words(line)
    return next((placeholder for placeholder in PLACEHOLDERS if _PATTERNS[placeholder].search(words)), None)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# An editor's text editor may rewrap or re-case a sentence; neither makes it their own.
def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


# Each placeholder as whole words ('Jane Doe', not 'Jane Does'), its closing stop optional.
_PATTERNS = {
    placeholder: re.compile(r"(?<!\w)" + re.escape(_words(placeholder.text).rstrip(".?")) + r"(?!\w)")
    for placeholder in PLACEHOLDERS
}
