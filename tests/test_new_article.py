"""`make new-article TITLE=...`: one command from a title to an article whose every
skeleton line stops the build until it is written over; then it builds and is listed.

Every test works on a copy of the project and finds the articles it holds there, so
none depends on which articles the site has today."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from lxml import html

from articles import make_article
from conftest import build_checks, build_site, copy_project, run_make
from new_article import article_source, slugify
from psychoed.articles.front_matter import Article, read_article, years_later
from psychoed.articles.placeholders import MARK
from psychoed.references.bibliography import load_bibliography

# The day the tests date a new article: a fixed day, so no test depends on the calendar
# (the build only refuses dates after the real today).
TODAY = dt.date(2026, 6, 1)
WORRY = "docs/articles/managing-worry-what-helps.md"
SKELETON = "this text is still the example text of the article template; write your own in its place"
DESCRIPTION = "the description is still the example from make new-article; write one sentence of your own saying what the reader will learn"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", tooling=True)


def new_article(project: Path, title: str) -> subprocess.CompletedProcess[str]:
    """The tool as an editor types it: make new-article TITLE=..."""
    return run_make(project, "new-article", f"TITLE={title}", f"TODAY={TODAY}")


def articles_in(project: Path) -> dict[str, Article]:
    """The articles of the copy, by their path from the project."""
    found = {}
    for path in sorted((project / "docs/articles").rglob("*.md")):
        article, problems = read_article(
            path.relative_to(project / "docs").as_posix(), path.read_text(encoding="utf-8"), path=str(path)
        )
        assert article is not None, problems
        found[path.relative_to(project).as_posix()] = article
    return found


def listing(project: Path) -> list[str]:
    return sorted(path.relative_to(project).as_posix() for path in (project / "docs/articles").rglob("*"))


@pytest.mark.parametrize(
    "title, slug",
    [
        ("How Can Self-Compassion Help Me?", "how-can-self-compassion-help-me"),
        ("What's  Next — after   Therapy?", "whats-next-after-therapy"),
        ("What\u2019s next", "whats-next"),
        ("Anxiety & Sleep", "anxiety-and-sleep"),
        ("Être présent: café, naïveté", "etre-present-cafe-naivete"),
        ("10 Ways to Rest", "10-ways-to-rest"),
        ("---Leading and trailing---", "leading-and-trailing"),
        ("???", ""),
        ("心理", ""),
    ],
)
def test_slug_is_lower_case_ascii_words_joined_by_hyphens(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "title",
    [
        "Don't Panic",
        "Why: Sleep and 'Rest'",
        'The "Inner Critic": What Helps?',
        "Back\\slash # and: colon",
        "Ça va? L'été",
    ],
)
def test_any_title_is_written_in_double_quotes_and_reads_back_as_typed(title):
    source = article_source(title, author="Grow True Psychology", today=TODAY, cite_key=None)

    assert source.split("\n")[1].startswith('title: "')
    article, problems = read_article("articles/x.md", source, path="x.md")
    assert problems == [] or all("skeleton" in problem.message for problem in problems)
    assert article is not None and article.title == title


def test_an_apostrophe_added_to_a_new_articles_title_still_reads():
    source = article_source("Managing Worry", author="Grow True Psychology", today=TODAY, cite_key=None)

    edited = source.replace('title: "Managing Worry"', 'title: "Managing Worry: It\'s Not Your Fault"')

    article, _ = read_article("articles/x.md", edited, path="x.md")
    assert article is not None and article.title == "Managing Worry: It's Not Your Fault"


def test_long_title_gives_slug_cut_at_a_word_boundary():
    slug = slugify("Understanding the many ways that self-compassion can support recovery from burnout at work")
    assert slug == "understanding-the-many-ways-that-self-compassion-can-support"
    assert len(slug) <= 60


def nav_titles(page: Path) -> list[str]:
    tree = html.parse(str(page))
    label = tree.xpath('//label[contains(@class, "md-nav__link")][normalize-space(.)="Articles"]/@id')[0]
    section = tree.xpath(f'//nav[@aria-labelledby="{label}"]')[0]
    return [" ".join(a.text_content().split()) for a in section.xpath('./ul/li/a[contains(@class, "md-nav__link")]')]


def write_over_the_skeleton(path: Path) -> None:
    """What an editor does next: each line marked (Replace this.) becomes their own text."""
    own = {
        "description:": "description: What helps when worry will not stop, and one thing to try tonight.",
        "Tell readers": "Worry is common, and it can be eased.",
        "Say what a study found": "One review found that kindness toward ourselves eases worry [@{key}].",
        "Give the reader": "Write the worry down, then set it aside until tomorrow.",
    }
    lines = path.read_text(encoding="utf-8").split("\n")
    key = next(line for line in lines if "[@" in line).split("[@")[1].split("]")[0]
    for number, line in enumerate(lines):
        for start, text in own.items():
            if line.startswith(start):
                lines[number] = text.format(key=key)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_new_article_stops_the_build_at_each_skeleton_line_then_builds_and_is_listed(project):
    # A hand-written article with a weight goes first, before the titles in order.
    (project / "docs/articles/sleep.md").write_text(
        "---\ntitle: Why Sleep Matters\ndescription: What a night's rest does for mood, and how to sleep better tonight.\n"
        "author: Grow True Psychology\npublished: 2026-01-05\nlast_reviewed: 2026-02-03\n"
        "review_due: 2029-02-03\nweight: -1\n---\n\n# Why Sleep Matters\n\nText.\n",
        encoding="utf-8",
    )
    existing = articles_in(project)
    first_key = next(iter(load_bibliography(project / "references.bib", display_path="references.bib").entries))

    created = new_article(project, "Managing Worry: What Helps?")

    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(f"Created {WORRY}\n")
    assert (
        "make serve lists them, in the terminal and, until the site builds, in the browser" in created.stdout
        and "make check" in created.stdout
    )
    source = (project / WORRY).read_text(encoding="utf-8")
    assert f"published: {TODAY}\nlast_reviewed: {TODAY}\nreview_due: {years_later(TODAY, 3)}\n" in source
    assert "author: Grow True Psychology\n" in source
    assert f"[@{first_key}]" in source

    # Until written over, each skeleton line stops the build, at its line: the build's
    # checks, in process, tell them and nothing else.
    marked = [number for number, line in enumerate(source.split("\n"), start=1) if MARK in line]
    problems = [problem for problem in build_checks(project) if not problem.notice]
    assert not any(problem.warning for problem in problems)
    assert [str(problem) for problem in problems] == [
        f"{WORRY}:{marked[0]}: {DESCRIPTION}",
        *(f"{WORRY}:{number}: {SKELETON}" for number in marked[1:]),
    ]

    write_over_the_skeleton(project / WORRY)
    build = build_site(project)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr

    site = project / "site"
    others = sorted(existing.values(), key=lambda article: (article.weight, article.title.casefold()))
    new = make_article(title="Managing Worry: What Helps?")
    expected = [
        article.title
        for article in sorted([*others, new], key=lambda article: (article.weight, article.title.casefold()))
    ]
    assert expected[0] == "Why Sleep Matters"
    assert nav_titles(site / "index.html") == expected
    assert nav_titles(site / "articles/managing-worry-what-helps/index.html") == expected

    home = html.parse(str(site / "index.html"))
    items = home.xpath('//h2[@id="articles"]/following-sibling::ul[1]/li')
    assert [item.xpath("a")[0].text_content() for item in items] == expected
    worry = items[expected.index("Managing Worry: What Helps?")]
    assert worry.xpath("a/@href") == ["articles/managing-worry-what-helps/"]
    assert "one thing to try tonight" in worry.text_content()
    assert [(time.get("datetime"), time.text) for time in worry.xpath(".//time")] == [("2026-06-01", "June 1, 2026")]
    assert items[0].xpath(".//time")[0].text == "February 3, 2026"

    page = html.parse(str(site / "articles/managing-worry-what-helps/index.html"))
    assert page.xpath(f'//a[@href="#ref-{first_key}"]'), "the example citation links to its reference"
    assert page.xpath(f'//*[@id="ref-{first_key}"]')


def title_variants(title: str) -> list[str]:
    """The title as typed, and another whose file name is the same."""
    return [title, " ".join(title.lower().replace("-", " ").split()).rstrip("?!.")]


@pytest.mark.parametrize("variant", [0, 1], ids=["same-title", "same-file-name"])
def test_title_of_an_existing_article_is_refused_and_the_file_untouched(project, variant):
    # An article of the copy named after its title, as make new-article names them.
    path, article = next(
        (path, article) for path, article in articles_in(project).items() if slugify(article.title) == Path(path).stem
    )
    title = title_variants(article.title)[variant]
    assert slugify(title) == Path(path).stem
    before, files = (project / path).read_bytes(), listing(project)

    refused = new_article(project, title)

    assert refused.returncode != 0
    assert f"new-article: {path} already exists with this title or file name; nothing was written" in refused.stderr
    assert (project / path).read_bytes() == before
    assert listing(project) == files


def test_same_title_under_another_file_name_is_refused(project):
    path, article = next(iter(articles_in(project).items()))
    renamed = project / "docs/articles/renamed.md"
    (project / path).rename(renamed)
    files = listing(project)

    refused = new_article(project, article.title.upper())

    assert refused.returncode != 0
    assert "docs/articles/renamed.md already exists" in refused.stderr
    assert listing(project) == files


@pytest.mark.parametrize(
    "title, message",
    [
        ("", "give the article's title: make new-article TITLE="),
        ("   ", "give the article's title"),
        ("?!", "the title '?!' has no letters or digits to name the file with"),
    ],
)
def test_title_without_a_slug_is_refused(project, title, message):
    files = listing(project)
    refused = new_article(project, title)
    assert refused.returncode != 0
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert listing(project) == files


def test_missing_default_author_setting_is_named(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    author = next(line for line in text.split("\n") if line.strip().startswith("default_author:"))
    config.write_text(text.replace(author + "\n", ""), encoding="utf-8")
    refused = new_article(project, "Managing Worry")
    assert refused.returncode != 0
    assert "mkdocs.yml: extra.default_author is not set" in refused.stderr


def test_every_skeleton_paragraph_and_the_description_carry_the_mark():
    source = article_source("Sleep", author="A", today=dt.date(2026, 11, 25), cite_key="inwood2018")
    body = source.split("---\n", 2)[2]
    paragraphs = [block for block in body.split("\n\n") if block.strip() and not block.lstrip().startswith("#")]
    assert len(paragraphs) == 3
    assert all(paragraph.rstrip().endswith(MARK) for paragraph in paragraphs)
    assert f'what will the reader learn? {MARK}"\n' in source
