"""What each APA 7 reference type needs to print complete, and the mistakes in an entry that
would print wrong without a word: each as a message at its line."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from psychoed.articles.front_matter import impossible_date
from psychoed.problems import Problem
from psychoed.references import proper_words
from psychoed.references.field_names import misspelled_field
from psychoed.references.title_case import (
    all_lowered,
    always_capitalised,
    braced_title_case,
    dash_subtitles,
    dotted_abbreviations,
    lone_letters,
    lowered_names,
    one_name,
    one_word_subtitle,
    read_as_english,
    small_dash_subtitle,
    stops_in_names,
    written_language,
)

T = TypeVar("T")  # what `_later_copies` carries with each key

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
# Italics written as Markdown (`*tedana*`, `_tedana_`), as the Journal of Open Source
# Software's generated entries have them.
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*\\])(?P<mark>\*{1,2}|_)(?=\S)(?P<text>[^*_\n]+?)(?<=\S)(?P=mark)(?![\w*])")
_SITE_IN_TITLE = re.compile(
    r"^Full article:|\s\|\s*[^|{}:]{1,40}$|\s[-–]\s(?:ScienceDirect|PubMed|PMC|SpringerLink|Wiley Online Library|JSTOR"
    r"|Taylor & Francis Online|ResearchGate|Google Books|Semantic Scholar|APA PsycNet|SAGE Journals|Oxford Academic"
    r"|Cambridge Core|Frontiers)\s*$"
)
_REFERENCE_WORK = re.compile(r"(?i)\b(?:handbook|encyclop(?:a)?edia)\b")
# Words a name in title case leaves small after its first ("Academies of Sciences").
_NAME_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})
# A page range of numbers, its dash as BibTeX or a publisher writes it.
_PAGE_RANGE = re.compile(r"(?P<first>\d+)\s*(?:-+|\u2013)\s*(?P<last>\d+)")
# "Vol. 36", "Volume 36", "Issue 7", "No. 2", "Nr. 2", "#2", "pp. 15-24", "p. 21", "Pages 1-10":
# a label, then a number.
_NUMBER_LABEL = re.compile(
    r"(?:(?:vols?|iss|nos?|nr|pp?)\.\s*|(?:pp?|volume|issues?|number|pages?)\s+|#\s*)(?=[a-z]*\d)", re.IGNORECASE
)
_EDITION_IN_TITLE = re.compile(r"\s*\((?P<number>\d+)(?:st|nd|rd|th)\s+(?:ed\.?|edition)\)\s*$", re.IGNORECASE)
# "98(2)", "98 (Suppl. 1)", "36, Issue 7": the issue typed in the volume.
_ISSUE_IN_VOLUME = re.compile(
    r"(?P<volume>\d+)\s*(?:\(\s*(?P<issue>[^()]+?)\s*\)|,\s*(?i:issue|iss\.|nos?\.|number)\s*(?P<after>\w[\w\u2013-]*))"
)
# Issues joined by a hyphen, an em dash or Word's hyphens: an en dash prints as APA's.
_ISSUE_RANGE = re.compile(r"(?P<first>\d+)\s*(?P<dash>[-\u2010-\u2012\u2014\u2015\u2212])\s*(?P<last>\d+)")
# A name pybtex read with an `and` of the list in it: "Jones, Bob and" (a trailing `and`),
# "and" alone (two in a row).
_STRAY_AND = re.compile(r"^and(?:\s|$)|\sand$")
# A group author's name: BibTeX reads "World Health Organization" as a person
# (Organization, W. H.) unless it is in double braces.
GROUP_NAME = re.compile(
    r"\b(?:Organi[sz]ation|Institutes?|Association|Department|Agency|Council|Society|Foundation|Administration"
    r"|Academ(?:y|ies)|Cent(?:er|re)s?|Commission|Committee|Office|Ministry|Services?|Collaboration|Group|Clinic"
    r"|College|Universit(?:y|ies)|Hospital|Trust|Board|Network|Alliance|Federation|Union|Authority|Bureau|Consortium)\b"
)
# The fields pandoc prints as who published a work, where a group author's name often
# stands again (APA 7 then names it once).
PUBLISHER_FIELDS = ("publisher", "institution", "organization", "howpublished")
# Addresses and file paths are printed as links or not at all; `%` is part of them.
_VERBATIM_FIELDS = {"url", "doi", "file", "urldate", "eprint"}
# Fields no reference prints, where reference managers keep TeX math as written.
_UNPRINTED_FIELDS = {"abstract", "keywords", "annotation", "annote", "comment"}
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
    "phd": "Doctoral dissertation",
    "phddissertation": "Doctoral dissertation",
    "doctoralthesis": "Doctoral dissertation",
    "mastersthesis": "Master’s thesis",
    "mathesis": "Master’s thesis",
    "msc": "Master’s thesis",
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
        "chapter in an edited book", ("author", "title", "booktitle", "editor", "publisher", "year|date", "pages|url")
    ),
    "inbook": Kind("chapter in a book", ("author", "title", "booktitle|chapter", "publisher", "year|date")),
    "inproceedings": Kind("conference paper", ("author", "title", "booktitle", "year|date")),
    "phdthesis": Kind("dissertation", _THESIS),
    "mastersthesis": Kind("master's thesis", _THESIS),
    "thesis": Kind("dissertation or thesis", ("type", *_THESIS)),
    "techreport": Kind("report", _REPORT),
    "report": Kind("report", _REPORT),
    "online": Kind("web page", ("author|editor|organization", "title", "url|doi", "year|date|urldate")),
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
    "manual": "write it as @software for a program (R, a package), or as @book for a printed manual, its publisher as publisher",
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
_ONLINE_FIRST = "pubstate = {Advance online publication}"
_BY_ORGANISATION = "add author = {{...}}; for {0} by an organisation, its name in double braces, e.g. author = {{{{World Health Organization}}}}"
# How to add what a type lacks, where `name = {...}` is not enough said.
HOW_TO_ADD = {
    "journal|journaltitle": "add journal = {...} (journaltitle, as reference managers write it, is the same); if the work is no journal article, give the entry its own type: @incollection for a chapter, @techreport for a report, @misc for a preprint or a page",
    # No example value: one copied as it stands would publish another year, volume or pages.
    "year|date": "add year = {YYYY}, the year it was published, or date = {YYYY-MM-DD} as reference managers write it",
    "year|date|pubstate": f"add year = {{YYYY}}, the year it was published (or date = {{YYYY-MM-DD}}); for an article published online first with no year yet, {_ONLINE_FIRST}",
    "volume|pubstate": f"add volume = {{...}} as the journal web page shows it; for an article published online first (a DOI, no volume yet), add {_ONLINE_FIRST} instead",
    "pages|eid|pubstate": f"add pages = {{...}} as the journal web page shows them (first--last); for an article number, eid = {{...}}; for an article published online first, {_ONLINE_FIRST}",
    "year|date|urldate": (
        "add date = {YYYY-MM-DD} as the page shows it; for a page with no date, add urldate = {YYYY-MM-DD}, "
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
    names: Mapping[str, str],
    line: int,
    field_lines: Mapping[str, int],
    path: str,
) -> list[Problem]:
    """What the APA type of an entry lacks, and what in it would print wrong (`names`: the
    person fields as written)."""
    # A field typed wrong is told as that, with its value: not also as missing.
    misspelled = {
        name: meant
        for name in fields
        if (meant := misspelled_field(name)) and meant not in fields and meant not in persons
    }
    as_meant = {**fields, **{meant: fields[name] for name, meant in misspelled.items()}}
    as_meant.update(cochrane_fields(fields))
    problems = _missing(key, kind, as_meant, persons, line=line, path=path)

    def problem(name: str, message: str) -> None:
        problems.append(Problem(path, field_lines.get(name, line), f"entry '{key}'{message}"))

    for name, value in fields.items():
        if meant := misspelled.get(name):
            problem(
                name,
                f": '{name}' is not a field BibTeX reads, so its value prints nowhere; rename it {meant}: {meant} = {{{value}}}",
            )
        # Not in what no reference prints (PubMed's abstracts), nor in an address, whose % is its own.
        if name not in _VERBATIM_FIELDS | _UNPRINTED_FIELDS and "://" not in value and _UNESCAPED_PERCENT.search(value):
            problem(
                name,
                f": the '{name}' field has a % that BibTeX reads as the start of a comment, cutting the text there; write \\% instead",
            )
        if name not in _VERBATIM_FIELDS | _UNPRINTED_FIELDS and (web := _web_code_problem(name, value)):
            problem(name, web)
        if name not in _VERBATIM_FIELDS | _UNPRINTED_FIELDS and (math := _math_problem(name, value)):
            problem(name, math)
    for name in ("title", "booktitle", "journal", "journaltitle"):
        if emphasis := _MARKDOWN_EMPHASIS.search(fields.get(name, "")):
            problem(
                name,
                f": the '{name}' field has Markdown's {emphasis.group()}, which prints as typed; write \\emph{{{emphasis.group('text')}}} for italics",
            )
    for role, people in persons.items():
        # An organisation's name with a '$' vanished from the reference, with no message.
        if math := _math_problem(role, " and ".join(people)):
            problem(role, math)
        if web := _web_code_problem(role, " and ".join(people)):
            problem(role, web)
            continue
        if stray := next((person for person in people if _STRAY_AND.search(person)), None):
            problem(
                role, f": the '{role}' field has an 'and' with no name on one side ('{stray}'); delete the extra 'and'"
            )
        for person in people:
            # Zotero leaves a comma inside a group's braces ({{Apache Software Foundation,}}).
            if person.startswith("{") and person.rstrip("}").rstrip().endswith(","):
                written = person.strip("{}").rstrip(", ")
                problem(
                    role,
                    f": the {role} '{written},' ends with a comma, which prints before the year; delete it: {role} = {{{{{written}}}}}",
                )
            if group := _group_read_as_person(person, fields):
                written = " ".join(names.get(role, "").split())
                # "Anxiety and Depression Association of America": BibTeX's 'and' split one
                # group into people, and the group is the whole field.
                if len(people) > 1 and written and not re.search(r"[,{}]", written):
                    problem(
                        role,
                        f": the {role} '{written}' reads as {len(people)} people's names, split at 'and'; write a group's name in double braces: {role} = {{{{{written}}}}}",
                    )
                    break
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
    # Reference managers and hand-typed entries put the address in howpublished or a note
    # ("Available at: \url{...}"), where it prints as text, or not at all, instead of as the url.
    for name in ("howpublished", "note"):
        if name in fields and re.search(r"https?://|\\url", fields[name]):
            fix = (
                f"delete the {name} line: url already prints the address"
                if "url" in fields
                else f"write the address as url = {{...}} and delete the {name} line"
            )
            reason = (
                "which APA prints as the url, not in a note"
                if name == "note"
                else (
                    "which would print beside the url"
                    if "url" in fields
                    else "which would print as text, not as a link"
                )
            )
            problem(name, f": {name} holds a web address, {reason}; {fix}")
    # A page saved from a browser (Zotero's web capture) keeps the tab's title: the site's
    # name after a '|' or a dash, or Taylor & Francis's "Full article:" before it.
    if site := _SITE_IN_TITLE.search(fields.get("title", "")):
        problem(
            "title",
            f": the title holds the web site's name ('{site.group().strip()}'), as a browser tab shows it: the entry was saved from the page, not the work; delete it, and check the author and date, which a saved page often lacks",
        )
    # A publisher in capitals, as library catalogues and DTIC write it ("DE GRUYTER").
    for name in PUBLISHER_FIELDS:
        value = fields.get(name, "").strip()
        if len(value.split()) > 1 and sum(char.isalpha() for char in value) > 6 and value.upper() == value:
            problem(
                name,
                f": the {name} is in capitals ('{value}'), which prints as typed; write it as the publisher writes its name, e.g. {name} = {{{_name_case(value)}}}",
            )
    # A chapter of a handbook or an encyclopedia exported as an article: APA prints a chapter.
    if kind == "article" and (book := _REFERENCE_WORK.search(fields.get("journal", fields.get("journaltitle", "")))):
        work = book.group().lower()
        problem(
            "journal" if "journal" in fields else "journaltitle",
            f": its journal is {'an' if work[0] == 'e' else 'a'} {work}, which APA cites as a book, not a journal; write it as @incollection, the {work} as booktitle, with its editor and publisher",
        )
    # Better BibLaTeX and some databases put "Advance online publication" in the volume, which
    # would print as the volume, beside APA's words from pubstate.
    if "online" in (volume := fields.get("volume", "").casefold()) or "ahead of print" in volume:
        problem(
            "volume",
            f": the volume is '{fields['volume']}', which would print as the volume; delete the volume line and write pubstate = {{Advance online publication}}",
        )
    if len(re.findall(r"[^\W\d_]{2,}", fields.get("pages", ""))) >= 3:  # a note typed in pages
        problem(
            "pages",
            f": pages holds words ('{fields['pages'].strip()}'), which would print as the pages; write only the first and last page, e.g. pages = {{153--163}} for 153-163, and put any note in the article's text",
        )
    # Not an article's own title: a book review's names the edition of the book it reviews.
    for name in ("booktitle",) if kind == "article" else ("title", "booktitle"):
        # "Principles and Practice of Sleep Medicine (6th ed.)": APA prints the edition from
        # the edition field, after the title; in the title it would print twice, or unsorted.
        if edition := _EDITION_IN_TITLE.search(fields.get(name, "")):
            without = fields[name][: edition.start()].rstrip() + fields[name][edition.end() :]
            problem(
                name,
                f": the {name} ends with its edition ('{edition.group().strip()}'), which APA prints from the edition field, after the title; write {name} = {{{without.strip()}}} and edition = {{{edition['number']}}}",
            )
    for name, value in fields.items():
        # A report's or thesis's number carries its own label ("NIH Publication No. 18-2059").
        if (name != "number" or kind == "article") and (message := _labelled_number(name, value.strip())):
            problem(name, message)
    if (pages := _PAGE_RANGE.fullmatch(fields.get("pages", "").strip())) and int(pages["last"]) < int(pages["first"]):
        problem(
            "pages",
            f": pages {fields['pages'].strip()} end before they start (the last page shortened, as some journals print it); write the last page in full, e.g. pages = {{153--163}} for 153-63",
        )
    year = fields.get("year")
    if year is not None and not re.fullmatch(r"\d{4}", year.strip()):
        typed = year.strip().strip(".").casefold()
        if typed in {"n.d", "nd", "no date"}:
            fix = "delete the year line for a work with no date: APA then prints (n.d.)"
        elif typed in {"in press", "inpress", "forthcoming", "accepted", "in print"}:
            fix = "delete the year line and write pubstate = {in press}: APA then prints (in press)"
        else:
            fix = "write the year it was published, in four digits"
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
        # Sentence case is pandoc's for a title in English, once the web's codes are rewritten.
        cased = read_as_english(fields.get("langid")) and not web_coded(value)
        if (whole := _BRACED_WHOLE.fullmatch(value)) and _one_group(value) and not one_name(whole.group("inner")):
            problem(
                name,
                f": the {name} is braced whole ({{{value}}}), which keeps its capitals, so it prints as typed, not in the sentence case APA asks for; write {name} = {{{whole.group('inner')}}}, with braces only around names: {{United States}}",
            )
        elif (
            not _PLACEHOLDER.search(value)
            and value.upper() == value  # first: the letters are counted only in a title in capitals
            # Letters that have a case, most of the title's: not two in a Chinese title ("CP").
            and (cased_letters := sum(char.lower() != char.upper() for char in value)) > 3
            and cased_letters * 2 > sum(char.isalpha() for char in value)
            and len(value.split()) > 1
        ):
            problem(
                name,
                f": the {name} is in capitals ('{value}'), which the site prints as typed; write it as the work prints it in small letters, e.g. {name} = {{{_sentence(re.sub(r'[{}]', '', value))}}}, with names in braces: {{United States}}",
            )
        elif cased and (braced := braced_title_case(value)):
            problem(
                name,
                f": the {name} is in Title Case with each capitalised word braced ('{' '.join('{' + word + '}' for word in braced[:4])}{' …' if len(braced) > 4 else ''}'), as Zotero exports a title stored in Title Case, so it prints in Title Case, not in the sentence case APA asks for; in Zotero, right-click the title, choose Sentence case and export again, or write it in sentence case with braces only around names: {{United States}}",
            )
        elif cased and not read_as_english(fields.get("language")) and (lowered := all_lowered(value)):
            problem(
                name,
                f": the {name} is in another language (language = {{{fields['language']}}}), which pandoc reads as English and prints in sentence case, lowering {_quoted(lowered)}; add langid = {{{fields['language']}}}, which it reads",
            )
        elif (
            cased
            and not fields.get("langid", "").strip()
            and (language := written_language(value))
            and (lowered := all_lowered(value))
        ):
            # doi.org and Crossref give no language field; this message stands for the
            # names and letters the sentence case would lower too: langid keeps them all.
            problem(
                name,
                f": the {name} reads as {language.capitalize()}, which pandoc would print in sentence case as if it were English ({_quoted(lowered)}); add langid = {{{language}}}, the language it is written in, so the site prints it as written",
            )
        elif cased and (told := _lowered_names(value)):
            small = f"{_quoted(told.lowered)} in small letters ({_quoted([word.lower() for word in told.lowered])})"
            letters, abbreviations, initials, with_word = (
                told.letters,
                told.abbreviations,
                told.initials,
                told.with_word,
            )
            keep_letters = (
                f"; brace {'the letter' if len(letters) == 1 else 'each letter'} to keep its capital: {', '.join(letters)}"
                if letters
                else ""
            )
            if abbreviations:
                after = (
                    ", with the word after it inside the braces, in small letters unless it is a name (pandoc reads the abbreviation's last '.' as a sentence's end and would capitalise that word)"
                    if any(" " in fix for fix in abbreviations)
                    else ""
                )
                keep_letters += f"; brace {'the abbreviation' if len(abbreviations) == 1 else 'each abbreviation'} to keep its capitals{after}: {', '.join(abbreviations)}"
            if initials:
                keep_letters += f"; brace {'the name' if len(initials) == 1 else 'each name'} with its initials to keep its capitals (pandoc reads the '.' after an initial as a sentence's end, printing the initial small and the word after it with a capital): {', '.join(initials)}"
            if with_word:
                keep_letters += f"; brace {'the abbreviation' if len(with_word) == 1 else 'each abbreviation'} with the word after it, in small letters (pandoc reads the abbreviation's '.' as a sentence's end and capitalises that word): {', '.join(with_word)}"
            if told.last_name:
                keep_letters += f"; brace the name that ends the title to keep its capital (pandoc never capitalises the last word of a title, even after a '.'): {told.last_name}"
            if told.meant:
                problem(
                    name,
                    f": the {name} is in sentence case, and the site prints its capitalised {small}; brace a name to keep its capitals: {', '.join(told.names)}, or write a word that is not a name in small letters{keep_letters}",
                )
            elif told.names:
                problem(
                    name,
                    f": the site prints the {name} in sentence case, as APA asks, which puts {small}, though English always capitalises {'it' if len(told.names) + len(letters) + len(initials) == 1 else 'them'}; brace each name to keep its capitals: {', '.join(told.names)}{_whole_names(told.names)}{keep_letters}",
                )
            elif told.lowered:
                problem(
                    name,
                    f": the site prints the {name} in sentence case, as APA asks, which puts {small}, though {_never_small(told)} never meant small{keep_letters}",
                )
            else:
                capitalised = told.capitalised
                problem(
                    name,
                    f": the site prints the {name} in sentence case, as APA asks, which puts {_quoted(capitalised)} with {'a capital' if len(capitalised) == 1 else 'capitals'} ({_quoted([word[0].upper() + word[1:] for word in capitalised])}), though {'it is' if len(capitalised) == 1 else 'they are'} written small{keep_letters}",
                )
        if cased and (subtitle := one_word_subtitle(value)):
            word, fix = subtitle
            problem(
                name,
                f": the site prints the one-word subtitle of the {name}, '{word}', in small letters ('{word.lower()}'): pandoc never capitalises the last word of a title, though APA capitalises the first word of a subtitle; brace it to keep its capital: {fix}",
            )
        if cased and (written_small := small_dash_subtitle(value)):
            word, fix = written_small
            problem(
                name,
                f": the site prints the first word after the dash in the {name} small, as written ('{word}'), though APA capitalises the first word of a subtitle, after a dash as after a colon; if it starts a subtitle, write it with its capital, braced: {fix}; if the dash sets off a phrase, brace it as written to say so: {{{word}}}",
            )
        if cased and (dashed := dash_subtitles(value)):
            words, fixes = [word for word, _ in dashed], [fix for _, fix in dashed]
            one = len(dashed) == 1
            problem(
                name,
                f": the site prints the first word after {'the dash' if one else 'each dash'} in the {name}, {_quoted(words)}, in small letters ({_quoted([word.lower() for word in words])}), though APA capitalises the first word of a subtitle, after a dash as after a colon; brace {'it' if one else 'each'} to keep {'its capital' if one else 'their capitals'}: {', '.join(fixes)} (with the rest of a name it starts: {{Consumer Reports}}), or, where dashes set off a phrase rather than start a subtitle, write {'it' if one else 'that word'} in small letters",
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
    if kind in {"online", "unpublished", "misc"} and (
        fields.get("eprinttype", "pubmed").strip().casefold() not in _ARCHIVES
        or fields.get("pubstate", "").strip().casefold() == "preprint"
        or preprint_server(fields)
    ):
        return "preprint"
    # Google Scholar and Zotero export a preprint as an article in its server (journal =
    # {PsyArXiv}, {arXiv preprint arXiv:2101.00001}), with no volume.
    if kind == "article" and "volume" not in fields and preprint_server(fields):
        return "preprint"
    # R's citation() and Better BibTeX write a program as @manual ("R package version 1.0.0").
    if kind == "manual" and _PROGRAM.search(" ".join(fields.get(name, "") for name in ("note", "url", "version"))):
        return "software"
    if kind in THESIS_KINDS:
        return "dissertation"
    if kind == "article" and (subtype := fields.get("entrysubtype", "").strip().casefold()) in {
        "newspaper",
        "magazine",
    }:
        return subtype
    return kind


def preprint_server(fields: Mapping[str, str]) -> str | None:
    """The preprint server an entry names as its archive (eprinttype), its journal or how it
    was published, as APA writes it ("PsyArXiv"), else None."""
    for name in ("eprinttype", "journal", "journaltitle", "howpublished"):
        if server := server_named(fields.get(name, "")):
            return server
    # A preprint server's DOI (PsyArXiv's 10.31234/osf.io/…), as Zotero exports a preprint.
    return _PREPRINT_DOI_PREFIXES.get(fields.get("doi", "").strip().lower().split("/")[0])


def names_the_doi_registrant(fields: Mapping[str, str]) -> bool:
    """Whether a preprint's publisher is the registrant of its server's DOI, as doi.org
    exports it ("Center for Open Science" for a PsyArXiv preprint), where APA names the server."""
    prefix = fields.get("doi", "").strip().lower().split("/")[0]
    return (
        _PREPRINT_DOI_REGISTRANTS.get(prefix)
        == " ".join(fields.get("publisher", "").replace(".", "").split()).casefold()
    )


def server_named(text: str) -> str | None:
    """The preprint server `text` names ("arXiv preprint arXiv:2101.00001": "arXiv"), else None."""
    found = _PREPRINT_SERVER.search(text)
    return PREPRINT_SERVERS[found.group().casefold()] if found else None


# Preprint servers by the names reference managers write, as APA 7 names them.
PREPRINT_SERVERS = {
    name.casefold(): name
    for name in (
        "arXiv",
        "PsyArXiv",
        "bioRxiv",
        "medRxiv",
        "SSRN",
        "OSF Preprints",
        "Research Square",
        "ChemRxiv",
        "EdArXiv",
        "SocArXiv",
        "MetaArXiv",
        "PeerJ Preprints",
        "Preprints",
    )
}
# What marks a @manual as a program's: R's note, a version, a code repository's address.
_PROGRAM = re.compile(r"(?i)\bR package\b|\bversion\b|\d+\.\d+\.\d+|r-project\.org|github\.com|pypi\.org")
_PREPRINT_DOI_PREFIXES = {"10.31234": "PsyArXiv", "10.48550": "arXiv", "10.2139": "SSRN", "10.21203": "Research Square"}
# The publisher doi.org's export names for those DOIs: the prefix's registrant, which
# hosts the server (publisher = {Center for Open Science} for PsyArXiv's), not the server.
_PREPRINT_DOI_REGISTRANTS = {
    "10.31234": "center for open science",
    "10.2139": "elsevier bv",
    "10.21203": "research square platform llc",
}
_PREPRINT_SERVER = re.compile(
    "|".join(rf"\b{re.escape(name)}\b" for name in sorted(PREPRINT_SERVERS, key=len, reverse=True)), re.IGNORECASE
)


def thesis_genre(kind: str, fields: Mapping[str, str]) -> str:
    """What APA prints in brackets for a thesis: its type as written, in APA's words."""
    # Braces (Better BibTeX: type = {{PhD}}) and dots (Ph.D.) are no part of the genre.
    written = re.sub(r"[{}]", "", fields.get("type", "")).strip()
    return _THESIS_GENRES.get(re.sub(r"[\s'.]", "", written.casefold()), written) or _THESIS_GENRES.get(kind, "")


