"""Editors' ordinary pull requests keep every `live` test passing: the repository is
copied (what git tracks, with the working tree's changes), an editor's change is made
to the copy's docs/ and references.bib, and the copy's own `pytest -m live` runs there.

The edits are written against whatever the live content is when the test runs (they
find an article, its citations and the links to it; they name none), so this keeps
proving that the tests pin no content, whatever editors have changed since. A week of
pull requests, one after another, runs the copy's live tests once, with the browser's
checks of every page the week changed; its end state holds every change but the new
article, which the week takes back, so an article added in place of one of the site's,
deleted, runs them too (without the browser).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from psychoed.articles.front_matter import REVIEW_CYCLE_YEARS, is_article, years_later
from psychoed.markdown_source import PageSource
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_check import check_citations
from psychoed.references.doi_citations import doi_keys, resolve_doi_citations

TODAY = dt.date.today()
# The works a new article cites: made up, with DOIs under 10.5555, the prefix for examples.
NEW_WORKS = (
    ("Example", "Ann", 2015, "Sleep Habits and Well-Being: A Systematic Review"),
    ("Sample", "Ben", 2021, "Cognitive Behavioral Therapy for Insomnia: A Randomized Trial"),
)


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository as git would commit it now; each test edits a copy of it."""
    destination = tmp_path_factory.mktemp("repository") / "repository"
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for relative in filter(None, listed.stdout.split("\0")):
        if (ROOT / relative).is_file():  # a file deleted in the working tree is left out
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, destination / relative)
    return destination


def add_article_citing_two_new_references(project: Path) -> str:
    keys = [new_key(project, surname, year) for surname, _, year, _ in NEW_WORKS]
    bib = project / "references.bib"
    entries = "".join(
        f"\n@article{{{key},\n  author  = {{{surname}, {given}}},\n  title   = {{{title}}},\n"
        f"  journal = {{Journal of Examples}},\n  year    = {{{year}}},\n  volume  = {{12}},\n"
        f"  number  = {{3}},\n  pages   = {{45--67}},\n  doi     = {{10.5555/{key}}},\n}}\n"
        for key, (surname, given, year, title) in zip(keys, NEW_WORKS, strict=True)
    )
    bib.write_text(bib.read_text(encoding="utf-8") + entries, encoding="utf-8")
    # A file name, title and description no page has yet: each page keeps its own.
    pages = "\n".join(page_texts(project).values())
    n = next(
        n
        for n in range(1, 100)
        if f"Sleep Better? {n}" not in pages and not (project / f"docs/articles/sleep-better-{n}.md").exists()
    )
    slug = f"sleep-better-{n}"
    (project / f"docs/articles/{slug}.md").write_text(
        f"---\ntitle: How Can I Sleep Better? {n}\n"
        f"description: What research says about sleeping better, and habits that help with falling and staying asleep ({n}).\n"
        f"author: Grow True Psychology\npublished: {TODAY}\nlast_reviewed: {TODAY}\n"
        f"review_due: {years_later(TODAY, REVIEW_CYCLE_YEARS)}\n---\n\n"
        f"# How Can I Sleep Better? {n}\n\n"
        "Many people find it hard to fall asleep or to stay asleep, and poor sleep makes the day harder.\n\n"
        "## What the research says\n\n"
        f"A review found that regular habits help people fall asleep sooner [@{keys[0]}].\n\n"
        # The second by its DOI, the first way CONTRIBUTING.md shows.
        f"Therapy for insomnia helped people in a trial wake less during the night [@doi:10.5555/{keys[1]}].\n",
        encoding="utf-8",
    )
    return f"articles/{slug}.md"


