"""Skeleton text and the guides' example values never publish: every build names each line
that still holds one, with the fix."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from new_article import article_source
from psychoed.articles.placeholders import MARK, placeholder_problems
from psychoed.markdown_source import PageSource

PATH = "docs/articles/sleep.md"
FRONT_MATTER = "---\ntitle: Sleep\ndescription: How a night's rest helps, and what to try tonight.\nauthor: Grow True Psychology\n---\n\n# Sleep\n\n"
SKELETON = "this text is still the example text of the article template; write your own in its place"
DESCRIPTION = "the description is still the example from make new-article; write one sentence of your own saying what the reader will learn"
REVIEWER = "'Jane Doe' is the example name from CONTRIBUTING.md, not a real reviewer; write the name of the clinician who reviewed the page, or remove the reviewed_by line"
MARK_LEFT = (
    "'(Replace this.)' is still on this line, left from make new-article; remove it once the text around it is your own"
)


def problems_of(source: str) -> list[str]:
    return [str(problem) for problem in placeholder_problems([PageSource(PATH, source)])]


def test_every_sentence_of_a_new_articles_skeleton_is_named_at_its_line():
    source = article_source("Sleep", author="A", today=dt.date(2026, 11, 25), cite_key="inwood2018")
    assert problems_of(source) == [
        f"{PATH}:3: {DESCRIPTION}",
        f"{PATH}:12: {SKELETON}",
        f"{PATH}:16: {SKELETON}",
        f"{PATH}:20: {SKELETON}",
    ]


def test_the_skeleton_without_a_key_to_cite_is_named_too():
    source = article_source("Sleep", author="A", today=dt.date(2026, 11, 25), cite_key=None)
    assert f"{PATH}:16: {SKELETON}" in problems_of(source)


# (what the editor left, the message at its line: the text is on line 9, after FRONT_MATTER)
LEFT_OVER = [
    ("Tell readers in two or three sentences what this page is about and how it may help them.\n", SKELETON),
    ("TELL READERS in two  or three sentences what this page is about and how it may help them\n", SKELETON),
    ("Give the reader one or two things to try, in short steps. My own idea.\n", SKELETON),
    ("Say what a study found, in plain words, and cite it as [@key] with its key from references.bib.\n", SKELETON),
    ("Sleep helps us remember what we learned during the day. (Replace this.)\n", MARK_LEFT),
    ("Sleep helps us remember what we learned during the day(Replace this.)\n", MARK_LEFT),
    ("- Reviewed with Dr Jane Doe, PsyD\n", REVIEWER),
    ("One sentence for the Home page and search results.\n", DESCRIPTION),
]


@pytest.mark.parametrize(
    "text, message",
    LEFT_OVER,
    ids=[
        "introduction",
        "recased-and-respaced",
        "try-with-own-words",
        "research-uncited",
        "mark-only",
        "mark-without-space",
        "example-reviewer",
        "example-description",
    ],
)
def test_text_left_from_the_skeleton_or_the_guides_is_named_at_its_line(text, message):
    assert problems_of(FRONT_MATTER + text) == [f"{PATH}:9: {message}"]


@pytest.mark.parametrize(
    "front_matter, line, message",
    [
        ("reviewed_by: Dr Jane Doe, PsyD\n", 5, REVIEWER),
        ("description: One sentence for the Home page and search results.\n", 3, DESCRIPTION),
    ],
)
def test_the_guides_example_values_in_front_matter_are_named_at_their_line(front_matter, line, message):
    field = front_matter.split(":")[0]
    kept = [row for row in FRONT_MATTER.split("\n") if not row.startswith(f"{field}:")]
    source = "\n".join(kept[: line - 1]) + "\n" + front_matter + "\n".join(kept[line - 1 :])
    assert problems_of(source + "Text.\n") == [f"{PATH}:{line}: {message}"]


@pytest.mark.parametrize(
    "text",
    [
        "```markdown\nTell readers in two or three sentences what this page is about and how it may help them. (Replace this.)\n```\n",
        "A new article's text is marked `(Replace this.)` until it is written.\n",
        "<!-- Reviewed by Dr Jane Doe, PsyD: no -->\n",
        "We replace this habit with a kinder one. Jane Does her best.\n",
    ],
)
def test_text_in_code_or_comments_and_words_that_only_look_alike_pass(text):
    assert problems_of(FRONT_MATTER + text) == []


def test_every_example_value_contributing_shows_for_the_front_matter_is_a_placeholder():
    # The guide's examples are what an editor copies; each must stop the build if kept.
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(r"^(?:description|reviewed_by): .+$", guide, re.MULTILINE)
    examples += re.findall(r"`(reviewed_by: [^`]+)`", guide)
    assert len(examples) >= 3, examples
    assert all(problems_of(example) for example in examples), examples


def test_the_mark_is_what_the_guides_tell_editors_to_look_for():
    assert MARK in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