def duplicate_doi_problems(entries: Mapping[str, tuple[str, int]], *, path: str) -> list[Problem]:
    """One work under two keys would print twice (2018a, 2018b): each later key, naming the
    first. `entries` maps a key to its DOI and the DOI's line, in file order."""
    return [
        Problem(
            path,
            line,
            f"entry '{key}' has the DOI of entry '{other}' ({doi.strip()}): one work under two keys prints twice; keep '{other}', cite it instead of '{key}' and delete this entry",
        )
        for key, other, (doi, line) in _later_copies(
            {key: (doi.strip().casefold(), (doi, line)) for key, (doi, line) in entries.items()}
        )
    ]


def duplicate_work_problems(works: Mapping[str, tuple[tuple[str, ...], int]], *, path: str) -> list[Problem]:
    """One work pasted twice without a DOI (from two sources, or the same one twice) prints
    twice too: each later key, naming the first. `works` maps a key to what names its
    work (type, first author, year, title: folded) and the entry's line, in file order."""
    return [
        Problem(
            path,
            line,
            f"entry '{key}' is the same work as entry '{other}' (the same type, first author, year and title): one work under two keys prints twice; keep '{other}', cite it instead of '{key}' and delete this entry",
        )
        for key, other, line in _later_copies({key: (work, line) for key, (work, line) in works.items()})
    ]


