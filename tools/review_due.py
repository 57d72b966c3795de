"""`make review-due`: the articles whose review date has passed or comes within 60 days.

One line each, `docs/articles/x.md:LINE: review due 2027-03-01 (overdue)` or
`(in 41 days)`, at the article's review_due line, most urgent first. A reminder, never a
failure: it exits 0. REPORT=path.md also writes the list as Markdown for the weekly
workflow's GitHub issue (only when an article is due, as the link checks do).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from psychoed.articles.front_matter import ARTICLES_DIR, field_line, read_article
from psychoed.problems import counted
from psychoed.project_files import read_page

ROOT = Path(__file__).resolve().parent.parent

DOCS = "docs"
# Reviewing a page takes a clinician's time: two months' notice to plan it.
NOTICE_DAYS = 60


@dataclass(frozen=True)
class DueReview:
    path: str  # docs/articles/x.md
    line: int  # of review_due
    due: dt.date
    days: int  # from today; negative when overdue

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: review due {self.due} ({when(self.days)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (holding docs/)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="count from this date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--report", type=Path, help="also write the list as Markdown, when any article is due")
    args = parser.parse_args(argv)
    due, problems = due_reviews(args.project, today=args.today)
    for problem in problems:
        print(problem, file=sys.stderr)
    for review in due:
        print(review)
    print(
        f"review-due: {counted(len(due), 'article')} due for review by {args.today + dt.timedelta(days=NOTICE_DAYS)} ({NOTICE_DAYS} days from {args.today})"
    )
    if args.report:
        args.report.unlink(missing_ok=True)
        if due:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(markdown(due, today=args.today), encoding="utf-8")
    return 0


def due_reviews(project: Path, *, today: dt.date) -> tuple[list[DueReview], list[str]]:
    """Every article due within NOTICE_DAYS of `today`, most urgent first; and the
    problems of articles whose dates cannot be read (the build names them too)."""
    due, problems = [], []
    for path in sorted((project / DOCS / ARTICLES_DIR).rglob("*.md")):
        shown = path.relative_to(project).as_posix()
        source, unreadable = read_page(path, display_path=shown)
        article, found = (
            read_article(path.relative_to(project / DOCS).as_posix(), source, path=shown)
            if source is not None
            else (None, [unreadable])
        )
        if article is None:
            problems += [f"{problem} (its review date is not read until this is fixed)" for problem in found]
            continue
        assert source is not None  # the article was read from it
        days = (article.review_due - today).days
        if days <= NOTICE_DAYS:
            due.append(DueReview(shown, field_line(source, "review_due"), article.review_due, days))
    return sorted(due, key=lambda review: (review.due, review.path)), problems


def when(days: int) -> str:
    if days < 0:
        return "overdue"
    if days == 0:
        return "due today"
    return f"in {counted(days, 'day')}"


def markdown(due: list[DueReview], *, today: dt.date) -> str:
    """The weekly issue's list: what is due, and what reviewing an article means."""
    lines = [
        f"{len(due)} {'article is' if len(due) == 1 else 'articles are'} due for review within {NOTICE_DAYS} days of {today}:",
        "",
        *(f"- `{review.path}` (line {review.line}): review due {review.due}, {when(review.days)}" for review in due),
        "",
        'Review each page, then update its `last_reviewed` and `review_due` (see CONTRIBUTING.md, "Mark a review").',
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
