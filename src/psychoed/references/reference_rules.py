"""What each APA 7 reference type needs to print complete, and the mistakes in an entry that
would print wrong without a word: each as a message at its line."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from psychoed.articles.front_matter import impossible_date
from psychoed.characters import printable
from psychoed.problems import Problem

# What the offline `make new-reference` form writes for the editor to replace.
FORM_PLACEHOLDERS = (
    "TITLE OF THE ARTICLE",
    "NAME OF THE JOURNAL",
    "GIVEN NAMES",
    "FAMILY",
    "VOLUME",
    "ISSUE",
    "FIRST--LAST",
)
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, FORM_PLACEHOLDERS)) + r")(?![A-Za-z])")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
# A character written as the web writes it in HTML ('&amp;', '&#38;', '&eacute;'), as
# doi.org and DataCite give some titles and journals: pandoc prints it garbled, or drops
# the field ('Clinical Psychology &Amp; Psychotherapy').
_HTML_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_HTML_TAG = re.compile(r"<(?P<name>i|em|b|strong|sub|sup|scp|span|u)\b[^>]*>(?P<text>[^<]*)</(?P=name)>", re.IGNORECASE)
_LATEX_FOR_TAG = {
    "i": "\\emph",
    "em": "\\emph",
    "b": "\\textbf",
    "strong": "\\textbf",
    "sub": "\\textsubscript",
    "sup": "\\textsuperscript",
    "scp": "\\textsc",
}
# `$` opens TeX math (pandoc prints what lies between two as math, or drops it); `^` is
# a superscript in math and prints as "\^" in text.
_UNESCAPED_MATH = re.compile(r"(?<!\\)[$^]")
# A name pybtex read with an `and` of the list in it: "Jones, Bob and" (a trailing `and`),
# "and" alone (two in a row).
_STRAY_AND = re.compile(r"^and(?:\s|$)|\sand$")
# A group author's name: BibTeX reads "World Health Organization" as a person
# (Organization, W. H.) unless it is in double braces.
GROUP_NAME = re.compile(
    r"\b(?:Organi[sz]ation|Institutes?|Association|Department|Agency|Council|Society|Foundation|Administration"
    r"|Academ(?:y|ies)|Cent(?:er|re)s?|Commission|Committee|Office|Ministry|Services?|Collaboration|Group|Clinic)\b"
)
# The fields pandoc prints as who published a work, where a group author's name often
# stands again (APA 7 then names it once).
PUBLISHER_FIELDS = ("publisher", "institution", "organization", "howpublished")
# Addresses and file paths are printed as links or not at all; `%` is part of them.
_VERBATIM_FIELDS = {"url", "doi", "file", "urldate", "eprint"}
# Fields no reference prints, where reference managers keep TeX math as written.
_UNPRINTED_FIELDS = {"abstract", "keywords", "annotation"}
# Zotero exports a web page's date with its time (2016-01-19T14:20:00); APA prints the day.
_ISO_DAY = r"\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?)?)?"
# One day, or the days of an event (BibLaTeX's range: 2019-05-23/2019-05-26).
_ISO_DATE = re.compile(rf"{_ISO_DAY}(/{_ISO_DAY})?")
# eprinttype values that name an index or archive, not a preprint server.
_ARCHIVES = {"pubmed", "pmcid", "pmid", "jstor", "hdl", "googlebooks", "doi", "mr", "zbl"}
THESIS_KINDS = ("phdthesis", "mastersthesis", "thesis")
# APA 7 names a thesis "Doctoral dissertation"; pandoc's default genre is "PhD thesis", and
# reference managers write BibTeX's type names into `type` (Better BibTeX: type = {phdthesis}).
_THESIS_GENRES = {
    "phdthesis": "Doctoral dissertation",
    "mastersthesis": "Master’s thesis",
    "mathesis": "Master’s thesis",
}


@dataclass(frozen=True)
class Kind:
    """An APA 7 reference type: its name for editors, and the fields it cannot print
    without ("a|b": either; BibLaTeX's names beside BibTeX's)."""

    name: str
    needs: tuple[str, ...]


_THESIS = ("author", "title", "school|institution", "year|date")
_REPORT = ("author", "title", "institution|publisher", "year|date")
KINDS = {
    "article": Kind(
        "journal article",
        ("author", "title", "journal|journaltitle", "year|date|pubstate", "volume|pubstate", "pages|eid|pubstate"),
    ),
    "book": Kind("book or edited book", ("author|editor", "title", "publisher", "year|date")),
    "collection": Kind("edited book", ("editor", "title", "publisher", "year|date")),
    "incollection": Kind(
        "chapter in an edited book", ("author", "title", "booktitle", "editor", "publisher", "year|date", "pages")
    ),
    "inbook": Kind("chapter in a book", ("author", "title", "booktitle", "publisher", "year|date")),
    "inproceedings": Kind("conference paper", ("author", "title", "booktitle", "year|date")),
    "phdthesis": Kind("dissertation", _THESIS),
    "mastersthesis": Kind("master's thesis", _THESIS),
    "thesis": Kind("dissertation or thesis", ("type", *_THESIS)),
    "techreport": Kind("report", _REPORT),
    "report": Kind("report", _REPORT),
    "online": Kind("web page", ("author|editor|organization", "title", "url", "year|date|urldate")),
    "misc": Kind(
        "web page, preprint or other work", ("author|editor|organization", "title", "url|doi", "year|date|urldate")
    ),
    "unpublished": Kind("manuscript or unpublished work", ("author", "title", "year|date", "type")),
    # Read from the fields, not the type: what reference managers export them as.
    # (eventtitle or venue is what makes an entry a presentation, so it never lacks one.)
    "presentation": Kind("conference presentation", ("author", "title", "year|date|eventdate", "type")),
    "preprint": Kind("preprint", ("author", "title", "year|date", "url|doi")),
    # BibLaTeX's @article with entrysubtype, as reference managers export them: a newspaper
    # prints no volume or pages online, a magazine often none.
    "newspaper": Kind("newspaper article", ("author", "title", "journal|journaltitle", "year|date")),
    "magazine": Kind("magazine article", ("author", "title", "journal|journaltitle", "year|date")),
    # BibLaTeX's types, as Zotero exports a data set and a program or app.
    "dataset": Kind("data set", ("author", "title", "year|date", "url|doi|publisher")),
    "software": Kind("software or app", ("author", "title", "year|date")),
}
# BibLaTeX's types the site does not print, and what to write instead. Films, recordings
# and images need APA's role after a name ("Forman, M. (Director)"), which BibTeX cannot
# hold: their web page, as @online, is the nearest APA form.
_AS_WEB_PAGE = (
    "write it as @online with type = {{{0}}} (APA's bracketed description) and the site or distributor as organization; "
    "APA's role after a name, such as (Director) or (Host), cannot be written in BibTeX"
)
_INSTEAD = {
    "video": _AS_WEB_PAGE.format("Video"),
    "movie": _AS_WEB_PAGE.format("Film"),
    "audio": _AS_WEB_PAGE.format("Audio podcast episode"),
    "music": _AS_WEB_PAGE.format("Song"),
    "image": _AS_WEB_PAGE.format("Photograph"),
    "artwork": _AS_WEB_PAGE.format("Painting"),
    "manual": "write it as @book",
    "reference": "write it as @book",
    "mvbook": "write it as @book",
    "bookinbook": "write it as @book",
    "inreference": "write it as @incollection, the reference work's title as booktitle",
    "proceedings": "write it as @book, its editors as editor",
    "periodical": "write it as @article, the issue's title as title and its editors as author",
}
# Types whose work may have no author: APA 7 (9.12) moves the title to the author's place.
_AUTHORLESS = {"article", "newspaper", "magazine", "book", "online", "misc", "dataset"}
# A title whose every word is braced keeps the capitals as typed; a few words may be one
# name ({{Heiligenstadt Testament}}), a longer title is a reference manager's export.
_BRACED_WHOLE = re.compile(r"\{(?P<inner>[^{}]*(?:\S+\s+){2,}[^{}]*)\}")
_SENTENCE_CASED_FIELDS = ("title", "booktitle")
# Pandoc's sentence case (citeproc's withSentenceCase, for a title in English) lowers a
# word written with only its first letter a capital ('Freud', 'D' of "D'Zurilla"), unless
# a sentence starts with it: at the title's start, or after '?', '!', ':' or a '.' that
# ends no abbreviation ('St.', an initial). Text in braces, \textsc, \textsubscript and
# \textsuperscript keeps its case; \emph, \textit and \textbf do not.
_FORMATTING_COMMANDS = {"emph", "textit", "textbf", "textsl", "textup", "textrm", "textsf", "textmd", "textnormal"}
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_WORD_OR_STOP = re.compile(r"(?P<word>[^\W\d_]+)|(?P<stop>[.?!:])(?=\s|$)")
# Pandoc's abbreviations (its data/abbreviations), after which a '.' starts no sentence.
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "aet aetat al Apr Aug bk Bros Capt cf ch chap chs Co col Corp cp Dec Dr ed eds esp fasc Feb ff fig fl fol fols "
        "Fr Gen Gov Hon ill Inc incl Jan Jr Jul Jun Ltd Mar Mr Mrs Ms nn No Nov Oct pp Pres Prof pt Rep Rev saec sec "
        "Sen Sep Sept Sgt Sr St univ viz vol vs",
    )
)
# Between two words of one name ("Beck Depression Inventory", "St. Louis", "D'Zurilla").
_WITHIN_NAME = {" ", "-", "'", "’", ".", ". "}
# English as BibLaTeX's langid names it (pandoc reads any other as another language).
_ENGLISH = {"english", "usenglish", "american", "british", "ukenglish", "canadian", "australian", "newzealand"}
_SMALL_WORDS = frozenset(
    re.findall(
        r"\w+",
        "about above across after against along among around before behind below beneath beside between beyond "
        "down during from into like near onto over past since than that their then these this those through "
        "till toward towards under until upon versus with within without",
    )
)
_ONLINE_FIRST = "pubstate = {Advance online publication}"
_BY_ORGANISATION = "add author = {{...}}; for {0} by an organisation, its name in double braces, e.g. author = {{{{World Health Organization}}}}"
# How to add what a type lacks, where `name = {...}` is not enough said.
HOW_TO_ADD = {
    "journal|journaltitle": "add journal = {...} (journaltitle, as reference managers write it, is the same)",
    "year|date": "add year = {2018}, or date = {2018-03-15} as reference managers write it",
    "year|date|pubstate": f"add year = {{2023}} (or date = {{2023-05-02}}); for an article published online first with no year yet, {_ONLINE_FIRST}",
    "volume|pubstate": f"add volume = {{12}}; for an article published online first (a DOI, no volume yet), add {_ONLINE_FIRST} instead",
    "pages|eid|pubstate": f"add pages = {{215--235}}; for an article number, eid = {{e0198283}}; for an article published online first, {_ONLINE_FIRST}",
    "year|date|urldate": (
        "add date = {2020-04-03} as the page shows it; for a page with no date, add urldate = {2024-03-05}, "
        "the day you read it: APA prints (n.d.) and 'Retrieved March 5, 2024, from' the address"
    ),
    "school|institution": "add school = {...}, the university",
    "institution|publisher": "add institution = {...}, the agency or organisation that published it (the author's name again if it published its own report: the site then prints it once)",
    "type": "add type = {Doctoral dissertation} or type = {Master's thesis}",
    "author|editor|organization": _BY_ORGANISATION.format("a page"),
    "book:author|editor": "add author = {...}, or editor = {...} for an edited book (doi.org often leaves a book's editors out)",
    "report:author": _BY_ORGANISATION.format("a report"),
    "techreport:author": _BY_ORGANISATION.format("a report"),
    "unpublished:type": "add type = {Unpublished manuscript} (or Manuscript submitted for publication); for a talk, also eventtitle and venue",
    "presentation:type": "add type = {Paper presentation} (or Poster presentation, Conference session, Keynote address): APA prints it in brackets after the title",
    "presentation:year|date|eventdate": "add eventdate = {2019-05-23/2019-05-26}, the days of the conference",
}


def entry_problems(
    key: str,
    kind: str,
    fields: Mapping[str, str],
    persons: Mapping[str, list[str]],
    *,
    line: int,
    field_lines: Mapping[str, int],
    path: str,
) -> list[Problem]:
    """What the APA type of an entry lacks, and what in it would print wrong."""
    problems = _missing(key, kind, fields, persons, line=line, path=path)

    def problem(name: str, message: str) -> None:
        problems.append(Problem(path, field_lines.get(name, line), f"entry '{key}'{message}"))

    for name, value in fields.items():
        if name not in _VERBATIM_FIELDS and _UNESCAPED_PERCENT.search(value):
            problem(
                name,
                f": the '{name}' field has a % that BibTeX reads as the start of a comment, cutting the text there; write \\% instead",
            )
        if name not in _VERBATIM_FIELDS | _UNPRINTED_FIELDS and (web := _web_code_problem(name, value)):
            problem(name, web)
        if name not in _VERBATIM_FIELDS | _UNPRINTED_FIELDS and (found := _UNESCAPED_MATH.search(value)):
            sign = found.group()
            fix = "write \\$ instead (\\$50)" if sign == "$" else "write the character itself instead (R², not R^2)"
            problem(
                name,
                f": the '{name}' field has a {sign} that BibTeX reads as math, which prints garbled or not at all; {fix}",
            )
    for role, people in persons.items():
        if role not in fields and (web := _web_code_problem(role, " and ".join(people))):
            problem(role, web)
            continue
        if stray := next((person for person in people if _STRAY_AND.search(person)), None):
            problem(
                role, f": the '{role}' field has an 'and' with no name on one side ('{stray}'); delete the extra 'and'"
            )
        for person in people:
            if group := _group_read_as_person(person, fields):
                problem(
                    role,
                    f": the {role} '{group}' reads as a person's name ('{person}'); write a group's name in double braces: {role} = {{{{{group}}}}}",
                )
    for name, value in [*fields.items(), *((role, " and ".join(people)) for role, people in persons.items())]:
        if name != "year" and (found := _PLACEHOLDER.search(value)):
            problem(
                name,
                f": the '{name}' field still holds '{found.group(1)}' from the make new-reference form; write the real value from the publisher's page, or delete the line if the work has none",
            )
    if "howpublished" in fields and re.search(r"https?://|\\url", fields["howpublished"]):
        fix = (
            "delete the howpublished line: url already prints the address"
            if "url" in fields
            else "write the address as url = {...} and delete the howpublished line"
        )
        problem("howpublished", f": howpublished holds a web address, which would print beside the url; {fix}")
    year = fields.get("year")
    if year is not None and not re.fullmatch(r"\d{4}", year.strip()):
        undated = year.strip().strip(".").casefold() in {"n.d", "nd", "no date"}
        fix = (
            "delete the year line for a work with no date: APA then prints (n.d.)"
            if undated
            else "write four digits, e.g. year = {2018}"
        )
        problem("year", f" has year '{year}'; {fix}")
    for name in ("date", "urldate", "eventdate"):
        if name in fields and not _ISO_DATE.fullmatch(fields[name].strip()):
            problem(name, f" has {name} '{fields[name]}'; write it as YYYY-MM-DD, e.g. {name} = {{2021-03-15}}")
        elif name in fields and (why := next(filter(None, map(_impossible_day, fields[name].split("/"))), None)):
            problem(
                name,
                f" has {name} '{fields[name].strip()}', a day that does not exist: {why}; write the date the source gives",
            )
    date = fields.get("date", "").strip()
    if (
        year
        and re.fullmatch(r"\d{4}", year.strip())
        and _ISO_DATE.fullmatch(date)
        and not date.startswith(year.strip())
    ):
        problem(
            "year",
            f" has year '{year.strip()}' and date '{fields['date'].strip()}', which disagree; keep the one the source gives and delete the other line",
        )
    if kind == "misc" and fields.get("type", "").strip().casefold() == "preprint" and "publisher" not in fields:
        problems.append(
            Problem(
                path,
                line,
                f"entry '{key}' (a preprint) lacks the publisher field; add publisher = {{PsyArXiv}}, the server that holds it",
            )
        )
    if (
        kind in THESIS_KINDS
        and "publisher" in fields
        and "number" in fields
        and (link := next((n for n in ("url", "doi") if n in fields), None))
    ):
        problem(
            link,
            f": a dissertation from a database (its publisher and publication number) is cited without its {link} in APA 7; delete the {link} line, or for one in a university repository, delete the number line",
        )
    if kind == "inbook" and "editor" not in persons:
        problems.append(
            Problem(
                path,
                line,
                f"entry '{key}' (@inbook) has no editor; if the book has editors, add editor = {{Family, Given and ...}}: APA names them ('In A. Editor (Ed.), Title')",
                notice=True,
            )
        )
    for name in _SENTENCE_CASED_FIELDS:
        value = fields.get(name, "").strip()
        english = _read_as_english(fields.get("langid"))
        lowered, names = _lowered_names(value) if english and not web_coded(value) else ([], [])
        if whole := _BRACED_WHOLE.fullmatch(value):
            problem(
                name,
                f": the {name} is braced whole ({{{value}}}), which keeps its capitals, so it prints as typed, not in the sentence case APA asks for; write {name} = {{{whole.group('inner')}}}, with braces only around names: {{United States}}",
            )
        elif (
            not _PLACEHOLDER.search(value)
            and sum(char.isalpha() for char in value) > 3
            and value.upper() == value
            and len(value.split()) > 1
        ):
            problem(
                name,
                f": the {name} is in capitals ('{value}'), which the site prints as typed; write it as the work prints it in small letters, e.g. {name} = {{{_sentence(value)}}}, with names in braces: {{United States}}",
            )
        elif english and (braced := _braced_title_case(value)):
            problem(
                name,
                f": the {name} is in Title Case with each capitalised word braced ('{' '.join('{' + word + '}' for word in braced[:4])}{' …' if len(braced) > 4 else ''}'), as Zotero exports a title stored in Title Case, so it prints in Title Case, not in the sentence case APA asks for; in Zotero, right-click the title, choose Sentence case and export again, or write it in sentence case with braces only around names: {{United States}}",
            )
        elif english and not _read_as_english(fields.get("language")) and (lowered := _all_lowered(value)):
            problem(
                name,
                f": the {name} is in another language (language = {{{fields['language']}}}), which pandoc reads as English and prints in sentence case, lowering {_quoted(lowered)}; add langid = {{{fields['language']}}}, which it reads",
            )
        elif names:
            problem(
                name,
                f": the {name} is in sentence case, and the site prints its capitalised {_quoted(lowered)} in small letters ({_quoted([word.lower() for word in lowered])}); brace a name to keep its capitals: {', '.join(names)}, or write a word that is not a name in small letters",
            )
    if apa_kind(kind, fields) == "article" and "doi" not in fields:
        problems.append(
            Problem(
                path,
                line,
                f"entry '{key}' (@article) has no doi; add doi = {{10.xxxx/...}} if the work has one (older articles often have none)",
                notice=True,
            )
        )
    return problems


def apa_kind(kind: str, fields: Mapping[str, str]) -> str:
    """The APA 7 type an entry is, where its fields tell more than its BibTeX type: a talk
    at a conference not in proceedings (Better BibTeX exports Zotero's presentation as
    @unpublished with venue), a preprint (eprinttype, as reference managers write arXiv's),
    a dissertation."""
    if (
        kind in {"inproceedings", "unpublished", "misc"}
        and "booktitle" not in fields
        and ("eventtitle" in fields or "venue" in fields)
    ):
        return "presentation"
    if (
        kind in {"online", "unpublished", "misc"}
        and fields.get("eprinttype", "pubmed").strip().casefold() not in _ARCHIVES
    ):
        return "preprint"
    if kind in THESIS_KINDS:
        return "dissertation"
    if kind == "article" and (subtype := fields.get("entrysubtype", "").strip().casefold()) in {
        "newspaper",
        "magazine",
    }:
        return subtype
    return kind


def thesis_genre(kind: str, fields: Mapping[str, str]) -> str:
    """What APA prints in brackets for a thesis: its type as written, in APA's words."""
    written = fields.get("type", "").strip()
    return _THESIS_GENRES.get(written.casefold().replace(" ", "").replace("'", ""), written) or _THESIS_GENRES.get(
        kind, ""
    )


def duplicate_doi_problems(entries: Mapping[str, tuple[str, int]], *, path: str) -> list[Problem]:
    """One work under two keys would print twice (2018a, 2018b): each later key, naming the
    first. `entries` maps a key to its DOI and the DOI's line, in file order."""
    first: dict[str, str] = {}
    problems = []
    for key, (doi, line) in entries.items():
        other = first.setdefault(doi.strip().casefold(), key)
        if other != key:
            problems.append(
                Problem(
                    path,
                    line,
                    f"entry '{key}' has the DOI of entry '{other}' ({doi.strip()}): one work under two keys prints twice; keep '{other}', cite it instead of '{key}' and delete this entry",
                )
            )
    return problems


def same_name(value: str, other: str | None) -> bool:
    """Whether two fields name the same person or group, braces, spaces, case and a
    trailing abbreviation aside (Zotero's site name "National Institute of Mental Health
    (NIMH)" for the author National Institute of Mental Health)."""

    def plain(name: str) -> str:
        name = _ABBREVIATION.sub("", name.replace("{", "").replace("}", ""))
        return " ".join(name.split()).casefold()

    return other is not None and plain(value) == plain(other)


# "(NIMH)", "(WHO)" after a name.
_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Za-z]*[A-Z]\)\s*$")


