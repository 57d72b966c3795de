"""Every date a reader sees is written by one function, in the form extra.date_format names."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from psychoed.articles.reader_dates import DATE_FORMATS, date_format_examples, reader_date, time_html


@pytest.mark.parametrize(
    ("date", "form", "written"),
    [
        (dt.date(2026, 12, 1), "month-day-year", "December 1, 2026"),
        (dt.date(2027, 3, 4), "month-day-year", "March 4, 2027"),
        (dt.date(2026, 12, 1), "day-month-year", "1 December 2026"),
        (dt.date(2026, 1, 31), "day-month-year", "31 January 2026"),
        (dt.date(2026, 12, 1), "year-month-day", "2026-12-01"),
    ],
)
def test_each_form_writes_the_date_as_its_name_says(date, form, written):
    assert reader_date(date, date_format=form) == written


def test_the_machine_readable_date_stays_iso_whatever_the_form():
    for form in DATE_FORMATS:
        time = lxml_html.fragment_fromstring(time_html(dt.date(2026, 12, 1), date_format=form))
        assert time.tag == "time" and time.get("datetime") == "2026-12-01"
        assert time.text == reader_date(dt.date(2026, 12, 1), date_format=form)


def test_the_message_of_a_wrong_setting_shows_each_form_with_an_example():
    assert (
        date_format_examples()
        == "month-day-year (December 1, 2026), day-month-year (1 December 2026), year-month-day (2026-12-01)"
    )
