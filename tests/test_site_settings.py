"""The `extra:` settings behind the article notes and the footer, checked without MkDocs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from psychoed.settings.config_file import yaml_problem
from psychoed.settings.setting_problems import SettingProblem, located, setting_lines
from psychoed.settings.site_settings import (
    FooterLink,
    number_pattern,
    read_article_settings,
    read_footer_links,
    setting_problems,
)

DOCUMENTS = {
    "index.md",
    "consultation.md",
    "disclaimer.md",
    "about-our-content.md",
    "privacy.md",
    "articles/self-compassion.md",
}

EXTRA: dict[str, Any] = {  # mkdocs.yml's extra: as YAML gives it
    "practice": {
        "name": "A Practice",
        "phone": "+1 555-0142",
        "email": "hello@example.org",
        "booking_url": "https://booking.example.org/a-practice",
    },
    "footer_links": [
        {"title": "Disclaimer", "page": "disclaimer.md"},
        {"title": "About our content", "page": "about-our-content.md"},
        {"title": "Privacy", "page": "privacy.md"},
    ],
    "crisis": {
        "text": "In a crisis, call or text 988 (US and Canada) or +1 555-0100.",
        "numbers": ["988", "+1 555-0100"],
    },
    "consultation": {
        "heading": "Talk with us",
        "text": "We offer a free call.",
        "button": "Request A Consultation",
        "url": "consultation.md",
    },
    "disclaimer_note": {"text": "For education only.", "link": "Read the full disclaimer", "page": "disclaimer.md"},
}


def with_setting(path: str, value: object) -> dict:
    """EXTRA with one setting replaced (or removed, for value=...), as an editor would."""
    extra = copy.deepcopy(EXTRA)
    *blocks, key = [int(part) if part.isdigit() else part for part in path.split(".")]
    target: Any = extra  # a block or a list, by name or index
    for block in blocks:
        target = target[block]
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return extra


def test_the_sites_settings_read_without_problems():
    settings, problems = read_article_settings(EXTRA, documents=DOCUMENTS)
    assert problems == []
    assert settings is not None
    assert settings.cta.url == "consultation.md" and settings.cta.page == "consultation.md"
    assert settings.crisis.numbers == ("988", "+1 555-0100")
    assert settings.disclaimer_note.page == "disclaimer.md"
    assert setting_problems(EXTRA, documents=DOCUMENTS) == []


def test_an_https_booking_address_is_an_external_call_to_action():
    settings, problems = read_article_settings(
        with_setting("consultation.url", "https://booking.example.org/grow-true"), documents=DOCUMENTS
    )
    assert problems == [] and settings is not None
    assert settings.cta.page is None
    assert settings.cta.url == "https://booking.example.org/grow-true"


BAD_SETTINGS = [
    # (setting changed, new value or ... to remove it, the problem's setting, part of its message)
    (
        "consultation.url",
        ...,
        "extra.consultation.url",
        "is missing or empty; write the site's page consultation.md or an https:// booking address",
    ),
    ("consultation.url", "  ", "extra.consultation.url", "is missing or empty"),
    (
        "consultation.url",
        "http://booking.example.org/x",
        "extra.consultation.url",
        "'http://booking.example.org/x' is not https; readers' booking details must travel encrypted, so write https://booking.example.org/x",
    ),
    (
        "consultation.url",
        "contact.md",
        "extra.consultation.url",
        "'contact.md' is not a page in docs/; did you mean 'consultation.md'?",
    ),
    (
        "consultation.url",
        "booking.md",
        "extra.consultation.url",
        "'booking.md' is not a page in docs/; create docs/booking.md or correct the name",
    ),
    (
        "consultation.url",
        "/consultation/",
        "extra.consultation.url",
        "'/consultation/' is not a page's file; name the Markdown file relative to docs/",
    ),
    (
        "consultation.url",
        "mailto:hello@example.org",
        "extra.consultation.url",
        "'mailto:hello@example.org' is neither a page of this site (such as consultation.md) nor an https:// address",
    ),
    ("consultation.url", "//booking.example.org/x", "extra.consultation.url", "is neither a page of this site"),
    ("consultation.url", "https://", "extra.consultation.url", "'https://' is not a complete address"),
    ("consultation.url", "https://booking.example.org/a b", "extra.consultation.url", "is not a complete address"),
    ("consultation.url", 42, "extra.consultation.url", "is missing or empty"),
    (
        "consultation.heading",
        "",
        "extra.consultation.heading",
        "is missing or empty; write the heading above the call-to-action",
    ),
    ("consultation.text", ..., "extra.consultation.text", "is missing or empty; write the practice's sentence"),
    ("consultation.button", None, "extra.consultation.button", "is missing or empty; write the button's label"),
    ("consultation", ..., "extra.consultation", "is missing; add it under extra: with heading, text, button and url"),
    ("consultation", "consultation.md", "extra.consultation", "is not a block of settings"),
    (
        "crisis.text",
        "",
        "extra.crisis.text",
        "is missing or empty; write the sentence telling readers in crisis whom to call",
    ),
    (
        "crisis.numbers",
        [],
        "extra.crisis.numbers",
        "is missing or empty; list the numbers written in extra.crisis.text",
    ),
    ("crisis.numbers", [988], "extra.crisis.numbers", '988 is not in quotes; write it as "988"'),
    ("crisis.numbers", ["911"], "extra.crisis.numbers", "'911' does not appear in extra.crisis.text"),
    ("crisis.numbers", ["98"], "extra.crisis.numbers", "'98' does not appear in extra.crisis.text"),
    ("crisis.numbers", ["call 988"], "extra.crisis.numbers", "'call 988' is not a phone number"),
    ("crisis", ..., "extra.crisis", "is missing; add it under extra: with text and numbers"),
    (
        "disclaimer_note.page",
        "disclaimers.md",
        "extra.disclaimer_note.page",
        "'disclaimers.md' is not a page in docs/; did you mean 'disclaimer.md'?",
    ),
    ("disclaimer_note.link", "", "extra.disclaimer_note.link", "is missing or empty"),
    ("disclaimer_note.text", ..., "extra.disclaimer_note.text", "is missing or empty"),
    ("disclaimer_note", ..., "extra.disclaimer_note", "is missing"),
    (
        "footer_links.2.page",
        "privcy.md",
        "extra.footer_links[2].page",
        "'privcy.md' is not a page in docs/; did you mean 'privacy.md'?",
    ),
    (
        "footer_links.2.page",
        "privacy",
        "extra.footer_links[2].page",
        "'privacy' is not a page's file; name the Markdown file relative to docs/, e.g. privacy.md",
    ),
    (
        "footer_links.2.page",
        "/privacy/",
        "extra.footer_links[2].page",
        "'/privacy/' is not a page's file; name the Markdown file relative to docs/, e.g. privacy.md",
    ),
    ("footer_links.1.title", "", "extra.footer_links[1].title", "is missing or empty"),
    ("footer_links.0", "disclaimer.md", "extra.footer_links[0]", "must be a title and a page"),
    ("footer_links", [], "extra.footer_links", "is missing or empty"),
    (
        "practice.email",
        "hello at example.org",
        "extra.practice.email",
        "'hello at example.org' is not an e-mail address",
    ),
    ("practice.email", ..., "extra.practice.email", "is missing; readers report errors to it"),
    (
        "practice.phone",
        "call us",
        "extra.practice.phone",
        "'call us' is not a phone number; write the practice's number in quotes",
    ),
    ("practice.phone", 5550142, "extra.practice.phone", "'5550142' is not a phone number"),
    (
        "practice.booking_url",
        "http://booking.example.org/x",
        "extra.practice.booking_url",
        "'http://booking.example.org/x' is not a complete https:// address",
    ),
    ("practice.booking_url", ..., "extra.practice.booking_url", "is missing; write the booking page's address"),
    (
        "date_format",
        "dd/mm/yyyy",
        "extra.date_format",
        "'dd/mm/yyyy' is not a form of date the site writes; write one of month-day-year (December 1, 2026), day-month-year (1 December 2026), year-month-day (2026-12-01)",
    ),
    (
        "date_format",
        "Day-Month-Year",
        "extra.date_format",
        "'Day-Month-Year' is not a form of date the site writes; write one of",
    ),
    (
        "date_format",
        ["month-day-year"],
        "extra.date_format",
        "'['month-day-year']' is not a form of date the site writes",
    ),
    ("date_format", None, "extra.date_format", "'None' is not a form of date the site writes"),
]


@pytest.mark.parametrize(
    ("path", "value", "setting", "message"), BAD_SETTINGS, ids=[f"{row[0]}={row[1]!r}" for row in BAD_SETTINGS]
)
def test_each_bad_setting_is_named_with_its_fix(path, value, setting, message):
    problems = setting_problems(with_setting(path, value), documents=DOCUMENTS)
    assert [problem.setting for problem in problems] == [setting]
    assert message in problems[0].message


def test_every_bad_setting_is_reported_at_once():
    extra = with_setting("consultation.url", "http://x.example.org")
    extra["crisis"]["numbers"] = ["911"]
    extra["disclaimer_note"]["page"] = "nowhere.md"
    problems = setting_problems(extra, documents=DOCUMENTS)
    assert [problem.setting for problem in problems] == [
        "extra.consultation.url",
        "extra.crisis.numbers",
        "extra.disclaimer_note.page",
    ]
    assert read_article_settings(extra, documents=DOCUMENTS)[0] is None


def test_dates_are_written_in_the_us_form_unless_the_setting_names_another():
    settings, problems = read_article_settings(EXTRA, documents=DOCUMENTS)
    assert problems == [] and settings is not None and settings.date_format == "month-day-year"
    for form in ("month-day-year", "day-month-year", "year-month-day"):
        settings, problems = read_article_settings(with_setting("date_format", form), documents=DOCUMENTS)
        assert problems == [] and settings is not None and settings.date_format == form


def test_numbers_are_found_only_as_whole_numbers():
    pattern = number_pattern(("988", "+1 555-0100"))
    assert [m.group() for m in pattern.finditer("Call 988, or +1 555-0100; not 19880 or 9881.")] == [
        "988",
        "+1 555-0100",
    ]


MKDOCS_YML = """\
site_name: Example
site_url: !ENV [SITE_URL, "https://example.org/"]
extra:
  footer_links:
    - title: Disclaimer
      page: disclaimer.md
    - title: Privacy
      page: privacy.md
  consultation:
    heading: Talk with us
    url: http://example.org
