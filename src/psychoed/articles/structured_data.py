"""Describe an article for search engines: schema.org JSON-LD from its front matter and sources.

A `MedicalWebPage` carries what a reader of health information is told on the page (who
wrote it, when it was published and last reviewed by whom) and cites each work it draws
on as a `ScholarlyArticle` with its DOI, so search engines can show the page's sources.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

from psychoed.articles.front_matter import Article
from psychoed.references.bibliography import Entry
from psychoed.references.bibtex_characters import printed_characters
from psychoed.references.doi import doi_url
from psychoed.references.reference_rules import without_abbreviation

SCHEMA = "https://schema.org"
_PLAIN_TEXT = PlainTextBackend()
# BibTeX entry types and the schema.org type of the work each names.
WORK_TYPES = {
    "article": "ScholarlyArticle",
    "book": "Book",
    "incollection": "Chapter",
    "inbook": "Chapter",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "techreport": "Report",
    "report": "Report",
    "thesis": "Thesis",
    "collection": "Book",
    "online": "WebPage",
}


def article_json_ld(article: Article, cited: list[Entry], *, url: str, site_name: str, language: str) -> dict:
    """The JSON-LD object of one article page, citing `cited` in the order given."""
    data: dict = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "url": url,
        "headline": article.title,
        "name": article.title,
        "description": article.description,
        "inLanguage": language,
        "author": _agent(article.author, site_name=site_name),
        "publisher": {"@type": "Organization", "name": site_name},
        "datePublished": article.published.isoformat(),
        "lastReviewed": article.last_reviewed.isoformat(),
    }
    if article.reviewed_by:
        data["reviewedBy"] = _agent(article.reviewed_by, site_name=site_name)
    if cited:
        data["citation"] = [work_json_ld(entry) for entry in cited]
    return data


def work_json_ld(entry: Entry) -> dict:
    """One cited work: its title, authors, year, journal and DOI."""
    work: dict = {"@type": WORK_TYPES.get(entry.type, "CreativeWork")}
    fields = entry.printed or entry.fields  # the work as its reference prints it
    if "title" in fields:
        work["name"] = work["headline"] = plain_text(fields["title"])
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if people:
        work["author"] = [_person(name) for name in people]
    # BibTeX's names or BibLaTeX's, as reference managers export them.
    date = _first(fields, "year", "date")
    if date:
        work["datePublished"] = date.strip()
    journal = _first(fields, "journal", "journaltitle")
    if journal:
        work["isPartOf"] = {"@type": "Periodical", "name": plain_text(journal)}
    publisher = _first(fields, "publisher", "institution", "organization", "school")
    if publisher:
        work["publisher"] = {"@type": "Organization", "name": plain_text(publisher)}
    if "doi" in fields:
        doi = fields["doi"].strip()
        work["identifier"] = doi
        work["url"] = doi_url(doi)
    elif "url" in fields:
        work["url"] = fields["url"].strip()
    return work


# render_as("text") looks the backend up among the installed packages' entry points on
# every call (9 ms each: 29 s for ten articles citing 500 works); one backend serves all.
# Memoized: the same names and journals recur on every page.
@functools.lru_cache(maxsize=4096)
def plain_text(latex: str) -> str:
    """A BibTeX value as readers see it: no protecting braces, accents as letters, and no
    invisible characters (the reference list prints none either)."""
    latex = _FORMATTING.sub("", printed_characters(latex))
    # Words, digits and plain punctuation with single spaces or hyphens (`--` is a dash)
    # read the same in LaTeX: most names, titles and journals ("Self-Compassion") skip
    # pybtex's parser (0.3 ms a value; 0.4 s at N = 200).
    if _PLAIN.fullmatch(latex):
        return latex
    return Text.from_latex(latex).render(_PLAIN_TEXT)


# Commands that only format their argument (\textit{K}, \textsubscript{OW}, \emph{x}), as
# doi.org and reference managers export titles: pybtex's decoder keeps the command ("\textit K").
_FORMATTING = re.compile(
    r"\\(?:text(?:it|bf|sl|sc|up|md|rm|sf|tt|normal|subscript|superscript)|emph|math(?:rm|it|bf))\s*(?=\{)"
)
_PLAIN = re.compile(r"[A-Za-z0-9.,:;()/?!]+(?:[ -][A-Za-z0-9.,:;()/?!]+)*")


# The practice itself when the author is the site's name, otherwise a person.
def _agent(name: str, *, site_name: str) -> dict:
    kind = "Organization" if name == site_name else "Person"
    return {"@type": kind, "name": name}


def _first(fields: Mapping[str, str], *names: str) -> str | None:
    return next((fields[name] for name in names if name in fields), None)


# pybtex writes a person as "von Last, Jr, First"; schema.org wants the name as spoken. A
# group author is written in braces: {World Health Organization}, named as its reference
# prints it (without "[WHO]").
def _person(bibtex_name: str) -> dict:
    if bibtex_name.startswith("{") and bibtex_name.endswith("}"):
        return {"@type": "Organization", "name": without_abbreviation(plain_text(bibtex_name))}
    parts = [plain_text(part.strip()) for part in bibtex_name.split(",")]
    family, given = parts[0], parts[-1] if len(parts) > 1 else ""
    suffix = f", {parts[1]}" if len(parts) == 3 else ""
    person = {"@type": "Person", "name": f"{given} {family}".strip() + suffix, "familyName": family}
    if given:
        person["givenName"] = given
    return person