# Each key whose identity an earlier key already has, with that first key and what it carries.
def _later_copies(entries: Mapping[str, tuple[Hashable, T]]) -> list[tuple[str, str, T]]:
    first: dict[Hashable, str] = {}
    return [
        (key, other, carried)
        for key, (identity, carried) in entries.items()
        if (other := first.setdefault(identity, key)) != key
    ]


def name_variant_problems(people: Mapping[str, list[tuple[str, int]]], *, path: str) -> list[Problem]:
    """One person written two ways in two entries ('Neff, Kristin' as doi.org gives her,
    'Neff, Kristin D.' as Zotero does) prints as two people. A notice at the name with fewer
    initials, naming the other (two people may share a family name and initials). `people`
    maps each key to its authors' and editors' names ('Family, Given'), each with its line."""
    # Each name as written, by its family name: the first entry that writes it so.
    by_family: dict[str, dict[str, str]] = {}
    for key, names in people.items():
        for name, _ in names:
            if parts := _name_parts(name):
                by_family.setdefault(parts[0].casefold(), {}).setdefault(name, key)
    problems = []
    for key, names in people.items():
        own = {name for name, _ in names}
        for name, line in names:
            if (parts := _name_parts(name)) is None:
                continue
            written = by_family[parts[0].casefold()]
            fuller = next((other for other in written if other not in own and _fuller_form(name, other)), None)
            if fuller is None:
                continue
            short, full = _initialled(name), _initialled(fuller)
            problems.append(
                Problem(
                    path,
                    line,
                    f"entry '{key}' names '{name}', and entry '{written[fuller]}' '{fuller}': APA prints them as two people "
                    f"({short} and {full}, and on a page that cites both, each with the initials in the text); "
                    f"if they are one person, write the name the same way in both, with every initial: {fuller}",
                    notice=True,
                )
            )
    return problems


