"""CONTRIBUTING.md stays true: its examples build, and it explains every message it quotes.

Each scenario breaks a copy of the site the way an editor might; every message the build
prints (its checks' messages, found in process, and MkDocs' own warnings, from a build)
must appear, word for word, in CONTRIBUTING.md's tables.
"""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path

import pytest
from lxml import html

from conftest import ARTICLE, ROOT, build_checks, build_site
from psychoed.articles.placeholders import MARK
from psychoed.references.bibliography import check_bibliography
from psychoed.references.bibtex_plugin import NO_BIBLIOGRAPHY
from psychoed.settings.config_file import missing_hooks_problem
from psychoed.settings.theme_settings import theme_problems
from test_article_notes import (
    CTA_TEXT_MISTAKES,
    DATES_AS_TEXT,
    REVIEW_DATES,
    UNKNOWN_FIELDS,
    VALUE_MISTAKES,
    WEIGHT_NOT_A_NUMBER,
)
from test_bibliography import EDITION_IN_TITLE, NAME_TWO_WAYS
from test_citation_check import (
    DOUBLED_AT,
    LOCATOR_SLIP,
    PAGE_WITHOUT_COMMA,
    PASTED_ENTRY,
    SPREAD_RANGE,
    TYPED_AMBIGUOUS,
    TYPED_CITATION,
    TYPED_NARRATIVE,
    TYPED_NARRATIVE_TWO,
    TYPED_UNKNOWN,
    UNCLOSED,
    YEAR_AS_PAGE,
)
from test_content_rules import CITED_IN_DESCRIPTION, RETITLED
from test_misread_markdown import TYPED_DASH
from test_page_mistakes import make_page_mistakes
from test_placeholders import LEFT_OVER
from test_reserved_values import RESERVED, SITE_URL_EXAMPLE, SITE_URL_VARIABLE
from test_site_settings import BAD_SETTINGS
from test_theme_overrides import MISSING_PARENT, TEMPLATE_MISTAKES

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def shape(text: str) -> str:
    """A message with its particulars (quoted values, cited keys, numbers) blanked out."""
    return re.sub(r"\d+", "0", re.sub(r"\[@[\w-]+\]", "[@…]", re.sub(r"'[^'\n]*'", "'…'", text)))


# `path:line: message` lines of the checks hook and of MkDocs' located warnings.
_LOCATED = re.compile(r"^(?:\s+|(?:ERROR|WARNING)\s+-\s+)[\w./-]+:\d+: (?P<message>.+)$", re.MULTILINE)


def edit(path: Path, *replacements: tuple[str, str], append: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text + append, encoding="utf-8")


def front_matter_and_citation_mistakes(project: Path) -> None:
    edit(
        project / ARTICLE,
        ("[@inwood2018]", "[@inwod2018]"),
        ("[@yela2022]", "[@Yela2022]"),
        ("description: What research", "descripton: What research"),
        ("last_reviewed: 2026-11-25", "last_reviewed: 25/11/2026"),
    )
    (project / "docs/articles/worry.md").write_text(
        "---\ntitle: Worry: What Helps?\n---\n\n# Worry\n", encoding="utf-8"
    )
    (project / "docs/articles/sleep.md").write_text(
        "---\ntitle: Sleep\ndescription: Sleep well.\nauthor: A\npublished: 2026-11-25\nlast_reviewed: 2026-11-20\n"
        "review_due: 2026-11-20\n---\n\n# Sleep\n",
        encoding="utf-8",
    )
    (project / "docs/articles/rest.md").write_text("# Rest\n\nNo front matter.\n", encoding="utf-8")
    edit(
        project / "references.bib",
        ("10.1111/papt.12375", "https://doi.org/10.1111/papt.12375"),
        ("  pages   = {593--609},\n", ""),
        ("year    = {2018}", "year    = {2018a}"),
        append="\n@article{neff2003,\n  author  = {Neff, Kristin},\n  title   = {Self-Compassion},\n"
        "  journal = {Self and Identity},\n  year    = {2003},\n  volume  = {2},\n  pages   = {85--101},\n}\n",
    )


