"""`make review-due`: articles whose review date has passed or comes within 60 days, each
at its review_due line; a reminder that never fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, copy_project, run_make
from review_due import DueReview, due_reviews, main, when

TODAY = dt.date(2027, 1, 11)
# The fixture article's front matter, with its dates changed: review_due stands on line 7.
ARTICLE_SOURCE = (FIXTURE_SITE / "docs/articles/how-can-self-compassion-help-me.md").read_text(encoding="utf-8")


def article(project: Path, name: str, *, reviewed: str, due: str) -> None:
    text = ARTICLE_SOURCE.replace("last_reviewed: 2026-11-25", f"last_reviewed: {reviewed}").replace(
        "review_due: 2029-11-25", f"review_due: {due}"
    )
    text = text.replace("published: 2026-11-25", f"published: {reviewed}")
    (project / "docs/articles" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Articles overdue, due soon, due on the 60th and 61st day, and years away."""
    project = copy_project(tmp_path / "project")
    (project / "docs/articles/how-can-self-compassion-help-me.md").unlink()
    article(project, "sleep.md", reviewed="2024-01-02", due="2027-01-02")  # 9 days past
    article(project, "worry.md", reviewed="2024-02-21", due="2027-02-21")  # in 41 days
    article(project, "grief.md", reviewed="2024-03-12", due="2027-03-12")  # the 60th day
    article(project, "anger.md", reviewed="2024-03-13", due="2027-03-13")  # the 61st: not yet
    article(project, "shame.md", reviewed="2026-11-25", due="2029-11-25")
    return project


def test_overdue_and_soon_due_articles_are_listed_most_urgent_first(project, capsys):
    assert main(["--project", str(project), "--today", TODAY.isoformat()]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "docs/articles/sleep.md:7: review due 2027-01-02 (overdue)",
        "docs/articles/worry.md:7: review due 2027-02-21 (in 41 days)",
        "docs/articles/grief.md:7: review due 2027-03-12 (in 60 days)",
        "review-due: 3 articles due for review by 2027-03-12 (60 days from 2027-01-11)",
    ]


def test_nothing_due_says_so_and_exits_0(project, capsys):
    assert main(["--project", str(project), "--today", "2026-06-01"]) == 0
    assert capsys.readouterr().out == "review-due: 0 articles due for review by 2026-07-31 (60 days from 2026-06-01)\n"


@pytest.mark.parametrize(
    ("days", "said"), [(-400, "overdue"), (-1, "overdue"), (0, "due today"), (1, "in 1 day"), (41, "in 41 days")]
)
def test_how_soon_is_said(days, said):
    assert when(days) == said


def test_line_is_the_review_due_line_when_the_front_matter_is_reordered(project):
    path = project / "docs/articles/sleep.md"
    text = (
        path.read_text(encoding="utf-8")
        .replace("review_due: 2027-01-02\n", "")
        .replace("title:", "review_due: 2027-01-02\ntitle:")
    )
    path.write_text(text, encoding="utf-8")
    due, problems = due_reviews(project, today=TODAY)
    assert problems == []
    assert due[0] == DueReview("docs/articles/sleep.md", 2, dt.date(2027, 1, 2), -9)


def test_an_article_whose_dates_cannot_be_read_is_named_and_the_others_still_listed(project, capsys):
    path = project / "docs/articles/sleep.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("review_due: 2027-01-02", "review_due: 02/01/2027"), encoding="utf-8"
    )

    assert main(["--project", str(project), "--today", TODAY.isoformat()]) == 0

    captured = capsys.readouterr()
    assert captured.err == (
        "docs/articles/sleep.md:7: front matter field 'review_due' is '02/01/2027', not a date; write it as YYYY-MM-DD: "
        "review_due: 2027-02-01 for 1 February or review_due: 2027-01-02 for 2 January "
        "(its review date is not read until this is fixed)\n"
    )
    assert "docs/articles/worry.md:7: review due 2027-02-21 (in 41 days)" in captured.out


def test_report_for_the_weekly_issue_is_written_only_when_an_article_is_due(project, tmp_path):
    report = tmp_path / "reports" / "review-due.md"
    main(["--project", str(project), "--today", TODAY.isoformat(), "--report", str(report)])
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "3 articles are due for review within 60 days of 2027-01-11:"
    assert lines[2:5] == [
        "- `docs/articles/sleep.md` (line 7): review due 2027-01-02, overdue",
        "- `docs/articles/worry.md` (line 7): review due 2027-02-21, in 41 days",
        "- `docs/articles/grief.md` (line 7): review due 2027-03-12, in 60 days",
    ]

    main(["--project", str(project), "--today", "2026-06-01", "--report", str(report)])
    assert not report.exists()  # the workflow closes the issue then


def test_make_review_due_lists_the_fixture_article_and_exits_0(tmp_path):
    project = copy_project(tmp_path / "project", tooling=True)
    completed = run_make(project, "review-due", "TODAY=2029-10-15")
    assert completed.returncode == 0, completed.stderr
    assert (
        completed.stdout.splitlines()[0]
        == "docs/articles/how-can-self-compassion-help-me.md:7: review due 2029-11-25 (in 41 days)"
    )


def test_an_article_saved_from_word_is_named_and_the_others_still_listed(project, capsys):
    path = project / "docs/articles/sleep.md"
    path.write_bytes(
        path.read_text(encoding="utf-8")
        .replace("review_due: 2027-01-02", "review_due: 2027-01-02\nsubtitle: Rest \u2013 then sleep")
        .encode("cp1252")
    )

    assert main(["--project", str(project), "--today", TODAY.isoformat()]) == 0

    captured = capsys.readouterr()
    assert (
        captured.err
        == "docs/articles/sleep.md:8: not UTF-8 text; save the file as UTF-8 (its review date is not read until this is fixed)\n"
    )
    assert "docs/articles/worry.md:7: review due 2027-02-21 (in 41 days)" in captured.out