def cochrane_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """What APA gives a Cochrane review that the entry lacks, as doi.org and Zotero export
    it: its year as the volume, and its article number from the DOI ("Cochrane Database of
    Systematic Reviews, 2007(1), Article CD001848")."""
    journal = fields.get("journal") or fields.get("journaltitle") or ""
    if "cochrane database of systematic reviews" not in journal.casefold():
        return {}
    added = {}
    year = (fields.get("year") or fields.get("date") or "")[:4]
    if "volume" not in fields and year.isdigit():
        added["volume"] = year
    if "pages" not in fields and "eid" not in fields and (number := _COCHRANE_NUMBER.search(fields.get("doi", ""))):
        added["eid"] = number.group().upper()
    return added


# A review's number in its DOI: 10.1002/14651858.CD001848.pub4.
_COCHRANE_NUMBER = re.compile(r"(?i)(?<=\.)CD\d{6}\b")


def same_name(value: str, other: str | None) -> bool:
    """Whether two fields name the same person or group, braces, spaces, case and a
    trailing abbreviation aside (Zotero's site name "National Institute of Mental Health
    (NIMH)" for the author National Institute of Mental Health)."""

    def plain(name: str) -> str:
        name = without_abbreviation(name.replace("{", "").replace("}", ""))
        return " ".join(name.split()).casefold()

    return other is not None and plain(value) == plain(other)