def review_cycle_and_bare_citation(project: Path) -> None:
    edit(
        project / ARTICLE,
        ("review_due: 2029-11-25", "review_due: 2030-11-25"),
        append="\nAs @inwood2018 showed, it helps [@doi:10.1037/a0035173].\n",
    )


def bibliography_syntax_mistakes(project: Path) -> None:
    edit(
        project / "references.bib",
        ("  volume  = {10},\n", "  volume  = {10}\n"),
        ("@article{yip2021", "@article{Inwood2018"),
    )


def missing_closing_brace(project: Path) -> None:
    edit(project / "references.bib", ("  doi     = {10.1111/aphw.12127},\n}", "  doi     = {10.1111/aphw.12127},\n"))


def broken_links(project: Path) -> None:
    edit(
        project / ARTICLE,
        ("## What the research says", "## What research says"),
        append="\nSee [the practice](../practices/what-i-need.md) and [the disclaimer](../disclaimer.md#crisis).\n"
        "As [the research above](#what-the-research-says) shows.\n",
    )


def remote_loads(project: Path) -> None:
    edit(project / ARTICLE, append="\n![A chart of the results](https://example.org/chart.png)\n")
    edit(
        project / "docs/disclaimer.md",
        append=(
            '\n<iframe width="560" height="315" src="https://www.youtube.com/embed/inpok4MKVLM" title="YouTube video player" allowfullscreen></iframe>\n'
            '\n<img src="http://example.org/lake.jpg" alt="A calm lake">\n'
        ),
    )


def blocked_markup(project: Path) -> None:
    edit(
        project / ARTICLE,
        append=(
            '\n<p style="color: red">We are closed from 24 December.</p>\n'
            "\n<style>.md-typeset h2 { color: teal; }</style>\n"
            '\n<button onclick="window.print()">Print this worksheet</button>\n'
            "\n[Print this page](javascript:window.print())\n"
            "\n<script>document.write(new Date().getFullYear());</script>\n"
            '\n<form action="https://growtrue.us21.list-manage.com/subscribe/post"><input type="email" name="EMAIL"></form>\n'
            '\n<audio controls src="../assets/breathing-space.mp3"></audio>\n'
        ),
    )


# The number of errors each scenario makes at least (warnings come on top). The build's
# checks give them in process (conftest.build_checks), each as the build prints it.
@pytest.mark.parametrize(
    "break_site, count",
    [
        (front_matter_and_citation_mistakes, 11),
        (review_cycle_and_bare_citation, 3),
        (bibliography_syntax_mistakes, 2),
        (missing_closing_brace, 1),
        (remote_loads, 3),
        (blocked_markup, 7),
        (make_page_mistakes, 23),
    ],
)
def test_every_message_of_the_build_checks_is_explained_in_contributing(site_copy, break_site, count):
    break_site(site_copy)

    problems = [problem for problem in build_checks(site_copy) if not problem.notice]

    # Those at a line, as the build prints them: `path:line: message`.
    messages = {problem.message for problem in problems if problem.line is not None}
    assert len(messages) >= count, problems
    for message in messages:
        assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# MkDocs' own warnings, at their lines, from a real build.
def test_every_link_warning_of_the_build_is_explained_in_contributing(site_copy):
    broken_links(site_copy)

    build = build_site(site_copy)

    assert build.returncode == 1
    messages = {m.group("message") for m in _LOCATED.finditer(build.stderr)}
    assert len(messages) >= 2, build.stderr
    for message in messages:
        quoted = message[message.index("contains a link") :] if message.startswith("Doc file") else message
        assert shape(quoted) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# A title's message about a '.' pandoc reads as a sentence's end (an initial's, an
