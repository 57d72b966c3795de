"""Every rule CI holds an editor's content to is told first by `make check`, at its line.

RULES lists each rule with the CI tests that enforce it on the built site and the
mistake that breaks it. All mistakes are planted in one copy of the site; `make check`
must fail naming each at its line, before any test of the built site would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conftest import ARTICLE, ROOT, edit_files, line_of
from test_check import make_check

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Rule:
    name: str  # as CONTRIBUTING.md's "Content rules" table names it
    enforced_by: tuple[str, ...]  # CI tests that fail on the live site: "tests/file.py::test_name"
    # The planted mistake (file, old text, new text; old "" appends) and where make check
    # must name it (file, text on the line, message part). None: `shown_by` plants it.
    edit: tuple[str, str, str] | None = None
    expected: tuple[str, str, str] | None = None
    shown_by: str | None = None  # the test that shows make check or the build failing on it


FINDABLE = "tests/test_live_site.py::test_page_has_a_title_and_a_description_of_its_own_that_search_results_show_whole"
LIVE_BUILD = "tests/test_live_site.py::test_live_site_builds_strictly_without_a_warning"
AXE = "tests/test_browser.py::test_axe_finds_no_violation"
TEXT_WITHOUT_JS = "tests/test_browser.py::test_every_page_shows_its_text_without_javascript"

RULES = [
    Rule(
        "a description of 50 to 160 characters",
        (FINDABLE,),
        (
            "docs/disclaimer.md",
            "description: The articles on this site",
            "description: For information only.\nx: The articles on this site",
        ),
        (
            "docs/disclaimer.md",
            "description: For information only.",
            "the description is 21 characters; search results show 50 to 160: lengthen it to 50 or more",
        ),
    ),
    Rule(
        "a description of its own",
        (FINDABLE,),
        (
            "docs/privacy.md",
            "description: This website collects nothing about you.",
            "description: Who writes and reviews the articles of Grow True Psychology, how we choose and cite our sources, how often each page is reviewed, and how to report an error.\nx: This website collects nothing about you.",
        ),
        (
            "docs/privacy.md",
            "description: Who writes",
            "the description is the same as that of docs/about-our-content.md",
        ),
    ),
    Rule(
        "a title of its own",
        (FINDABLE,),
        ("docs/consultation.md", "title: Request a consultation", "title: Privacy"),
        ("docs/privacy.md", "title: Privacy", "the title 'Privacy' is also the title of docs/consultation.md"),
    ),
    Rule(
        "one '#' title, before every other heading",
        (AXE, TEXT_WITHOUT_JS),
        ("docs/index.md", "## Practices", "# Practices"),
        (
            "docs/index.md",
            "# Practices",
            "a second '#' heading, 'Practices'; a page has one '#' title (line 6): make this one '## Practices'",
        ),
    ),
    Rule(
        "no heading level skipped",
        (AXE,),
        ("docs/about-our-content.md", "## Who writes", "### Who writes"),
        (
            "docs/about-our-content.md",
            "### Who writes",
            "is '###' after a '#' heading, skipping level 2; screen readers list headings by level: write '## Who writes",
        ),
    ),
    Rule(
        "text in every heading",
        (AXE,),
        ("docs/practices/what-do-i-need.md", "", "\n## \n\nMore.\n"),
        (
            "docs/practices/what-do-i-need.md",
            "## \n\nMore.",
            "a '##' heading without text; write its text after '## ', or remove the line",
        ),
    ),
    Rule(
        "alt text on every image",
        (AXE,),
        ("docs/disclaimer.md", "", "\n![](../images/calm.png)\n"),
        (
            "docs/disclaimer.md",
            "![](../images/calm.png)",
            "the image '../images/calm.png' has no alt text, which screen readers read out",
        ),
    ),
    Rule(
        "text in every link",
        (AXE,),
        ("docs/consultation.md", "", "\nSee [](disclaimer.md).\n"),
        (
            "docs/consultation.md",
            "See [](disclaimer.md).",
            "the link to 'disclaimer.md' has no text, so a screen reader cannot name it",
        ),
    ),
    Rule(
        "a paragraph of text on every page",
        (TEXT_WITHOUT_JS,),
        (
            "docs/contact-card.md",
            "",
            "---\ntitle: Contact card\ndescription: The practice's telephone, e-mail and booking address, to print or keep on a phone.\n---\n\n# Contact card\n\n- Telephone\n- E-mail\n",
        ),
        ("docs/contact-card.md", "# Contact card", "the page has no paragraph of text, only headings, lists or HTML"),
    ),
    Rule(
        "no hand-written References heading in an article",
        (LIVE_BUILD,),
        (ARTICLE, "", "\n## References\n\n- Inwood, E., & Ferrari, M. (2018).\n"),
        (
            ARTICLE,
            "## References",
            "a 'References' heading: the build writes the article's reference list from its citations",
        ),
    ),
    Rule(
        "links lead to a page or address that exists",
        (LIVE_BUILD,),
        shown_by="tests/test_check.py::test_check_fails_on_a_misspelling_and_a_broken_link_and_names_both",
    ),
    Rule(
        "spelling",
        ("tests/test_check.py::test_check_passes_on_the_fixture_site",),
        shown_by="tests/test_check.py::test_check_fails_on_a_misspelling_and_a_broken_link_and_names_both",
    ),
    Rule(
        "citations and references.bib",
        (
            "tests/test_live_site.py::test_every_citation_of_the_page_names_a_reference",
            "tests/test_live_site.py::test_reference_is_apa_complete_keeps_the_reference_rules_and_is_cited",
        ),
        shown_by="tests/test_build_errors.py::test_bad_input_fails_build_naming_file_line_and_fix",
    ),
    Rule(
        "article front matter",
        ("tests/test_live_site.py::test_article_carries_crisis_help_call_to_action_review_line_and_disclaimer_note",),
        shown_by="tests/test_build_errors.py::test_editor_mistakes_are_each_named_at_their_line_in_one_build",
    ),
    Rule(
        "nothing loaded from other sites",
        ("tests/test_browser.py::test_page_asks_nothing_of_any_other_host",),
        ("docs/privacy.md", "", "\n![A chart of the results](https://example.org/chart.png)\n"),
        ("docs/privacy.md", "![A chart of the results]", "image 'https://example.org/chart.png' is on another site"),
    ),
]
PLANTED = [rule for rule in RULES if rule.edit]


def test_every_rule_is_named_in_contributing_with_the_tests_that_hold_it():
    table = GUIDE[GUIDE.index("### Content rules") :]
    for rule in RULES:
        assert f"| {rule.name} |" in table, rule.name
        for test in (*rule.enforced_by, *([rule.shown_by] if rule.shown_by else [])):
            path, name = test.split("::")
            assert re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.MULTILINE), test


def test_make_check_fails_at_the_line_of_each_planted_content_mistake(checkable_copy):
    edit_files(checkable_copy, [edit for rule in RULES if (edit := rule.edit)])  # PLANTED's edits

    result = make_check(checkable_copy)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "make check: fix the problems above (each names its file and line)" in output
    for rule in PLANTED:
        assert rule.expected, f"{rule.name}: a planted mistake needs where make check names it"
        name, anchor, message = rule.expected
        location = f"{name}:{line_of(checkable_copy / name, anchor)}: "
        assert any(location in row and message in row for row in output.splitlines()), (rule.name, output)
