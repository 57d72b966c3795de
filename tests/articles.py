"""Article front matter for tests of the logic that reads it, without a file."""

from __future__ import annotations

import datetime as dt

from psychoed.articles.front_matter import Article


def make_article(**changes) -> Article:
    """A valid article's metadata, with `changes` applied."""
    values = dict(
        src_uri="articles/a.md",
        title="A",
        description="A.",
        author="Grow True Psychology",
        reviewed_by=None,
        published=dt.date(2026, 11, 25),
        last_reviewed=dt.date(2026, 11, 25),
        review_due=dt.date(2029, 11, 25),
        consultation_cta=True,
        consultation_text=None,
        weight=0,
    )
    return Article(**{**values, **changes})
