"""The JSON-LD of an article, from its front matter and the works it cites."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import html
from pybtex.richtext import Text

from articles import make_article
from conftest import ARTICLE, build_site
from psychoed.articles.structured_data import article_json_ld, plain_text, work_json_ld
from psychoed.references.bibliography import Entry, check_bibliography
from psychoed.references.doi import doi_url

SITE = "Grow True Psychology"


def entry(key="smith2020", type_="article", persons=None, **fields) -> Entry:
    return Entry(key, type_, 1, fields, persons=persons if persons is not None else {"author": ["Smith, Jane"]})


def test_article_without_reviewer_has_no_reviewed_by():
    data = article_json_ld(
        make_article(published=dt.date(2026, 1, 5)), [], url="https://x.org/a/", site_name=SITE, language="en"
    )
    assert "reviewedBy" not in data and "citation" not in data
    assert data["lastReviewed"] == "2026-11-25" and data["datePublished"] == "2026-01-05"


@pytest.mark.parametrize(
    ("author", "reviewer", "author_type"),
    [(SITE, "Dr. Ana Ruiz, PsyD", "Organization"), ("Dr. Ana Ruiz", "Dr. Ben Ode", "Person")],
)
def test_author_is_the_practice_or_a_person_and_the_reviewer_a_person(author, reviewer, author_type):
    data = article_json_ld(
        make_article(author=author, reviewed_by=reviewer), [], url="https://x.org/a/", site_name=SITE, language="en"
    )
    assert data["author"] == {"@type": author_type, "name": author}
    assert data["reviewedBy"] == {"@type": "Person", "name": reviewer}


def test_cited_works_keep_the_order_given():
    works = [entry("b2020", doi="10.1/b"), entry("a2020", doi="10.1/a")]
    data = article_json_ld(make_article(), works, url="https://x.org/a/", site_name=SITE, language="en")
    assert [work["identifier"] for work in data["citation"]] == ["10.1/b", "10.1/a"]


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        (
            entry(title='Self-Compassion ({MSC}) and G{\\"o}del', journal="J", year="2020", doi="10.1/x"),
            {
                "@type": "ScholarlyArticle",
                "name": "Self-Compassion (MSC) and Gödel",
                "headline": "Self-Compassion (MSC) and Gödel",
                "author": [{"@type": "Person", "name": "Jane Smith", "givenName": "Jane", "familyName": "Smith"}],
                "datePublished": "2020",
                "isPartOf": {"@type": "Periodical", "name": "J"},
                "identifier": "10.1/x",
                "url": "https://doi.org/10.1/x",
            },
        ),
        (  # as Better BibLaTeX exports it
            entry(title="A", journaltitle="J", date="2021-03-15", langid="english"),
            {
                "@type": "ScholarlyArticle",
                "name": "A",
                "headline": "A",
                "author": [{"@type": "Person", "name": "Jane Smith", "givenName": "Jane", "familyName": "Smith"}],
                "datePublished": "2021-03-15",
                "isPartOf": {"@type": "Periodical", "name": "J"},
            },
        ),
        (
            entry(
                type_="report",
                title="R",
                year="2014",
                institution="U.S. Department of Health and Human Services",
                # with APA's first-citation abbreviation, which its reference leaves out
                persons={"author": ["{{Substance Abuse and Mental Health Services Administration [SAMHSA]}}"]},
            ),
            {
                "@type": "Report",
                "name": "R",
                "headline": "R",
                "datePublished": "2014",
                "author": [
                    {"@type": "Organization", "name": "Substance Abuse and Mental Health Services Administration"}
                ],
                "publisher": {"@type": "Organization", "name": "U.S. Department of Health and Human Services"},
            },
        ),
        (
            entry(
                type_="book",
                title="B",
                publisher="P",
                year="1999",
                url="https://p.org/b",
                persons={"editor": ["de la Cruz, Jr, Ana"]},
            ),
            {
                "@type": "Book",
                "name": "B",
                "headline": "B",
                "datePublished": "1999",
                "author": [
                    {"@type": "Person", "name": "Ana de la Cruz, Jr", "givenName": "Ana", "familyName": "de la Cruz"}
                ],
                "publisher": {"@type": "Organization", "name": "P"},
                "url": "https://p.org/b",
            },
        ),
        (entry(type_="misc", title="Site", persons={}), {"@type": "CreativeWork", "name": "Site", "headline": "Site"}),
    ],
    ids=["article-with-doi", "biblatex-article", "report-by-a-group", "book-without-doi", "misc-without-people"],
)
def test_work_json_ld(work, expected):
    assert work_json_ld(work) == expected


def test_sici_doi_links_where_the_doi_check_asks():
    sici = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    assert work_json_ld(entry(doi=sici))["url"] == doi_url(sici)


# plain_text skips pybtex's LaTeX decoder for values with no markup: the text must be
# what the decoder would give, with and without markup.
@pytest.mark.parametrize(
    "value",
    [
        "Plain words",
        "Self-compassion",
        "Well-Being in Self-Compassion-Focused Therapy",
        "Pages 215--235",
        "Pre- and post-test",
        "A -- B and A---B",
        'M{\\"u}ller',
        "{APA} {PsycNet}",
        "Ca\\~nas",
        "``Quoted''",
        "Q&A",
        "Caf\u00e9 in Unicode",
        "it's",
        "50\\% of adults",
        "Self and Identity",
        "Psychology: Research (2nd ed.), 12/3?",
        "two  spaces",
        " edge ",
        "a ~ b",
        "don''t",
    ],
)
def test_plain_text_reads_as_pybtex_renders_it(value: str):
    assert plain_text(value) == Text.from_latex(value).render_as("text")


def test_formatting_commands_leave_their_text_as_doi_org_exports_them():
    title = "Evaluation of log \\textit{K}\\textsubscript{OW} and {\\emph{Tissue}} Lipid"
    assert plain_text(title) == "Evaluation of log KOW and Tissue Lipid"


# JabRef's and some Zotero exports' text symbols read as the characters, as the reference list prints them.
def test_text_symbols_written_as_latex_read_as_their_characters():
    assert (
        plain_text("The Toughest Triage\\textemdash{}Allocating Ventilators")
        == "The Toughest Triage—Allocating Ventilators"
    )
    assert plain_text("Risk{\\textellipsis} and Relief\\texttrademark{}") == "Risk… and Relief™"


def test_reviewer_and_a_work_cited_by_doi_reach_the_built_page(site_copy: Path):
    source = site_copy / ARTICLE
    source.write_text(
        source.read_text()
        .replace("author: Grow True Psychology\n", "author: Grow True Psychology\nreviewed_by: Dr. Ana Ruiz, PsyD\n")
        .replace("[@inwood2018]", "[@doi:10.1111/aphw.12127]")
    )
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    page = html.parse(str(site_copy / "site/articles/how-can-self-compassion-help-me/index.html")).getroot()
    data = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr. Ana Ruiz, PsyD"}
    assert "https://doi.org/10.1111/aphw.12127" in json.dumps(data["citation"])


# A work as its reference prints it, not as exported: a doi.org one-line entry's DOI given
# only as its address and its title's own full stop, a classic @inbook's chapter.
def test_a_cited_work_is_described_as_its_reference_prints_it():
    bibliography = check_bibliography(
        "@article{Slepian_2012, title={The physical burdens of secrecy.}, volume={141}, number={4},"
        " url={http://dx.doi.org/10.1037/a0027598}, journal={Journal of Experimental Psychology: General},"
        " author={Slepian, Michael L. and Masicampo, E. J.}, year={2012}, pages={619–624} }\n"
        "@inbook{apa2013,\n  author = {{American Psychiatric Association}},\n  title = {Diagnostic and statistical manual},\n"
        "  chapter = {Depressive disorders},\n  publisher = {American Psychiatric Publishing},\n  year = {2013},\n}\n",
        display_path="references.bib",
    )
    secrecy, dsm = (work_json_ld(entry) for entry in bibliography.entries.values())
    assert secrecy["name"] == "The physical burdens of secrecy"
    assert secrecy["identifier"] == "10.1037/a0027598" and secrecy["url"] == doi_url("10.1037/a0027598")
    assert dsm["name"] == "Depressive disorders"