def mark_an_article_reviewed(project: Path) -> str:
    src_uri = first_article(project)
    page = project / "docs" / src_uri
    front, body = split_front_matter(page.read_text(encoding="utf-8"))
    [published_on] = re.findall(r"^published: *(\S+)", front, re.MULTILINE)
    published = dt.date.fromisoformat(published_on)
    reviewed = max(TODAY, published)
    front = re.sub(r"^reviewed_by:.*\n", "", front, flags=re.MULTILINE)
    front = re.sub(
        r"^last_reviewed:.*$",
        f"last_reviewed: {reviewed}\nreviewed_by: Dr Maria Lopez, PhD",
        front,
        count=1,
        flags=re.MULTILINE,
    )
    front = re.sub(
        r"^review_due:.*$",
        f"review_due: {years_later(reviewed, min(2, REVIEW_CYCLE_YEARS))}",
        front,
        count=1,
        flags=re.MULTILINE,
    )
    page.write_text(front + body, encoding="utf-8")
    return src_uri


def reword_a_sentence(project: Path) -> str:
    src_uri = first_article(project)
    page = project / "docs" / src_uri
    front, body = split_front_matter(page.read_text(encoding="utf-8"))
    # The first line of running text: a paragraph's first sentence, reworded.
    prose = re.search(r"^(?P<first>[A-Z])(?P<rest>[a-z].*)$", body, re.MULTILINE)
    assert prose, f"{src_uri}: no paragraph to reword"
    body = body[: prose.start()] + "In short, " + prose["first"].lower() + prose["rest"] + body[prose.end() :]
    page.write_text(front + body, encoding="utf-8")
    return src_uri


def delete_a_claim_and_its_unused_reference(project: Path) -> str:
    for src_uri in articles(project):
        page = project / "docs" / src_uri
        paragraphs = page.read_text(encoding="utf-8").split("\n\n")
        cited = [index for index, paragraph in enumerate(paragraphs) if index and "[@" in paragraph]
        if cited:
            del paragraphs[cited[-1]]
            page.write_text("\n\n".join(paragraphs), encoding="utf-8")
            remove_uncited_references(project)
            return src_uri
    pytest.skip("no article cites a reference")


def rename_an_article(project: Path) -> str:
    src_uri = first_article(project)
    old = Path(src_uri).name
    new = new_slug(project, Path(src_uri).stem + "-for-everyone") + ".md"
    (project / "docs" / src_uri).rename(project / "docs" / src_uri.replace(old, new))
    # The links to it, which the build names, fixed as the editor would.
    for path in [*(project / "docs").rglob("*.md"), project / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"(?<![\w-]){re.escape(old)}", new, text), encoding="utf-8")
    return src_uri.replace(old, new)


def delete_an_article(project: Path) -> str:
    # The last of them: the week's new article is the one an editor takes back.
    src_uri = articles(project)[-1]
    (project / "docs" / src_uri).unlink()
    name = re.escape(Path(src_uri).name)
    for path in (project / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"\[([^\]]*)\]\([^)]*(?<![\w-]){name}[^)]*\)", r"\1", text), encoding="utf-8")
    remove_uncited_references(project)
    return src_uri


# Each an editor's pull request, as its title would say it.
PULL_REQUESTS: dict[str, Callable[[Path], str]] = {
    "add an article citing two new references": add_article_citing_two_new_references,
    "mark an article reviewed": mark_an_article_reviewed,
    "reword a sentence": reword_a_sentence,
    "delete a claim and its now unused reference": delete_a_claim_and_its_unused_reference,
    "rename an article": rename_an_article,
    "delete an article": delete_an_article,
}


def test_an_article_deleted_and_a_new_one_added_keep_every_live_test_passing(repository, tmp_path):
    project = shutil.copytree(repository, tmp_path / "repository")
    deleted = delete_an_article(project)  # one of the site's, and the links to it
    added = add_article_citing_two_new_references(project)

    result = run_live_tests(project, browser=False)

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    # The tests ran over the content as edited: the new page is among them, the deleted one gone.
    assert f"[{added}]" in result.stdout and f"[{deleted}]" not in result.stdout


