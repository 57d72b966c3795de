"""Read the front matter of every page, telling at its line what YAML would read otherwise;
and check that of articles (everything under docs/articles/) for the fields they need."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass
from typing import TypeGuard

import yaml

from psychoed.characters import TYPOGRAPHIC_QUOTES, character_name, invisibles, visible
from psychoed.markdown_source import FRONT_MATTER
from psychoed.problems import Problem

ARTICLES_DIR = "articles/"
_UNCLOSED = "the front matter opened by '---' on this line is never closed; add a line holding only '---' after its last field, before the page's text"
_OPENING = re.compile(r"\A---[ \t]*\n")
# A key at the start of a line, as YAML reads it: up to its colon, spaces (a no-break one too) inside.
_KEY_LINE = re.compile(r"^(?P<key>[^\s:#\-'\"\[{|>][^:\n]*?)[ \t\u00a0]*:(?P<value>[^\n]*)", re.MULTILINE)
# A value YAML reads as it stands: not quoted, not a block (`|`, `>`), list or mapping.
_PLAIN_VALUE = re.compile(r"[ \t]*(?![\"'|>\[{&*!])(?P<value>\S.*?)[ \t]+#")
# A value in a word processor's quotes, which YAML reads as letters of the text.
_TYPOGRAPHIC_VALUE = re.compile(rf"[ \t]*(?P<quote>[{TYPOGRAPHIC_QUOTES}])(?P<value>.*)[{TYPOGRAPHIC_QUOTES}][ \t]*$")
# Inside such quotes, what may stand: an apostrophe within a word (don’t), a quotation closed
# before the end (“What do I need?”).
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)[’'](?=\w)")
_INNER_QUOTATION = re.compile(r"[“„«‘‚][^“”„‟«»‘’‚‛]*[”‟»’]")
# A value in single quotes with an apostrophe inside (`'Don't panic'`): the apostrophe closes them.
_APOSTROPHE_IN_SINGLE_QUOTES = re.compile(r"[ \t]*'(?P<before>[^'\n]*)'(?=\w)(?P<after>.*?)'?[ \t]*$")
REQUIRED_TEXT = ("title", "description", "author")
REQUIRED_DATES = ("published", "last_reviewed", "review_due")
# Every field an article's front matter may hold: a misspelt one (`reviewed by:`) would
# leave its value off the page without a word.
ARTICLE_FIELDS = (*REQUIRED_TEXT, *REQUIRED_DATES, "reviewed_by", "consultation_cta", "consultation_text", "weight")
# Material for MkDocs' own page fields, which an article may set too.
THEME_FIELDS = ("template", "hide", "search", "status", "icon", "subtitle", "tags")
# "About our content" promises readers a review at least this often.
REVIEW_CYCLE_YEARS = 3


@dataclass(frozen=True)
class FrontMatter:
    fields: dict  # as YAML reads them; an impossible date stays the text typed
    lines: dict[str, int]  # the file line of each field
    typed: dict[str, str]  # each field's value as typed on its line


@dataclass(frozen=True)
class Article:
    src_uri: str  # relative to docs/, e.g. articles/how-can-self-compassion-help-me.md
    title: str
    description: str
    author: str
    reviewed_by: str | None
    published: dt.date
    last_reviewed: dt.date
    review_due: dt.date
    consultation_cta: bool
    consultation_text: str | None  # the call-to-action's sentence for this article; None: the site's
    weight: int


def is_article(src_uri: str) -> bool:
    """Articles are recognised by their folder, so front matter cannot forget to say so."""
    return src_uri.startswith(ARTICLES_DIR) and src_uri.endswith(".md")


def read_front_matter(source: str, *, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The front matter of any page: None without problems when the file has none."""
    front_matter, problems = _read_front_matter(source, path)
    return front_matter, list(problems)


