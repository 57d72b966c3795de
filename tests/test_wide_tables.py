"""Each Markdown table sits in a box that scrolls and takes focus, so a keyboard can scroll
a wide one; tables written in HTML are left as they are."""

from __future__ import annotations

import markdown

from psychoed.pages.wide_tables import BOX, scrollable_tables


def test_markdown_table_is_boxed_and_html_tables_keep_their_own_markup():
    rendered = markdown.markdown(
        "| Part | Opposite |\n| --- | --- |\n| Self-kindness | Self-judgement |\n", extensions=["tables"]
    )
    page = f'<p>Before</p>\n{rendered}\n<table class="layout"><tr><td>x</td></tr></table>'
    result = scrollable_tables(page)
    assert result == page.replace(rendered, BOX + rendered + "</div>")
    assert result.count("<table>") == 1 and '<table class="layout">' in result