def without_abbreviation(name: str) -> str:
    """A group's name without its abbreviation, as Zotero exports a site ("National
    Institute of Mental Health (NIMH)") or an editor writes APA's first citation ("World
    Health Organization [WHO]"): APA lists the group by its name, and in the author's place
    it would print "(National Institute of Mental Health (NIMH), n.d.)", brackets in brackets."""
    return _ABBREVIATION.sub("", name)


# "(NIMH)", "[WHO]" after a name.
_ABBREVIATION = re.compile(r"\s*(?:\([A-Z][A-Za-z]*[A-Z]\)|\[[A-Z][A-Za-z]*[A-Z]\])\s*$")


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
    # A field written empty (PubMed's converters: pages = {}) is a field lacking.
    present = {name for name, value in fields.items() if value.strip()} | set(persons)
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
        site = next(
            (without_abbreviation(fields[name]) for name in ("publisher", "howpublished", "journal") if name in fields),
            None,
        )
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


@dataclass
class _Told:
    """What a title's one message about its sentence case names: the capitalised words
    pandoc prints small (quoted), the names braced as the fix, whether the sentence case
    told any (the message then names all of them), the letters' fixes ('Type {D}'), the
    dotted abbreviations' ('{U.S. adults}'), the initials' ('{Aaron T. Beck}'), the
    abbreviations' with the word after their '.' ('{Acme Inc. and}'), the words
    written small that pandoc capitalises after such a '.', and the name ending the title
    after initials, which pandoc prints small ('B. F. {Skinner}')."""

    lowered: list[str]
    names: list[str]
    meant: bool
    letters: list[str]
    abbreviations: list[str]
    initials: list[str]
    with_word: list[str]
    capitalised: list[str]
    last_name: str | None


