"""Files in docs/ that MkDocs would publish but the site does not mean to: a page saved
without `.md` (copied as raw text), a copy or a backup, a type the site does not serve, a
page in no menu. Each is told at its path, with what to do. And the menu's entries for
pages that are gone (renamed or deleted), at their line of mkdocs.yml.

MkDocs publishes every file under docs/: a Markdown file (`.md`) as a page, any other as
it is, at its own address, linked from nowhere, and says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from psychoed.characters import folded
from psychoed.problems import Problem
from psychoed.warning_locations import link_line, nearest_page

# What docs/ may hold beside pages: stylesheets, pictures, and PDFs (handouts, worksheets).
# A maintainer who needs another type (a font, a script) adds its ending here, and to
# CONTRIBUTING.md ("Pictures, PDFs and other files").
ASSET_TYPES = (".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf")
# Endings of a page written as text but not named .md: MkDocs copies it as raw text.
TEXT_TYPES = ("", ".txt", ".text", ".md")
# Endings MkDocs reads as Markdown too; the site's rules (articles, the menu) know `.md` only.
OTHER_MARKDOWN_TYPES = (".markdown", ".mdown", ".mkd", ".mkdn")
WORD_TYPES = (".docx", ".doc", ".odt", ".rtf", ".pages")
# What editors, file managers and downloads add to a copy's or a backup's name.
_BACKUP_ENDING = re.compile(r"(~|\.bak|\.orig|\.swp|\.swo|\.tmp|\.rej)$", re.IGNORECASE)
_COPY_MARK = re.compile(r"^(Copy of )|( copy(?: \d+)?| - Copy(?: \(\d+\))?| \(\d+\))$", re.IGNORECASE)

_ALLOWED = ", ".join(ASSET_TYPES)
# What a page's web address may hold: small letters, digits, '-' and '_'.
_ADDRESS_PART = re.compile(r"[a-z0-9][a-z0-9_-]*")


def stray_file_problems(
    src_uris: Iterable[str], *, nav: list[Any] | None, not_in_nav: set[str], docs_path: str
) -> list[Problem]:
    """The problem of each file of docs/ (`src_uris`, as MkDocs names them) the site would
    publish by mistake, at `docs_path/src_uri` and no line: it is the file that is wrong.
    `nav` is mkdocs.yml's nav as written (None: MkDocs lists every page); `not_in_nav`
    the pages it keeps out of the menu on purpose."""
    targets = set(nav_targets(nav or []))
    problems = []
    for src_uri in sorted(src_uris):
        listed = nav is None or src_uri in not_in_nav or in_nav(src_uri, targets)
        message = file_problem(src_uri, listed=listed)
        if message:
            problems.append(Problem(f"{docs_path}/{src_uri}", None, message))
    return problems


def missing_page_problems(
    src_uris: Iterable[str], *, nav: list[Any] | None, not_in_nav: set[str], config_path: str, config_text: str
) -> list[Problem]:
    """Each page mkdocs.yml's nav names that docs/ does not hold (`src_uris`), at its line:
    renamed, it is most likely one of the pages in no menu, which is named."""
    pages = {src_uri for src_uri in src_uris if src_uri.endswith(".md")}
    targets = list(dict.fromkeys(nav_targets(nav or [])))
    unlisted = sorted(page for page in pages if page not in not_in_nav and not in_nav(page, set(targets)))
    problems = []
    for target in targets:
        if not target.endswith(".md") or "://" in target or target.lstrip("/") in pages:
            continue
        # A page the menu lacks is the likeliest new name, however changed.
        renamed = nearest_page(target, unlisted, cutoff=0)
        fix = (
            f"if the page is now '{renamed}', write that name here; if it was deleted, delete this line"
            if renamed
            else "write the page's name as it is in docs/, or delete this line if the page was deleted"
        )
        problems.append(
            Problem(
                config_path,
                link_line(config_text, target),
                f"the menu (nav) lists '{target}', which is no page of docs/ (renamed or deleted?); {fix}",
            )
        )
    return problems


def file_problem(src_uri: str, *, listed: bool) -> str | None:
    """Why the site must not publish this file of docs/, or None. `listed`: the page has
    its place in the menu (nav, the articles' folder) or in not_in_nav."""
    path = PurePosixPath(src_uri)
    if marker := copy_marker(path.name):
        return (
            f"the file is named as a copy or a backup ('{marker}'), which the site would publish as well; "
            f"delete the file, or, if it is no copy, give it a name of its own without '{marker}'"
        )
    suffix = path.suffix
    if suffix == ".md" and (address := _address_problem(path)):
        return address
    if suffix == ".md":
        if listed:
            return None
        if path.parts[:1] == ("practices",):
            # A practice is listed by hand: the line to add, under the menu's Practices.
            return (
                "the file is a practice in no menu: the site would publish it, but nothing would lead a reader to it; "
                f"in mkdocs.yml, under '- Practices:', add the line '      - {path.as_posix()}'"
            )
        return (
            "the file is a page in no menu: the site would publish it, but nothing would lead a reader to it; "
            "if it is an article, move it into docs/articles/, else add it to nav in mkdocs.yml"
        )
    if suffix.lower() in TEXT_TYPES:
        return f"the file is named without .md at the end, so the site would publish it as raw text, not as a page; rename it to '{_address_name(_page_name(path))}'"
    if suffix.lower() in OTHER_MARKDOWN_TYPES:
        return f"the file ends in '{suffix}', but pages of the site end in .md; rename it to '{_address_name(_page_name(path))}'"
    if suffix.lower() in WORD_TYPES:
        return (
            "the file is a word-processor document, which the site would offer as a download, not show as a page; "
            "copy its text into a page whose name ends in .md, then delete this file"
        )
    if suffix.lower() in ASSET_TYPES:
        return None
    return (
        f"the file is of a type ('{suffix}') the site does not publish; docs/ holds pages (.md) and {_ALLOWED}: "
        "delete the file, or ask a maintainer to allow its type"
    )


def nav_targets(nav: list[Any]) -> Iterator[str]:
    """Every file or folder mkdocs.yml's nav names (`index.md`, `articles/`)."""
    for item in nav:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                yield from nav_targets(value)
            elif isinstance(value, str):
                yield value


# A folder in the nav (`articles/`) is filled with its pages by hooks/article_list.py.
def in_nav(src_uri: str, targets: set[str]) -> bool:
    return src_uri in targets or any(target.endswith("/") and src_uri.startswith(target) for target in targets)


def copy_marker(name: str) -> str | None:
    """' copy', ' (1)', 'Copy of ', '~', '.bak'...: what marks `name` as a copy or backup."""
    if backup := _BACKUP_ENDING.search(name):
        return backup.group(1)
    stem = name
    while "." in stem.lstrip("."):  # `x copy.md`, and `x (1).md.txt` too
        stem = stem[: stem.rindex(".")]
    if copy := _COPY_MARK.search(stem):
        return copy.group(1) or copy.group(2)
    return None


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The name the page should have: `how-to-sleep.md.txt` and `how-to-sleep` both `how-to-sleep.md`.
# A page's name is its web address (articles/being-kind/): spaces, capitals and accents
# there are written %20 or differ in case between links ("Being%20Kind%20to%20Yourself").
def _address_problem(path: PurePosixPath) -> str | None:
    if all(_ADDRESS_PART.fullmatch(part) for part in [*path.parent.parts, path.stem]):
        return None
    address = quote(path.with_suffix("").as_posix()) + "/"
    new = "/".join(_address_name(part) for part in path.parts)
    return f"the page's name is its web address, {address}, where spaces, capitals and accents are hard to type and share; rename it to '{new}'"


# 'Being Kind to Yourself.md' -> 'being-kind-to-yourself.md'.
def _address_name(name: str) -> str:
    path = PurePosixPath(name)
    stem = re.sub(r"[^a-z0-9]+", "-", folded(path.stem)).strip("-") or "page"
    return stem + path.suffix


def _page_name(path: PurePosixPath) -> str:
    while path.suffix and path.suffix.lower() in TEXT_TYPES + OTHER_MARKDOWN_TYPES:
        path = path.with_suffix("")
    return f"{path.name}.md"
