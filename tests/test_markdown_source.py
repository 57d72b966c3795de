"""A page's Markdown as the checks read it: the body after the front matter, at the file's
lines, with code and HTML comments blanked; its headings, typed as Markdown or HTML."""

from __future__ import annotations

import pytest

from psychoed.markdown_source import (
    Fence,
    PageSource,
    blank_code,
    fenced_blocks,
    find_headings,
    raw_html_blocks,
    without_comments,
)


def test_a_page_tells_the_file_line_of_an_offset_in_its_body():
    page = PageSource("docs/a.md", "---\ntitle: A\n---\n# A\n\n`<b>` <i>x</i>\n")

    assert page.first_line == 4
    assert page.masked == "# A\n\n      <i>x</i>\n"
    assert page.line_at(page.masked.index("<i>")) == 6


def test_headings_typed_as_markdown_or_html_each_at_its_line():
    page = PageSource(
        "docs/a.md", '---\ntitle: A\n---\nA\n===\n\n<h3 class="x">Typed <em>in</em>\nHTML</h3>\n\n## Two {#two}\n'
    )

    assert [(h.level, h.text, h.line) for h in find_headings(page.masked, first_line=page.first_line)] == [
        (1, "A", 4),
        (3, "Typed in HTML", 7),
        (2, "Two", 10),
    ]


def test_comments_are_taken_out_for_a_reader_that_counts_words():
    assert without_comments("One <!-- a\ndraft --> two.") == "One  two."


# Where Python-Markdown reads no Markdown: a block-level element whose tag begins a line,
# to its own end tag (nested ones of its name counted), unless it carries `markdown`.
@pytest.mark.parametrize(
    ("markdown", "raw"),
    [
        ("Text\n<p>Grounding *helps*.</p>\n", ["<p>Grounding *helps*.</p>"]),
        ("<div>\n<div>a</div>\nb\n</div>\nafter\n", ["<div>\n<div>a</div>\nb\n</div>"]),
        ("<div markdown>\n<p>raw</p>\n\n*read*\n</div>\n", ["<p>raw</p>"]),
        ("<details>\n<summary>More</summary>\nopen\n\nnext paragraph\n", ["<details>\n<summary>More</summary>\nopen"]),
        ("Text <span>inline</span> and <p>in a paragraph</p>.\n", []),
        ("- item\n\n    <p>indented into the item</p>\n", []),
    ],
)
def test_raw_html_blocks_are_the_block_elements_that_begin_a_line_without_markdown(markdown, raw):
    assert [markdown[start:end] for start, end, _ in raw_html_blocks(markdown)] == raw


# One reading of fences for every rule: a fence closes at one of its kind, as long or
# longer, with nothing after it (a "```python" inside is code), else runs to the end.
def test_fenced_blocks_close_as_markdown_closes_them_and_an_unclosed_one_runs_to_the_end():
    lines = ["Text", "````markdown", "```python", "x = 1", "```", "`````", "After", "~~~", "no end"]

    assert fenced_blocks(lines) == [Fence(1, "````", "markdown", 5), Fence(7, "~~~", "", None)]
    masked = blank_code("\n".join(lines)).split("\n")
    assert [line for line in masked if line.strip()] == ["Text", "After"]