# The capitalised words of a title pandoc prints in small letters that are names: in a part
# written in sentence case, every one (`lowered_names`: its capital was meant); in any
# part, a word English always capitalises (`always_capitalised`), a capital letter standing
# alone (`lone_letters`) or in an abbreviation (`dotted_abbreviations`), and an initial
# or abbreviation whose '.' pandoc reads as a sentence's end (`stops_in_names`).
def _lowered_names(value: str) -> _Told | None:
    lowered, names = lowered_names(value)
    told, in_names = set(names), set(lowered)
    for name, words in always_capitalised(value):
        # Not one the sentence case told; each of a name's forms ('{Freud}', '{Sigmund Freud}').
        if not set(words) & in_names and name not in names:
            names.append(name)
            lowered.extend(words)
    letters, abbreviations = [], []
    for letter, fix in lone_letters(value):
        # A letter the sentence case told as a name of its own is told as a letter; one in
        # a longer name ('{Vitamin D}') stays there.
        if "{" + letter + "}" in told or letter not in in_names:
            names = [name for name in names if name != "{" + letter + "}"]
            lowered.append(letter)
            letters.append(fix)
    for abbreviation, small, fix in dotted_abbreviations(value):
        # Told as an abbreviation, not as the name '{U}.{S}.'; one in a longer name
        # ('{U}.{S}. {Army}') stays there.
        letters_named = "".join("{" + letter + "}." for letter in abbreviation.split(".")[:-1])
        if letters_named in told or not set(small) & in_names:
            # Quoted whole ('U.S.', printed 'u.s.'), not letter by letter.
            names = [name for name in names if name != letters_named]
            lowered = [word for word in lowered if word not in small] + [abbreviation]
            abbreviations.append(fix)
    for word, fix in dash_subtitles(value):
        # Told as a subtitle's first word, not as the name '{The}'; one in a longer name stays there.
        if fix in names:
            names.remove(fix)
            lowered.remove(word)
    initials: list[str] = []
    with_word: list[str] = []
    capitalised: list[str] = []
    last_name = None
    for kind, small, written_small, fix in stops_in_names(value):
        if kind == "name":  # 'B. F. {Skinner}'
            names = [name for name in names if not _within(name, fix, value)]
            lowered.extend(small)
            last_name = fix
            continue
        if kind == "abbreviation":
            if not set(small) & set(lowered):  # else in a name told already: '{St}. {Louis}'
                lowered.extend(small)
                abbreviations.append(fix)
            continue
        # The name braced with its initials holds any name the sentence case told in it ('{Carl} {R}.').
        names = [name for name in names if not _within(name, fix, value)]
        lowered.extend(small)
        capitalised.extend(written_small)
        (initials if kind == "initial" else with_word).append(fix)
    meant = bool(told & set(names))
    found = _Told(
        list(dict.fromkeys(lowered)),
        list(dict.fromkeys(names)),
        meant,
        letters,
        abbreviations,
        initials,
        with_word,
        capitalised,
        last_name,
    )
    return found if names or letters or abbreviations or initials or with_word or last_name else None


