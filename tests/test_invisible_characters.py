"""Invisible characters in a page: named at their line where the page's syntax needs what
the editor sees (front matter, a citation, a link address, the start of a Markdown line),
left alone in running text and in code, where they are harmless or shown as typed."""

from __future__ import annotations

import pytest

from psychoed.articles.front_matter import read_front_matter
from psychoed.characters import folded, invisible, printable
from psychoed.markdown_source import PageSource
from psychoed.pages.invisible_characters import invisible_character_problems

FRONT = "---\ntitle: Rest\ndescription: Why rest helps.\n---\n\n"  # the body starts at line 6


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Kindness helps [@yip\u200b2021].\n",
            "p.md:6: an invisible character, U+200B ZERO WIDTH SPACE, stands in the citation [@yip2021], where it makes the citation plain text on the page; delete it: write [@yip2021]",
        ),
        (
            "Kindness helps [see @inwood2018;\n@yip\u20602021].\n",
            "p.md:7: an invisible character, U+2060 WORD JOINER, stands in the citation [see @inwood2018; @yip2021], where it makes the citation plain text on the page; delete it: write [see @inwood2018; @yip2021]",
        ),
        (
            "Read [the guide](https://example.org/gu\u200eide).\n",
            "p.md:6: an invisible character, U+200E LEFT-TO-RIGHT MARK, stands in the link address 'https://example.org/guide', where it breaks the link; delete it (retype the address)",
        ),
        (
            "Read <https://example.org/\u00a0guide>.\n",
            "p.md:6: an invisible character, U+00A0 NO-BREAK SPACE, stands in the link address 'https://example.org/ guide', where it breaks the link; delete it (retype the address)",
        ),
        (
            "Read [the guide][g].\n\n[g]: https://example.org/\u200bguide\n",
            "p.md:8: an invisible character, U+200B ZERO WIDTH SPACE, stands in the link address 'https://example.org/guide', where it breaks the link; delete it (retype the address)",
        ),
        (
            "Text.\n\n\ufeff## Joined here\n",
            "p.md:8: an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, stands at the start of the line, before '#', where it keeps the line from being read as Markdown; delete it (retype the start of the line)",
        ),
        (
            "Feel calmer,\x0bnotice the room.\n",
            "p.md:6: an invisible character, U+000B LINE TABULATION (a line break pasted from Word), stands in the text, where the page would join the words on either side; replace it with a space or a new line",
        ),
        (
            "Signs:\n\n-\u00a0Flashbacks\n",
            "p.md:8: an invisible character, U+00A0 NO-BREAK SPACE, stands after '-' at the start of the line, where it keeps the line from being read as a list item; replace it with a plain space",
        ),
    ],
)
def test_an_invisible_character_is_named_at_its_line_with_the_fix(body, expected):
    assert [str(problem) for problem in invisible_character_problems([PageSource("p.md", FRONT + body)])] == [expected]


@pytest.mark.parametrize(
    "front_matter, line",
    [
        ("title:\u00a0Rest\ndescription: Why rest helps.\n", 2),  # YAML would name line 3, and no colon
        ("title: Rest\ndescr\u200biption: Why rest helps.\n", 3),  # a field YAML reads, under another name
        ("title: Rest\u00a0well\n", 2),
    ],
)
def test_in_the_front_matter_it_is_named_at_its_line_before_what_yaml_makes_of_it(front_matter, line):
    _, problems = read_front_matter(f"---\n{front_matter}---\n\nText.\n", path="p.md")
    assert [problem.line for problem in problems] == [line]
    assert (
        "stands in the front matter, where YAML reads it as part of the name or value of a field" in problems[0].message
    )


@pytest.mark.parametrize(
    "body",
    [
        "Dr.\u00a0Yip found that kindness helps.\n",  # a no-break space meant in running text
        "Self\u00adcompassion is kindness to yourself.\n",  # a soft hyphen in a long word
        "Cite as `[@yip\u200b2021]` in a page.\n",  # code shows what is typed
        "```\n[@yip\u200b2021]\n```\n",
        "<!-- [@yip\u200b2021] -->\n",
        "  - an item indented with plain spaces\n",
    ],
)
def test_running_text_and_code_are_left_alone(body):
    assert invisible_character_problems([PageSource("p.md", FRONT + body)]) == []


def test_one_character_is_named_per_line():
    problems = invisible_character_problems([PageSource("p.md", FRONT + "[@a\u200bb] [x](https://a\u200b.org/)\n")])
    assert [problem.line for problem in problems] == [6]


@pytest.mark.parametrize(
    "char, seen",
    [
        ("\u200b", False),
        ("\u00a0", False),
        ("\u00ad", False),
        ("\u202e", False),
        ("\ufeff", False),
        (" ", True),
        ("a", True),
    ],
)
def test_the_class_is_what_shows_as_nothing_or_as_a_plain_space(char, seen):
    assert invisible(char) is not seen


def test_printable_turns_spaces_plain_and_drops_the_rest():
    assert printable("a\u00a0b\u200bc\u00add") == "a bcd"


@pytest.mark.parametrize(
    ("one", "other"), [("Álvarez", "alvarez"), ("GÓMEZ-MARTÍNEZ", "gómez-martínez"), ("Tóth", "Toth")]
)
def test_two_spellings_of_one_name_fold_alike(one, other):
    assert folded(one) == folded(other)