# The checks and the content rules both read every page's front matter: parsed once, not
# twice (about 0.15 s saved at 1,000 articles). `serve` keeps this module: at most 4,096 pages kept.
@functools.lru_cache(maxsize=4096)
def _read_front_matter(source: str, path: str) -> tuple[FrontMatter | None, tuple[Problem, ...]]:
    match = FRONT_MATTER.match(source)
    if not match:
        if _OPENING.match(source):
            return None, (_unclosed_problem(source, path),)
        return None, ()
    text = match.group("yaml") or ""
    # Named first: one would make YAML's own error point elsewhere, or a field go unread.
    if hidden := _invisible_character_problems(text, path):
        return None, hidden
    lines = _key_lines(text)
    typed = {m.group("key"): m.group("value") for m in _KEY_LINE.finditer(text)}
    try:
        fields = _yaml(text) or {}
    except yaml.YAMLError as error:
        return None, (_tag_problem(text, path) or _yaml_problem(error, text, path=path),)
    except (ValueError, TypeError, LookupError, AttributeError):
        # PyYAML's own constructors fail this way on a tag that does not fit its value (`!!int 1.5`).
        return None, (_tag_problem(text, path) or Problem(path, 2, "front matter is not valid YAML; check its values"),)
    if not isinstance(fields, dict):
        return None, (
            Problem(
                path,
                2,
                "front matter must be 'field: value' lines; write each field as its name, a colon and its value, e.g. title: Sleep",
            ),
        )
    problems = _repeated_field_problems(text, path) + _field_problems(fields, lines, typed, path=path)
    return FrontMatter(fields, lines, typed), tuple(problems)


# What YAML reads differently from what the editor meant, in the front matter of any page
# (MkDocs drops a page's whole front matter on an impossible date, silently).
def _field_problems(fields: dict, lines: dict[str, int], typed: dict[str, str], *, path: str) -> list[Problem]:
    problems = []
    for key, value in fields.items():
        line = lines.get(key, 1)
        if isinstance(value, _NoDate):
            problems.append(
                Problem(
                    path,
                    line,
                    f"front matter field '{key}' is {value.strip()}, which is no date: {impossible_date(value) or 'no such day or time'}; write a real date as YYYY-MM-DD",
                )
            )
        elif isinstance(value, str) and (message := quote_message(key, typed.get(key, ""))):
            problems.append(Problem(path, line, message))
        elif isinstance(value, str) and (cut := _PLAIN_VALUE.match(typed.get(key, ""))):
            whole = typed[key].strip()
            problems.append(
                Problem(
                    path,
                    line,
                    f"front matter field '{key}' is cut at '#': YAML reads a ' #' and what follows as a comment, so the value ends at '{cut.group('value')}'; put the whole value in quotes: {key}: {double_quoted(whole)}",
                )
            )
    return problems


# Fields other generators read to hold a page back or publish it later.
_PUBLISHING_FIELDS = {
    "draft",
    "published_draft",
    "publish",
    "unlisted",
    "hidden",
    "status",
    "publishdate",
    "expirydate",
}


def field_meant(name: str) -> str | None:
    """The field of the site a name it does not read means ('Published', 'descripton'), if any."""
    return next(iter(difflib.get_close_matches(_spelled(name), ARTICLE_FIELDS + THEME_FIELDS, n=1, cutoff=0.75)), None)


def unknown_field_problems(front_matter: FrontMatter, *, path: str) -> list[Problem]:
    """Each field of a page's front matter that no part of the site reads, at its line, with
    the field meant when its name is close to one ('descripton', 'Published')."""
    return [
        _unknown_field(key, path=path, line=front_matter.lines.get(key, 1))
        for key in front_matter.fields
        if key not in ARTICLE_FIELDS + THEME_FIELDS
    ]


# A field no part of the site reads: the field meant, when the name is close to one.
def _unknown_field(key: object, *, path: str, line: int) -> Problem:
    name = str(key)
    if meant := field_meant(name):
        fix = f"write it as '{meant}'"
    elif _spelled(name) in _PUBLISHING_FIELDS:
        # Another site's way to hold a page back (draft: true): here the page would go live.
        fix = "remove the line: this site publishes every page in docs/ once its pull request is merged, so keep a draft on its branch until then"
    else:
        fix = f"remove the line, or use one of {', '.join(ARTICLE_FIELDS)}"
    return Problem(
        path, line, f"front matter field '{name}' is not one the site reads, so the page would leave it out; {fix}"
    )