def name_as_written(person: str) -> str:
    """A name as a site or publisher writes it: a group's as in its double braces, a
    person's given name first ("Ruder, Sebastian": Sebastian Ruder)."""
    family, _, given = person.partition(", ")
    return f"{given} {family}" if given and not person.startswith("{") else person


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _missing(
    key: str, kind: str, fields: Mapping[str, str], persons: Mapping[str, list[str]], *, line: int, path: str
) -> list[Problem]:
    read_as = apa_kind(kind, fields)
    spec = KINDS.get(read_as, KINDS.get(kind))
    if spec is None:
        known = ", ".join(
            f"@{name}" for name in KINDS if name not in {"presentation", "preprint", "newspaper", "magazine"}
        )
        instead = _INSTEAD.get(kind, f"use one of {known}")
        return [Problem(path, line, f"entry '{key}' has type @{kind}, which the site does not render; {instead}")]
    present = set(fields) | set(persons)
    lacking = [names for names in spec.needs if not present & set(names.split("|"))]
    if "crossref" in fields and lacking:
        parent, copy = fields["crossref"], ", ".join(names.split("|")[0] for names in lacking)
        return [
            Problem(
                path,
                line,
                f"entry '{key}' has crossref = {{{parent}}}, which the site does not follow; copy the fields it needs ({copy}) from '{parent}' into this entry and delete the crossref line",
            )
        ]
    problems = []
    if read_as in _AUTHORLESS and lacking and lacking[0].startswith("author"):
        names = lacking.pop(0)
        how = HOW_TO_ADD.get(f"{read_as}:{names}") or HOW_TO_ADD.get(names, "add author = {...}")
        message = f"entry '{key}' (@{kind}) has no author, so APA puts its title in the author's place; if the work names its author, {how}"
        site = next((fields[name] for name in ("publisher", "howpublished", "journal") if name in fields), None)
        if read_as in {"online", "misc"} and site:
            # The APA style names a page's site as its author when no one else is (APA 7,
            # 10.16: a page by the organisation that runs the site).
            message = (
                f"entry '{key}' (@{kind}) has no author, so its site, '{site}', prints as the author, as APA prints a page by the organisation "
                f"that runs the site; if the page names an author, {how}"
            )
        problems.append(Problem(path, line, message, notice=True))
    for names in lacking:
        wanted = names.split("|")[0]
        how = HOW_TO_ADD.get(f"{read_as}:{names}") or HOW_TO_ADD.get(names, f"add {wanted} = {{...}}")
        problems.append(
            Problem(path, line, f"entry '{key}' (@{kind}) lacks the {wanted} field, which a {spec.name} needs; {how}")
        )
    return problems