# Each pull request's change but the new article's stays in the week's end state, which
# the live tests run over: an article of the site reviewed, reworded, a claim deleted, renamed.
def test_a_week_of_pull_requests_keeps_every_live_page_passing_the_browsers_checks(repository, tmp_path):
    project = shutil.copytree(repository, tmp_path / "repository")
    before = page_texts(project)
    pages = [edit(project) for edit in PULL_REQUESTS.values()]
    changed = sorted(src_uri for src_uri, text in page_texts(project).items() if before.get(src_uri) != text)

    # The browser's checks of the pages the week changed or added; the others, as they
    # were, are checked by this run's own browser tests.
    result = run_live_tests(project, *browser_checks_of(changed))

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert all(f"test_axe_finds_no_violation[{url(src_uri)}" in result.stdout for src_uri in changed), changed
    assert all((f"[{page}]" in result.stdout) == (project / "docs" / page).exists() for page in pages)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The copy's own live tests, with this run's interpreter and the copy's own logic (src/):
# only the files that mark tests `live` are collected (importing the others costs a second).
def run_live_tests(project: Path, *arguments: str, browser: bool = True) -> subprocess.CompletedProcess[str]:
    files = [
        path.relative_to(project).as_posix()
        for path in sorted((project / "tests").glob("test_*.py"))
        if "pytest.mark.live" in path.read_text(encoding="utf-8") and (browser or path.name != "test_browser.py")
    ]
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            "live",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-v",
            *arguments,
            *files,
        ],
        cwd=project,
        env={**env, "PYTHONPATH": str(project / "src")},
        capture_output=True,
        text=True,
        timeout=600,
    )


def page_texts(project: Path) -> dict[str, str]:
    docs = project / "docs"
    return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}


# A page's address under the site, as the browser tests name their cases.
def url(src_uri: str) -> str:
    return "" if src_uri == "index.md" else src_uri.removesuffix(".md").removesuffix("/index") + "/"


# `pytest -k`: every live test but the browser's, which run for these pages only (for
# all pages when Home, whose address is empty, is among them).
def browser_checks_of(src_uris: list[str]) -> list[str]:
    if "index.md" in src_uris:
        return []
    return ["-k", " or ".join(["not test_browser.py", *(url(src_uri) for src_uri in src_uris)])]


def articles(project: Path) -> list[str]:
    docs = project / "docs"
    found = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    articles = [src_uri for src_uri in found if is_article(src_uri)]
    if not articles:
        pytest.skip("the live site has no article to edit")
    return articles


def first_article(project: Path) -> str:
    return articles(project)[0]


def split_front_matter(source: str) -> tuple[str, str]:
    end = source.index("\n---\n", 4) + 5
    return source[:end], source[end:]


# A slug no page of the copy has yet.
def new_slug(project: Path, slug: str) -> str:
    taken = {path.stem for path in (project / "docs").rglob("*.md")}
    return next(candidate for n in range(1, 100) if (candidate := slug if n == 1 else f"{slug}-{n}") not in taken)


# A key in the house style (firstauthorYEAR) that references.bib does not hold yet.
def new_key(project: Path, surname: str, year: int) -> str:
    taken = {
        key.casefold() for key in load_bibliography(project / "references.bib", display_path="references.bib").entries
    }
    return next(key for suffix in ["", *"abcdefgh"] if (key := f"{surname.lower()}{year}{suffix}") not in taken)


# What an editor removes with the last citation of a work: its entry.
def remove_uncited_references(project: Path) -> None:
    bib = project / "references.bib"
    bibliography = load_bibliography(bib, display_path="references.bib")
    docs = project / "docs"
    # A citation by DOI cites the entry with that DOI, as the build reads it (hooks/site_checks.py).
    keys = doi_keys(bibliography.entries.values())
    pages = [
        PageSource(str(path), resolve_doi_citations(path.read_text(encoding="utf-8"), keys, blank_unknown=True))
        for path in docs.rglob("*.md")
    ]
    cited = {key for block in check_citations(pages, bibliography)[1] for key in block.keys}
    lines = bib.read_text(encoding="utf-8").split("\n")
    for entry in sorted(bibliography.entries.values(), key=lambda entry: entry.line, reverse=True):
        if entry.key not in cited:
            del lines[entry.line - 1 : entry.line - 1 + entry.text.count("\n")]
    bib.write_text("\n".join(lines), encoding="utf-8")
