"""Each references.bib entry against what its DOI's registry says of the work: the same
title, first author and year, and no retraction, correction or expression of concern.

Plain functions over the registries' parsed JSON (Crossref's `/works/<doi>` message, or
the CSL JSON doi.org gives for other agencies' DOIs); `tools/doi_check.py` asks them.
No false alarm on a correct entry comes first: what publishers and agencies write
differently (case, punctuation, HTML, a subtitle kept apart, accents, the online-first
year) is never a finding.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from psychoed.problems import Problem
from psychoed.references.bibliography import Entry
from psychoed.references.work_identity import normalised_family, normalised_title, unmarked

# Crossref's update types, by what the editor must do. Others (new_version, new_edition)
# leave the work as it was.
RETRACTED = {
    "retraction": "was retracted",
    "partial_retraction": "was partly retracted",
    "withdrawal": "was withdrawn",
    "removal": "was removed",
}
CONCERN = {"expression_of_concern": "is under an expression of concern"}
CORRECTED = {
    "correction": "was corrected",
    "corrigendum": "was corrected",
    "erratum": "was corrected",
    "addendum": "has an addendum",
    "clarification": "has a clarification",
}
WHAT_TO_DO = {
    **dict.fromkeys(RETRACTED, "remove or rewrite each claim it supports, then remove the entry"),
    **dict.fromkeys(CONCERN, "read the notice; support each claim with other evidence or remove it"),
    **dict.fromkeys(CORRECTED, "read the notice and check that each claim it supports still holds"),
}
SOURCES = {"publisher": "publisher", "retraction-watch": "Retraction Watch"}


@dataclass(frozen=True)
class Update:
    """A notice about a work: its DOI, type (`retraction`), date and who reported it."""

    doi: str
    type: str
    date: str  # 2006-01-20, or as much of it as is known
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Work:
    """What a registry says of a DOI, in the few fields the entry is compared on."""

    registry: str  # "Crossref" or "doi.org"
    title: str
    subtitles: tuple[str, ...]
    first_author: tuple[str, str] | None  # (family or a group's name, given)
    years: tuple[int, ...]  # issued first, then print and online
    updated_by: tuple[Update, ...]
    update_to: tuple[Update, ...]


def crossref_work(message: Mapping) -> Work:
    """A Crossref `message` (from `{"status": "ok", "message-type": "work", "message": {...}}`)."""
    people = message.get("author") or message.get("editor") or []
    first = next((person for person in people if person.get("sequence") == "first"), people[0] if people else None)
    return Work(
        registry="Crossref",
        title=_first(message.get("title")),
        subtitles=tuple(text for text in message.get("subtitle") or [] if text),
        first_author=_person(first),
        years=_years(message, ("issued", "published-print", "published-online", "published")),
        updated_by=_updates(message.get("updated-by")),
        update_to=_updates(message.get("update-to")),
    )


def csl_work(csl: Mapping) -> Work:
    """doi.org's CSL JSON (`Accept: application/vnd.citationstyles.csl+json`): DataCite,
    mEDRA and the other agencies. It carries no notices."""
    people = csl.get("author") or csl.get("editor") or []
    subtitle = csl.get("subtitle") or []
    return Work(
        registry="doi.org",
        title=_first(csl.get("title")),
        subtitles=tuple([subtitle] if isinstance(subtitle, str) else subtitle),
        first_author=_person(people[0] if people else None),
        years=_years(csl, ("issued", "published-print", "published-online")),
        updated_by=(),
        update_to=(),
    )


def registry_findings(entry: Entry, work: Work, *, doi: str, path: str, cited_at: Sequence[str] = ()) -> list[Problem]:
    """What differs between `entry` and `work`, and the notices about it, each at the line
    of the field to fix; `cited_at` are the `path:line`s of the pages that cite the entry."""
    doi_line = entry.field_lines.get("doi", entry.line)
    where = f"entry '{entry.key}'"
    notices = _by_notice(work.update_to)
    if notices:  # a notice's own title and author are not the work's: nothing else to compare
        return [Problem(path, doi_line, f"{where}: {_notice_message(doi, notice)}") for notice in notices]
    findings = []

    title_ok = work.title == "" or _same_title(entry.fields.get("title", ""), work)
    author_ok = _same_author(_entry_first_author(entry), work.first_author)
    year_ok = _close_year(entry.fields.get("year", ""), work.years)
    registered = f'"{_shown(work.title, work.subtitles)}" ({_author_name(work.first_author)}, {_year_name(work.years)})'
    # A title far from the registered one (or a different title and first author) is of
    # another work: the DOI was copied from the wrong paper, often by the same authors.
    if not title_ok and (not author_ok or not _similar_titles(entry.fields.get("title", ""), work.title)):
        findings.append(
            Problem(
                path,
                doi_line,
                (
                    f"{where}: DOI {doi} is registered at {work.registry} for another work, {registered}; "
                    f'copy the DOI of "{unmarked(entry.fields.get("title", ""))}" again from the publisher\'s page'
                ),
            )
        )
    else:
        if not title_ok:
            findings.append(
                Problem(
                    path,
                    entry.field_lines.get("title", entry.line),
                    (
                        f"{where}: the title differs from the one registered for DOI {doi} at {work.registry}: "
                        f'here "{unmarked(entry.fields.get("title", ""))}", registered "{_shown(work.title, work.subtitles)}"; '
                        "copy the registered title, or check that the DOI is this work's"
                    ),
                )
            )
        if not author_ok:
            family = _entry_first_author(entry) or "(none)"
            findings.append(
                Problem(
                    path,
                    _people_line(entry),
                    (
                        f"{where}: the first author differs from the one registered for DOI {doi} at {work.registry}: "
                        f"here '{unmarked(family)}', registered '{_author_name(work.first_author, full=True)}'; "
                        "correct the first author, or check that the DOI is this work's"
                    ),
                )
            )
        if not year_ok:
            findings.append(
                Problem(
                    path,
                    entry.field_lines.get("year", entry.line),
                    (
                        f"{where}: year {entry.fields.get('year', '').strip()} differs from the one registered for DOI {doi} "
                        f"at {work.registry}, {_year_name(work.years)}; write year = {{{work.years[0]}}}"
                    ),
                )
            )
    pages = ", ".join(cited_at) if cited_at else "no page"
    for notice in _by_notice(work.updated_by):
        happened = {**RETRACTED, **CONCERN, **CORRECTED}[notice.type]
        findings.append(
            Problem(
                path,
                doi_line,
                (f"{where}: DOI {doi} {happened}: {_notice_name(notice)}; cited by {pages}; {WHAT_TO_DO[notice.type]}"),
            )
        )
    return findings


def not_registered(entry: Entry, *, doi: str, path: str) -> Problem:
    """The finding for a DOI no registry knows."""
    return Problem(
        path,
        entry.field_lines.get("doi", entry.line),
        (
            f"entry '{entry.key}': DOI {doi} is not registered (Crossref and doi.org know no such DOI); "
            "copy it again from the publisher's page"
        ),
    )


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _same_title(entry_title: str, work: Work) -> bool:
    ours = normalised_title(entry_title)
    main = normalised_title(work.title)
    # The registry may keep the subtitle apart or leave it out; the entry may leave it out.
    accepted = {main} | {normalised_title(f"{work.title}: {subtitle}") for subtitle in work.subtitles}
    return ours in accepted or any(_subtitle_left_out(ours, whole) for whole in accepted)


# One title is the other with its subtitle left out: "Self-compassion" against
# "Self-compassion: an alternative ...", never a single word that merely starts both.
def _subtitle_left_out(ours: str, theirs: str) -> bool:
    shorter, longer = sorted((ours, theirs), key=len)
    return len(shorter.split()) >= 3 and longer.startswith(shorter + " ")


def _similar_titles(ours: str, theirs: str) -> bool:
    return difflib.SequenceMatcher(None, normalised_title(ours), normalised_title(theirs)).ratio() >= 0.6


def _same_author(entry_family: str | None, registered: tuple[str, str] | None) -> bool:
    if entry_family is None or registered is None:
        return True  # nothing to compare: the reference rules ask for the author
    ours = normalised_family(entry_family)
    family, given = registered
    # Registries sometimes swap given and family names (East Asian names especially).
    return ours in {normalised_family(family), *(normalised_family(word) for word in given.split())}


def _close_year(entry_year: str, years: tuple[int, ...]) -> bool:
    if not re.fullmatch(r"\d{4}", entry_year.strip()) or not years:
        return True  # "in press" and the like are the reference rules' to judge
    # Online-first and print years differ by one; APA's year is either.
    return any(abs(int(entry_year) - year) <= 1 for year in years)


# The entry's first author's (or, for an edited book, editor's) family name as written.
def _entry_first_author(entry: Entry) -> str | None:
    people = entry.persons.get("author") or entry.persons.get("editor")
    if not people:
        return None
    first = people[0].strip()
    if first.startswith("{") and first.endswith("}"):
        return first[1:-1]  # a group's name
    return first.split(",")[0] if "," in first else first.split()[-1]


def _people_line(entry: Entry) -> int:
    role = "author" if entry.persons.get("author") else "editor"
    return entry.field_lines.get(role, entry.line)


def _person(person: Mapping | None) -> tuple[str, str] | None:
    if not person:
        return None
    if person.get("family"):
        return (person["family"], person.get("given", ""))
    name = person.get("name") or person.get("literal")
    return (name, "") if name else None


def _years(record: Mapping, fields: tuple[str, ...]) -> tuple[int, ...]:
    years: list[int] = []
    for name in fields:
        parts = (record.get(name) or {}).get("date-parts") or [[]]
        if parts[0] and parts[0][0] is not None and int(parts[0][0]) not in years:
            years.append(int(parts[0][0]))
    return tuple(years)


def _updates(items: Sequence[Mapping] | None) -> tuple[Update, ...]:
    found = []
    for item in items or []:
        parts = ((item.get("updated") or {}).get("date-parts") or [[]])[0]
        date = "-".join(f"{int(part):02d}" for part in parts if part is not None)
        found.append(
            Update(str(item.get("DOI", "")), str(item.get("type", "")), date, (str(item.get("source", "publisher")),))
        )
    return tuple(found)


# One notice per DOI and type: Crossref lists a retraction once from the publisher and once
# from Retraction Watch. Types that leave the work as it was are dropped.
def _by_notice(updates: Sequence[Update]) -> list[Update]:
    merged: dict[tuple[str, str], Update] = {}
    for update in updates:
        if update.type not in WHAT_TO_DO:
            continue
        key = (update.doi.casefold(), update.type)
        if key in merged:
            known = merged[key]
            merged[key] = Update(
                known.doi, known.type, known.date or update.date, tuple(dict.fromkeys(known.sources + update.sources))
            )
        else:
            merged[key] = update
    return list(merged.values())


def _notice_name(notice: Update) -> str:
    kind = notice.type.replace("_", " ")
    reported = ", ".join(SOURCES.get(source, source) for source in notice.sources)
    dated = f" of {notice.date}" if notice.date else ""
    return f"{kind} notice {notice.doi}{dated} (reported by {reported})"


def _notice_message(doi: str, notice: Update) -> str:
    kind = notice.type.replace("_", " ")
    return (
        f"DOI {doi} is not the work but a {kind} notice, for DOI {notice.doi}; "
        f"cite the work itself: its DOI is {notice.doi} (and mind what the notice says of it)"
    )


def _shown(title: str, subtitles: tuple[str, ...]) -> str:
    return unmarked(": ".join((title, *subtitles[:1])))


def _author_name(person: tuple[str, str] | None, *, full: bool = False) -> str:
    if person is None:
        return "no author"
    family, given = person
    return unmarked(f"{given} {family}" if full and given else family)


def _year_name(years: tuple[int, ...]) -> str:
    if not years:
        return "no year"
    others = [str(year) for year in years[1:] if year != years[0]]
    return f"{years[0]}" + (f" (also {', '.join(others)})" if others else "")


def _first(value: str | Sequence[str] | None) -> str:
    if isinstance(value, str):
        return value
    return next((text for text in value or [] if text), "")
