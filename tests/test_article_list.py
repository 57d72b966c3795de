"""The list of articles in the nav and on Home comes from front matter, in a stated order."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from lxml import html

from articles import make_article
from psychoed.articles.article_list import LIST_MARKER, fill_nav, insert_article_list, ordered, render_article_list
from psychoed.articles.front_matter import Article

# The dates' form (extra.date_format): the default, the US "March 4, 2027".
DATES = "month-day-year"


def article(
    title: str,
    *,
    slug: str | None = None,
    weight: int = 0,
    description: str = "About it.",
    reviewed: dt.date = dt.date(2026, 11, 25),
) -> Article:
    return make_article(
        src_uri=f"articles/{slug or title.lower().replace(' ', '-')}.md",
        title=title,
        description=description,
        published=reviewed,
        last_reviewed=reviewed,
        review_due=reviewed.replace(year=reviewed.year + 3),
        weight=weight,
    )


def titles(articles: list[Article]) -> list[str]:
    return [a.title for a in articles]


def test_order_is_by_title_ignoring_case_when_no_weight_is_set():
    unordered = [article("sleep"), article("Anxiety"), article("Breathing")]
    assert titles(ordered(unordered)) == ["Anxiety", "Breathing", "sleep"]


def test_lower_weight_comes_first_whatever_the_title():
    unordered = [article("Anxiety"), article("Zen", weight=-1), article("Breathing", weight=5)]
    assert titles(ordered(unordered)) == ["Zen", "Anxiety", "Breathing"]


def test_same_title_is_ordered_by_file_so_the_order_never_depends_on_the_disk():
    a, b = article("Worry", slug="worry-b"), article("Worry", slug="worry-a")
    assert [x.src_uri for x in ordered([a, b])] == ["articles/worry-a.md", "articles/worry-b.md"]


NAV = [
    {"Home": "index.md"},
    {"Articles": "articles/"},
    {"Practices": ["practices/what-do-i-need.md"]},
]


def test_placeholder_section_is_filled_with_titles_in_order():
    nav = fill_nav(NAV, [article("Sleep"), article("Anxiety")])
    assert nav[1] == {"Articles": [{"Anxiety": "articles/anxiety.md"}, {"Sleep": "articles/sleep.md"}]}
    assert nav[0] == NAV[0] and nav[2] == NAV[2]


def test_bare_placeholder_is_replaced_in_place():
    nav = fill_nav({"Library": ["intro.md", "articles/", "glossary.md"]}, [article("Sleep")])
    assert nav == {"Library": ["intro.md", {"Sleep": "articles/sleep.md"}, "glossary.md"]}


def test_articles_section_is_dropped_when_there_is_no_article():
    assert fill_nav(NAV, []) == [NAV[0], NAV[2]]


def test_fill_nav_leaves_the_template_unchanged_for_the_next_rebuild():
    template = [{"Articles": "articles/"}]
    fill_nav(template, [article("Sleep")])
    assert template == [{"Articles": "articles/"}]


def test_list_links_each_title_with_description_and_review_date():
    listing = render_article_list(
        [article("Sleep", description="How sleep helps.", reviewed=dt.date(2027, 3, 4))],
        page_uri="index.md",
        date_format=DATES,
    )
    assert listing == (
        "- [Sleep](articles/sleep.md)<br>How sleep helps\\.<br>"
        '<small>Last reviewed <time datetime="2027-03-04">March 4, 2027</time></small>'
    )


def test_links_are_relative_to_the_page_that_shows_the_list():
    listing = render_article_list([article("Sleep")], page_uri="practices/index.md", date_format=DATES)
    assert "](../articles/sleep.md)" in listing


@pytest.mark.parametrize(
    "text",
    [
        "Anxiety *and* worry",
        "Links [like this](x.md)",
        "A <b>tag</b> & an ampersand",
        "Cite [@inwood2018] here",
        "Back\\slash_and_underscores",
    ],
)
def test_front_matter_text_shows_as_written_never_as_markup(text):
    listing = render_article_list([article(text, slug="x", description=text)], page_uri="index.md", date_format=DATES)
    # lxml-stubs types fromstring as an XML element; lxml.html gives an HtmlElement.
    tree: html.HtmlElement = html.fromstring(markdown.markdown(listing))
    link = tree.find(".//a")
    assert link.text_content() == text
    assert link.get("href") == "articles/x.md"
    assert text in tree.text_content()


def test_marker_line_is_replaced_and_the_rest_of_the_page_kept():
    page = f"# Home\n\n## Articles\n\n{LIST_MARKER}\n\n## Practices\n"
    result = insert_article_list(page, [article("Sleep")], page_uri="index.md", date_format=DATES)
    assert result.startswith("# Home\n\n## Articles\n\n- [Sleep](articles/sleep.md)")
    assert result.endswith("</small>\n\n## Practices\n")


def test_page_without_marker_is_unchanged():
    page = "# Disclaimer\n\nText about <!-- article-list --> inside a line.\n"
    assert insert_article_list(page, [article("Sleep")], page_uri="disclaimer.md", date_format=DATES) == page
