"""What an editor's pull request gets from the pages: an edit link on every page, and a
preview build that says so and stays out of search results."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from conftest import EDIT_REPOSITORY, FIXTURE_SITE, build_checks, build_site
from psychoed.pages.edit_link import edit_repository, edit_repository_problems, edit_url
from psychoed.pages.previews import preview_number, robots_txt

SITE_URL = "https://psychoeducation.example.org/"
MARKDOWN = sorted(path.relative_to(FIXTURE_SITE / "docs").as_posix() for path in (FIXTURE_SITE / "docs").rglob("*.md"))
BANNER = "Preview of pull request #12 — not the published site"


def built_page(site: Path, src_uri: str) -> html.HtmlElement:
    """The built page of docs/<src_uri>, with MkDocs' directory URLs."""
    folder = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return html.parse(str(site / folder / "index.html")).getroot()


def edit_links(page: html.HtmlElement) -> list[str]:
    return page.xpath("//a[@rel='edit']/@href")


# ---------------------------------------------------------------------------------------
# The edit link
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("src_uri", MARKDOWN)
def test_every_markdown_page_links_to_its_file_in_githubs_web_editor(fixture_site, src_uri):
    page = built_page(fixture_site, src_uri)
    assert edit_links(page) == [f"https://github.com/{EDIT_REPOSITORY}/edit/main/docs/{src_uri}"]
    # Material's repository widget (repo_url) would make the reader's browser ask GitHub's API.
    assert page.xpath("//*[contains(@class, 'md-source')]") == []


def test_the_setting_wins_over_githubs_variable_and_neither_means_no_link():
    environ = {"GITHUB_REPOSITORY": "someone/fork"}
    assert (
        edit_repository({"edit_repository": " GrowTrue/psychoeducation "}, environ=environ)
        == "GrowTrue/psychoeducation"
    )
    assert edit_repository({}, environ=environ) == "someone/fork"
    assert edit_repository({}, environ={}) is None
    assert edit_repository({}, environ={"GITHUB_REPOSITORY": ""}) is None


def test_a_file_name_with_spaces_is_escaped_in_the_edit_address():
    url = edit_url(repository="GrowTrue/psychoeducation", docs_dir="docs", src_uri="articles/sleep and worry.md")
    assert url == "https://github.com/GrowTrue/psychoeducation/edit/main/docs/articles/sleep%20and%20worry.md"


@pytest.mark.parametrize(
    "value",
    [
        "https://github.com/GrowTrue/psychoeducation",  # the address pasted from the browser
        "psychoeducation",  # the name without its owner
        "GrowTrue/psychoeducation/tree/main",
    ],
)
def test_an_edit_repository_that_is_not_owner_slash_name_is_a_problem(value):
    [problem] = edit_repository_problems({"edit_repository": value})
    assert problem.setting == "extra.edit_repository"
    assert problem.message.startswith(f"'{value}' is not a GitHub repository; write it as owner/name")


def test_a_local_build_without_a_repository_has_no_edit_link(site_copy):
    build = build_site(site_copy, env={"GITHUB_REPOSITORY": "", "PREVIEW_PR": ""})
    assert build.returncode == 0, build.stderr
    assert all(edit_links(built_page(site_copy / "site", src_uri)) == [] for src_uri in MARKDOWN)


def test_a_pasted_address_as_edit_repository_is_a_problem_at_its_line(site_copy):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  # edit_repository: GrowTrue/psychoeducation",
            "  edit_repository: https://github.com/GrowTrue/psychoeducation",
        ),
        encoding="utf-8",
    )
    line = 1 + config.read_text(encoding="utf-8").splitlines().index(
        "  edit_repository: https://github.com/GrowTrue/psychoeducation"
    )

    # An error, not a warning: it stops the build.
    problems = [str(problem) for problem in build_checks(site_copy) if not (problem.notice or problem.warning)]

    expected = f"mkdocs.yml:{line}: extra.edit_repository: 'https://github.com/GrowTrue/psychoeducation' is not a GitHub repository; write it as owner/name"
    assert [problem for problem in problems if problem.startswith(expected)], problems