def _group_read_as_person(person: str, fields: Mapping[str, str]) -> str | None:
    """The group's name, when BibTeX read an author in single braces as a person: a name
    that is a group's, or the name of the entry's publisher (not a web page's site, which
    can be its author's own: organization = {Sebastian Ruder})."""
    if person.startswith("{"):
        return None
    whole = name_as_written(person)
    named = any(same_name(fields[name], whole) for name in ("publisher", "institution") if name in fields)
    return whole if named or GROUP_NAME.search(whole) else None


def web_coded(value: str) -> bool:
    """Whether `value` holds a character or markup as web pages write them (`&#39;`, `<i>`)."""
    return bool(_HTML_TAG.search(html.unescape(value)) or _web_codes(value))


# HTML as doi.org and DataCite give some titles ('<i>Drosophila</i>', '&lt;i&gt;'), and the
# web's codes for characters ('&amp;', '&#38;'): pandoc prints them garbled, or drops the
# field ('Clinical Psychology &Amp; Psychotherapy'). Tags first: they are what to rewrite.
def _web_code_problem(name: str, value: str) -> str | None:
    decoded = html.unescape(value)
    if tag := _HTML_TAG.search(decoded):
        command = _LATEX_FOR_TAG.get(tag.group("name").lower())
        fix = (
            f"write {command}{{{tag.group('text')}}} instead"
            if command
            else f"write the text without the tags: {tag.group('text')}"
        )
        return f": the '{name}' field has HTML markup ('{tag.group()}'), which the site prints as typed; {fix}"
    if coded := _web_codes(value):
        codes, chars = ", ".join(f"'{code}'" for code in coded), ", ".join(f"'{char}'" for char in coded.values())
        fix = (
            f"write {next(iter(coded.values()))} instead"
            if len(coded) == 1
            else f"write each as the character itself ({chars})"
        )
        return f": the '{name}' field has {codes}, the web's {'code' if len(coded) == 1 else 'codes'} for {chars}, which the site prints garbled or not at all; {fix}"
    return None


