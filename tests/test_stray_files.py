"""Files in docs/ that MkDocs would publish but the site does not mean to: each refused at
its path, with what to do, and the build stops."""

from __future__ import annotations

import pytest

from conftest import build_checks, build_site
from problem_summary import MATCHER, Annotation, annotations_in, matchers
from psychoed.problems import Problem, closing_line, logged_problem, names_a_line, report
from psychoed.stray_files import file_problem, missing_page_problems, stray_file_problems
from test_contributing import GUIDE, shape

NOT_MD = "the file is named without .md at the end, so the site would publish it as raw text, not as a page; rename it to '{}'"
IN_NO_MENU = (
    "the file is a page in no menu: the site would publish it, but nothing would lead a reader to it; "
    "if it is an article, move it into docs/articles/, else add it to nav in mkdocs.yml"
)


def copy_or_backup(marker: str) -> str:
    return (
        f"the file is named as a copy or a backup ('{marker}'), which the site would publish as well; "
        f"delete the file, or, if it is no copy, give it a name of its own without '{marker}'"
    )


@pytest.mark.parametrize(
    ("src_uri", "message"),
    [
        # Saved in the web editor without .md, or by a text editor that added .txt.
        ("articles/how-can-i-sleep-better", NOT_MD.format("how-can-i-sleep-better.md")),
        ("articles/how-can-i-sleep-better.md.txt", NOT_MD.format("how-can-i-sleep-better.md")),
        ("articles/how-can-i-sleep-better.txt", NOT_MD.format("how-can-i-sleep-better.md")),
        ("articles/how-can-i-sleep-better.MD", NOT_MD.format("how-can-i-sleep-better.md")),
        (
            "articles/sleep.markdown",
            "the file ends in '.markdown', but pages of the site end in .md; rename it to 'sleep.md'",
        ),
        # Copies a file manager, a download or an editor made.
        ("articles/how-can-i-sleep-better copy.md", copy_or_backup(" copy")),
        ("articles/how-can-i-sleep-better copy 2.md", copy_or_backup(" copy 2")),
        ("articles/how-can-i-sleep-better (1).md", copy_or_backup(" (1)")),
        ("articles/how-can-i-sleep-better - Copy.md", copy_or_backup(" - Copy")),
        ("articles/Copy of how-can-i-sleep-better.md", copy_or_backup("Copy of ")),
        ("handouts/worksheet (2).pdf", copy_or_backup(" (2)")),
        ("articles/how-can-i-sleep-better.md~", copy_or_backup("~")),
        ("articles/how-can-i-sleep-better.md.bak", copy_or_backup(".bak")),
        ("articles/how-can-i-sleep-better.md.orig", copy_or_backup(".orig")),
        ("articles/how-can-i-sleep-better.md.swp", copy_or_backup(".swp")),
        # Types the site does not serve.
        (
            "articles/sleep-notes.docx",
            (
                "the file is a word-processor document, which the site would offer as a download, not show as a page; "
                "copy its text into a page whose name ends in .md, then delete this file"
            ),
        ),
        (
            "extra/tracker.js",
            (
                "the file is of a type ('.js') the site does not publish; docs/ holds pages (.md) and "
                ".css, .png, .jpg, .jpeg, .gif, .webp, .avif, .svg, .ico, .pdf: delete the file, or ask a maintainer to allow its type"
            ),
        ),
        # A name typed as a title in GitHub's name box: it is the page's web address.
        (
            "articles/Being kind to yourself.md",
            "the page's name is its web address, articles/Being%20kind%20to%20yourself/, where spaces, capitals and accents "
            "are hard to type and share; rename it to 'articles/being-kind-to-yourself.md'",
        ),
        (
            "Über uns.md",
            "the page's name is its web address, %C3%9Cber%20uns/, where spaces, capitals and accents "
            "are hard to type and share; rename it to 'uber-uns.md'",
        ),
        (
            "articles/Being kind",
            "the file is named without .md at the end, so the site would publish it as raw text, not as a page; "
            "rename it to 'being-kind.md'",
        ),
        # What the site does hold.
        ("articles/sleep_tips.md", None),
        ("stylesheets/extra.css", None),
        ("images/calm-lake.JPG", None),
        ("handouts/self-compassion-worksheet.pdf", None),
        ("articles/how-can-i-sleep-better.md", None),
    ],
)
def test_each_file_the_site_would_publish_by_mistake_is_told_what_to_do(src_uri, message):
    assert file_problem(src_uri, listed=True) == message


def test_a_page_in_no_menu_is_told_to_move_into_articles_or_join_the_nav():
    assert file_problem("how-can-i-sleep-better.md", listed=False) == IN_NO_MENU
    # A practice is listed by hand in the menu: the line to add.
    assert str(file_problem("practices/five-senses.md", listed=False)).endswith(
        "in mkdocs.yml, under '- Practices:', add the line '      - practices/five-senses.md'"
    )
    # Anything but a page is linked from a page, never from the menu.
    assert file_problem("images/calm-lake.png", listed=False) is None


