"""Citations filled in after their page rendered read exactly as if rendered in place."""

from __future__ import annotations

import markdown
import pytest

from citation_syntax import find_citation_blocks
from late_citations import fill, needed_now, placeholder, render_inline


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes", "admonition", "toc"]).convert(text)


@pytest.mark.parametrize(
    ("page", "cannot_wait"),
    [
        ("A sentence [@inwood2018].", False),
        ("## Why it helps [@inwood2018]", True),
        ("Why it helps [@inwood2018]\n-----------------", True),
        ("Why it helps [@inwood2018]\n=================", True),
        ("- a list item [@inwood2018]\n- another", False),
        ("> quoted [@inwood2018]", False),
    ],
)
def test_only_citations_in_headings_cannot_wait(page: str, cannot_wait: bool):
    assert needed_now(page, find_citation_blocks(page)) is cannot_wait


def test_citation_rendered_alone_reads_as_in_its_paragraph():
    citations = [
        "([Inwood & Ferrari, 2018](#ref-inwood2018))",
        "(see [Yela et al., 2022, pp. 402–403](#ref-yela2022); *Self-compassion*, n.d.)",
    ]
    page = f"Research {placeholder(1)} and more {placeholder(2)}."
    html = fill(convert(page), dict(zip([1, 2], render_inline(citations, convert))))

    assert html == convert(f"Research {citations[0]} and more {citations[1]}.")


def test_text_that_is_not_inline_is_refused():
    with pytest.raises(ValueError, match="did not render as inline text"):
        render_inline(["1. a list, not a citation"], convert)