def _web_codes(value: str) -> dict[str, str]:
    return {code: char for code in _HTML_ENTITY.findall(value) if (char := html.unescape(code)) != code}


def _read_as_english(language: str | None) -> bool:
    language = (language or "").strip().casefold()
    return not language or language in _ENGLISH or language.startswith(("en-", "en_")) or language in {"en", "eng"}


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    starts_sentence: bool
    kept: bool  # in braces or \textsc: printed as typed
    after_break: bool  # after '-', '/' or a dash: "compassion" of "Self-compassion"
    formatted: str | None  # the \\emph{...} it is in, as written


# The capitalised words pandoc's sentence case would print in small letters, where the
# title is written in sentence case, so a capital there was meant; and each name they
# stand in, to brace whole ("Beck Depression Inventory"). A part of the title (up to a
# sentence's end) is in sentence case when a word of four letters or more is in small
# letters; a part in Title Case ("The Structure of Ordinary Water") is lowered whole, as
# APA asks, and a name in it cannot be told. A short part with one capitalised word
# ("Evidence from Norway") is taken as the rest of the title is.
def _lowered_names(value: str) -> tuple[list[str], list[str]]:
    text, parts = _title_words(value)
    words = [w for part in parts for w in part]

    def names_in(part: list[_Word]) -> list[str]:
        return list(dict.fromkeys(_name_around(w, words, text) for w in _lowered(part)))

    # More words in small letters than names: the part is in sentence case ("the work of
    # Freud and his students"), not Title Case with a word left small ("Self-Compassion and
    # anxiety in College Students"). A part of one name takes the rest's case ("Evidence
    # from Norway").
    sentence_case = any(_small_words(part) for part in parts)
    meant = [
        part
        for part in parts
        if _lowered(part)
        and (_small_words(part) >= len(names_in(part)) or (sentence_case and len(names_in(part)) == 1))
    ]
    lowered = [w.text for part in meant for w in _lowered(part)]
    names = [name for part in meant for name in names_in(part)]
    return list(dict.fromkeys(lowered)), list(dict.fromkeys(names))