# abbreviation's), as tests/test_apa_references.py pins it against pandoc's output.
def _title_message(title: str) -> str:
    entry = f"@book{{x2020,\n  author = {{Doe, Jane}},\n  title = {{{title}}},\n  publisher = {{Norton}},\n  year = {{2020}},\n}}\n"
    [problem] = check_bibliography(entry, display_path="references.bib").problems
    return problem.message.split(": ", 1)[1]


# Brace slips typed in the browser: a value left open, a brace opened inside it left open,
# a '}' too many, an entry pasted only in part; each told at its line, as the build words it.
BRACE_SLIPS = (
    "@book{herman1992,\n",
    "@article{\n",
    "@article{x2020,\n  title = {Open,\n  year = {2020},\n}\n",
    "@article{x2020,\n  title = {Among {U.S. adults: A survey},\n  year = {2020},\n}\n",
    "@article{x2020,\n  title = {Among {U.S. adults}}: A survey},\n  year = {2020},\n}\n",
    "@article{x2020, title = {Among {U.S. adults: A survey}, journal = {Sleep}, year = {2020}}\n",
)


def _brace_messages(source: str) -> list[str]:
    problems = check_bibliography(source, display_path="references.bib").problems
    return [
        problem.message
        for problem in problems
        if "brace" in problem.message or "ends the entry" in problem.message or "pasted only in part" in problem.message
    ]


# The messages of the checks of placeholders, review dates, consultation_text and
# date_format, exact in their own tests' tables: explained here too (a build of each
# would add nothing, and dates after today could not be planted without the real date).
PLAIN_MESSAGES = [
    *(message for _, message in LEFT_OVER),
    *map(
        _title_message,
        (
            "The Legacy of Aaron T. Beck: Cognitive Therapy at 50",
            "{U.S.} and World Population Clock",
            "Grief: Revisited",
            "Grief---The First Year",
            "Grief---the first year",
            "Manual for the Beck Scale for Suicide Ideation",
            "B. F. Skinner",
        ),
    ),
    *(message for source in BRACE_SLIPS for message in _brace_messages(source)),
    *(message.split(": ", 1)[1] for _, expected in REVIEW_DATES for message in expected),
    *(message.split(": ", 1)[1] for _, message in CTA_TEXT_MISTAKES if "YAML reads" not in message),
    *(message for _, message in DATES_AS_TEXT),
    *(message for _, message in UNKNOWN_FIELDS),
    *(message.split(": ", 1)[1] for _, message in VALUE_MISTAKES),
    WEIGHT_NOT_A_NUMBER,
    *(
        f"{setting}: {message}"
        for path, value, setting, message in BAD_SETTINGS
        if path == "date_format" and isinstance(value, str)
    ),
    *(f"{setting}: {message}" for setting, _, message in RESERVED if message),
    SITE_URL_EXAMPLE,
    SITE_URL_VARIABLE,
    RETITLED,
    CITED_IN_DESCRIPTION,
    UNCLOSED,
    *(message for _, _, message in TEMPLATE_MISTAKES),
    MISSING_PARENT,
    str(missing_hooks_problem([], path="mkdocs.yml", text="site_name: x\n")).split(": ", 1)[1],
    NO_BIBLIOGRAPHY,
    YEAR_AS_PAGE,
    LOCATOR_SLIP,
    SPREAD_RANGE,
    TYPED_DASH,
    PAGE_WITHOUT_COMMA,
    DOUBLED_AT,
    PASTED_ENTRY,
    TYPED_AMBIGUOUS,
    TYPED_NARRATIVE,
    TYPED_NARRATIVE_TWO,
    TYPED_CITATION,
    TYPED_UNKNOWN,
    EDITION_IN_TITLE.split(": ", 1)[1],
    NAME_TWO_WAYS,
    *(
        problem.message
        for problem in check_bibliography(
            "@article{inwood2018\n  title = {T},\n}\n", display_path="references.bib"
        ).problems
    ),
    *(
        problem.message
        for problem in check_bibliography(
            "@online{adaa2022,\n  author = {Anxiety and Depression Association of America},\n  title = {Anxiety},\n"
            "  url = {https://adaa.org/anxiety},\n  year = {2022},\n}\n"
            "@book{linehan2015,\n  author = {Linehan, Marsha M.},\n  title = {DBT Skills Training Manual},\n"
            "  edtion = {2},\n  publisher = {Guilford Press},\n  year = {2015},\n}\n"
            "@book{linehanDBTSkillsTraining2015,\n  author = {Linehan, Marsha M.},\n  title = {DBT Skills Training Manual},\n"
            "  edition = {2},\n  publisher = {Guilford Press},\n  year = {2015},\n}\n",
            display_path="references.bib",
        ).problems
    ),
    *(
        problem.message
        for problem in check_bibliography(
            "@article{harvey2002,\n  author = {Harvey, Allison G.},\n  title = {T},\n  journal = {J},\n  year = {2002},\n"
            "  volume = {Vol. 40},\n  number = {Issue 8},\n  pages = {pp. 869-893},\n  doi = {10.1000/x},\n}\n"
            "@article{alvaro2013,\n  author = {Alvaro, Pasquale K.},\n  title = {T},\n  journal = {J},\n  year = {2013},\n"
            "  volume = {36(7)},\n  number = {1-3},\n  pages = {1059--1068},\n  doi = {10.1000/y},\n}\n",
            display_path="references.bib",
        ).problems
    ),
]