"""


def test_settings_are_found_by_line_despite_mkdocs_tags():
    lines = setting_lines(MKDOCS_YML)
    assert lines["site_url"] == 2
    assert lines["extra.consultation.url"] == 11
    assert lines["extra.footer_links[1]"] == 7
    assert lines["extra.footer_links[1].page"] == 8


def test_a_missing_setting_is_reported_at_the_block_that_should_hold_it():
    problems = [
        SettingProblem("extra.consultation.url", "'http://example.org' is not https"),
        SettingProblem("extra.consultation.button", "is missing or empty"),
        SettingProblem("extra.crisis", "is missing"),
    ]
    reported = located(problems, path="mkdocs.yml", lines=setting_lines(MKDOCS_YML))
    assert [str(problem) for problem in reported] == [
        "mkdocs.yml:11: extra.consultation.url: 'http://example.org' is not https",
        "mkdocs.yml:9: extra.consultation.button: is missing or empty",
        "mkdocs.yml:3: extra.crisis: is missing",
    ]


def test_unreadable_yaml_still_reports_problems_at_line_one():
    assert setting_lines("extra: [unclosed") == {}
    assert (
        str(located([SettingProblem("extra.crisis", "is missing")], path="mkdocs.yml", lines={})[0])
        == "mkdocs.yml:1: extra.crisis: is missing"
    )


@pytest.mark.parametrize(
    ("message", "line", "what"),
    [
        (
            'MkDocs encountered an error parsing the configuration file: mapping values are not allowed here\n  in "/p/mkdocs.yml", line 7, column 21',
            7,
            "mapping values are not allowed here",
        ),
        # An unclosed quote is named where it opens, not where the file ran out.
        (
            'MkDocs encountered an error parsing the configuration file: while scanning a quoted scalar\n  in "/p/mkdocs.yml", line 7, column 12\n'
            'found unexpected end of stream\n  in "/p/mkdocs.yml", line 140, column 1',
            7,
            "while scanning a quoted scalar; found unexpected end of stream",
        ),
    ],
)
def test_a_mkdocs_yml_that_is_not_yaml_is_named_at_its_line(message, line, what):
    problem = yaml_problem(message, project_dir=Path("/p"))
    assert problem is not None
    assert (problem.path, problem.line) == ("mkdocs.yml", line)
    assert problem.message.startswith("not valid YAML; check this line")
    assert what not in problem.message  # YAML's own words are no help to an editor


def test_another_configuration_error_keeps_mkdocs_words():
    assert yaml_problem("Config value 'theme': Unrecognised theme name: 'materal'.", project_dir=Path("/p")) is None


def test_footer_links_are_read_as_they_are_checked():
    links, problems = read_footer_links(EXTRA, documents=DOCUMENTS)

    assert problems == []
    assert links == [
        FooterLink("Disclaimer", "disclaimer.md"),
        FooterLink("About our content", "about-our-content.md"),
        FooterLink("Privacy", "privacy.md"),
    ]


def test_footer_links_to_a_page_that_is_not_there_are_not_read():
    extra = {**EXTRA, "footer_links": [{"title": "Privacy", "page": "privacy-policy.md"}]}

    links, problems = read_footer_links(extra, documents=DOCUMENTS)

    assert links is None
    assert [problem.setting for problem in problems] == ["extra.footer_links[0].page"]