# Every capitalised word pandoc's sentence case prints in small letters, whatever the case
# the title is written in.
def _all_lowered(value: str) -> list[str]:
    return list(dict.fromkeys(w.text for part in _title_words(value)[1] for w in _lowered(part)))


# The words pandoc lowers: capitalised, not braced, no sentence's first; not a lone 'A',
# which APA writes small there too ("Self-compassion—a buffer").
def _lowered(part: list[_Word]) -> list[_Word]:
    return [w for w in part if not w.kept and not w.starts_sentence and _capitalised(w.text) and w.text != "A"]


# A title in Title Case whose capitalised words are braced one by one, as Zotero's BibTeX
# export writes one ("on {Which} {Distribution}"; Better BibTeX: "{{Aspects}}"): pandoc
# keeps them, so it prints in Title Case. Three or more, none left unbraced, and no word of
# four letters or more in small letters, tell it from a title whose names alone are braced.
def _braced_title_case(value: str) -> list[str]:
    _, parts = _title_words(value)
    capitalised = [w for part in parts for w in part if not w.starts_sentence and _capitalised(w.text)]
    braced = [w.text for w in capitalised if w.kept]
    whole = len(braced) >= 3 and len(braced) == len(capitalised)
    return braced if whole and not any(_small_words(part) for part in parts) else []