# ---------------------------------------------------------------------------------------
# The preview build
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def preview_site(fixture_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built as CI builds pull request #12's preview."""
    site = tmp_path_factory.mktemp("preview")
    build = build_site(fixture_project, site_dir=site, env={"PREVIEW_PR": "12", "GITHUB_REPOSITORY": EDIT_REPOSITORY})
    assert build.returncode == 0, build.stderr
    return site


def robots_meta(page: html.HtmlElement) -> list[str]:
    return page.xpath("/html/head/meta[@name='robots']/@content")


def banner(page: html.HtmlElement) -> list[str]:
    return [text.strip() for text in page.xpath("//aside[contains(@class, 'md-banner')]//text()") if text.strip()]


@pytest.mark.parametrize("src_uri", MARKDOWN)
def test_every_preview_page_has_the_banner_and_noindex_and_canonical_to_the_live_site(preview_site, src_uri):
    page = built_page(preview_site, src_uri)
    assert robots_meta(page) == ["noindex"]
    assert banner(page) == [BANNER]
    [canonical] = page.xpath("/html/head/link[@rel='canonical']/@href")
    assert canonical.startswith(SITE_URL) and "pr-preview" not in canonical
    assert urlsplit(canonical).path == "/" + src_uri.removesuffix(".md").removesuffix("index").rstrip("/") + (
        "/" if src_uri != "index.md" else ""
    )


def test_the_preview_404_page_has_the_banner_and_one_noindex(preview_site):
    page = html.parse(str(preview_site / "404.html")).getroot()
    assert robots_meta(page) == ["noindex"]
    assert banner(page) == [BANNER]


@pytest.mark.parametrize("src_uri", MARKDOWN)
def test_the_published_site_has_no_banner_and_may_be_indexed(fixture_site, src_uri):
    page = built_page(fixture_site, src_uri)
    assert robots_meta(page) == []
    assert page.xpath("//aside[contains(@class, 'md-banner')]") == []


@pytest.mark.parametrize(("value", "number"), [("12", 12), (" 7\n", 7), ("", None), (None, None)])
def test_preview_pr_is_the_pull_requests_number_or_unset(value, number):
    assert preview_number(value) == (number, None)


@pytest.mark.parametrize("value", ["#12", "pr-12", "0", "12.0", "²"])
def test_a_preview_pr_that_is_no_number_says_what_to_set(value):
    number, problem = preview_number(value)
    assert number is None
    assert problem and problem.startswith(
        f"PREVIEW_PR is '{value}', not a pull request number; set it to the number alone (PREVIEW_PR=12)"
    )


def test_a_preview_pr_that_is_no_number_fails_the_build_saying_what_to_set(site_copy):
    build = build_site(site_copy, env={"PREVIEW_PR": "#12"})
    assert build.returncode == 1
    assert "PREVIEW_PR is '#12', not a pull request number; set it to the number alone (PREVIEW_PR=12)" in build.stderr
    assert "Traceback" not in build.stderr


@pytest.mark.parametrize(
    ("site_url", "disallowed", "sitemap"),
    [
        ("https://psychoeducation.example.org/", "/pr-preview/", "https://psychoeducation.example.org/sitemap.xml"),
        # A project site: previews live under the repository's path.
        (
            "https://growtrue.github.io/psychoeducation/",
            "/psychoeducation/pr-preview/",
            "https://growtrue.github.io/psychoeducation/sitemap.xml",
        ),
    ],
)
def test_robots_txt_disallows_the_previews_under_the_site(site_url, disallowed, sitemap):
    robots = robots_txt(site_url).splitlines()
    assert robots[:3] == ["User-agent: *", f"Disallow: {disallowed}", "Allow: /"]
    assert robots[-1] == f"Sitemap: {sitemap}"