@pytest.mark.parametrize("message", PLAIN_MESSAGES)
def test_every_message_of_the_newer_checks_is_explained_in_contributing(message):
    assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# The theme's settings' messages, made in the test: the closest icon's is found among
# Material's 14,000 icons (0.4 CPU-seconds), which collection would pay in every worker.
def test_every_message_of_the_theme_settings_is_explained_in_contributing():
    problems = theme_problems(
        {"palette": [{"toggle": {"icon": "aterial/brightness-4"}}, {"toggle": {"icon": None}}]},
        name="material",
        dirs=[str(importlib.resources.files("material") / "templates")],
    ) + theme_problems({}, name="readthedocs", dirs=[], stylesheets=[{"stylesheets/extra.css": None}])
    assert len(problems) == 4, problems
    for message in map(str, problems):
        assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


def test_citation_example_in_contributing_is_shown_as_written_on_a_page(site_copy):
    [example] = [
        block
        for block in re.findall(r"^```markdown\n.*?^```\n", GUIDE, re.MULTILINE | re.DOTALL)
        if "[@inwood2018]" in block
    ]
    edit(site_copy / "docs/disclaimer.md", append=f"\n## How to cite\n\n{example}")

    build = build_site(site_copy)

    assert build.returncode == 0, build.stderr
    page = html.parse(str(site_copy / "site/disclaimer/index.html"))
    code = page.xpath('//h2[@id="how-to-cite"]/following-sibling::*//code')[0].text_content()
    assert "One systematic review [@doi:10.1111/aphw.12127] found" in code and "by its key: [@inwood2018]" in code
    assert "[see @yip2021, p. 3]" in code


def template(fence: str) -> str:
    """The template to copy from CONTRIBUTING.md's "Templates to copy" (the block that cites
    or names the key familyYYYY)."""
    [block] = [
        block
        for block in re.findall(rf"^```{fence}\n(.*?)^```\n", GUIDE, re.MULTILINE | re.DOTALL)
        if "familyYYYY" in block
    ]
    return block


