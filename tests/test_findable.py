"""What search engines and link previews read in the built HTML: every page findable."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from conftest import FIXTURE_SITE
from psychoed.pages.content_rules import DESCRIPTION_MAX, DESCRIPTION_MIN
from psychoed.references.bibliography import load_bibliography

SITE_URL = "https://psychoeducation.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")
def sitemap_urls(fixture_site: Path) -> list[str]:
    tree = etree.parse(str(fixture_site / "sitemap.xml"))
    urls = []
    for loc in tree.iter(f"{SITEMAP}loc"):
        assert loc.text, "a <loc> without its address"
        urls.append(loc.text)
    return urls


@pytest.fixture(scope="session")
def pages(fixture_site: Path, sitemap_urls: list[str]) -> dict[str, html.HtmlElement]:
    """Each page of the sitemap, parsed, by its address."""
    return {
        url: html.parse(str(fixture_site / urlsplit(url).path.lstrip("/") / "index.html")).getroot()
        for url in sitemap_urls
    }


def head(page: html.HtmlElement, xpath: str) -> list[str]:
    return page.xpath(f"/html/head/{xpath}")


def test_sitemap_lists_every_page_once(fixture_site, sitemap_urls):
    built = sorted(
        SITE_URL + str(path.parent.relative_to(fixture_site).as_posix() + "/").removeprefix("./")
        for path in fixture_site.rglob("index.html")
    )
    assert sorted(sitemap_urls) == built
    assert len(set(sitemap_urls)) == len(sitemap_urls)
    assert len(built) == len(list((FIXTURE_SITE / "docs").rglob("*.md")))


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_previews(fixture_site):
    robots = (fixture_site / "robots.txt").read_text()
    assert robots == f"User-agent: *\nDisallow: /pr-preview/\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


def test_every_page_has_its_own_title_and_description(pages):
    titles = {url: page.findtext("head/title").strip() for url, page in pages.items()}
    descriptions = {url: head(page, "meta[@name='description']/@content") for url, page in pages.items()}
    assert all(titles.values())
    assert len(set(titles.values())) == len(titles), titles
    # The limits the build holds every page to (psychoed/pages/content_rules.py), so this confirms them.
    assert all(
        len(found) == 1 and DESCRIPTION_MIN <= len(found[0]) <= DESCRIPTION_MAX for found in descriptions.values()
    ), descriptions
    assert len({found[0] for found in descriptions.values()}) == len(descriptions), descriptions


def test_every_page_names_its_language_and_canonical_address(pages):
    for url, page in pages.items():
        assert page.get("lang") == "en", url
        assert head(page, "link[@rel='canonical']/@href") == [url]


@pytest.mark.parametrize("property_", ["og:site_name", "og:type", "og:title", "og:description", "og:url"])
def test_every_page_has_open_graph_tags(pages, property_):
    for url, page in pages.items():
        values = head(page, f"meta[@property='{property_}']/@content")
        assert len(values) == 1 and values[0].strip(), f"{url}: {property_}"
        if property_ == "og:url":
            assert values == [url]
        if property_ == "og:description":
            assert values == head(page, "meta[@name='description']/@content")


def test_404_page_is_kept_out_of_search_results(fixture_site):
    page = html.parse(str(fixture_site / "404.html")).getroot()
    assert head(page, "meta[@name='robots']/@content") == ["noindex"]


def article_json_ld(page: html.HtmlElement) -> dict:
    scripts = head(page, "script[@type='application/ld+json']/text()")
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_article_json_ld_describes_the_page_and_its_reviewers(pages):
    url = SITE_URL + "articles/how-can-self-compassion-help-me/"
    data = article_json_ld(pages[url])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == url
    assert data["headline"] == "How Can Self-Compassion Help Me?"
    assert data["description"] == head(pages[url], "meta[@name='description']/@content")[0]
    assert data["author"] == {"@type": "Organization", "name": "Grow True Psychology"}
    assert data["datePublished"] == "2026-11-25"
    assert data["lastReviewed"] == "2026-11-25"
    assert data["inLanguage"] == "en"
    assert "reviewedBy" not in data  # the article's front matter names no reviewer


def test_article_json_ld_cites_the_three_works_by_doi(pages):
    data = article_json_ld(pages[SITE_URL + "articles/how-can-self-compassion-help-me/"])
    bibliography = load_bibliography(FIXTURE_SITE / "references.bib", display_path="references.bib")
    citations = data["citation"]
    assert {work["@type"] for work in citations} == {"ScholarlyArticle"}
    assert [work["identifier"] for work in citations] == [
        "10.1111/aphw.12127",
        "10.1111/papt.12375",
        "10.1080/17439760.2020.1778060",
    ]
    assert [work["url"] for work in citations] == [f"https://doi.org/{work['identifier']}" for work in citations]
    assert {work["identifier"] for work in citations} == {
        entry.fields["doi"] for entry in bibliography.entries.values()
    }
    assert citations[1]["name"].endswith("Self-Compassion (MSC) Training")  # BibTeX braces gone
    assert citations[0]["author"][0] == {
        "@type": "Person",
        "name": "Elisa Inwood",
        "givenName": "Elisa",
        "familyName": "Inwood",
    }


def test_only_articles_carry_json_ld_and_type_article(pages):
    for url, page in pages.items():
        is_article = "/articles/" in url
        assert bool(head(page, "script[@type='application/ld+json']")) == is_article, url
        assert head(page, "meta[@property='og:type']/@content") == ["article" if is_article else "website"], url