# A title's words as pandoc's sentence case reads them, in parts that each start a sentence.
def _title_words(value: str) -> tuple[str, list[list[_Word]]]:
    text, kept, within = _as_pandoc_reads(printable(value))
    parts: list[list[_Word]] = [[]]
    starts = True
    for found in _WORD_OR_STOP.finditer(text):
        if found.group("word"):
            # "log \\textit{K}\\textsubscript{OW}": pandoc reads K and OW as two words.
            for _, pieces in itertools.groupby(range(found.start(), found.end()), key=lambda i: (kept[i], within[i])):
                at, *rest = pieces
                end = (rest[-1] if rest else at) + 1
                parts[-1].append(
                    _Word(
                        text[at:end], at, end, starts, kept[at], text[at - 1 : at] in {"-", "/", "–", "—"}, within[at]
                    )
                )
                starts = False
        elif not (found.group() == "." and _abbreviation(text[: found.start()])):
            parts.append([])
            starts = True
    return text, parts


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or len(word) == 1)


# Words in small letters that a title in Title Case would capitalise: a sign of sentence case.
def _small_words(part: list[_Word]) -> int:
    return sum(
        not w.kept
        and not w.starts_sentence
        and not w.after_break
        and w.text.islower()
        and len(w.text) >= 4
        and w.text not in _SMALL_WORDS
        for w in part
    )


