"""Print a references.bib entry for a DOI: `make new-reference DOI=10.1111/aphw.12127`.

Offline (the default) it prints an @article stub to fill in, with the DOI checked as the
build checks it and a key in the house style (firstauthorYEAR, a letter suffix when the
key is taken). With ONLINE=1 (--online) it asks doi.org for the work's BibTeX
(`Accept: application/x-bibtex`) and prints it normalised to the house style.
The entry goes to standard output, advice to standard error.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec; ships with pybtex)
from pybtex.database import Entry, Person

from psychoed.html_elements import text_of
from psychoed.problems import Problem
from psychoed.project_files import bib_path
from psychoed.references.bibliography import check_bibliography, load_bibliography, parse_bibtex
from psychoed.references.doi import DOI_RESOLVER, doi_problem, doi_url
from psychoed.references.doi_citations import doi_keys
from psychoed.references.reference_rules import GROUP_NAME
from registries import registry_addresses, user_agent

ROOT = Path(__file__).resolve().parent.parent

# The fields the site's APA references use, in the order references.bib writes them.
FIELD_ORDER = (
    "author",
    "editor",
    "title",
    "booktitle",
    "journal",
    "year",
    "volume",
    "number",
    "pages",
    "pubstate",
    "edition",
    "publisher",
    "school",
    "institution",
    "url",
    "doi",
)
PERSON_ROLES = ("author", "editor")
# APA 7 names no publisher for a journal article; a report's publisher is its institution.
DROPPED = {"article": {"publisher"}, "techreport": {"publisher"}, "report": {"publisher"}}
# The field APA prints as the publisher of a type, where agencies send `publisher`.
PUBLISHER_FIELD = {
    "techreport": "institution",
    "report": "institution",
    "phdthesis": "school",
    "mastersthesis": "school",
}
# The key runs to the comma before the first field: Crossref has sent keys with commas in
# them (`@misc{2009, graphs, and causal models_2009, ISBN=...`).
_ENTRY_HEAD = re.compile(r"@(?P<type>\w+)\s*\{[^=]*?,(?=\s*[\w-]+\s*=)")
_BIBTEX_START = re.compile(r"@\w+\s*\{")
_BARE_MONTH = re.compile(r"(?i),\s*month\s*=\s*[a-z]+\b")
_PEOPLE_FIELD = re.compile(r"(?i)\b(?:author|editor)\s*=\s*\{(?P<value>[^{}]*)\}")
_DASHES = re.compile(r"\s*(?:-+|[\u2010-\u2015\u2212])\s*")
_LOOKALIKE_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


class NewReferenceError(Exception):
    """Why no entry can be printed, in the editor's words."""


class FetchError(NewReferenceError):
    """Why doi.org gave no usable entry, and what may help (`retry`); each tool that
    fetches adds what to do instead (`instead`)."""

    def __init__(self, cause: str, *, retry: str | None = None) -> None:
        super().__init__(cause)
        self.cause, self.retry = cause, retry

    def advice(self, instead: str) -> str:
        return f"{self.cause}; {self.retry + ', or ' if self.retry else ''}{instead}"