# A field's name as the site's are written ('Published', 'last-reviewed' -> 'last_reviewed').
def _spelled(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def quote_message(key: str, typed: str) -> str | None:
    """The fix for a value typed in quotes YAML does not read as the editor's (`typed` is
    the value as on its line): a word processor's, or single quotes around an apostrophe."""
    if (curly := _TYPOGRAPHIC_VALUE.match(typed)) and _wraps_whole(curly.group("value")):
        return f"front matter field '{key}' is in typographic quotes ({character_name(curly.group('quote'))}), which YAML reads as letters of the text, not as quotes; type straight ones: {key}: {double_quoted(curly.group('value'))}"
    if single := _APOSTROPHE_IN_SINGLE_QUOTES.match(typed):
        before, after = single.group("before", "after")
        word = re.findall(r"\w*$", before)[0] + "'" + re.findall(r"^\w*", after)[0]
        value = before + "'" + after
        return f"front matter field '{key}' is in single quotes, and the apostrophe of {word} closes them early; put the value in double quotes instead: {key}: {double_quoted(value)}"
    return None


# Whether a value's outer typographic quotes hold it whole (not “Why me?” and “What now?”).
def _wraps_whole(value: str) -> bool:
    inner = _APOSTROPHE_IN_WORD.sub("", value)
    while (fewer := _INNER_QUOTATION.sub("", inner)) != inner:
        inner = fewer
    return not any(char in TYPOGRAPHIC_QUOTES for char in inner)


def double_quoted(text: str) -> str:
    """`text` as a YAML value in double quotes, where only `\\` and `"` need escaping: the
    quotes the fixes write, as an apostrophe typed later inside them is still text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_article(src_uri: str, source: str, *, path: str) -> tuple[Article | None, list[Problem]]:
    """The article's metadata, or None with every problem of its front matter."""
    front_matter, problems = read_front_matter(source, path=path)
    if front_matter is None:
        return None, problems or [
            Problem(
                path,
                1,
                "no front matter; start the file with a '---' block holding title, description, author, published, last_reviewed and review_due (copy it from another article)",
            )
        ]
    meta, lines = front_matter.fields, front_matter.lines

    def where(key: str) -> int:
        return lines.get(key, 1)

    # A field written misspelt ('Published:') is told once, as misspelt, not also as missing.
    misspelt = {meant for key in meta if key not in ARTICLE_FIELDS + THEME_FIELDS and (meant := field_meant(str(key)))}
    for key in REQUIRED_TEXT:
        value = meta.get(key)
        if key in misspelt and key not in meta:
            continue
        if value is not None and not isinstance(value, str):
            problems.append(_not_text(key, value, front_matter, path=path))
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(path, where(key), f"front matter field '{key}' is missing or empty; add {key}: ...")
            )
    reviewed_by = meta.get("reviewed_by")
    if reviewed_by is not None and (not isinstance(reviewed_by, str) or not reviewed_by.strip()):
        problems.append(
            Problem(
                path, where("reviewed_by"), "front matter field 'reviewed_by' must name the reviewer, or be left out"
            )
        )
    dates = {}
    for key in REQUIRED_DATES:
        value = meta.get(key)
        if key not in meta and key not in misspelt:
            problems.append(Problem(path, 1, f"front matter field '{key}' is missing; add {key}: YYYY-MM-DD"))
        elif key not in meta:
            continue
        elif isinstance(value, _NoDate):
            continue  # read_front_matter has said why
        elif isinstance(value, str) and (date_like := _DATE_LIKE.fullmatch(value.strip())):
            typed = front_matter.typed.get(key, value).strip()
            year, month, day = date_like.groups()
            written = f"{year}-{int(month):02d}-{int(day):02d}"
            # YAML reads a date only unquoted and with two digits for the month and the day.
            fix = (
                f"the quotes make it text, not a date; remove them: {key}: {written}"
                if typed[:1] in "'\""
                else f"a date takes two digits for the month and two for the day; write {key}: {written}"
            )
            problems.append(Problem(path, where(key), f"front matter field '{key}' is {typed}: {fix}"))
        elif value is None:
            problems.append(
                Problem(
                    path,
                    where(key),
                    f"front matter field '{key}' is empty; write its date as YYYY-MM-DD after '{key}: '",
                )
            )
        elif isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            problems.append(
                Problem(
                    path, where(key), f"front matter field '{key}' is '{value}', not a date; {_date_fix(key, value)}"
                )
            )
        else:
            dates[key] = value
    if len(dates) == 3 and dates["last_reviewed"] < dates["published"]:
        # One of the two is wrong; review_due, counted from last_reviewed, is judged once it is right.
        problems.append(
            Problem(
                path,
                where("last_reviewed"),
                f"last_reviewed {dates['last_reviewed']} is before published {dates['published']}; a page is reviewed when or after it is published: set last_reviewed to {dates['published']} or later, or correct published to the day the page first went live",
            )
        )
    elif len(dates) == 3:
        if dates["review_due"] <= dates["last_reviewed"]:
            problems.append(
                Problem(
                    path,
                    where("review_due"),
                    f"review_due {dates['review_due']} is not after last_reviewed {dates['last_reviewed']}; set the next review date, usually three years on",
                )
            )
        latest = years_later(dates["last_reviewed"], REVIEW_CYCLE_YEARS)
        if dates["review_due"] > latest:
            problems.append(
                Problem(
                    path,
                    where("review_due"),
                    f"review_due {dates['review_due']} is more than {REVIEW_CYCLE_YEARS} years after last_reviewed {dates['last_reviewed']}; articles are reviewed at least every {REVIEW_CYCLE_YEARS} years (see 'About our content'), so set review_due: {latest} or earlier",
                )
            )
    cta = meta.get("consultation_cta", True)
    if not isinstance(cta, bool):
        problems.append(Problem(path, where("consultation_cta"), f"consultation_cta is '{cta}'; write true or false"))
    cta_text = meta.get("consultation_text")
    if "consultation_text" in meta:
        if cta_text is not None and not isinstance(cta_text, str):
            problems.append(_not_text("consultation_text", cta_text, front_matter, path=path))
        elif not cta_text or not cta_text.strip():
            problems.append(
                Problem(
                    path,
                    where("consultation_text"),
                    "front matter field 'consultation_text' is empty; write this article's sentence inviting readers to a consultation, or remove the line to show the site's (extra.consultation.text in mkdocs.yml)",
                )
            )
        elif cta is False:
            problems.append(
                Problem(
                    path,
                    where("consultation_text"),
                    "front matter field 'consultation_text' is set, but consultation_cta: false leaves the call-to-action out of this article, so no reader would see it; remove one of the two lines",
                )
            )
    problems += unknown_field_problems(front_matter, path=path)
    weight = meta.get("weight", 0)
    if not isinstance(weight, int) or isinstance(weight, bool):
        problems.append(
            Problem(path, where("weight"), f"weight is '{weight}'; write a whole number (lower comes first)")
        )
    if problems:
        return None, problems
    return Article(
        src_uri=src_uri,
        title=meta["title"].strip(),
        description=meta["description"].strip(),
        author=meta["author"].strip(),
        reviewed_by=reviewed_by.strip() if reviewed_by else None,
        published=dates["published"],
        last_reviewed=dates["last_reviewed"],
        review_due=dates["review_due"],
        consultation_cta=cta,
        consultation_text=cta_text.strip() if cta_text else None,
        weight=weight,
    ), []


