"""Every date a reader sees, in the one form `extra.date_format` in mkdocs.yml names.

What machines read stays ISO 8601 (2026-12-01): a `<time>`'s `datetime`, the JSON-LD and
the sitemap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Each form by its name in mkdocs.yml, written in English whatever the machine's locale.
DATE_FORMATS: dict[str, Callable[[dt.date], str]] = {
    "month-day-year": lambda date: f"{_MONTHS[date.month - 1]} {date.day}, {date.year}",
    "day-month-year": lambda date: f"{date.day} {_MONTHS[date.month - 1]} {date.year}",
    "year-month-day": lambda date: date.isoformat(),
}
# The US form, "December 1, 2026": the practice is in the US.
DEFAULT_DATE_FORMAT = "month-day-year"


def reader_date(date: dt.date, *, date_format: str) -> str:
    """The date as readers read it: "December 1, 2026" in the default form."""
    return DATE_FORMATS[date_format](date)


def time_html(date: dt.date, *, date_format: str) -> str:
    """The date as readers read it, with the machine-readable date beside it."""
    return f'<time datetime="{date.isoformat()}">{reader_date(date, date_format=date_format)}</time>'


def date_format_examples() -> str:
    """Each form with what it writes, for a message: month-day-year (December 1, 2026), ..."""
    example = dt.date(2026, 12, 1)
    return ", ".join(f"{name} ({reader_date(example, date_format=name)})" for name in DATE_FORMATS)