# The text pandoc sentence-cases, with whether each character keeps its case (braces
# keep what they hold, \\textsc too) and the source of the formatting command it is in
# (\\emph{...}: read, not kept; `\\emph{{X}}` only groups X), other commands dropped.
def _as_pandoc_reads(value: str) -> tuple[str, list[bool], list[str | None]]:
    closing: dict[int, int] = {}
    opened: list[int] = []
    for at, char in enumerate(value):
        if char == "{":
            opened.append(at)
        elif char == "}" and opened:
            closing[opened.pop()] = at
    text: list[str] = []
    kept: list[bool] = []
    within: list[str | None] = []
    groups: list[tuple[bool, str | None]] = []  # each open brace: keeps case?, its command's source
    at = 0
    while at < len(value):
        char = value[at]
        if char == "\\" and (command := _COMMAND.match(value, at)):
            argument = command.end()
            if argument in closing:
                formatting = command.group(1) in _FORMATTING_COMMANDS
                source = value[at : closing[argument] + 1] if formatting else None
                groups.append((not formatting, source))
                at = argument + 1
                if formatting and closing.get(at) == closing[argument] - 1:
                    groups.append((False, source))
                    at += 1
            else:
                at = argument
            continue
        if char == "{":
            groups.append((True, None))
        elif char == "}":
            if groups:
                groups.pop()
        else:
            text.append(char)
            kept.append(any(keeps for keeps, _ in groups))
            within.append(next((source for _, source in reversed(groups) if source), None))
        at += 1
    return "".join(text), kept, within