def review_date_problems(source: str, *, path: str, today: dt.date) -> list[Problem]:
    """Dates of an article's front matter (`source`, the page) that cannot be true yet, each
    at its line, and an overdue review as a notice; told whatever else the page gets wrong,
    so one build tells every problem.

    `today` is the calendar day of the build (the tests give their own): a review is
    marked once it is done, and the site has no scheduled publishing, since every build
    publishes every page at once.
    """
    front_matter, _ = read_front_matter(source, path=path)
    fields = front_matter.fields if front_matter else {}
    dates = {key: value for key in REQUIRED_DATES if _is_day(value := fields.get(key))}
    problems = []
    for key, why in (
        (
            "published",
            "the site publishes a page with the build that holds it, never on a later day, so write the day it is first published, usually today",
        ),
        ("last_reviewed", "a review is marked once it is done, so write the day it was done"),
    ):
        date = dates.get(key)
        if date is not None and date > today:
            problems.append(Problem(path, field_line(source, key), f"{key} {date} is after today ({today}); {why}"))
    review_due, last_reviewed = dates.get("review_due"), dates.get("last_reviewed")
    # Not for a date before the last review, which read_article tells as the error it is.
    if review_due is not None and review_due < today and (last_reviewed is None or review_due > last_reviewed):
        # A notice, not an error: an overdue review must not block an urgent correction.
        problems.append(
            Problem(
                path,
                field_line(source, "review_due"),
                f"review was due on {review_due}; review the page, then update last_reviewed and review_due",
                notice=True,
            )
        )
    return problems


