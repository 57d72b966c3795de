"""Markdown that would show otherwise than written (a list run into the text above it,
items nested too little, other sites' syntax) is told at its line, with the fix."""

from __future__ import annotations

import pytest

from psychoed.markdown_source import PageSource
from psychoed.pages.misread_markdown import misread_markdown_problems

JOINED = "this list starts right under a line of text, so its items would show run into that text; leave a blank line before the first item ('{marker} …')"
TYPED_DASH = "'Many feel anxious -- and many who do not' has '--', which this site shows as two hyphens, not a dash; type a dash in its place: an en dash (–) between numbers, an em dash (—) in a sentence"
SHALLOW = "this item is indented {spaces} spaces under the item above, so it would show as an item of the same list, not under it; indent it 4 spaces more than the item above"


def messages(body: str) -> list[str]:
    return [
        str(problem) for problem in misread_markdown_problems([PageSource("docs/a.md", "---\ntitle: A\n---\n" + body)])
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Pasted from GitHub or a notes app: a list straight under its lead-in line.
        ("Signs include:\n- Flashbacks\n- Panic\n", [f"docs/a.md:5: {JOINED.format(marker='-')}"]),
        ("**Causes:**\n1. Genetics\n2. Stress\n", [f"docs/a.md:5: {JOINED.format(marker='1.')}"]),
        ("> Try this:\n> - breathe\n", [f"docs/a.md:5: {JOINED.format(marker='-')}"]),
        ('!!! tip "Try"\n    Steps:\n    - Breathe\n', [f"docs/a.md:6: {JOINED.format(marker='-')}"]),
        # Nested by two or three spaces, as GitHub nests: told once for the run.
        ("- Sleep\n  - Keep a routine\n  - Dim the lights\n- Eat\n", [f"docs/a.md:5: {SHALLOW.format(spaces=2)}"]),
        ("1. Notice\n   - five things you see\n", [f"docs/a.md:5: {SHALLOW.format(spaces=3)}"]),
        (
            "1) Breathe\n2) Notice\n",
            [
                "docs/a.md:4: '1)' does not number a list on this site, so the items would show run together as text; write 1. (the number and a full stop) for each item"
            ],
        ),
        (  # a typewriter's dash, which Python-Markdown prints as typed (a clinician's trial)
            "Many feel anxious -- and many who do not -- still sleep badly.",
            [f"docs/a.md:4: {TYPED_DASH}"],
        ),
        (  # one `1)` in a list of `2.` items: the list shows as text (a clinician's trial)
            "Steps:\n\n1) Breathe\n2. Notice\n3. Name it\n",
            [
                "docs/a.md:6: '1)' does not number a list on this site, so the items would show run together as text; write 1. (the number and a full stop) for each item"
            ],
        ),
        (  # the last item, after `2.` items
            "Steps:\n\n1. Breathe\n2. Notice\n3) Name it\n",
            [
                "docs/a.md:8: '3)' does not number a list on this site, so the items would show run together as text; write 3. (the number and a full stop) for each item"
            ],
        ),
        (  # or runs into the item before it
            "Steps:\n\n1. Breathe\n2) Notice\n3. Name it\n",
            [
                "docs/a.md:7: '2)' does not number a list on this site, so the items would show run together as text; write 2. (the number and a full stop) for each item"
            ],
        ),
        (
            "Try these:\n\n• Breathe\n• Notice\n",
            [
                "docs/a.md:6: '•' does not make a list item, so the items would show run together as text; write '- ' in its place at the start of each item, after a blank line"
            ],
        ),
        (
            '??? note "Why does anxiety feel physical?"\n    Because…\n',
            [
                'docs/a.md:4: \'??? note "Why does anxiety feel physical?"\' is a collapsible box, which this site does not have: the line would show as typed; write !!! note "Why does anxiety feel physical?" (a note box), its text indented four spaces under it'
            ],
        ),
        (
            '=== "At home"\n    Dim the lights.\n',
            [
                "docs/a.md:4: '=== \"At home\"' starts a content tab, which this site does not have: the line would show as typed; write the tab's title as a heading, e.g. ### At home, and its text under it without the indent"
            ],
        ),
        (
            "> [!WARNING]\n> Call 988 in a crisis.\n",
            [
                "docs/a.md:4: '> [!WARNING]' is GitHub's way of writing a note box, which this site shows as typed; write !!! warning on a line of its own, and its text under it indented four spaces, without the '>'"
            ],
        ),
        # Text pasted from Quarto, Starlight and GitHub: its boxes and notes, Markdown in HTML.
        (
            "::: {.callout-note}\nSleep matters.\n:::\n",
            [
                "docs/a.md:4: '::: {.callout-note}' starts a box of pandoc, Quarto or Starlight, which this site shows as typed, ':::' and all; write !!! note (or tip, warning) on a line of its own, its text indented four spaces under it, and delete the ':::' lines"
            ],
        ),
        (
            "Sleep matters.^[Adults need seven hours or more.]\n",
            [
                "docs/a.md:4: '^[Adults need seven hours or more.]' is a footnote written in the text, which this site shows as typed; write [^1] in its place and, after the paragraph, [^1]: and the note's text"
            ],
        ),
        (
            "<details>\n<summary>More</summary>\n\n- Sleep at the same hour\n</details>\n",
            [
                "docs/a.md:4: the HTML <details> that starts here holds Markdown ('- Sleep at the same hour'), which it would show as typed; add markdown to its tag, <details markdown>, or write its text as Markdown without the tags"
            ],
        ),
        ("<strong>Tips:</strong>\n- Sleep\n", [f"docs/a.md:5: {JOINED.format(marker='-')}"]),
        (  # a box told once, at its opening line: `::::` alone closes it
            ":::: {#fig-sleep}\nSleep in the week.\n::::\n",
            [
                "docs/a.md:4: ':::: {#fig-sleep}' starts a box of pandoc, Quarto or Starlight, which this site shows as typed, ':::' and all; write !!! note (or tip, warning) on a line of its own, its text indented four spaces under it, and delete the ':::' lines"
            ],
        ),
        # Code a page leaves open, or Quarto's fence of raw HTML.
        (
            "Steps:\n\n```text\n1. Find a quiet place.\n",
            [
                "docs/a.md:6: this ``` opens a block of code that is never closed, so what follows would not show as written; add a line holding only ``` after the code"
            ],
        ),
        (
            "```{=html}\n<b>Breathe</b>\n```\n",
            [
                "docs/a.md:4: '```{=html}' is Quarto's fence of raw HTML, which this site shows as code; delete the two ``` lines around the HTML"
            ],
        ),
        (
            "<details open>\n<summary>More</summary>\n\nUse the `open` attribute.\n\n</details>\n",
            [
                "docs/a.md:4: the HTML <details> that starts here holds Markdown ('Use the `open` attribute.'), which it would show as typed; add markdown to its tag, <details markdown>, or write its text as Markdown without the tags"
            ],
        ),
        (
            "- Breathe\n- Notice\n\n1. Stand up\n2. Walk\n",
            [
                "docs/a.md:7: this list comes right after a list of the other kind (numbered and bulleted), so its items would join that list; write a line of text between the two lists"
            ],
        ),
        # Slips of a note box's first line, pasted from Word or typed in a browser.
        (
            "!!! Note:\n    Call 988 in a crisis.\n",
            [
                "docs/a.md:4: '!!! Note:' is not read as a note box, so the line and its text would show as typed; write !!! note, or !!! note \"Title\" for a title of its own"
            ],
        ),
        (
            "!!! tip Sleep well tonight\n    Dim the lights.\n",
            [
                "docs/a.md:4: '!!! tip Sleep well tonight' is read as a note box titled only with its kind; write its title in double quotes: !!! tip \"Sleep well tonight\""
            ],
        ),
        (
            "!!! warning “When to get medical help”\n    Call 911.\n",
            [
                "docs/a.md:4: '!!! warning “When to get medical help”' has its title in a word processor's quotes, which show on the page; type straight ones: !!! warning \"When to get medical help\""
            ],
        ),
        # Word's bullets are told once, not again as a list joined to them.
        (
            "Signs:\n\n• Racing heart\n• Sweating\n- Shaking\n",
            [
                "docs/a.md:6: '•' does not make a list item, so the items would show run together as text; write '- ' in its place at the start of each item, after a blank line"
            ],
        ),
        (
            "Use this table:\n| Sense | Count |\n| --- | --- |\n| See | 5 |\n",
            [
                "docs/a.md:5: this table starts right under a line of text, so it would show as text, pipes and all; leave a blank line before it"
            ],
        ),
        (
            "| Sense | Count | Example |\n| --- | --- |\n| See | 5 | a lamp |\n",
            [
                "docs/a.md:5: the table's second line has 2 cells of dashes under 3 headings, so it would show as text, pipes and all; write one --- between the pipes for each heading"
            ],
        ),
        (
            "- Hold an ice cube\no\tNotice how cold it is\n",
            [
                "docs/a.md:5: 'o' does not make a list item, so the items would show run together as text; write '- ' in its place at the start of each item, after a blank line, indented four spaces under the item above"
            ],
        ),
    ],
)
def test_markdown_that_would_show_otherwise_is_told_at_its_line_with_the_fix(body, expected):
    assert messages(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Signs include:\n\n- Flashbacks\n- Panic\n",
        "## Signs\n- Flashbacks\n- Panic\n",
        "- Sleep\n    - Keep a routine\n        - Same hour\n- Eat\n",
        "- A point\nwrapped lazily\n- Another\n",
        "- A point\n\n    Its second paragraph.\n\n- Another\n",
        "1. One\n2. Two\n   continued\n3. Three\n",
        "It happened in\n1985. Then it changed.\n",  # a wrapped year, not a list
        "* a\n * b\n",  # one space more: alignment, shown as siblings as meant
        "Text\n* * *\n\nMore.\n",
        "• One bullet on its own line.\n",
        '```\nText:\n- a\n=== "x"\n```\n',
        "A\n===\n\nText.\n",
        "<script>\n  /**\n   *  A comment in a script\n   */\n</script>\n",
        "<div markdown>\n- Sleep\n- Walk\n</div>\n",
        "<details markdown>\n<summary>More</summary>\n\n- Sleep\n</details>\n",
        "A formula x^[2] is no note.\n",
        "Text\n\n  - Step 4\n    - nested by Python-Markdown's four columns\n",
        "1) Stop and breathe.\n\nA line numbered alone reads as written.\n",
        "A rule\n\n---\n\nan arrow --> and a comment <!-- draft --> and `--help` in code.\n",
        "Text.\n\n```python\nx = 1\n```\n",
    ],
)
def test_markdown_that_shows_as_written_passes(body):
    assert messages(body) == []
