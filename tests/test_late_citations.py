"""Citations filled in after their page rendered read exactly as if rendered in place."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import build_site
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.late_citations import fill, needed_now, placeholder, render_inline, unformatted_heading

ARTICLE = "docs/articles/how-can-self-compassion-help-me.md"
QUOTED_HEADING = "\n> ### Quoted heading [@inwood2018]\n>\n> Quoted text.\n"


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes", "admonition", "toc"]).convert(text)


@pytest.mark.parametrize(
    ("page", "cannot_wait"),
    [
        ("A sentence [@inwood2018].", False),
        ("## Why it helps [@inwood2018]", True),
        ("Why it helps [@inwood2018]\n-----------------", True),
        ("Why it helps [@inwood2018]\n=================", True),
        ("> ### Quoted heading [@inwood2018]", True),
        ("> Quoted heading [@inwood2018]\n> ---", True),
        ("- ## Heading in a list item [@inwood2018]", True),
        ("!!! note\n\n    ## Heading in an admonition [@inwood2018]", True),
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
    html = fill(convert(page), dict(zip([1, 2], render_inline(citations, convert), strict=True)))

    assert html == convert(f"Research {citations[0]} and more {citations[1]}.")


def test_text_that_is_not_inline_is_refused():
    with pytest.raises(ValueError, match="did not render as inline text"):
        render_inline(["1. a list, not a citation"], convert)


def test_citation_in_a_quoted_heading_reads_formatted_in_the_table_of_contents(site_copy: Path):
    with (site_copy / ARTICLE).open("a", encoding="utf-8") as article:
        article.write(QUOTED_HEADING)

    result = build_site(site_copy)

    assert result.returncode == 0, result.stderr
    html = (site_copy / "site/articles/how-can-self-compassion-help-me/index.html").read_text(encoding="utf-8")
    assert '<a href="#quoted-heading-inwood-ferrari-2018" class="md-nav__link">' in html
    assert "Quoted heading (Inwood &amp; Ferrari, 2018)" in html  # the heading's text in the contents
    assert "\ue010" not in html


def test_heading_citation_left_as_placeholder_fails_the_build_naming_the_page(site_copy: Path, monkeypatch, caplog):
    """Should needed_now() miss a kind of heading, the editor is told, not shown a
    placeholder in the table of contents."""
    monkeypatch.chdir(site_copy)
    with (site_copy / ARTICLE).open("a", encoding="utf-8") as article:
        article.write(QUOTED_HEADING)
    config = load_config(config_file=str(site_copy / "mkdocs.yml"), site_dir=str(site_copy / "site"))
    # MkDocs types `hooks` as a list of modules; its Hooks option gives a dict of them by name.
    monkeypatch.setattr(config.hooks["hooks/citations.py"], "needed_now", lambda markdown, blocks: False)  # type: ignore[call-overload]

    with pytest.raises(Abort):
        build(config)

    assert (
        f"{ARTICLE}: the heading 'Quoted heading [@inwood2018]' holds a citation that was not formatted in time for the "
        "table of contents; move the citation out of the heading"
    ) in caplog.text


def test_a_placeholder_in_a_heading_title_names_the_page_the_heading_and_the_fix():
    titles = ["Why it helps", f"Quoted heading {placeholder(1)}"]
    assert unformatted_heading(titles, {0: "[@yip2021]", 1: "[@inwood2018]"}, path="docs/a.md") == (
        "docs/a.md: the heading 'Quoted heading [@inwood2018]' holds a citation that was not formatted in time for the "
        "table of contents; move the citation out of the heading"
    )
    assert unformatted_heading(["Why it helps (Yip & Tong, 2021)"], {}, path="docs/a.md") is None
