"""The content rules, read from pages as an editor types them; and no typed input, front
matter or Markdown around citations, gets anything but reported problems."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_SITE
from psychoed.articles.front_matter import impossible_date, read_article
from psychoed.markdown_source import PageSource
from psychoed.pages.content_rules import content_problems
from psychoed.problems import Problem
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_check import check_citations
from psychoed.references.citation_syntax import find_citation_blocks, join_wrapped_citations

PAGE = "docs/page.md"
ARTICLE = "docs/articles/a.md"
DESCRIPTION = "What research says about why self-compassion helps with stress."
CITED_IN_DESCRIPTION = "the description cites a work ('[@riemann2017]'), which search results and the list of articles would show as typed; cite it in the text of the page, and delete it from the description"
FRONT_MATTER = f"---\ntitle: A page\ndescription: {DESCRIPTION}\n---\n\n"
ARTICLE_FRONT_MATTER = (
    f"---\ntitle: An article\ndescription: {DESCRIPTION}\nauthor: Grow True Psychology\n"
    "published: 2026-11-25\nlast_reviewed: 2026-11-25\nreview_due: 2029-11-25\n---\n\n"
)
BIBLIOGRAPHY = load_bibliography(FIXTURE_SITE / "references.bib", display_path="references.bib")


def problems_of(body: str, *, article: bool = False) -> list[str]:
    """The problems of a page holding `body` (and, at its end, a paragraph of text)."""
    path = ARTICLE if article else PAGE
    source = (ARTICLE_FRONT_MATTER if article else FRONT_MATTER) + body + "\nA paragraph of text.\n"
    return [
        str(problem)
        for problem in content_problems([PageSource(path, source)], articles={ARTICLE} if article else set())
    ]


# Line 6 is the body's first line after FRONT_MATTER's five.
@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "# Title\n\n### Skipped\n",
            "docs/page.md:8: the heading 'Skipped' is '###' after a '#' heading, skipping level 2; screen readers list headings by level: write '## Skipped'",
        ),
        (
            "# Title\n\n## A\n\n#### B\n",
            "docs/page.md:10: the heading 'B' is '####' after a '##' heading, skipping level 3; screen readers list headings by level: write '### B'",
        ),
        (
            "# Title\n\n# Another\n",
            "docs/page.md:8: a second '#' heading, 'Another'; a page has one '#' title (line 6): make this one '## Another'",
        ),
        (
            "## First\n\n# Title\n",
            "docs/page.md:8: the '#' title 'Title' comes after the heading on line 6; put the title first",
        ),
        (
            "Title\n=====\n\nText\n\n### Skipped\n",
            "docs/page.md:11: the heading 'Skipped' is '###' after a '#' heading, skipping level 2; screen readers list headings by level: write '## Skipped'",
        ),
        (
            "# Title\n\n##\n",
            "docs/page.md:8: a '##' heading without text; write its text after '## ', or remove the line",
        ),
        (
            "# Title\n\n![](images/calm.png)\n",
            "docs/page.md:8: the image 'images/calm.png' has no alt text, which screen readers read out; describe it in the brackets: ![what it shows](images/calm.png)",
        ),
        (
            "# Title\n\n![ ](<images/calm.png>)\n",
            "docs/page.md:8: the image 'images/calm.png' has no alt text, which screen readers read out; describe it in the brackets: ![what it shows](images/calm.png)",
        ),
        (
            '# Title\n\n<img src="calm.png">\n',
            'docs/page.md:8: an <img> without alt text, which screen readers read out; add alt="what it shows"',
        ),
        (
            '# Title\n\n<img data-alt="A lake" src="calm.png">\n',
            'docs/page.md:8: an <img> without alt text, which screen readers read out; add alt="what it shows"',
        ),
        (
            '# Title\n\n<a href="x.md"><img src="x.png" alt=""></a>\n',
            'docs/page.md:8: the link <a href="x.md"> has no text, so a screen reader cannot name it; write where it leads between <a href="x.md"> and </a>',
        ),
        (
            '# Title\n\nSee <a href="x.md" data-title="x"></a>.\n',
            'docs/page.md:8: the link <a href="x.md" data-title="x"> has no text, so a screen reader cannot name it; write where it leads between <a href="x.md" data-title="x"> and </a>',
        ),
        (
            "# Title\n\nSee [](disclaimer.md).\n",
            "docs/page.md:8: the link to 'disclaimer.md' has no text, so a screen reader cannot name it; write where it leads inside the brackets: [text](disclaimer.md)",
        ),
        (
            "# Title\n\n!!! note\n  Indented two spaces.\n",
            "docs/page.md:8: the note box '!!! note' has no text: its text must be indented four spaces under this line; indent the lines below it by four spaces",
        ),
        (
            "# Title\n\n!!! tip\n\nNot indented.\n",
            "docs/page.md:8: the note box '!!! tip' has no text: its text must be indented four spaces under this line; indent the lines below it by four spaces",
        ),
    ],
)
def test_content_mistake_is_named_at_its_line_with_the_fix(body, expected):
    assert problems_of(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "# Title\n\n## A\n\n### B\n\n## C\n",
        "# Title\n\n```markdown\n### A heading shown as code\n![](x.png)\n```\n",
        "# Title\n\n!!! note\n    Indented four spaces.\n\n    A second paragraph.\n",
        '# Title\n\n- item\n    !!! tip "In a list"\n        Indented under it.\n',
        '# Title\n\n![A calm lake](calm.png) and <img src="x.png" alt="A chart">\n',
        '# Title\n\n<img src="x.png" title="Sales > costs" alt="A chart">\n',
        '# Title\n\n<img src="divider.png" alt=""> and <a href="x.md"><img src="x.png" alt="Next page"></a>\n',
        "Text\n\n---\n\nA rule, not a heading.\n",
        # Code is a link's or a picture's text too.
        "# Title\n\nThis uses the [`rstan`](https://mc-stan.org/rstan) package; ![`sleep.csv`](chart.png).\n",
    ],
)
def test_content_the_rules_allow_gives_no_problem(body):
    assert problems_of(body) == []


RETITLED = (
    "the heading '# How Self-Compassion Can Help You' differs from the title 'An article' (line 2) "
    "that the menu, the Home page, browser tabs and search engines show; write the same title in both"
)


def test_article_heading_changed_without_its_title_is_named_at_the_heading():
    assert problems_of("# How Self-Compassion Can Help You\n", article=True) == [f"{ARTICLE}:10: {RETITLED}"]
    assert problems_of("# An   article\n", article=True) == []
    # Any other page may head its text otherwise than its menu entry ("Practice: What Do I Need?").
    assert problems_of("# How Can We Practice Self-Compassion?\n") == []


def test_page_without_a_paragraph_is_named_at_its_title():
    source = f"{FRONT_MATTER}# A page\n\n- a list\n- only\n\n<!-- and a comment -->\n"
    assert [str(p) for p in content_problems([PageSource(PAGE, source)], articles=set())] == [
        "docs/page.md:6: the page has no paragraph of text, only headings, lists or HTML; write at least a sentence "
        "under the title, which search results and readers without JavaScript see first"
    ]


def test_hand_written_references_heading_in_an_article_is_named():
    body = "# An article\n\nText [@inwood2018].\n\n## References\n\nInwood, E. (2018).\n"
    assert problems_of(body, article=True) == [
        "docs/articles/a.md:14: a 'References' heading: the build writes the article's reference list from its citations; "
        "remove this heading and the list under it, and cite each work in the text with [@key]"
    ]


@pytest.mark.parametrize(
    "description, expected",
    [
        ("Too short.", "the description is 10 characters; search results show 50 to 160: lengthen it to 50 or more"),
        ("x" * 161, "the description is 161 characters; search results show 50 to 160: shorten it to 160 or fewer"),
        (  # shown as typed under the page's link in search results (a clinician's trial)
            "How worry and poor sleep feed each other, and what you can try tonight [@riemann2017].",
            CITED_IN_DESCRIPTION,
        ),
    ],
)
def test_description_outside_the_limits_says_them(description, expected):
    source = f"---\ntitle: A page\ndescription: {description}\n---\n\n# A page\n\nText.\n"
    assert [str(p) for p in content_problems([PageSource(PAGE, source)], articles=set())] == [f"{PAGE}:3: {expected}"]


# An article's missing description is read_article's to name (with the article's other
# fields), so content_problems names it on other pages only, and never twice.
def test_page_without_a_description_is_named_with_the_limits_and_an_article_is_left_to_read_article():
    source = "---\ntitle: A page\n---\n\n# A page\n\nText.\n"
    assert [str(p) for p in content_problems([PageSource(PAGE, source)], articles=set())] == [
        f"{PAGE}:1: the page has no description; add 'description: ...' to its front matter, 50 to 160 characters saying what the page offers, which search results show"
    ]
    assert content_problems([PageSource(ARTICLE, source)], articles={ARTICLE}) == []


def test_same_title_or_description_on_two_pages_names_the_first():
    first = PageSource("docs/a.md", f"{FRONT_MATTER}# A page\n\nText.\n")
    second = PageSource("docs/b.md", f"{FRONT_MATTER}# A page\n\nText.\n")
    assert [str(p) for p in content_problems([first, second], articles=set())] == [
        "docs/b.md:3: the description is the same as that of docs/a.md; search results tell pages apart by it: write one for this page",
        "docs/b.md:2: the title 'A page' is also the title of docs/a.md; browser tabs and search results tell pages apart by it: give this page its own",
    ]


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13 (months run from 01 to 12)"),
        ("2026-00-10", "there is no month 00 (months run from 01 to 12)"),
        ("2026-01-00", "January 2026 has 31 days"),
        ("2026-11-25", None),
    ],
)
def test_impossible_date_says_why(typed, reason):
    assert impossible_date(typed) == reason


def test_wrapped_citation_is_one_block_put_on_one_line():
    body = "Studies agree [@yela2022;\n  @yip2021] on this.\n"
    (block,) = find_citation_blocks(body)
    assert (block.keys, block.line) == (("yela2022", "yip2021"), 1)
    assert join_wrapped_citations(body) == "Studies agree [@yela2022; @yip2021] on this.\n"
    assert check_citations([PageSource(PAGE, FRONT_MATTER + body)], BIBLIOGRAPHY)[0] == []


@pytest.mark.parametrize(
    "typed, fix",
    [
        ("[yip2021]", "[@yip2021]"),
        ("[see Yip2021, p. 3; inwood2018]", "[see @yip2021, p. 3; @inwood2018]"),
    ],
)
def test_key_without_at_is_named_with_the_citation_to_write(typed, fix):
    (problem,) = check_citations([PageSource(PAGE, f"{FRONT_MATTER}As shown {typed}.\n")], BIBLIOGRAPHY)[0]
    assert (problem.line, problem.message.endswith(f"and a citation writes it after '@'; write {fix}")) == (6, True)


def test_bracketed_word_that_is_no_key_or_a_footnote_named_like_one_is_left_alone():
    source = f"{FRONT_MATTER}A task list [x], [sic], a note[^yip2021] and [a link](https://example.org/yip2021).\n\n[^yip2021]: The note.\n"
    assert check_citations([PageSource(PAGE, source)], BIBLIOGRAPHY)[0] == []


# ---------------------------------------------------------------------------------------
# Properties: whatever an editor types, problems come out, never an exception
# ---------------------------------------------------------------------------------------

# What a person types into front matter: dates right and wrong, quotes, colons, tabs,
# indents, lists, braces, and text from any script.
_VALUE = st.one_of(
    st.dates().map(str),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.text(alphabet=string.printable + "é’“”—\u00a0", max_size=40),
    st.sampled_from(
        [
            "",
            "'",
            '"',
            ": x",
            "[a",
            "{b",
            "- x",
            "true",
            "~",
            "&a",
            "*a",
            "!x",
            "|",
            ">",
            "\t",
            "  x",
            "%",
            " # x",
            "#1",
        ]
    ),
)
# YAML tags typed before a value, fitting it or not: PyYAML's constructors fail on a misfit
# with ValueError, KeyError, AttributeError or IndexError, not only YAMLError.
_TAG = st.sampled_from(
    [
        "!!int",
        "!!float",
        "!!bool",
        "!!timestamp",
        "!!str",
        "!!null",
        "!!binary",
        "!!set",
        "!!map",
        "!!seq",
        "!!omap",
        "!!pairs",
        "!!python/name:os.system",
        "!foo",
        "!<tag:yaml.org,2002:int>",
        "!",
    ]
)
_VALUE = _VALUE | st.builds(lambda tag, value: f"{tag} {value}", _TAG, _VALUE) | _TAG
_FIELD = st.sampled_from(
    [
        "title",
        "description",
        "author",
        "published",
        "last_reviewed",
        "review_due",
        "reviewed_by",
        "weight",
        "consultation_cta",
        "x",
    ]
)
_LINE = st.builds(
    lambda indent, key, value: f"{indent}{key}:{value}",
    st.sampled_from(["", " ", "  ", "\t"]),
    _FIELD,
    _VALUE.map(lambda v: " " + v),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=9), closed=st.booleans(), body=st.text(max_size=80))
def test_any_front_matter_gives_problems_never_an_exception(lines, closed, body):
    source = "---\n" + "\n".join(lines) + ("\n---\n" if closed else "\n") + body
    article, problems = read_article("articles/a.md", source, path=ARTICLE)
    assert (article is None) == bool(problems)
    assert all(
        isinstance(p, Problem) and p.line is not None and 1 <= p.line <= source.count("\n") + 1 for p in problems
    )
    assert all(isinstance(p, Problem) for p in content_problems([PageSource(PAGE, source)], articles=set()))


# Markdown as typed around citations: brackets opened and closed anywhere, lines wrapped,
# code, links, headings, note boxes, images, e-mail addresses and keys with and without `@`.
_PIECE = st.sampled_from(
    [
        "[",
        "]",
        "[@",
        "@",
        ";",
        ", p. 3",
        "see ",
        "\n",
        "\n\n",
        "  ",
        "    ",
        "`",
        "```\n",
        "(",
        ")",
        "](x.md)",
        "![",
        "inwood2018",
        "yip2021",
        "Yela2022",
        "smith1999",
        "# ",
        "### ",
        "!!! note\n",
        "  ",
        "-",
        "<img src=x>",
        "a@b.org",
        "^1",
        ":",
        "> ",
        "<!--",
        "-->",
        "][",
        "]:",
        ", @",
        "<h3>",
        "</h3>",
        "<a href=x>",
        "</a>",
        "|",
        "|---|",
    ]
) | st.text(max_size=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_PIECE, max_size=30))
def test_any_markdown_around_citations_gives_problems_never_an_exception(pieces):
    body = "".join(pieces)
    source = FRONT_MATTER + body
    problems, _ = check_citations([PageSource(PAGE, source)], BIBLIOGRAPHY)
    problems += content_problems([PageSource(PAGE, source)], articles=set())
    last_line = source.count("\n") + 1
    assert all(isinstance(p, Problem) and p.line is not None and 1 <= p.line <= last_line for p in problems)
    # Joining wrapped citations keeps every citation and its keys.
    assert [b.keys for b in find_citation_blocks(join_wrapped_citations(body))] == [
        b.keys for b in find_citation_blocks(body)
    ]


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            '# Title\n\n## A\n\n!!! note "Tip"\n    #### Try this\n',
            "docs/page.md:11: the heading 'Try this' is '####' after a '##' heading, skipping level 3; screen readers list headings by level: write '### Try this'",
        ),
        (
            "# Title\n\n??? tip\n    !!! note\n        ### Nested\n",
            "docs/page.md:10: the heading 'Nested' is '###' after a '#' heading, skipping level 2; screen readers list headings by level: write '## Nested'",
        ),
        (
            '# Title\n\n<h3 class="x">Raw <em>heading</em></h3>\n',
            "docs/page.md:8: the heading 'Raw heading' is '###' after a '#' heading, skipping level 2; screen readers list headings by level: write '## Raw heading'",
        ),
        (
            "# Title\n\n| | Monday |\n|:--|--:|\n| a | b |\n",
            "docs/page.md:8: header cell 1 of the table is empty, so a screen reader names that column by nothing; write a heading in it, e.g. Time",
        ),
        (
            '# Title\n\nSee <a href="../privacy/">\n  <span></span></a>.\n',
            'docs/page.md:8: the link <a href="../privacy/"> has no text, so a screen reader cannot name it; write where it leads between <a href="../privacy/"> and </a>',
        ),
        (
            "# Title\n\nKindness helps [@yip2021].\n\n## Sources\n",
            "docs/page.md:10: a 'Sources' heading: the build writes the page's reference list from its citations; remove this heading and the list under it, and cite each work in the text with [@key]",
        ),
    ],
)
def test_headings_tables_and_links_a_browser_checker_would_fail_are_named_at_their_line(body, expected):
    assert expected in problems_of(body)


@pytest.mark.parametrize(
    "body",
    [
        '# Title\n\n!!! note "Tip"\n    ## Try this\n\n## After the box\n',
        "# Title\n\n| Time | Monday |\n|------|--------|\n|      | b      |\n",
        '# Title\n\n<a href="x" aria-label="Home"></a> <a href="y"><img src="y.png" alt="Home"></a>\n',
        "# Title\n\n## Sources\n\nA page that cites nothing may list sources.\n",
        "# Title\n\n<!-- ### a draft heading -->\n",
    ],
)
def test_named_links_full_headers_and_boxed_headings_in_order_pass(body):
    assert problems_of(body) == []


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        (
            "updated: 2026-02-30\n",
            "docs/page.md:4: front matter field 'updated' is 2026-02-30, which is no date: February 2026 has 28 days; write a real date as YYYY-MM-DD",
        ),
        (
            "weight: !!int 1.5\n",
            "docs/page.md:4: front matter field 'weight' has the YAML tag '!!int', which does not fit its value; remove '!!int' and write the value plainly",
        ),
        (
            "updated: !!timestamp soon\n",
            "docs/page.md:4: front matter field 'updated' has the YAML tag '!!timestamp', which does not fit its value; remove '!!timestamp' and write the value plainly",
        ),
        (
            "hide: !!bool maybe\n",
            "docs/page.md:4: front matter field 'hide' has the YAML tag '!!bool', which does not fit its value; remove '!!bool' and write the value plainly",
        ),
        (
            "subtitle: Don't panic # really\n",
            "docs/page.md:4: front matter field 'subtitle' is cut at '#': YAML reads a ' #' and what follows as a comment, so the value ends at 'Don't panic'; put the whole value in quotes: subtitle: \"Don't panic # really\"",
        ),
    ],
)
def test_front_matter_yaml_reads_otherwise_is_named_on_any_page(front_matter, expected):
    source = FRONT_MATTER.replace("---\n\n", front_matter + "---\n\n") + "# A page\n\nText.\n"
    assert expected in [str(p) for p in content_problems([PageSource(PAGE, source)], articles=set())]


@pytest.mark.parametrize(
    "front_matter",
    ["weight: 1 # lower first\n", 'subtitle: "Sleep # tips"\n', "subtitle: issue#3\n", "published: 2026-02-28\n"],
)
def test_front_matter_comments_after_numbers_and_quoted_hashes_pass(front_matter):
    source = FRONT_MATTER.replace("---\n\n", front_matter + "---\n\n") + "# A page\n\nText.\n"
    assert content_problems([PageSource(PAGE, source)], articles=set()) == []


# A page that is no article, its description misspelt: told as misspelt, at its line, and
# not again as no description.
def test_a_misspelt_description_is_told_at_its_line_as_misspelt():
    source = "---\ntitle: Slow Breathing\ndescripton: A short breathing practice to use when panic rises, in five slow steps.\n---\n# Slow Breathing\n\nBreathe slowly.\n"
    assert [
        str(problem) for problem in content_problems([PageSource("docs/practices/slow.md", source)], articles=set())
    ] == [
        "docs/practices/slow.md:3: front matter field 'descripton' is not one the site reads, so the page would leave it out; write it as 'description'"
    ]


# A title with code in it is the same as its heading, whose code the checks read blanked.
def test_a_title_with_code_is_the_same_as_its_heading():
    source = ARTICLE_FRONT_MATTER.replace("title: An article", 'title: "Markdown `<details>` Demo"', 1)
    source += "# Markdown `<details>` Demo\n\nText.\n"
    assert not [
        problem
        for problem in content_problems([PageSource(ARTICLE, source)], articles={ARTICLE})
        if "differs from the title" in problem.message
    ]