NAV = [
    {"Home": "index.md"},
    {"Articles": "articles/"},
    {"Practices": [{"Breathing": "practices/breathing.md"}, "https://example.org/"]},
]


@pytest.mark.parametrize(
    ("src_uri", "listed"),
    [
        ("index.md", True),
        ("practices/breathing.md", True),  # in a section of the nav
        ("articles/how-can-i-sleep-better.md", True),  # the folder hooks/article_list.py fills
        ("articles/sleep/how-can-i-sleep-better.md", True),
        ("privacy.md", True),  # not_in_nav
        ("how-can-i-sleep-better.md", False),  # an article saved in docs/, not docs/articles/
        ("practices/how-can-i-sleep-better.md", False),
    ],
)
def test_a_page_is_in_a_menu_when_the_nav_names_it_or_its_folder_or_not_in_nav_keeps_it_out(src_uri, listed):
    problems = stray_file_problems([src_uri], nav=NAV, not_in_nav={"privacy.md"}, docs_path="docs")
    assert [(problem.path, problem.line, problem.message) for problem in problems] == (
        [] if listed else [(f"docs/{src_uri}", None, file_problem(src_uri, listed=False))]
    )


MKDOCS_YML = """nav:
  - Home: index.md
  - Articles: articles/
  - Practices:
      - Breathing: practices/breathing.md
      - https://example.org/
"""


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        (["index.md", "practices/breathing.md"], None),
        # renamed in GitHub's web editor: the new name is the page the menu lacks
        (
            ["index.md", "practices/breathe-slowly.md"],
            "mkdocs.yml:5: the menu (nav) lists 'practices/breathing.md', which is no page of docs/ (renamed or deleted?); "
            "if the page is now 'practices/breathe-slowly.md', write that name here; if it was deleted, delete this line",
        ),
        (
            ["index.md"],
            "mkdocs.yml:5: the menu (nav) lists 'practices/breathing.md', which is no page of docs/ (renamed or deleted?); "
            "write the page's name as it is in docs/, or delete this line if the page was deleted",
        ),
    ],
)
def test_a_menu_entry_for_a_page_renamed_or_deleted_is_told_at_its_line_with_the_new_name(pages, message):
    problems = missing_page_problems(pages, nav=NAV, not_in_nav=set(), config_path="mkdocs.yml", config_text=MKDOCS_YML)
    assert [str(problem) for problem in problems] == ([message] if message else [])


def test_without_a_nav_mkdocs_lists_every_page():
    assert stray_file_problems(["how-can-i-sleep-better.md"], nav=None, not_in_nav=set(), docs_path="docs") == []


def test_a_file_problem_is_shown_at_its_path_without_a_line():
    [problem] = stray_file_problems(["articles/how-can-i-sleep-better"], nav=NAV, not_in_nav=set(), docs_path="docs")
    assert str(problem) == "docs/articles/how-can-i-sleep-better: " + NOT_MD.format("how-can-i-sleep-better.md")


def test_the_count_says_how_many_problems_are_about_a_whole_file():
    [stray] = stray_file_problems(["how-can-i-rest.md"], nav=NAV, not_in_nav=set(), docs_path="docs")
    text = report([stray, Problem("docs/index.md", 3, "a"), Problem("docs/index.md", 5, "b")])
    assert text.splitlines()[0] == (
        "3 problems to fix before the site can build (3 errors; 1 of them about a whole file, with no line):"
    )
    assert text.splitlines()[1] == f"  docs/how-can-i-rest.md: {IN_NO_MENU}"


STRAY = {
    "docs/articles/how-can-i-sleep-better": NOT_MD.format("how-can-i-sleep-better.md"),
    "docs/articles/how-can-self-compassion-help-me copy.md": copy_or_backup(" copy"),
    "docs/how-can-i-rest.md": IN_NO_MENU,
    "docs/privacy.md~": copy_or_backup("~"),
}