# The templates as the guide says to fill them in: dates, the key, the fields in CAPITALS.
FILLED = (
    ("published: YYYY-MM-DD", "published: 2026-11-25"),
    ("last_reviewed: YYYY-MM-DD", "last_reviewed: 2026-11-25"),
    ("review_due: YYYY-MM-DD", "review_due: 2029-11-25"),
    ("familyYYYY", "walker2017"),
    ("FAMILY, GIVEN NAMES and FAMILY, GIVEN NAMES", "Walker, Matthew P."),
    ("TITLE OF THE ARTICLE", "Why We Sleep"),
    ("NAME OF THE JOURNAL", "Sleep Health"),
    ("{YYYY}", "{2017}"),
    ("{VOLUME}", "{3}"),
    ("{ISSUE}", "{2}"),
    ("FIRST--LAST", "104--110"),
    ("10.xxxx/xxxxx", "10.1016/j.sleh.2017.01.004"),
)


# The editor's own words, in the order of the template's marked texts: the description,
# the introduction, the research (citing the entry), what to try.
OWN_WORDS = (
    "description: What research says about sleeping better, and small changes that help.",
    "Many people sleep badly in times of worry. Small, regular habits can help.",
    "One review found that regular times to get up help people sleep better [@walker2017].",
    "Get up at the same time every day, even after a poor night.",
)


@pytest.mark.parametrize("filled", [False, True], ids=["as copied", "filled in"])
def test_templates_to_copy_build_only_once_filled_in(site_copy, filled):
    article, entry = template("markdown"), template("bibtex")
    for placeholder, value in FILLED if filled else ():
        article, entry = article.replace(placeholder, value), entry.replace(placeholder, value)
    if filled:  # and every text marked (Replace this.) written over with the editor's own
        own = iter(OWN_WORDS)
        article = "\n".join(next(own) if MARK in line else line for line in article.split("\n"))
    (site_copy / "docs/articles/how-can-i-sleep-better.md").write_text(article, encoding="utf-8")
    edit(site_copy / "references.bib", append="\n" + entry)

    build = build_site(site_copy)

    if filled:
        assert build.returncode == 0, build.stderr
        return
    # Each blank of the templates told at its line, with what to write.
    assert build.returncode == 1 and "Traceback" not in build.stderr
    told = [line.split(": ", 1)[0].strip() for line in build.stderr.splitlines() if line.startswith("  ")]
    bib_lines = (site_copy / "references.bib").read_text(encoding="utf-8").splitlines()
    entry_line = 1 + bib_lines.index("@article{familyYYYY,")
    fields = range(entry_line + 1, len(bib_lines))  # every field: author to doi
    blanks = [number for number, line in enumerate(article.split("\n"), 1) if MARK in line or "YYYY-MM-DD" in line]
    assert told == [f"docs/articles/how-can-i-sleep-better.md:{line}" for line in blanks] + [
        f"references.bib:{line}" for line in fields
    ]
    for message in (m.group("message") for m in _LOCATED.finditer(build.stderr)):
        assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# "Writing in Markdown" shows what the site reads: built into a page, each kind of Markdown
# it shows renders as it says, and the checks find nothing to tell.
def test_the_markdown_example_builds_as_the_guide_says(site_copy):
    section = GUIDE[GUIDE.index("### Writing in Markdown") :]
    [example] = re.findall(r"^```markdown\n(.*?)^```\n", section, re.MULTILINE | re.DOTALL)[:1]
    edit(site_copy / ARTICLE, append=f"\n{example}")

    build = build_site(site_copy)

    assert build.returncode == 0, build.stderr
    page = html.parse(str(site_copy / "site/articles/how-can-self-compassion-help-me/index.html"))
    text = page.xpath("//article")[0]
    assert text.xpath(".//ul/li/ul/li") and len(text.xpath(".//ol[not(ancestor::div[@class='footnote'])]/li")) == 2
    assert text.xpath(".//table//th") and text.xpath(".//div[contains(@class, 'footnote')]//li")
    assert [title.text for title in page.xpath("//p[@class='admonition-title']")] == ["A title in double quotes"]