# What new-reference offers when doi.org gives no entry.
OFFLINE_STUB = "leave out ONLINE=1 for a stub to fill in by hand"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("doi", nargs="?", default="", help="the work's DOI, bare: 10.xxxx/...")
    parser.add_argument("--online", action="store_true", help="fill the fields from doi.org")
    parser.add_argument("--author", default="", help="offline: the first author's family name, for the key")
    parser.add_argument("--year", default="", help="offline: the year of publication, for the key")
    parser.add_argument(
        "--resolver",
        default=registry_addresses()[0],
        help="where DOIs resolve (default: $DOI_RESOLVER, else https://doi.org/)",
    )
    parser.add_argument(
        "--bib",
        type=Path,
        default=bib_path(ROOT),
        help="the bibliography to check keys and DOIs against (default: bib_file in mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    try:
        entry, advice = new_reference(
            args.doi, bib=args.bib, online=args.online, author=args.author, year=args.year, resolver=args.resolver
        )
    except FetchError as error:
        print(f"new-reference: {error.advice(OFFLINE_STUB)}", file=sys.stderr)
        return 1
    except NewReferenceError as error:
        print(f"new-reference: {error}", file=sys.stderr)
        return 1
    print(entry, end="", flush=True)
    print(f"\n{advice}", file=sys.stderr)
    return 0


def new_reference(
    doi: str, *, bib: Path, online: bool, author: str = "", year: str = "", resolver: str = DOI_RESOLVER
) -> tuple[str, str]:
    """The entry to paste into references.bib, and what to do with it."""
    if not doi:
        raise NewReferenceError(
            "give the DOI: make new-reference DOI=10.1111/aphw.12127 (add ONLINE=1 to fill in the fields from doi.org)"
        )
    if problem := doi_problem(doi):
        raise NewReferenceError(problem)  # word for word what the build says of a bad doi field
    bibliography = load_bibliography(bib, display_path=bib.name)
    if not bibliography.readable:
        raise NewReferenceError(f"fix {bib.name} first:\n" + "\n".join(f"  {p}" for p in bibliography.problems))
    if (known := doi_keys(bibliography.entries.values()).get(doi.lower())) is not None:
        raise NewReferenceError(
            f"{bib.name}:{bibliography.entries[known].line}: entry '{known}' already has DOI {doi}; cite it as [@{known}]"
        )
    keys = set(bibliography.entries)

    if not online:
        key, stub = offline_stub(doi, author=author, year=year, existing_keys=keys)
        return stub, (
            f"Fill in each field in CAPITALS from the publisher's page (delete the number line if the\n"
            f"article has no issue), paste the entry into {bib.name}, and cite it as [@{key}].\n"
            f"With ONLINE=1 the fields are filled in from doi.org."
        )
    key, bibtex = normalised_entry(fetch_bibtex(doi, resolver=resolver), doi=doi, existing_keys=keys)
    notes = "".join(f"note: {problem.message}\n" for problem in entry_problems(bibtex))
    return bibtex, (
        f"{notes}Check the entry against the publisher's page, paste it into {bib.name}, and cite it\nas [@{key}]."
    )


def suggest_key(family_name: str, year: str, existing_keys: set[str]) -> str:
    """firstauthorYEAR, with b, c, ... when the key is taken (in any case)."""
    base = f"{key_stem(family_name)}{year}"
    taken = {key.casefold() for key in existing_keys}
    if base not in taken:
        return base
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if base + suffix not in taken:
            return base + suffix
    raise NewReferenceError(f"every key from {base}b to {base}z is taken; choose a key by hand")


def key_stem(family_name: str) -> str:
    """A family name as a key starts: lower-case ASCII letters only (Müller -> muller)."""
    # typeshed knows only the standard library's str-to-str codecs, not latexcodec's "ulatex".
    text = unicodedata.normalize("NFKD", codecs.decode(family_name, "ulatex"))  # type: ignore[call-overload]
    return re.sub(r"[^a-z]", "", text.encode("ascii", "ignore").decode().lower()) or "anonymous"


def offline_stub(doi: str, *, author: str, year: str, existing_keys: set[str]) -> tuple[str, str]:
    """The key and an @article with every field the site needs: the DOI filled in, the rest
    in CAPITALS.

    Without a year the stub keeps `YYYY`, which the build refuses, so an unfilled stub
    cannot reach readers.
    """
    family, year = author.strip(), year.strip()
    if year and not re.fullmatch(r"\d{4}", year):
        raise NewReferenceError(f"YEAR={year} is not a year; write four digits, e.g. YEAR=2018")
    if family and year:
        key = suggest_key(family, year, existing_keys)
    else:
        key = f"{key_stem(family) if family else 'family'}{year or 'YYYY'}"
    return key, format_entry(
        "article",
        key,
        [
            ("author", f"{family or 'FAMILY'}, GIVEN NAMES and FAMILY, GIVEN NAMES"),
            ("title", "TITLE OF THE ARTICLE"),
            ("journal", "NAME OF THE JOURNAL"),
            ("year", year or "YYYY"),
            ("volume", "VOLUME"),
            ("number", "ISSUE"),
            ("pages", "FIRST--LAST"),
            ("doi", doi),
        ],
    )


def fetch_bibtex(doi: str, *, resolver: str = DOI_RESOLVER, timeout: float = 30) -> str:
    """The BibTeX that the DOI's registration agency gives through doi.org."""
    url = doi_url(doi, resolver=resolver)
    host = urllib.parse.urlsplit(resolver).netloc or resolver
    request = urllib.request.Request(
        url, headers={"Accept": "application/x-bibtex; charset=utf-8", "User-Agent": user_agent()}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read().decode(response.headers.get_content_charset() or "utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise NewReferenceError(f"{host} knows no DOI {doi}; check it against the publisher's page") from None
        raise FetchError(
            f"{host} answered {error.code} {error.reason} for DOI {doi}", retry="try again later"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"could not reach {host} ({reason})", retry="check the connection") from None
    if not _BIBTEX_START.search(body):
        raise FetchError(f"{host} sent no BibTeX for DOI {doi}")
    return body


def normalised_entry(bibtex: str, *, doi: str, existing_keys: set[str]) -> tuple[str, str]:
    """The key and the fetched entry in the house style: our key, the site's fields in
    order, `--`, bare DOI."""
    # Agencies' own keys (`Inwood_2018`, a DataCite URL) are replaced, so never parsed.
    text = _ENTRY_HEAD.sub(lambda m: f"@{m.group('type')}{{fetched,", bibtex, count=1)
    # The site prints no month for these works; Crossref writes it as a macro BibTeX may not
    # know (month=Sept), which would stop the parse.
    text = _BARE_MONTH.sub("", text)
    text = _PEOPLE_FIELD.sub(lambda m: m.group(0).replace(m.group("value"), _groups_braced(m.group("value"))), text)
    # An error can drop fields unnoticed (a missing comma ends the entry), so none is let by.
    errors, data = parse_bibtex(text)
    if errors:
        raise FetchError(f"the BibTeX from doi.org cannot be read ({errors[0]})")
    if data is None or not data.entries:
        raise FetchError("the BibTeX from doi.org holds no entry")
    entry: Entry = next(iter(data.entries.values()))
    kind = entry.type.lower()
    values = {name.lower(): clean_field(value) for name, value in entry.fields.items()}
    for role in PERSON_ROLES:
        if entry.persons.get(role):
            values[role] = " and ".join(_name(person) for person in entry.persons[role])
    values["doi"] = doi
    if "pages" in values:
        values["pages"] = _DASHES.sub("--", values["pages"])
    if kind in PUBLISHER_FIELD and "publisher" in values:
        values.setdefault(PUBLISHER_FIELD[kind], values["publisher"])
    # A DOI and no volume: published online first; APA prints "Advance online publication".
    if kind == "article" and "volume" not in values:
        values["pubstate"] = "Advance online publication"
    dropped = DROPPED.get(kind, set()) | ({"url"} if "doi" in values else set())
    fields = [(name, values[name]) for name in FIELD_ORDER if values.get(name) and name not in dropped]

    first = next((entry.persons[role][0] for role in PERSON_ROLES if entry.persons.get(role)), None)
    # With its particle, as the site prints it (van der Velden: vandervelden2015); a group's
    # whole name (worldhealthorganization2014).
    if first is None:
        family = values.get("title", "").split(" ")[0]
    elif _name(first).startswith("{"):
        family = _name(first)
    else:
        family = "".join(first.prelast_names + first.last_names)
    year = values.get("year", "").strip()
    key = suggest_key(family, year if re.fullmatch(r"\d{4}", year) else "nd", existing_keys)
    return key, format_entry(kind, key, fields)


def clean_field(value: str) -> str:
    """One line of BibTeX text: no markup from the agency's HTML, `&` escaped, ASCII hyphens."""
    value = value.replace("{\\&}", "&").replace("\\&", "&")
    value = value.replace("$\\less$", "<").replace("$\\greater$", ">")
    value = text_of(value)
    value = value.translate(_LOOKALIKE_HYPHENS).replace("&", "\\&")
    return " ".join(value.split())


# A person as BibTeX writes one; a group's name whole, in braces.
def _name(person: Person) -> str:
    whole = " ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names)
    if whole.startswith("{") and whole.endswith("}"):
        return whole  # braced by _groups_braced
    return "{" + whole + "}" if GROUP_NAME.search(whole) else str(person)


# Agencies send a group's name as written, commas and all ("National Academies of Sciences,
# Engineering, and Medicine"), which BibTeX would read as two people split at "and" (a list's
# ", and" is never BibTeX's separator) and "Family, Given": each group's name goes in braces.
def _groups_braced(people: str) -> str:
    names: list[str] = []
    for part in re.split(r"\s+and\s+", people):
        if names and names[-1].endswith(","):
            names[-1] += " and " + part
        else:
            names.append(part)
    return " and ".join("{" + name + "}" if GROUP_NAME.search(name) else name for name in names)


def format_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """An entry laid out as references.bib lays them out: aligned `=`, trailing commas."""
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}\n"


def entry_problems(entry: str) -> list[Problem]:
    """What the build would say of this entry on its own (missing fields, a bad year)."""
    return check_bibliography(entry, display_path="new.bib").problems


if __name__ == "__main__":
    sys.exit(main())
