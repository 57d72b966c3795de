"""Each Markdown table sits in a box that scrolls and takes focus, so a keyboard can scroll
a wide one; tables written in HTML are left as they are."""

from __future__ import annotations

import markdown

from psychoed.pages.wide_tables import BOX, aligned_cells, scrollable_tables


def test_markdown_table_is_boxed_and_html_tables_keep_their_own_markup():
    rendered = markdown.markdown(
        "| Part | Opposite |\n| --- | --- |\n| Self-kindness | Self-judgement |\n", extensions=["tables"]
    )
    page = f'<p>Before</p>\n{rendered}\n<table class="layout"><tr><td>x</td></tr></table>'
    result = scrollable_tables(page)
    assert result == page.replace(rendered, BOX + rendered + "</div>")
    assert result.count("<table>") == 1 and '<table class="layout">' in result


# Python-Markdown aligns a column by a style attribute, which the site's policy blocks:
# the column would stay at the left, with an error in the console.
def test_an_aligned_columns_cells_take_its_alignment_as_a_class_not_a_style():
    rendered = markdown.markdown("| Time | Minutes |\n| :-- | --: |\n| Morning | 10 |\n", extensions=["tables"])
    result = aligned_cells(rendered)
    assert "style=" not in result
    assert result.count('class="gt-align-left"') == 2 and result.count('class="gt-align-right"') == 2
    assert aligned_cells("<p>No table.</p>") == "<p>No table.</p>"
    # Not a cell: the same text shown in code. (A style written in a page's HTML is told
    # by the build: blocked_markup.py.)
    shown = '<code>&lt;td style="text-align: left;"&gt;</code>'
    assert aligned_cells(shown) == shown