def test_stray_files_stop_the_build_each_at_its_path_annotated_and_explained(site_copy):
    article = (site_copy / "docs/articles/how-can-self-compassion-help-me.md").read_text(encoding="utf-8")
    for path in STRAY:
        (site_copy / path).write_text(article, encoding="utf-8")
    # An article saved in docs/, sound but for its place.
    (site_copy / "docs/how-can-i-rest.md").write_text(
        "---\ntitle: How Can I Rest?\ndescription: Why rest helps with stress, and three ways to rest a little every day.\n---\n\n"
        "# How Can I Rest?\n\nRest helps.\n",
        encoding="utf-8",
    )
    # What the site does publish: a picture and a handout beside the pages.
    (site_copy / "docs/images").mkdir()
    (site_copy / "docs/images/calm-lake.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site_copy / "docs/handouts").mkdir()
    (site_copy / "docs/handouts/worksheet.pdf").write_bytes(b"%PDF-1.7\n")

    build = build_site(site_copy)

    assert build.returncode == 1 and "Traceback" not in build.stderr
    # None has a line: the count says so, and no one looks for one.
    assert (
        f"{len(STRAY)} problems to fix before the site can build ({len(STRAY)} errors; {len(STRAY)} of them about a whole file, with no line):"
        in build.stderr
    )
    for path, message in STRAY.items():
        assert f"\n  {path}: {message}\n" in build.stderr
    # Only the file's own problem: a copy's title is not told as the original's duplicate.
    assert "is also the title of" not in build.stderr
    # On the pull request, each at its file; and CONTRIBUTING.md says what each means.
    assert annotations_in(build.stderr, matchers(MATCHER)) == [
        Annotation(path, None, "error", message) for path, message in sorted(STRAY.items())
    ]
    for message in set(STRAY.values()):
        assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# An article renamed without its .md (GitHub's name box keeps what is typed): the works it
# cites or means are not told "not cited, or remove it"; renaming it as told cites them again.
def test_works_cited_by_a_page_saved_without_md_are_not_told_to_be_removed(site_copy):
    article = site_copy / "docs/articles/how-can-self-compassion-help-me.md"
    # one of its citations mistyped too: the work it means is not "uncited" either
    article.write_text(article.read_text(encoding="utf-8").replace("[@yip2021]", "[@yip2012]", 1), encoding="utf-8")
    article.rename(article.with_suffix(""))
    told = [str(problem) for problem in build_checks(site_copy)]
    assert any("how-can-self-compassion-help-me: the file is named without .md" in problem for problem in told)
    assert not [problem for problem in told if "is not cited by any page" in problem], told


# A page renamed in GitHub's web editor, with another mistake on the branch: one build tells
# all of it (the menu's line, the links to the old name, the page in no menu, the key).
def test_a_renamed_page_is_told_whole_in_one_build(site_copy):
    old, new = site_copy / "docs/practices/what-do-i-need.md", site_copy / "docs/practices/what-i-need.md"
    old.rename(new)
    article = site_copy / "docs/articles/how-can-self-compassion-help-me.md"
    article.write_text(article.read_text(encoding="utf-8").replace("[@yip2021]", "[@yip2020]", 1), encoding="utf-8")

    build = build_site(site_copy)

    assert build.returncode == 1 and "Traceback" not in build.stderr
    told = build.stderr.split("\n\nAborted")[0]
    assert (
        "mkdocs.yml:" in told
        and "lists 'practices/what-do-i-need.md'" in told
        and "now 'practices/what-i-need.md'" in told
    )
    assert (
        "docs/practices/what-i-need.md: the file is a practice in no menu: the site would publish it, but nothing "
        "would lead a reader to it; in mkdocs.yml, under '- Practices:', add the line '      - practices/what-i-need.md'"
    ) in told
    assert "unknown citation key 'yip2020'" in told
    assert "contains a link '../practices/what-do-i-need.md'" in told
    # MkDocs' own report of the menu's entry never comes: it was told, with its fix.
    assert "is included in the 'nav' configuration" not in build.stderr


@pytest.mark.parametrize(
    "without_line, closing",
    [
        (0, "Aborted with 2 errors: fix each one listed above at its file and line, then build again"),
        (1, "Aborted with 2 errors (1 of them with no line): fix each one listed above, then build again"),
    ],
)
def test_the_closing_line_promises_a_line_only_when_each_has_one(without_line, closing):
    assert closing_line(2, without_line=without_line) == closing


@pytest.mark.parametrize(
    "message, with_line",
    [
        ("docs/index.md:14: Doc file 'index.md' contains a link 'x.md'", True),
        ("docs/articles/sleep copy.md:3: the heading", True),
        ("docs/how-can-i-rest.md: the file is a page in no menu", False),
        ("Excluding 'README.md' from the site because it conflicts with 'index.md'.", False),
    ],
)
def test_a_message_names_a_line_when_it_starts_path_line(message, with_line):
    assert names_a_line(message) is with_line


def test_a_mkdocs_warning_with_no_line_is_counted_so_in_the_closing_line(site_copy):
    # MkDocs leaves a README.md beside index.md out, with a warning that names no line.
    (site_copy / "docs/README.md").write_text("# About this folder\n\nNotes.\n", encoding="utf-8")

    build = build_site(site_copy)

    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.stderr.rstrip().endswith(
        "Aborted with 2 errors (2 of them with no line): fix each one listed above, then build again"
    )


# MkDocs' link warnings, located by warning_locations.py, joined to the checks' report when
# the checks stop a build: as the problems they are, counted alike.
@pytest.mark.parametrize(
    ("message", "path", "line"),
    [
        (
            "docs/index.md:22: Doc file 'index.md' contains a link 'x.md', but the target is not found",
            "docs/index.md",
            22,
        ),
        (
            "docs/index.md: Doc file 'index.md' contains an absolute link '/abs', it was left as is.",
            "docs/index.md",
            None,
        ),
        ("Doc file 'gone.md' contains a link 'x.md', but the target is not found", "", None),
    ],
)
def test_a_logged_warning_is_the_problem_at_the_file_and_line_it_names(message, path, line):
    problem = logged_problem(message, warning=False)
    assert (problem.path, problem.line, problem.warning) == (path, line, False)
    assert str(problem) == message