# Whether a '.' ends an abbreviation or an initial rather than a sentence ('St.', 'U.S.').
def _abbreviation(before: str) -> bool:
    word = re.search(r"[^\W\d_]+$", before)
    return word is None or len(word.group()) == 1 or word.group() in _ABBREVIATIONS


# The name a lowered word stands in, braced as pandoc keeps it: the capitalised words
# around it, joined as names are (a sentence's first word is printed with its capital anyway).
def _name_around(word: _Word, words: list[_Word], text: str) -> str:
    def joined(left: _Word, right: _Word) -> bool:
        between = text[left.end : right.start]
        within_word = " " not in between  # "U.S.", "D'Zurilla": one word, its first letter too
        return (
            left.text[0].isupper()
            and right.text[0].isupper()
            and not right.starts_sentence
            and (within_word or not left.starts_sentence)
            and between in _WITHIN_NAME
        )

    first = last = words.index(word)
    while first > 0 and joined(words[first - 1], words[first]):
        first -= 1
    while last + 1 < len(words) and joined(words[last], words[last + 1]):
        last += 1
    if (formatted := words[first].formatted) and formatted == words[last].formatted:
        return "{" + formatted + "}"  # braced outside: braces inside \\emph{} only group its text
    end = words[last].end
    if text[end : end + 1] == "." and (len(words[last].text) == 1 or words[last].text in _ABBREVIATIONS):
        end += 1  # "U.S.", "St."
    name = text[words[first].start : end]
    if "." in name:  # braced whole, "{U.S.}" ends a sentence, and pandoc capitalises the next word
        return _WORD_OR_STOP.sub(
            lambda found: "{" + found.group() + "}" if found.group("word") else found.group(), name
        )
    return "{" + name + "}"


# "EMOTIONS IN STORYBOOKS: A COMPARISON" -> "Emotions in storybooks: A comparison".
def _sentence(text: str) -> str:
    return re.sub(r"(^|:\s+)(\w)", lambda found: found.group(1) + found.group(2).upper(), text.lower())


def _impossible_day(text: str) -> str | None:
    return impossible_date(text.strip().split("T")[0])
