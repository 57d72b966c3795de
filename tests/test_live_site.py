"""The live content (docs/, references.bib, mkdocs.yml) keeps what every valid content
keeps, whatever editors have written: the site builds strictly, every article carries
its notes, every reference is complete and cited, every citation names a reference.

Each test runs over the pages and entries found when the tests are collected, and names
none of them: an editor's pull request changes what is tested, never whether it passes.
These are the `live` tests (`pytest -m live`); the browser's checks of every live page
are in test_browser.py, and tests/test_editor_changes.py replays editors' pull requests
against them all.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT
from psychoed.articles.front_matter import is_article, read_article
from psychoed.markdown_source import PageSource
from psychoed.pages.content_rules import DESCRIPTION_MAX, DESCRIPTION_MIN
from psychoed.references.bibliography import load_bibliography, uncited_problems
from psychoed.references.citation_check import check_citations
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations
from psychoed.settings.config_file import read_config

pytestmark = pytest.mark.live

DOCS = ROOT / "docs"
# Every live page, as its path under docs/ (MkDocs' src_uri).
PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
ARTICLES = [src_uri for src_uri in PAGES if is_article(src_uri)]
BIBLIOGRAPHY = load_bibliography(ROOT / "references.bib", display_path="references.bib")
EXTRA = read_config(ROOT / "mkdocs.yml")["extra"]
DOI_KEYS = doi_keys(BIBLIOGRAPHY.entries.values())


def source(src_uri: str) -> PageSource:
    """The live page as the build's citation check reads it: a citation by DOI as the key
    of the entry with that DOI (hooks/site_checks.py)."""
    markdown = (DOCS / src_uri).read_text(encoding="utf-8")
    return PageSource(f"docs/{src_uri}", resolve_doi_citations(markdown, DOI_KEYS, blank_unknown=True))


def entry_lines(key: str) -> range:
    """The lines of references.bib that the entry `key` stands on (not the blank lines and
    comments after it, up to the next entry)."""
    entry = BIBLIOGRAPHY.entries[key]
    return range(entry.line, entry.line + entry.text.rstrip().count("\n") + 1)


def built(site: Path, src_uri: str) -> html.HtmlElement:
    """The built page of docs/<src_uri>, with MkDocs' directory URLs."""
    folder = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return html.parse(str(site / folder / "index.html")).getroot()


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_live_site_builds_strictly_without_a_warning(live_build: subprocess.CompletedProcess[str]):
    assert live_build.returncode == 0, live_build.stdout + live_build.stderr
    assert "WARNING" not in live_build.stderr, live_build.stderr
    assert "Traceback" not in live_build.stderr


@pytest.mark.parametrize("src_uri", PAGES)
def test_page_has_a_title_and_a_description_of_its_own_that_search_results_show_whole(live_site, src_uri):
    def title_and_description(other: str) -> tuple[str, str]:
        page = built(live_site, other)
        return page.findtext("head/title").strip(), "".join(page.xpath("/html/head/meta[@name='description']/@content"))

    title, description = title_and_description(src_uri)
    others = [title_and_description(other) for other in PAGES if other != src_uri]
    assert title and title not in [other_title for other_title, _ in others]
    assert DESCRIPTION_MIN <= len(description) <= DESCRIPTION_MAX, description
    assert description not in [other_description for _, other_description in others]


@pytest.mark.parametrize("src_uri", ARTICLES)
def test_article_carries_crisis_help_call_to_action_review_line_and_disclaimer_note(live_site, src_uri):
    article, problems = read_article(src_uri, source(src_uri).source, path=f"docs/{src_uri}")
    assert article is not None, problems
    (body,) = built(live_site, src_uri).xpath("//article")

    def notes(css_class: str) -> list[html.HtmlElement]:
        return body.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]")

    (crisis,) = notes("gt-crisis")
    assert text(crisis) == " ".join(EXTRA["crisis"]["text"].split())
    assert len(notes("gt-cta")) == (1 if article.consultation_cta else 0), (
        f"consultation_cta: {article.consultation_cta}"
    )
    (review,) = notes("gt-review")
    assert text(review).startswith(f"Written by {article.author}")
    assert (f"Reviewed by {article.reviewed_by}" in text(review)) == bool(article.reviewed_by)
    (note,) = notes("gt-disclaimer-note")
    assert " ".join(EXTRA["disclaimer_note"]["text"].split()) in text(note)
    assert body[-1] is note, "the disclaimer note is the article's last element"


@pytest.mark.parametrize("src_uri", sorted(set(PAGES) - set(ARTICLES)))
def test_page_other_than_an_article_carries_no_article_notes(live_site, src_uri):
    page = html.tostring(built(live_site, src_uri), encoding="unicode")
    assert [marker for marker in ("gt-cta", "gt-crisis", "gt-review", "gt-disclaimer-note") if marker in page] == []


@pytest.mark.parametrize("key", sorted(BIBLIOGRAPHY.entries))
def test_reference_is_apa_complete_keeps_the_reference_rules_and_is_cited(key):
    assert [str(problem) for problem in BIBLIOGRAPHY.problems if problem.line in entry_lines(key)] == []
    _, blocks = check_citations([source(src_uri) for src_uri in PAGES], BIBLIOGRAPHY)
    cited = {cited_key for block in blocks for cited_key in block.keys}
    assert [str(problem) for problem in uncited_problems(BIBLIOGRAPHY, cited) if problem.line in entry_lines(key)] == []


def test_bibliography_reads_whole_with_no_problem_outside_its_entries():
    assert BIBLIOGRAPHY.readable
    inside = {line for key in BIBLIOGRAPHY.entries for line in entry_lines(key)}
    assert [str(problem) for problem in BIBLIOGRAPHY.problems if problem.line not in inside] == []


@pytest.mark.parametrize("src_uri", PAGES)
def test_every_citation_of_the_page_names_a_reference(src_uri):
    problems, _ = check_citations([source(src_uri)], BIBLIOGRAPHY)
    assert [str(problem) for problem in problems] == []
