"""`make new-article TITLE=...`: one command from a title to an article that builds and is listed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT, build_site
from new_article import PLACEHOLDER, article_source, slugify
from psychoed.articles.front_matter import years_later

EXISTING = "docs/articles/how-can-self-compassion-help-me.md"


def new_article(project: Path, title: str) -> subprocess.CompletedProcess[str]:
    """The tool as `make new-article` runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "new_article.py"), "--project", str(project), title],
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("title, slug", [
    ("How Can Self-Compassion Help Me?", "how-can-self-compassion-help-me"),
    ("What's  Next — after   Therapy?", "whats-next-after-therapy"),
    ("What\u2019s next", "whats-next"),
    ("Anxiety & Sleep", "anxiety-and-sleep"),
    ("Être présent: café, naïveté", "etre-present-cafe-naivete"),
    ("10 Ways to Rest", "10-ways-to-rest"),
    ("---Leading and trailing---", "leading-and-trailing"),
    ("???", ""),
    ("心理", ""),
])
def test_slug_is_lower_case_ascii_words_joined_by_hyphens(title, slug):
    assert slugify(title) == slug


def test_long_title_gives_slug_cut_at_a_word_boundary():
    slug = slugify("Understanding the many ways that self-compassion can support recovery from burnout at work")
    assert slug == "understanding-the-many-ways-that-self-compassion-can-support"
    assert len(slug) <= 60


def nav_titles(page: Path) -> list[str]:
    tree = html.parse(str(page))
    label = tree.xpath('//label[contains(@class, "md-nav__link")][normalize-space(.)="Articles"]/@id')[0]
    section = tree.xpath(f'//nav[@aria-labelledby="{label}"]')[0]
    return [" ".join(a.text_content().split()) for a in section.xpath('./ul/li/a[contains(@class, "md-nav__link")]')]


def test_new_article_builds_strictly_and_is_listed_in_nav_and_on_home(site_copy):
    # A hand-written article with a weight goes first, before the titles in order.
    (site_copy / "docs/articles/sleep.md").write_text(
        "---\ntitle: Why Sleep Matters\ndescription: What a night's rest does for mood, and how to sleep better tonight.\n"
        "author: Grow True Psychology\npublished: 2026-01-05\nlast_reviewed: 2026-02-03\n"
        "review_due: 2029-02-03\nweight: -1\n---\n\n# Why Sleep Matters\n\nText.\n",
        encoding="utf-8",
    )

    created = new_article(site_copy, "Managing Worry: What Helps?")

    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("Created docs/articles/managing-worry-what-helps.md\n")
    assert "make serve" in created.stdout and "make check" in created.stdout
    source = (site_copy / "docs/articles/managing-worry-what-helps.md").read_text(encoding="utf-8")
    today = dt.date.today()
    assert f"published: {today}\nlast_reviewed: {today}\nreview_due: {years_later(today, 3)}\n" in source
    assert "author: Grow True Psychology\n" in source
    assert "[@inwood2018]" in source

    build = build_site(site_copy)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr

    site = site_copy / "site"
    expected = ["Why Sleep Matters", "How Can Self-Compassion Help Me?", "Managing Worry: What Helps?"]
    assert nav_titles(site / "index.html") == expected
    assert nav_titles(site / "articles/managing-worry-what-helps/index.html") == expected

    home = html.parse(str(site / "index.html"))
    items = home.xpath('//h2[@id="articles"]/following-sibling::ul[1]/li')
    assert [item.xpath("a")[0].text_content() for item in items] == expected
    worry = items[2]
    assert worry.xpath("a/@href") == ["articles/managing-worry-what-helps/"]
    assert "what will the reader learn?" in worry.text_content()
    assert worry.xpath(".//time/@datetime") == [today.isoformat()]
    assert items[0].xpath(".//time")[0].text == "3 February 2026"

    page = html.parse(str(site / "articles/managing-worry-what-helps/index.html"))
    assert page.xpath('//a[@href="#ref-inwood2018"]'), "the example citation links to its reference"
    assert page.xpath('//*[@id="ref-inwood2018"]')


@pytest.mark.parametrize("title", [
    "How Can Self-Compassion Help Me?",
    "how can self compassion help me",  # the same file name
])
def test_title_of_an_existing_article_is_refused_and_the_file_untouched(site_copy, title):
    before = (site_copy / EXISTING).read_bytes()

    refused = new_article(site_copy, title)

    assert refused.returncode == 1
    assert f"new-article: {EXISTING} already exists" in refused.stderr
    assert "nothing was written" in refused.stderr
    assert (site_copy / EXISTING).read_bytes() == before
    assert sorted(p.name for p in (site_copy / "docs/articles").iterdir()) == ["how-can-self-compassion-help-me.md"]


def test_same_title_under_another_file_name_is_refused(site_copy):
    original = (site_copy / EXISTING).read_text(encoding="utf-8")
    (site_copy / EXISTING).rename(site_copy / "docs/articles/self-compassion.md")

    refused = new_article(site_copy, "HOW CAN SELF-COMPASSION HELP ME?")

    assert refused.returncode == 1
    assert "docs/articles/self-compassion.md already exists" in refused.stderr
    assert (site_copy / "docs/articles/self-compassion.md").read_text(encoding="utf-8") == original
    assert not (site_copy / EXISTING).exists()


@pytest.mark.parametrize("title, message", [
    ("", "give the article's title: make new-article TITLE="),
    ("   ", "give the article's title"),
    ("?!", "the title '?!' has no letters or digits to name the file with"),
])
def test_title_without_a_slug_is_refused(site_copy, title, message):
    refused = new_article(site_copy, title)
    assert refused.returncode == 1
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert [p.name for p in (site_copy / "docs/articles").iterdir()] == ["how-can-self-compassion-help-me.md"]


def test_missing_default_author_setting_is_named(site_copy):
    config = site_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  default_author: Grow True Psychology\n", ""), encoding="utf-8")
    refused = new_article(site_copy, "Managing Worry")
    assert refused.returncode == 1
    assert "mkdocs.yml: extra.default_author is not set" in refused.stderr


def test_every_skeleton_paragraph_and_the_description_carry_the_placeholder():
    source = article_source("Sleep", author="A", today=dt.date(2026, 11, 25), cite_key="inwood2018")
    body = source.split("---\n", 2)[2]
    paragraphs = [block for block in body.split("\n\n") if block.strip() and not block.lstrip().startswith("#")]
    assert len(paragraphs) == 3
    assert all(PLACEHOLDER in paragraph for paragraph in paragraphs)
    assert f"what will the reader learn? {PLACEHOLDER}'\n" in source
