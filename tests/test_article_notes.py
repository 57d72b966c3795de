"""The notes around an article, rendered and placed without MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from articles import make_article
from psychoed.articles.article_notes import crisis_html, cta_html, disclaimer_html, dress_article, review_html
from psychoed.articles.front_matter import quote_message, read_article, review_date_problems, years_later
from psychoed.settings.site_settings import CallToAction, CrisisHelp, DisclaimerNote

TITLE = '<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1>'
BODY = "<p>Body.</p>"
REFERENCES = '<h2 id="references">References</h2>\n<div class="references"><div class="csl-entry" id="ref-a"><p>A.</p></div></div>'
FOOTNOTES = '<div class="footnote">\n<hr />\n<ol><li id="fn:1"><p>A note.</p></li></ol>\n</div>'


def order(html: str) -> list[str]:
    """The markers of `html` in the order a reader meets them."""
    markers = ["<h1", "TOP", "Body.", "AFTER", '<h2 id="references"', '<div class="footnote">', "END"]
    return sorted((m for m in markers if m in html), key=html.index)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (TITLE + BODY + REFERENCES, ["<h1", "TOP", "Body.", "AFTER", '<h2 id="references"', "END"]),
        (
            TITLE + BODY + REFERENCES + FOOTNOTES,
            ["<h1", "TOP", "Body.", "AFTER", '<h2 id="references"', '<div class="footnote">', "END"],
        ),
        (TITLE + BODY + FOOTNOTES, ["<h1", "TOP", "Body.", "AFTER", '<div class="footnote">', "END"]),
        (TITLE + BODY, ["<h1", "TOP", "Body.", "AFTER", "END"]),
        # No title in the Markdown: the theme writes the page title above the content.
        (BODY + REFERENCES, ["TOP", "Body.", "AFTER", '<h2 id="references"', "END"]),
    ],
    ids=["references", "references-and-footnotes", "footnotes-only", "body-only", "no-title"],
)
def test_notes_go_after_the_title_before_the_references_and_at_the_end(content, expected):
    dressed = dress_article(content, top="TOP", after_body="AFTER", end="END")
    assert order(dressed) == expected
    assert dressed.count("AFTER") == 1


def test_crisis_help_links_each_number_for_tapping_and_escapes_the_text():
    crisis = CrisisHelp("In a crisis call 988 or +1 555-0100 <now> & stay safe.", ("988", "+1 555-0100"))
    aside = lxml_html.fragment_fromstring(crisis_html(crisis))
    assert aside.tag == "aside" and aside.get("class") == "gt-crisis"
    assert aside.get("role") == "note" and aside.get("aria-label") == "Crisis help"
    assert aside.text_content().strip() == crisis.text
    assert [(a.get("href"), a.text) for a in aside.iter("a")] == [("tel:988", "988"), ("tel:+15550100", "+1 555-0100")]


CTA = CallToAction("Talk <with> us", "We & you.", "Request A Consultation", "consultation.md")


def test_call_to_action_is_a_labelled_aside_with_a_real_link():
    aside = lxml_html.fragment_fromstring(cta_html(CTA, article=make_article(), href="../../consultation/"))
    heading = aside.find("h2")
    assert aside.get("class") == "gt-cta" and aside.get("aria-labelledby") == heading.get("id")
    assert heading.text == "Talk <with> us"
    assert aside.find("p").text == "We & you."
    (button,) = aside.iter("a")
    assert button.get("class") == "md-button md-button--primary gt-cta__button"
    assert button.get("href") == "../../consultation/" and button.text == "Request A Consultation"


def test_call_to_action_says_the_articles_own_sentence_when_it_gives_one():
    article = make_article(consultation_text="Talk with us about sleep & rest.")
    aside = lxml_html.fragment_fromstring(cta_html(CTA, article=article, href="../../consultation/"))
    assert aside.find("p").text == "Talk with us about sleep & rest."
    assert aside.find("h2").text == "Talk <with> us" and aside.find(".//a").text == "Request A Consultation"


def test_review_line_names_writer_reviewer_and_both_dates():
    line = lxml_html.fragment_fromstring(
        review_html(make_article(reviewed_by="A Clinician, PsyD"), date_format="month-day-year")
    )
    assert line.get("class") == "gt-review"
    assert (
        line.text_content()
        == "Written by Grow True Psychology · Reviewed by A Clinician, PsyD · Page last reviewed: November 25, 2026 · Next review due: November 25, 2029"
    )
    assert [time.get("datetime") for time in line.iter("time")] == ["2026-11-25", "2029-11-25"]


def test_review_line_leaves_out_the_reviewer_when_none_is_named():
    line = lxml_html.fragment_fromstring(review_html(make_article(author="A & B"), date_format="day-month-year"))
    assert (
        line.text_content()
        == "Written by A & B · Page last reviewed: 25 November 2026 · Next review due: 25 November 2029"
    )


def test_disclaimer_note_links_to_the_disclaimer():
    note = lxml_html.fragment_fromstring(
        disclaimer_html(
            DisclaimerNote("For education only.", "Read the full disclaimer", "disclaimer.md"), href="../../disclaimer/"
        )
    )
    assert note.get("class") == "gt-disclaimer-note"
    assert note.text_content() == "For education only. Read the full disclaimer"
    assert note.find("a").get("href") == "../../disclaimer/"


FRONT_MATTER = """---
title: A
description: A.
author: Grow True Psychology
published: 2026-11-25
last_reviewed: 2026-11-25
review_due: {review_due}
---
# A
"""


# ---------------------------------------------------------------------------------------
# Front matter: the call-to-action's own sentence, and dates that cannot be true yet
# ---------------------------------------------------------------------------------------

CTA_TEXT_MISTAKES = [
    # (the consultation lines typed, the exact problem)
    (
        "consultation_text: 42\n",
        "docs/articles/a.md:8: front matter field 'consultation_text' is 42, which YAML reads as a number, not text; put it in quotes: consultation_text: \"42\"",
    ),
    (
        "consultation_text:\n  - Talk with us about sleep\n",
        "docs/articles/a.md:8: front matter field 'consultation_text' is a list (Talk with us about sleep), not text; write its words as text, on one line: consultation_text: Talk with us about sleep",
    ),
    (
        "consultation_text:\n",
        "docs/articles/a.md:8: front matter field 'consultation_text' is empty; write this article's sentence inviting readers to a consultation, or remove the line to show the site's (extra.consultation.text in mkdocs.yml)",
    ),
    (
        "consultation_text: '  '\n",
        "docs/articles/a.md:8: front matter field 'consultation_text' is empty; write this article's sentence inviting readers to a consultation, or remove the line to show the site's (extra.consultation.text in mkdocs.yml)",
    ),
    (
        "consultation_cta: false\nconsultation_text: Talk with us about sleep.\n",
        "docs/articles/a.md:9: front matter field 'consultation_text' is set, but consultation_cta: false leaves the call-to-action out of this article, so no reader would see it; remove one of the two lines",
    ),
]


@pytest.mark.parametrize("lines, expected", CTA_TEXT_MISTAKES, ids=["number", "list", "empty", "blank", "opted-out"])
def test_consultation_text_that_is_not_a_sentence_shown_is_named_at_its_line(lines, expected):
    source = FRONT_MATTER.format(review_due="2029-11-25").replace("---\n# A", lines + "---\n# A")
    found, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert found is None
    assert [str(problem) for problem in problems] == [expected]


def test_consultation_text_is_read_as_the_articles_own_sentence():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(
        "---\n# A", "consultation_text: >-\n  Talk with us\n  about sleep.\n---\n# A"
    )
    found, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert problems == [] and found is not None and found.consultation_text == "Talk with us about sleep."
    found, _ = read_article("articles/a.md", FRONT_MATTER.format(review_due="2029-11-25"), path="docs/articles/a.md")
    assert found is not None and found.consultation_text is None


# The articles' dates are 2026-11-25 (published, last_reviewed) and 2029-11-25 (review_due).
REVIEW_DATES = [
    # (the day of the build, the exact problems)
    (dt.date(2026, 11, 25), []),
    (dt.date(2027, 6, 1), []),
    (
        dt.date(2026, 11, 24),
        [
            "docs/articles/a.md:5: published 2026-11-25 is after today (2026-11-24); the site publishes a page with the build that holds it, never on a later day, so write the day it is first published, usually today",
            "docs/articles/a.md:6: last_reviewed 2026-11-25 is after today (2026-11-24); a review is marked once it is done, so write the day it was done",
        ],
    ),
    (
        dt.date(2029, 11, 26),
        [
            "docs/articles/a.md:7: review was due on 2029-11-25; review the page, then update last_reviewed and review_due"
        ],
    ),
]


@pytest.mark.parametrize("today, expected", REVIEW_DATES, ids=["published-today", "between", "day-before", "overdue"])
def test_dates_after_today_are_named_at_their_line_and_an_overdue_review_is_a_notice(today, expected):
    source = FRONT_MATTER.format(review_due="2029-11-25")
    problems = review_date_problems(source, path="docs/articles/a.md", today=today)
    assert [str(problem) for problem in problems] == expected
    assert all(problem.notice == ("review was due" in problem.message) for problem in problems)


# A review date before the last review is read_article's error; an "overdue" notice printed
# before it (a clinician's trial) would be the first line the editor reads, and wrong.
@pytest.mark.parametrize("review_due", ["2026-06-05", "2026-11-25"])  # before, and on, the last review
def test_a_review_due_before_the_last_review_is_no_overdue_notice(review_due):
    source = FRONT_MATTER.format(review_due=review_due)
    assert review_date_problems(source, path="docs/articles/a.md", today=dt.date(2026, 12, 5)) == []
    # Without a last review to compare with, an overdue date is the notice it was.
    without = source.replace("last_reviewed: 2026-11-25\n", "")
    [overdue] = review_date_problems(without, path="docs/articles/a.md", today=dt.date(2026, 12, 5))
    assert overdue.notice and overdue.message.startswith(f"review was due on {review_due}")


def test_a_date_after_today_is_named_only_for_the_field_that_holds_it():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(
        "last_reviewed: 2026-11-25", "last_reviewed: 2027-03-01"
    )
    problems = review_date_problems(source, path="docs/articles/a.md", today=dt.date(2027, 2, 28))
    assert [(problem.line, problem.message.split(" ")[0]) for problem in problems] == [(6, "last_reviewed")]


@pytest.mark.parametrize("review_due", ["2029-11-25", "2027-05-01"])
def test_a_review_due_within_three_years_is_accepted(review_due):
    found, problems = read_article(
        "articles/a.md", FRONT_MATTER.format(review_due=review_due), path="docs/articles/a.md"
    )
    assert problems == [] and found is not None


def test_a_review_due_beyond_three_years_names_the_latest_allowed_date():
    found, problems = read_article(
        "articles/a.md", FRONT_MATTER.format(review_due="2029-11-26"), path="docs/articles/a.md"
    )
    assert found is None
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:7: review_due 2029-11-26 is more than 3 years after last_reviewed 2026-11-25; articles are reviewed at least every 3 years (see 'About our content'), so set review_due: 2029-11-25 or earlier"
    ]


@pytest.mark.parametrize(
    "broken, line, cause",
    [
        ('title: "An unclosed quote', 2, "while scanning a quoted scalar; found unexpected end of stream"),
        ("title: Anxiety: what helps", 2, "mapping values are not allowed here"),
        ("description: [a list never closed", 3, "while parsing a flow sequence"),
    ],
)
def test_front_matter_that_is_not_yaml_is_named_at_the_broken_line(broken, line, cause):
    field = broken.split(":")[0]
    source = "\n".join(
        broken if row.startswith(f"{field}:") else row
        for row in FRONT_MATTER.format(review_due="2029-11-25").split("\n")
    )
    found, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert found is None
    (problem,) = problems
    assert (problem.path, problem.line) == ("docs/articles/a.md", line)
    assert cause not in problem.message  # YAML's own words are no help to an editor
    assert "a value holding ': ' must be in quotes" in problem.message


def test_three_years_after_a_leap_day_is_the_last_day_of_february():
    assert years_later(dt.date(2028, 2, 29), 3) == dt.date(2031, 2, 28)
    assert years_later(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)


def test_a_tag_after_a_lone_carriage_return_is_named_at_its_line_of_the_file():
    # YAML ends a line at a lone '\r' too; the editor's file and MkDocs do not.
    found, problems = read_article("articles/a.md", "---\ntitle: \r|\ntitle: !0\n---\n", path="docs/articles/a.md")
    assert found is None
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:3: front matter field 'title' has the YAML tag '!0', which does not fit its value; remove '!0' and write the value plainly"
    ]


# A date as people type it: without the month's or the day's leading zero, or in quotes.
DATES_AS_TEXT = [
    (
        "2026-12-4",
        "front matter field 'published' is 2026-12-4: a date takes two digits for the month and two for the day; write published: 2026-12-04",
    ),
    (
        "2026-4-12",
        "front matter field 'published' is 2026-4-12: a date takes two digits for the month and two for the day; write published: 2026-04-12",
    ),
    (
        '"2029-11-25"',
        "front matter field 'published' is \"2029-11-25\": the quotes make it text, not a date; remove them: published: 2029-11-25",
    ),
    (
        '"2026-1-5"',
        "front matter field 'published' is \"2026-1-5\": the quotes make it text, not a date; remove them: published: 2026-01-05",
    ),
]


@pytest.mark.parametrize(("typed", "message"), DATES_AS_TEXT)
def test_a_date_yaml_reads_as_text_is_told_with_the_date_to_write(typed, message):
    source = FRONT_MATTER.format(review_due="2029-11-25").replace("published: 2026-11-25", f"published: {typed}")
    _, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert [str(problem) for problem in problems] == [f"docs/articles/a.md:5: {message}"]


# What a clinician types in a browser, told with the exact line to write.
TYPED_IN_A_BROWSER = [
    (
        "published: 2026-11-25",
        "published:",
        "5: front matter field 'published' is empty; write its date as YYYY-MM-DD after 'published: '",
    ),
    (
        "published: 2026-11-25",
        "published: November 25, 2026",
        "5: front matter field 'published' is 'November 25, 2026', not a date; write it as YYYY-MM-DD: published: 2026-11-25",
    ),
    (
        "published: 2026-11-25",
        "published: 11/25/2026",
        "5: front matter field 'published' is '11/25/2026', not a date; write it as YYYY-MM-DD: published: 2026-11-25 for 25 November",
    ),
    (
        "author: Grow True Psychology",
        "author Grow True Psychology",
        "4: front matter line 'author Grow True Psychology' has no ':' after the name of the field; write author: Grow True Psychology",
    ),
    (
        "title: A",
        "title:\n  - A",
        "2: front matter field 'title' is a list (A), not text; write its words as text, on one line: title: A",
    ),
    (
        "author: Grow True Psychology",
        "author: Grow True Psychology\ndraft: true",
        "5: front matter field 'draft' is not one the site reads, so the page would leave it out; remove the line: this site publishes every page in docs/ once its pull request is merged, so keep a draft on its branch until then",
    ),
    # A field's name with a capital: told once, as misspelt, not also as missing.
    (
        "published: 2026-11-25",
        "Published: 2026-11-25",
        "5: front matter field 'Published' is not one the site reads, so the page would leave it out; write it as 'published'",
    ),
    # One date wrong: told once, not again as a review due too late after it.
    (
        "last_reviewed: 2026-11-25",
        "last_reviewed: 2026-11-01",
        "6: last_reviewed 2026-11-01 is before published 2026-11-25; a page is reviewed when or after it is published: set last_reviewed to 2026-11-25 or later, or correct published to the day the page first went live",
    ),
]


@pytest.mark.parametrize(("line", "typed", "message"), TYPED_IN_A_BROWSER)
def test_a_front_matter_line_as_typed_in_a_browser_is_told_with_the_line_to_write(line, typed, message):
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(line, typed)
    _, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert [str(problem) for problem in problems] == [f"docs/articles/a.md:{message}"]


# A review's new dates typed above the old ones: YAML would read the old ones, silently.
def test_a_field_given_twice_is_told_at_its_second_line_with_both_lines():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(
        "published: 2026-11-25\n", "published: 2026-11-25\nlast_reviewed: 2026-12-05\n"
    )
    _, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:7: front matter field 'last_reviewed' is given twice, at lines 6 and 7, and only this "
        "line's value is read; delete the line you do not mean"
    ]


# A field misspelt, or one no part of the site reads: its value would be left off the page.
UNKNOWN_FIELDS = [
    (
        "reviewed by: Dr Maria Lopez, PhD",
        "front matter field 'reviewed by' is not one the site reads, so the page would leave it out; write it as 'reviewed_by'",
    ),
    (
        "Reviewed_by: Dr Maria Lopez, PhD",
        "front matter field 'Reviewed_by' is not one the site reads, so the page would leave it out; write it as 'reviewed_by'",
    ),
    (
        "consultation-text: Talk with us about sleep.",
        "front matter field 'consultation-text' is not one the site reads, so the page would leave it out; write it as 'consultation_text'",
    ),
    (
        "keywords: sleep",
        "front matter field 'keywords' is not one the site reads, so the page would leave it out; remove the line, or use one of title, description, author, published, last_reviewed, review_due, reviewed_by, consultation_cta, consultation_text, weight",
    ),
]


@pytest.mark.parametrize(("line", "message"), UNKNOWN_FIELDS)
def test_a_field_the_site_does_not_read_is_named_at_its_line_with_the_field_meant(line, message):
    source = FRONT_MATTER.format(review_due="2029-11-25").replace("---\n# A", f"{line}\n---\n# A")
    _, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert [str(problem) for problem in problems] == [f"docs/articles/a.md:8: {message}"]


# (the front matter as typed, from its second line, and the exact problem) for values YAML
# refuses or reads as something else than the site takes.
VALUE_MISTAKES = [
    (
        "title: A\ndescription: Sleep\x0bwell.\n",
        "docs/articles/a.md:3: front matter line holds a control character, U+000B, which YAML does not accept; delete it (retype the text around it)",
    ),
    (
        "- title: A\n- author: B\n",
        "docs/articles/a.md:2: front matter must be 'field: value' lines; write each field as its name, a colon and its value, e.g. title: Sleep",
    ),
]


@pytest.mark.parametrize(("typed", "expected"), VALUE_MISTAKES, ids=["control-character", "a-list"])
def test_front_matter_yaml_refuses_or_reads_as_no_fields_is_named_at_its_line(typed, expected):
    found, problems = read_article("articles/a.md", f"---\n{typed}---\n# A\n", path="docs/articles/a.md")
    assert found is None
    assert [str(problem) for problem in problems] == [expected]


WEIGHT_NOT_A_NUMBER = "weight is 'heavy'; write a whole number (lower comes first)"


def test_a_weight_that_is_no_whole_number_is_named_at_its_line():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace("---\n# A", "weight: heavy\n---\n# A")
    found, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert found is None
    assert [str(problem) for problem in problems] == [f"docs/articles/a.md:8: {WEIGHT_NOT_A_NUMBER}"]


def test_the_themes_own_page_fields_are_allowed_in_an_article():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(
        "---\n# A", "template: article.html\nhide:\n  - toc\n---\n# A"
    )
    article, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert problems == [] and article is not None


# A value a word processor wrapped in its quotes, with an apostrophe or a quotation inside;
# and one that only starts and ends with a quotation, which is the editor's text.
@pytest.mark.parametrize(
    ("typed", "fix"),
    [
        ("“Don’t panic”", 'title: "Don’t panic"'),
        ("“One question, “What do I need?”, to ask.”", 'title: "One question, “What do I need?”, to ask."'),
        ("‘Rest well’", 'title: "Rest well"'),
        ("“Why me?” and “What now?”", None),
        ("Plain “quoted” words", None),
    ],
)
def test_typographic_quotes_around_a_whole_value_are_told_and_a_quotation_inside_is_not(typed, fix):
    message = quote_message("title", f" {typed}")
    assert (message and message.rsplit("type straight ones: ", 1)[1]) == fix


# A date after today is told in the same build as the article's other problems (it was told
# only once they were fixed, costing another round of checks).
def test_a_date_after_today_is_told_beside_the_articles_other_problems():
    source = FRONT_MATTER.format(review_due="2029-11-25").replace(
        "last_reviewed: 2026-11-25", "last_reviewed: 2027-03-01"
    )
    source = source.replace("description: A.\n", "")
    article, problems = read_article("articles/a.md", source, path="docs/articles/a.md")
    assert article is None and problems
    assert [
        str(problem) for problem in review_date_problems(source, path="docs/articles/a.md", today=dt.date(2027, 2, 28))
    ] == [
        "docs/articles/a.md:5: last_reviewed 2027-03-01 is after today (2027-02-28); a review is marked once it is done, so write the day it was done"
    ]