# The date to write for a value that is not one: a date in words or with slashes, as
# typed in a browser ("December 5, 2026", "12/05/2026", read both ways), else the form.
def _date_fix(key: str, value: object) -> str:
    text = " ".join(str(value).replace(",", " ").split())
    for form in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        with contextlib.suppress(ValueError):
            return f"write it as YYYY-MM-DD: {key}: {dt.datetime.strptime(text, form).date()}"
    if slashed := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
        first, second, year = (int(part) for part in slashed.groups())
        readings = []
        for month, day in ((first, second), (second, first)):
            with contextlib.suppress(ValueError):
                date = dt.date(year, month, day)
                readings.append(f"{key}: {date} for {date.day} {calendar.month_name[date.month]}")
        if readings:
            return f"write it as YYYY-MM-DD: {' or '.join(dict.fromkeys(readings))}"
    return f"write it as YYYY-MM-DD, e.g. {key}: 2026-11-25"


def _is_day(value: object) -> TypeGuard[dt.date]:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


# A field meant as text that YAML read as something else, with the quotes that fix it.
def _not_text(key: str, value: object, front_matter: FrontMatter, *, path: str) -> Problem:
    typed = front_matter.typed.get(key, str(value)).strip()
    line = front_matter.lines.get(key, 1)
    # A list of words (`- Sleep` under the field, or `[Sleep]`), as another site's front matter
    # writes tags: its words are the text meant.
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        words = ", ".join(str(item) for item in value)
        return Problem(
            path,
            line,
            f"front matter field '{key}' is a list ({words}), not text; write its words as text, on one line: {key}: {double_quoted(words) if ': ' in words or words[:1] in '[{' else words}",
        )
    return Problem(
        path,
        line,
        f"front matter field '{key}' is {typed}, which YAML reads as {_kind(value)}, not text; put it in quotes: {key}: {double_quoted(typed)}",
    )


# What YAML made of a value the editor meant as text, in the editor's words.
def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "a list" if isinstance(value, list) else "a group of fields"


def field_line(source: str, key: str) -> int:
    """The line of `key` in the file's front matter (1 when it has none, as problems say)."""
    match = FRONT_MATTER.match(source)
    return _key_lines(match.group("yaml") or "").get(key, 1) if match else 1