# In a title in Title Case, a person's or a test's name may run on past the words the site
# knows ('Jean {Piaget}', '{Beck Scale} for Suicide Ideation'): the editor braces it whole.
def _whole_names(names: list[str]) -> str:
    if not any(word in proper_words.PEOPLE for name in names for word in re.findall(r"[^\W\d_]+", name)):
        return ""
    return ", each with the words of a person's or a test's name the braces leave out: {Jean Piaget}, {Beck Scale for Suicide Ideation}"


# Whether a braced name lies within a fix wherever the title holds it: '{Carl} {R}.' in
# '{Carl R. Rogers}'; not the first 'Jung' of "Freud/Jung ... C. G. Jung" in '{C. G. Jung}'.
def _within(name: str, fix: str, title: str) -> bool:
    found = re.compile(rf"(?<!\w){re.escape(name.replace('{', '').replace('}', ''))}(?!\w)")
    within = len(found.findall(fix.replace("{", "").replace("}", "")))
    return within > 0 and within >= len(found.findall(title.replace("{", "").replace("}", "")))


# What the letters a title's message names are, that are never meant small: "a capital
# letter standing alone is", "an initial is", "an abbreviation's capitals are".
def _never_small(told: _Told) -> str:
    where = [
        place
        for place, found in (
            ("standing alone", told.letters),
            ("in an initial", told.initials),
            ("in an abbreviation", told.abbreviations),
        )
        if found
    ]
    if not where:
        return "a name is"  # the one ending the title
    if where == ["in an initial"]:
        return "an initial is"
    if where == ["in an abbreviation"]:
        return "an abbreviation's capitals are"
    return f"a capital letter {' or '.join([', '.join(where[:-1]), where[-1]] if len(where) > 1 else where)} is"


# Whether the brace that opens a value closes at its end: '{A b c}', not '{Freud}: The Work
# of {Aaron T. Beck}' (a name braced at each end).
def _one_group(value: str) -> bool:
    depth = 0
    for at, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return at == len(value) - 1
    return False


# A '$' or '^' BibTeX reads as math: pandoc prints it garbled, or drops the field. Math
# written on purpose (Better BibTeX's `{$<$}`, `$\\chi^2$`) is printed as typed: the fix is
# its characters.
def _math_problem(name: str, value: str) -> str | None:
    if not (found := _UNESCAPED_MATH.search(value)):
        return None
    sign = found.group()
    if span := _MATH_SPAN.search(value):
        characters = _math_characters(span.group("tex"))
        # A letter braced keeps its case where sentence case would capitalise it (": β weights").
        shown = f"{{{characters}}}" if characters and any(char.isalpha() for char in characters) else characters
        fix = (
            f"write {shown} instead of {span.group()}"
            if characters
            else f"write its characters instead of {span.group()} (≥ for $\\geq$, χ² for $\\chi^2$)"
        )
    elif sign == "$":
        fix = "write \\$ instead (\\$50)"
    else:
        fix = "write the character itself instead (R², not R^2)"
    return f": the '{name}' field has a {sign} that BibTeX reads as math, which prints garbled or not at all; {fix}"


# TeX math between two `$`, and the characters that print what its commands mean.
_MATH_SPAN = re.compile(r"(?<!\\)\$(?!\d)(?P<tex>[^$]+?)(?<!\\)\$")  # not "$50 or $100"
_MATH_COMMAND = re.compile(r"\\[A-Za-z]+|[\^_]\{?\d\}?")
_MATH_CHARACTERS = {
    **{
        f"\\{name}": char
        for name, char in zip(["leq", "le", "geq", "ge", "neq", "pm", "times", "approx"], "≤≤≥≥≠±×≈", strict=True)
    },
    **{
        f"\\{name}": char
        for name, char in zip(
            ["alpha", "beta", "gamma", "delta", "eta", "kappa", "lambda", "mu", "rho", "sigma", "tau", "chi", "omega"],
            "αβγδηκλμρστχω",
            strict=True,
        )
    },
    **{f"^{digit}": sup for digit, sup in zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True)},
    **{f"_{digit}": sub for digit, sub in zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True)},
}


