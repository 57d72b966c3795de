"""A references.bib entry as pandoc should read it to print APA 7: the site's defaults
written into a copy for pandoc, never into the editor's file."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping

from psychoed.references.bibtex_characters import printed_characters
from psychoed.references.reference_rules import (
    PUBLISHER_FIELDS,
    THESIS_KINDS,
    apa_kind,
    cochrane_fields,
    name_as_written,
    names_the_doi_registrant,
    preprint_server,
    same_name,
    server_named,
    thesis_genre,
    without_abbreviation,
)

# APA 7 (9.47 and its style blog) keeps a particle with the surname when the person uses it
# so (van der Kolk, de Jong): "(van der Kolk, 2014)", listed under V. BibLaTeX's default
# drops it ("Kolk, B. A. van der", "(Kolk, 2014)"), so the site sets useprefix=true for
# every entry; an entry with `options = {useprefix=false}` keeps BibLaTeX's way.
_USEPREFIX = "useprefix=true"
# A report's or dissertation's number with a hyphen (18-2052): the style reads a range and
# prints "Nos."; as text ("No. 18-2052") it prints as written.
_NUMBER_WITH_RANGE = re.compile(r"[-\u2013,&]")
_NUMBERED = {"techreport", "report", *THESIS_KINDS}
# A number that carries its own label and the series before it, as agencies print it on the
# cover ("NIH Publication No. 18-2059"): the series is APA's type, the rest the number.
_LABELLED_NUMBER = re.compile(r"(?i)(?P<series>.*?)\s*(?P<number>\bNos?\.\s*\S.*)")
# An article number as Crossref and Zotero export it, in pages (pages = {e0149794}):
# PLOS's e0149794 and e124, a Cochrane review's CD006876, Elsevier's 105149 (six digits or
# more: no journal's pages run so high), Science's aac4716 written as a range of itself.
_ARTICLE_NUMBER = re.compile(r"(?P<number>[A-Za-z]{1,3}\d{4,}|e\d+|\d{6,})(?:\s*-+\s*(?P=number))?")
_VERSION_NOTE = re.compile(r"(?i)(?:R package )?version:?\s*(?P<version>\S+?)\.?")
_ENDNOTE_RECORD_TYPES = {
    "journal article",
    "book",
    "book section",
    "edited book",
    "electronic book",
    "electronic article",
    "electronic book section",
    "report",
    "government document",
    "web page",
    "conference paper",
    "conference proceedings",
    "newspaper article",
    "magazine article",
    "generic",
    "thesis",
}
_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
# One page written as a range from itself to itself (Crossref: pages = {E833-E833}).
_ONE_PAGE_AS_RANGE = re.compile(r"(?P<page>[^\s-]+)\s*-+\s*(?P=page)")
# What a publisher's page calls an article published online first, in APA's words.
_ONLINE_FIRST = {
    "online first",
    "onlinefirst",
    "published online first",
    "epub ahead of print",
    "ahead of print",
    "advance online",
}
# An edition in words (edition = {Second}, {2nd edition}): the style prints "2nd ed." from a number.
_EDITION_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
_EDITION_TENS = ("twentieth", "thirtieth", "fortieth", "fiftieth")
_TENS = ("twenty", "thirty", "forty", "fifty")
# An edition in words, to 59th ("Twenty-first"), or in digits ("21st", "21st ed.").
_EDITION = re.compile(
    rf"(?i)(?:(?P<word>(?:(?P<tens>{'|'.join(_TENS)})[- ])?(?P<unit>{'|'.join(_EDITION_WORDS[:9])})"
    rf"|{'|'.join(_EDITION_WORDS[9:] + _EDITION_TENS)})|(?P<number>\d+)(?:st|nd|rd|th)?)\.?(?:\s+(?:edition|ed\.?))?"
)
# A text revision as a catalogue words it ("Fifth edition, text revision", the DSM-5-TR's):
# APA prints "(5th ed., text rev.)", and pandoc prints any edition but a number as written.
_TEXT_REVISION = re.compile(r"(?i)(?P<edition>.+?),?\s+text\s+rev(?:ision|\.)?")
# A press named for its group ("American Psychiatric Association Publishing"), and the
# group's word a press's name may leave out ("American Psychiatric Publishing"): `_own_press`.
_IMPRINT = re.compile(r"(?i)\s+(?:publishing|press|publications)(?:,?\s+inc\.?)?\s*$")
_GROUP_WORD = re.compile(r"(?i)\s+(?:association|society|institute|organi[sz]ation|foundation)\s*$")
# A note saying when the work first came out ("Original work published 1900"), which the
# style prints only from origdate: "(Freud, 1900/2010)".
_ORIGINALLY = re.compile(
    r"(?i)\(?\s*(?:original(?:ly)?\s+(?:work\s+)?published|first\s+published)(?:\s+in)?\s+(?P<year>\d{4})\s*\)?\.?"
)
# A group's name in an author or editor field, braced as BibTeX protects it.
_GROUP = re.compile(r"\{(?P<name>[^{}]*)\}")
# A capital after a number and its stop or colon, braced where pandoc would lower it.
_AFTER_NUMBER = re.compile(r"(?P<before>\d[.:]\s+)(?P<letter>[A-Z])(?=[a-z])")
_OPENING = re.compile(r"@\w+[ \t]*([{(])")
# An address pasted as Markdown (<https://…>), LaTeX (\url{https://…}) or from a sentence
# (a trailing full stop): the style would print the wrapping and the punctuation.
_WRAPPED_URL = re.compile(r"\\url\{(?P<braced>.*)\}|<(?P<angled>.*)>")
_URL_END_PUNCTUATION = ".,;:"
_DOI_ADDRESS = re.compile(r"https?://(?:dx\.)?doi\.org/(?P<doi>10\.\S+)", re.IGNORECASE)
# LaTeX's escapes Mendeley writes in an address ({\&}, {\_}, {\~{}}), which pandoc keeps.
_URL_ESCAPE = re.compile(r"\{?\\(?P<char>[&_%#$])\}?|\{?\\~\{\}\}?")


def pandoc_text(
    text: str,
    *,
    kind: str,
    fields: Mapping[str, str],
    persons: Mapping[str, list[str]],
    names: Mapping[str, str],
    spans: Mapping[str, tuple[int, int]],
) -> tuple[str, dict[str, str]]:
    """`text` (one entry as written; `names`: its person fields as written; `spans`: where
    each field's text starts and ends) with
    the particle default, an article number, a report number, a thesis's APA genre and
    database, a presentation's or preprint's APA form, and no publisher that repeats the
    corporate author; and its fields as the reference prints them, for what else shows the
    work (the structured data)."""
    pandoc_kind, changed = _as_apa_prints(kind, fields, persons, names)
    printed = {name: value for name, value in {**fields, **changed}.items() if value is not None}
    text = _braced(text)
    for start, end in sorted((spans[name] for name in changed if name in spans), reverse=True):
        text = text[:start] + text[end:]
    if "useprefix" not in fields.get("options", "useprefix"):
        text = re.sub(r"(?im)^([ \t]*options[ \t]*=[ \t]*[{\"])", rf"\g<1>{_USEPREFIX},", text, count=1)
    at = text.index("@") + 1
    head = text.index(",") + 1  # after `@type{key,`
    added = "".join(f"\n  {name} = {{{value}}}," for name, value in changed.items() if value is not None)
    return printed_characters(text[:at] + pandoc_kind + text[text.index("{", at) : head] + added + text[head:]), printed


# The edition's number, from its digits or its words ("Twenty-first": 21).
def _edition_number(edition: re.Match[str]) -> str:
    if not edition.group("word"):
        return edition.group("number")
    word = edition.group("word").casefold()
    if edition.group("unit"):
        tens = _TENS.index(edition.group("tens").casefold()) * 10 + 20 if edition.group("tens") else 0
        return str(tens + _EDITION_WORDS.index(edition.group("unit").casefold()) + 1)
    if word in _EDITION_TENS:
        return str(_EDITION_TENS.index(word) * 10 + 20)
    return str(_EDITION_WORDS.index(word) + 1)


def _ordinal(number: str) -> str:
    n = int(number)
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# BibTeX's other form, `@book(key, ...)`, which pandoc cannot read, as `@book{key, ...}`:
# the same length, so the fields' spans still hold.
def _braced(text: str) -> str:
    opening = _OPENING.search(text)
    if opening is None or opening.group(1) != "(":
        return text
    close = text.rindex(")")
    return text[: opening.start(1)] + "{" + text[opening.end(1) : close] + "}" + text[close + 1 :]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The type pandoc should read, and the fields to write instead of the editor's (None: left out).
def _as_apa_prints(
    kind: str, fields: Mapping[str, str], persons: Mapping[str, list[str]], names: Mapping[str, str]
) -> tuple[str, dict[str, str | None]]:
    changed: dict[str, str | None] = {}
    if "options" not in fields:
        changed["options"] = _USEPREFIX
    # A group with its abbreviation, "{World Health Organization [WHO]}": APA lists the group
    # by its name, and pandoc cannot abbreviate it after the first citation, as APA would.
    for role, written in names.items():
        group_named = _GROUP.sub(lambda group: "{" + without_abbreviation(group.group("name")) + "}", written)
        if group_named != written:
            changed[role] = group_named
    named: list[str] = []
    for name in PUBLISHER_FIELDS:
        # One publisher written twice (publisher and organization: "MIT Press; MIT Press"),
        # or repeating the sole author, or the author's own press, is printed once, or not at all.
        if name in fields and (
            _own_press(fields[name], _sole_author(persons)) or any(same_name(fields[name], other) for other in named)
        ):
            changed[name] = None
        elif name in fields:
            named.append(fields[name])
    if "origdate" not in fields and (originally := _ORIGINALLY.fullmatch(fields.get("note", "").strip())):
        changed.update(origdate=originally.group("year"), note=None)
    cochrane = cochrane_fields(fields)
    if "volume" in cochrane:
        changed["volume"] = cochrane["volume"]
    if "eid" in cochrane:
        changed["pages"] = f"Article {cochrane['eid']}"
    if "url" in fields and (url := _bare_url(fields["url"])) != fields["url"]:
        changed["url"] = url
    # A DOI given only as its address (http://dx.doi.org/10.…): APA's https://doi.org/ link.
    if "doi" not in fields and (doi := _DOI_ADDRESS.fullmatch(_bare_url(fields.get("url", "")))):
        changed.update(doi=doi.group("doi"), url=None)
    for name in ("date", "urldate"):
        if "T" in fields.get(name, ""):  # pandoc reads a day, not a time of day
            changed[name] = fields[name].split("T")[0]
    if kind == "article" and "eid" in fields and "pages" not in fields:
        changed["pages"] = f"Article {fields['eid'].strip()}"
    pages = fields.get("pages", "").strip()
    if (
        kind == "article"
        and pages
        and (
            (pages.isdigit() and len(pages) >= 10 and pages in fields.get("doi", ""))
            or ("pubstate" in fields and "volume" not in fields)
        )
    ):
        # PubMed writes the DOI's digits as pages (956797617729817: longer than any article
        # number, which an Elsevier DOI also ends with); an article online first has no pages
        # yet (APA: "Journal. Advance online publication. DOI").
        changed["pages"] = None
    elif kind == "article" and (article_number := _ARTICLE_NUMBER.fullmatch(pages)):
        changed["pages"] = f"Article {article_number.group('number')}"
    elif "\u2014" in pages:  # an em dash between pages, which pandoc keeps
        changed["pages"] = pages.replace("\u2014", "--")
    elif one_page := _ONE_PAGE_AS_RANGE.fullmatch(pages):
        changed["pages"] = one_page.group("page")  # "E833–E833" is page E833
    if fields.get("pubstate", "").strip().strip(".").casefold() in _ONLINE_FIRST:
        changed["pubstate"] = "Advance online publication"
    written = fields.get("edition", "").strip()
    if (revised := _TEXT_REVISION.fullmatch(written)) and (edition := _EDITION.fullmatch(revised.group("edition"))):
        changed["edition"] = f"{_ordinal(_edition_number(edition))} ed., text rev."
    elif (edition := _EDITION.fullmatch(written)) and edition.group() != edition.group("number"):
        changed["edition"] = _edition_number(edition)
    # Zotero exports a web page's site as journal (@misc{..., journal = {nhs.uk}}), which
    # would print "In nhs.uk."; APA prints the site's name where a publisher stands.
    # Zotero exports a page with no author with its site as organization, which pandoc
    # would print as the author: APA puts the title first and the site after the date.
    if (
        kind == "online"
        and "author" not in persons
        and "editor" not in persons
        and "organization" in fields
        and "publisher" not in fields
    ):
        changed.update(organization=None, publisher=without_abbreviation(fields["organization"]))
    if kind in {"misc", "online"} and "journal" in fields:
        changed["journal"] = None
        if not any(name in fields for name in PUBLISHER_FIELDS) and not same_name(
            fields["journal"], _sole_author(persons)
        ):
            changed["publisher"] = without_abbreviation(fields["journal"])
    # A title's own full stop (as Google Scholar keeps it) prints beside a bracketed type
    # ("constraints._ [Preprint]"); the style puts the stop APA wants.
    title = fields.get("title", "").rstrip()
    if re.search(r"[a-z]{3}\}*\.$", title) and not title.endswith(".."):
        changed["title"] = title[:-1]
    # APA capitalises the word after a volume's or part's number ("Attachment and Loss: Vol.
    # 1. Attachment"), which pandoc's sentence case lowers where it is the title's last word.
    for name in ("title", "booktitle"):
        value = changed.get(name) or fields.get(name, "")
        if (kept := _AFTER_NUMBER.sub(r"\g<before>{\g<letter>}", value)) != value:
            changed[name] = kept
    # A month by its name in braces (Mendeley, Google Scholar: month = {August}), which pandoc
    # reads as no month; by its number it prints (a web page's "2021, August").
    if (month := fields.get("month", "").strip().rstrip(".").casefold()) in _MONTHS:
        changed["month"] = str(_MONTHS[month])
    # Classic BibTeX's @inbook names the book in title and the chapter in chapter (as an R
    # script or JabRef writes the DSM-5's); APA, like BibLaTeX, wants them the other way.
    chapter = fields.get("chapter", "").strip()
    if kind == "inbook" and "booktitle" not in fields and chapter and not chapter.isdigit():
        changed.update(title=chapter, booktitle=fields.get("title", ""), chapter=None)
    # Reference managers write a report's page count (Better BibTeX: pages = {35}, or its
    # number again) and a whole book's (PsycINFO: pages = {xiii, 594}); the style would print
    # "(p. 35)", and APA prints no pages for either.
    if kind in {"techreport", "report", "book", "collection"} and "pages" in fields:
        changed["pages"] = None
    # Pandoc prints a type's braces (Better BibTeX: type = {{{SSRN Scholarly Paper}}}) as written.
    if "{" in fields.get("type", ""):
        changed["type"] = re.sub(r"[{}]", "", fields["type"])
    # EndNote writes its record type in `type` (type = {Journal Article}), which pandoc would
    # print in brackets after the title, as APA prints a description.
    if fields.get("type", "").strip().casefold() in _ENDNOTE_RECORD_TYPES:
        changed["type"] = None
    number = fields.get("number", "").strip()
    if kind in _NUMBERED and (labelled := _LABELLED_NUMBER.fullmatch(number)):
        if labelled.group("series") and "type" not in fields:
            changed.update(type=labelled.group("series"), number=labelled.group("number"))
    elif kind in _NUMBERED and _NUMBER_WITH_RANGE.search(number):
        changed["number"] = f"No. {number}"
    match apa_kind(kind, fields):
        case "dissertation":
            return _dissertation(kind, fields, changed)
        case "presentation":
            # The conference's name as written (pandoc would sentence-case it); the days of
            # the conference are the presentation's date (APA: 2019, May 23–26).
            # A talk outside a conference (a lecture) names only its venue: the style prints
            # the place only after a conference's name, so the venue is put in its stead.
            if "eventtitle" in fields or "venue" in fields:
                changed["eventtitle"] = "{" + fields.get("eventtitle", fields.get("venue", "")) + "}"
            if "eventtitle" not in fields:
                changed["venue"] = None
            if "eventdate" in fields:
                changed.update(date=fields["eventdate"], year=None, eventdate=None)
            return "inproceedings", changed
        case "misc" | "online" | "dataset" if kind == "dataset" or fields.get("type", "").strip().casefold() in {
            "data set",
            "dataset",
        }:
            # APA's "[Data set]"; the style would print "[Dataset]", or with a number the type
            # before it ("Data Set ICPSR 37080"): then its "[Dataset]" is the lesser harm.
            changed["type"] = None if "number" in fields else "Data set"
            return "dataset", changed
        case "misc" if "url" in fields and (
            len(fields.get("date", "")) > 4 or "month" in fields or not {"date", "year"} & fields.keys()
        ):
            # A page written as @misc, as Zotero and many editors write one: the style prints
            # the day of a web page only, and names an undated page's site as its author
            # (APA 7, 10.16) only on a web page, where @misc would put the title first.
            return "online", changed
        case "preprint":
            server = preprint_server(fields) or fields.get("eprinttype", "").strip()
            if "publisher" not in fields or names_the_doi_registrant(fields):
                changed["publisher"] = fields.get("institution") or server
                changed["institution"] = None  # which pandoc would print again beside it
            # A preprint exported as an article names its server as the journal: APA prints
            # it once, as the publisher.
            changed.update(journal=None, journaltitle=None)
            if server_named(fields.get("howpublished", "")):  # "SSRN preprint": said by publisher and type
                changed["howpublished"] = None
            if "type" not in fields:
                changed["type"] = "Preprint"
            if "date" in fields and "year" not in fields:  # APA dates a preprint by its year
                changed.update(year=fields["date"][:4], date=None)
            return "misc", changed
        case "software":
            # The version R writes in a note ("R package version 1.0.0"), and no "[Manual]".
            if "version" not in fields and (version := _VERSION_NOTE.fullmatch(fields.get("note", "").strip())):
                changed.update(version=version.group("version"), note=None)
            if fields.get("type", "").strip().casefold() in {"manual", "software", "computer program"}:
                changed["type"] = None
            return "software", changed
        case "inproceedings" if "publisher" in fields and "editor" not in fields:
            # Proceedings published as a book with no editor named: the style prints them as
            # a journal ("*Congress 2024*, 318–327.") and drops the publisher; APA prints a book's
            # chapter ("In *Congress 2024* (pp. 318–327). Publisher.").
            return "incollection", changed
    return kind, changed


# APA 7 (10.6): "[Doctoral dissertation, University]", then the database or repository
# (`publisher`) where one published it. The style prints the university in brackets only
# beside an address, so the university goes into the genre and the database into its place.
def _dissertation(
    kind: str, fields: Mapping[str, str], changed: dict[str, str | None]
) -> tuple[str, dict[str, str | None]]:
    genre = thesis_genre(kind, fields)
    university = fields.get("school") or fields.get("institution")
    if genre and not any(name in fields for name in ("publisher", "url", "doi")):
        # APA 7 (10.6, example 66): one only its university holds is "[Unpublished doctoral
        # dissertation]. University."
        genre = f"Unpublished {genre[0].lower()}{genre[1:]}"
    if "publisher" not in fields or not university:
        if genre and genre != fields.get("type"):
            changed["type"] = genre
        return kind, changed
    # The genre is printed as written: a university's `\&` as "&".
    printed = university.replace("\\&", "&")
    changed.update(type=f"{genre}, {printed}", school=None, institution=None)
    if "url" in fields or "doi" in fields:
        return "misc", changed  # "[Preprint]. PsyArXiv. https://…" has the same shape
    changed.update(school=fields["publisher"], publisher=None)
    return kind, changed


# The sole author as publisher, or the author's own press, which APA leaves out as it does
# the author's name: the DSM's "American Psychiatric Association Publishing" (2022) and
# "American Psychiatric Publishing" (2013) for the American Psychiatric Association.
def _own_press(publisher: str, author: str | None) -> bool:
    press = _IMPRINT.sub("", publisher)
    return author is not None and (
        same_name(press, author) or (press != publisher and same_name(press, _GROUP_WORD.sub("", author.strip("{}"))))
    )


# A sole author's name as a site or publisher writes it. APA 7 leaves out a publisher or
# site name that repeats the author.
def _sole_author(persons: Mapping[str, list[str]]) -> str | None:
    authors = persons.get("author", [])
    return name_as_written(authors[0]) if len(authors) == 1 else None


# The address in `url` without <>, \url{}, LaTeX's escapes or punctuation after it.
def _bare_url(url: str) -> str:
    url = url.strip()
    if wrapped := _WRAPPED_URL.fullmatch(url):
        url = (wrapped.group("braced") or wrapped.group("angled") or "").strip()
    url = _URL_ESCAPE.sub(lambda escape: escape.group("char") or "~", url)
    return url.rstrip(_URL_END_PUNCTUATION)