def years_later(date: dt.date, years: int) -> dt.date:
    """The same day `years` on; 29 February becomes 28 February in a common year."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


# A field written again (a review's new dates typed above the old ones): YAML reads the last
# and drops the others without a word.
def _repeated_field_problems(text: str, path: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for match in _KEY_LINE.finditer(text):
        key, line = match.group("key"), 2 + text.count("\n", 0, match.start())
        if key in seen:
            problems.append(
                Problem(
                    path,
                    line,
                    f"front matter field '{key}' is given twice, at lines {seen[key]} and {line}, and only this line's value is read; delete the line you do not mean",
                )
            )
        seen.setdefault(key, line)
    return problems


# Each top-level key's line in the file: the front matter starts on line 2, after `---`.
def _key_lines(text: str) -> dict[str, int]:
    return {m.group("key"): 2 + text.count("\n", 0, m.start()) for m in _KEY_LINE.finditer(text)}


def impossible_date(text: str) -> str | None:
    """Why a YYYY-MM-DD text names no day ("February 2026 has 28 days"), else None."""
    match = _DATE_LIKE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d} (months run from 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


_DATE_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class _NoDate(str):
    """The text of a date YAML could not read (2026-02-30)."""


# YAML reads an impossible date (2026-02-30) as a ValueError with no line; keep the text
# instead, marked, so read_front_matter names the field.
def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return _NoDate(loader.construct_scalar(node))


# libyaml's loader where PyYAML was built with it: a base chosen at run time, which mypy cannot type.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


class _WordedLoader(yaml.SafeLoader):
    pass


for _loader in (_FastLoader, _WordedLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


# libyaml parses front matter ten times faster (0.3 s saved at 1,000 articles); PyYAML's own
# parser words the errors editors see.
def _yaml(text: str):
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_WordedLoader)


# An invisible character (characters.py) on a line of the front matter: in a field's name
# or after its ':' YAML reads no field, or another; in a value it becomes part of the title.
def _invisible_character_problems(text: str, path: str) -> tuple[Problem, ...]:
    problems = []
    for row, typed in enumerate(text.split("\n")):
        if hidden := invisibles(typed):
            [(_, char), *_] = hidden
            problems.append(
                Problem(
                    path,
                    2 + row,
                    f"an invisible character, {character_name(char)}, stands in the front matter, where YAML reads it as part of the name or value of a field; delete it (retype the text around it)",
                )
            )
    return tuple(problems)


# A front matter with a YAML tag (`weight: !!int 1.5`) that does not fit its value: the
# tag's line and the fix, as the site reads plain values only. None when it has no tag.
def _tag_problem(text: str, path: str) -> Problem | None:
    try:
        tag = next((token for token in yaml.scan(text) if isinstance(token, yaml.TagToken)), None)
    except yaml.YAMLError:
        return None
    if tag is None:
        return None
    typed = text[tag.start_mark.index : tag.end_mark.index]
    row = _row(text, tag.start_mark.index)
    key = _KEY_LINE.match(text.split("\n")[row])
    field = f"field '{key.group('key')}'" if key else "value"
    return Problem(
        path,
        2 + row,
        f"front matter {field} has the YAML tag '{typed}', which does not fit its value; remove '{typed}' and write the value plainly",
    )


# A closing '---' with an invisible character pasted beside it closes nothing: it is told
# at its own line, not at the opening one.
def _unclosed_problem(source: str, path: str) -> Problem:
    for number, line in enumerate(source.split("\n")[1:], 2):
        hidden = [char for _, char in invisibles(line)]
        if hidden and visible(line).strip() == "---":
            return Problem(
                path,
                number,
                f"this '---', meant to close the front matter, has an invisible character beside it "
                f"({character_name(hidden[0])}); delete the line and type '---' again",
            )
    return Problem(path, 1, _UNCLOSED)


# The editor's mistake behind a YAML error, at its line: a tab, an indented field, else
# the quotes and colons of the line where parsing stopped.
def _yaml_problem(error: yaml.YAMLError, text: str, *, path: str) -> Problem:
    # A control character YAML refuses (Word's line break inside a paragraph pastes as
    # U+000B): its error has a position in the text, not a mark.
    if isinstance(error, yaml.reader.ReaderError):
        return Problem(
            path,
            2 + _row(text, error.position),
            f"front matter line holds a control character, U+{error.character:04X}, which YAML does not accept; delete it (retype the text around it)",
        )
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    if mark is None:
        return Problem(path, 1, "front matter is not valid YAML; check the colons and quotes of its lines")
    row = _row(text, mark.index)
    line = 2 + row
    typed_lines = text.split("\n")
    typed = typed_lines[row] if row < len(typed_lines) else ""
    # Closed only by a '---' further down (a rule in the text): the page's text was read as YAML.
    if not _KEY_LINE.match(typed) and any(not earlier.strip() for earlier in typed_lines[:row]):
        return Problem(path, 1, _UNCLOSED)
    # The line YAML stopped at may be past the one whose quotes went wrong.
    for index, typed_line in enumerate(typed_lines):
        if (field := _KEY_LINE.match(typed_line)) and (
            message := quote_message(field.group("key"), field.group("value"))
        ):
            return Problem(path, 2 + index, message)
    if "\t" in typed:
        return Problem(
            path,
            line,
            "front matter line holds a tab; YAML takes spaces only: replace the tab with a space (or with nothing at the start of the line)",
        )
    # A field's ':' left out (`title Privacy`): YAML stops at that line, or reads on and stops
    # at the next field.
    above = typed_lines[row - 1] if 0 < row <= len(typed_lines) else ""
    for written, at in ((typed, line), (above if _KEY_LINE.match(typed) else "", line - 1)):
        if ":" not in written and (field := re.fullmatch(r"(?P<key>[\w-]+) (?P<value>\S.*)", written)):
            return Problem(
                path,
                at,
                f"front matter line '{written}' has no ':' after the name of the field; write {field['key']}: {field['value']}",
            )
    indented = re.match(r"(?P<indent>[ ]+)(?P<key>[\w-]+)[ \t]*:", typed)
    if indented:
        return Problem(
            path,
            line,
            f"front matter field '{indented.group('key')}' is indented by {len(indented.group('indent'))} spaces; every field starts at the beginning of its line: remove the spaces before '{indented.group('key')}:'",
        )
    # YAML's own words ("mapping values are not allowed here") tell an editor nothing.
    return Problem(
        path,
        line,
        "front matter is not valid YAML; check the colons and quotes on this line: a value holding ': ' must be in quotes, and a quote closed on its line",
    )


# The row of the file's text at YAML's mark: YAML also ends a line at a lone '\r', which
# MkDocs and the editor do not, so its own line count can run past the file's.
def _row(text: str, index: int) -> int:
    return text.count("\n", 0, index)