# `p < .05` for `p < .05`, `χ²` for `\\chi^2`; None when a command has no character here.
def _math_characters(tex: str) -> str | None:
    text = _MATH_COMMAND.sub(lambda command: _MATH_CHARACTERS.get(re.sub(r"[{}]", "", command.group()), "\\"), tex)
    text = " ".join(re.sub(r"[{}]", "", text).split())
    return text if text and not re.search(r"[\\^_]", text) else None


# Whether `other` is `name` with more initials: the same family name, the same first given
# name (or its initial), and `name`'s initials the first of `other`'s ('Neff, Kristin' and
# 'Neff, Kristin D.'; not 'Neff, Karen D.').
def _fuller_form(name: str, other: str) -> bool:
    mine, theirs = _name_parts(name), _name_parts(other)
    if mine is None or theirs is None or mine[0].casefold() != theirs[0].casefold() or not mine[1] or not theirs[1]:
        return False
    first, other_first = mine[1][0].casefold(), theirs[1][0].casefold()
    initials, other_initials = (_initials(parts[1]) for parts in (mine, theirs))
    return (
        (first == other_first if len(first) > 1 and len(other_first) > 1 else first[0] == other_first[0])
        and len(initials) < len(other_initials)
        and other_initials.startswith(initials)
    )


# 'Neff, Kristin D.' -> 'Neff, K. D.', as APA prints the name in a reference.
def _initialled(name: str) -> str:
    family, given = _name_parts(name) or (name, [])
    return f"{family}, {' '.join(f'{initial}.' for initial in _initials(given))}"


# 'Neff, Kristin D.' -> ('Neff', ['Kristin', 'D']), braces left out. None for a group's name
# (no comma) and for given names not all capitalised ('Jones, Bob and', which the rules of
# name lists tell).
def _name_parts(name: str) -> tuple[str, list[str]] | None:
    if "," not in name:
        return None
    family, given = (
        part.replace("{", "").replace("}", "").strip() for part in (name.split(",")[0], name.split(",")[-1])
    )
    words = [word for word in re.split(r"[\s.\-]+", given) if word]
    return (family, words) if all(word[0].isupper() for word in words) else None


def _initials(given: list[str]) -> str:
    return "".join(word[0].upper() for word in given)


# A name written in capitals as its owner writes it, for an example: each word capitalised,
# but the small ones after the first ("National Academies of Sciences").
def _name_case(value: str) -> str:
    words = string.capwords(value).split(" ")
    return " ".join(word.lower() if at and word.lower() in _NAME_SMALL_WORDS else word for at, word in enumerate(words))


def _group_read_as_person(person: str, fields: Mapping[str, str]) -> str | None:
    """The group's name, when BibTeX read an author in single braces as a person: a name
    that is a group's, or the name of the entry's publisher (not a web page's site, which
    can be its author's own: organization = {Sebastian Ruder})."""
    if person.startswith("{"):
        return None
    whole = name_as_written(person)
    named = any(same_name(fields[name], whole) for name in ("publisher", "institution") if name in fields)
    return whole if named or GROUP_NAME.search(whole) else None


# A volume, issue or pages typed with the label APA writes itself ("Vol. 36", "Issue 7",
# "pp. 15-24", a guideline's "No. NG222"), or with the issue in the volume ("98(2)"): printed
# as typed beside APA's own ("36(Issue 7)", "pp. pp. 15–24"). An issue range's hyphen prints
# as typed too: pandoc turns only a page range's into an en dash.
def _labelled_number(name: str, value: str) -> str | None:
    if name not in ("volume", "number", "pages"):
        return None
    if label := _NUMBER_LABEL.match(value):
        rest = value[label.end() :].strip()
        if name != "volume":
            rest = re.sub(r"(?<=\d)\s*[-\u2013\u2014]+\s*(?=\d)", "--", rest)
        starts = "start" if name == "pages" else "starts"
        return f": the {name} '{value}' {starts} with '{label.group().strip()}', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, {name} = {{{rest}}}"
    if name == "volume" and (issue := _ISSUE_IN_VOLUME.fullmatch(value)):
        return f": the volume '{value}' holds the issue too, which would print in the italics of the volume; write volume = {{{issue['volume']}}} and number = {{{issue['issue'] or issue['after']}}}"
    if name == "number" and (issues := _ISSUE_RANGE.fullmatch(value)):
        return f": the issues '{value}' are joined by '{issues['dash']}', which prints as typed, not by the en dash APA uses: write number = {{{issues['first']}--{issues['last']}}}"
    return None


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
        codes, chars = _quoted(list(coded)), _quoted(list(coded.values()))
        fix = (
            f"write {next(iter(coded.values()))} instead"
            if len(coded) == 1
            else f"write each as the character itself ({chars})"
        )
        return f": the '{name}' field has {codes}, the web's {'code' if len(coded) == 1 else 'codes'} for {chars}, which the site prints garbled or not at all; {fix}"
    return None


def _web_codes(value: str) -> dict[str, str]:
    return {code: char for code in _HTML_ENTITY.findall(value) if (char := html.unescape(code)) != code}


# 'word', but "'" and "O'Brien": an apostrophe in single quotes would read as '''.
def _quoted(words: list[str]) -> str:
    return ", ".join(f'"{word}"' if "'" in word else f"'{word}'" for word in words)


# "EMOTIONS IN STORYBOOKS: A COMPARISON" -> "Emotions in storybooks: A comparison".
def _sentence(text: str) -> str:
    return re.sub(r"(^|:\s+)(\w)", lambda found: found.group(1) + found.group(2).upper(), text.lower())


def _impossible_day(text: str) -> str | None:
    return impossible_date(text.strip().split("T")[0])
