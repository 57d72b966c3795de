"""Mistakes an editor makes in a page's text and front matter, found by a real build.

One strict build of a copy of the site holds every mistake of MISTAKES (each on a page of
its own, as the build reports them all at once); each must be told at its exact
`path:line:` with its fix, and nothing may crash. A second build holds what must simply
work as the editor meant it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ARTICLE, FIXTURE_SITE, build_site, copy_project

DESCRIPTION = "A page of the practice that says in a sentence or two what it offers to its readers."


def page(front_matter: str, body: str) -> str:
    return f"---\n{front_matter}---\n\n{body}"


def titled(title: str, extra: str = "") -> str:
    return f"title: {title}\ndescription: {DESCRIPTION} {title}.\n{extra}"


# (page file, its text, the exact `path:line: message` lines the build must print for it)
MISTAKES = [
    # A page saved from Word as Windows-1252: its en dash is byte 0x96.
    ("docs/word.md", None, ["docs/word.md:8: not UTF-8 text; save the file as UTF-8"]),
    (
        "docs/tag-int.md",
        page("title: Tag int\nweight: !!int 1.5\n", "Text.\n"),
        [
            "docs/tag-int.md:3: front matter field 'weight' has the YAML tag '!!int', which does not fit its value; remove '!!int' and write the value plainly"
        ],
    ),
    (
        "docs/tag-float.md",
        page("title: Tag float\nweight: !!float abc\n", "Text.\n"),
        [
            "docs/tag-float.md:3: front matter field 'weight' has the YAML tag '!!float', which does not fit its value; remove '!!float' and write the value plainly"
        ],
    ),
    (
        "docs/tag-timestamp.md",
        page("title: Tag timestamp\nupdated: !!timestamp foo\n", "Text.\n"),
        [
            "docs/tag-timestamp.md:3: front matter field 'updated' has the YAML tag '!!timestamp', which does not fit its value; remove '!!timestamp' and write the value plainly"
        ],
    ),
    (
        "docs/tag-bool.md",
        page("title: Tag bool\nconsultation_cta: !!bool maybe\n", "Text.\n"),
        [
            "docs/tag-bool.md:3: front matter field 'consultation_cta' has the YAML tag '!!bool', which does not fit its value; remove '!!bool' and write the value plainly"
        ],
    ),
    (
        "docs/comma.md",
        page(
            titled("Comma"), "Kindness helps [@inwood2018, @yela2022].\n\nAnd [see @inwood2018, and also @yip2021].\n"
        ),
        [
            "docs/comma.md:6: '[@inwood2018, @yela2022]' is not read as a citation: works in one citation are separated by ';', not ','; write [@inwood2018; @yela2022]",
            "docs/comma.md:8: '[see @inwood2018, and also @yip2021]' is not read as a citation: works in one citation are separated by ';', not ','; write [see @inwood2018; and also @yip2021]",
        ],
    ),
    (
        "docs/semicolon.md",
        page(titled("Semicolon"), "Kindness helps [@inwood2018; yip2021].\n"),
        [
            "docs/semicolon.md:6: '[@inwood2018; yip2021]' is not read as a citation: 'yip2021' after ';' has no '@' before it; write [@inwood2018; @yip2021]"
        ],
    ),
    (
        "docs/invisible.md",
        page(
            "title: Invisible\u00a0characters\ndescription: A page with characters no one can see.\n",
            "Kindness helps [@yip\u200b2021].\n\nSee [the review](https://doi.org/10.1\u00ad007/s12671-020-01542-4).\n\n\u00a0- Breathe out slowly.\n",
        ),
        [
            "docs/invisible.md:2: an invisible character, U+00A0 NO-BREAK SPACE, stands in the front matter, where YAML reads it as part of the name or value of a field; delete it (retype the text around it)",
            "docs/invisible.md:6: an invisible character, U+200B ZERO WIDTH SPACE, stands in the citation [@yip2021], where it makes the citation plain text on the page; delete it: write [@yip2021]",
            "docs/invisible.md:8: an invisible character, U+00AD SOFT HYPHEN, stands in the link address 'https://doi.org/10.1007/s12671-020-01542-4', where it breaks the link; delete it (retype the address)",
            "docs/invisible.md:10: an invisible character, U+00A0 NO-BREAK SPACE, stands at the start of the line, before '-', where it keeps the line from being read as Markdown; delete it (retype the start of the line)",
        ],
    ),
    (
        "docs/curly.md",
        page("title: \u201cWhy: Sleep\u201d\ndescription: Word processors put typographic quotes here.\n", "Text.\n"),
        [
            "docs/curly.md:2: front matter field 'title' is in typographic quotes (U+201C LEFT DOUBLE QUOTATION MARK), which YAML reads as letters of the text, not as quotes; type straight ones: title: \"Why: Sleep\""
        ],
    ),
    (
        "docs/curly-plain.md",
        page("title: Curly plain\ndescription: \u2018Rest well\u2019\n", "Text.\n"),
        [
            "docs/curly-plain.md:3: front matter field 'description' is in typographic quotes (U+2018 LEFT SINGLE QUOTATION MARK), which YAML reads as letters of the text, not as quotes; type straight ones: description: \"Rest well\""
        ],
    ),
    (
        "docs/apostrophe.md",
        page("title: 'Don't Panic'\ndescription: A title new-article once wrote in single quotes.\n", "Text.\n"),
        [
            "docs/apostrophe.md:2: front matter field 'title' is in single quotes, and the apostrophe of Don't closes them early; put the value in double quotes instead: title: \"Don't Panic\""
        ],
    ),
    (
        "docs/impossible-date.md",
        page(titled("Impossible date", "updated: 2026-02-30\n"), "Text.\n"),
        [
            "docs/impossible-date.md:4: front matter field 'updated' is 2026-02-30, which is no date: February 2026 has 28 days; write a real date as YYYY-MM-DD"
        ],
    ),
    (
        "docs/hash.md",
        page(
            "title: Sleep # tips\ndescription: Ten ways to sleep better, ranked by evidence #1 is kindness to yourself at night.\n",
            "Text.\n",
        ),
        [
            "docs/hash.md:2: front matter field 'title' is cut at '#': YAML reads a ' #' and what follows as a comment, so the value ends at 'Sleep'; put the whole value in quotes: title: \"Sleep # tips\"",
            "docs/hash.md:3: front matter field 'description' is cut at '#': YAML reads a ' #' and what follows as a comment, so the value ends at 'Ten ways to sleep better, ranked by evidence'; put the whole value in quotes: description: \"Ten ways to sleep better, ranked by evidence #1 is kindness to yourself at night.\"",
        ],
    ),
    (
        "docs/note-heading.md",
        page(
            titled("Note heading"),
            'Text.\n\n## Section\n\n!!! note "Tip"\n    #### Try this\n\n    Breathe out slowly.\n\n<h6>Typed as HTML</h6>\n',
        ),
        [
            "docs/note-heading.md:11: the heading 'Try this' is '####' after a '##' heading, skipping level 3; screen readers list headings by level: write '### Try this'",
            "docs/note-heading.md:15: the heading 'Typed as HTML' is '######' after a '####' heading, skipping level 5; screen readers list headings by level: write '##### Typed as HTML'",
        ],
    ),
    (
        "docs/empty-header.md",
        page(
            titled("Empty header"),
            'Text.\n\n|            | Monday | Tuesday |\n|------------|--------|---------|\n| Morning    | Walk   | Write   |\n\nSee <a href="../privacy/"></a>.\n',
        ),
        [
            "docs/empty-header.md:8: header cell 1 of the table is empty, so a screen reader names that column by nothing; write a heading in it, e.g. Time",
            'docs/empty-header.md:12: the link <a href="../privacy/"> has no text, so a screen reader cannot name it; write where it leads between <a href="../privacy/"> and </a>',
        ],
    ),
    (
        "docs/references-heading.md",
        page(titled("References heading"), "Kindness helps [@yip2021].\n\n## References\n\nYip and Tong, 2021.\n"),
        [
            "docs/references-heading.md:8: a 'References' heading: the build writes the page's reference list from its citations; remove this heading and the list under it, and cite each work in the text with [@key]"
        ],
    ),
    (
        "docs/articles/quoted.md",
        page(
            'title: Yes\ndescription: An article whose title and date an editor typed as YAML reads them otherwise.\nauthor: Grow True Psychology\npublished: "2026-11-25"\nlast_reviewed: 2026-11-25\nreview_due: 2029-11-25\n',
            "# Yes\n\nText.\n",
        ),
        [
            "docs/articles/quoted.md:2: front matter field 'title' is Yes, which YAML reads as true or false, not text; put it in quotes: title: \"Yes\"",
            "docs/articles/quoted.md:5: front matter field 'published' is \"2026-11-25\": the quotes make it text, not a date; remove them: published: 2026-11-25",
        ],
    ),
]


# The footer link mkdocs.yml gives the privacy page, whose '.md' the mistake leaves out.
FOOTER_PRIVACY = "      page: privacy.md"


def make_page_mistakes(project: Path) -> None:
    """Every mistake of MISTAKES in `project`, and a footer link to a page without '.md'."""
    for path, text, _ in MISTAKES:
        if text is not None:
            (project / path).write_text(text, encoding="utf-8")
    (project / "docs/word.md").write_bytes(
        page(titled("Word"), "Text.\n\nBreathe in \u2013 and out.\n").encode("cp1252")
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(FOOTER_PRIVACY, "      page: privacy"), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def mistakes_build(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = copy_project(tmp_path_factory.mktemp("mistakes"))
    make_page_mistakes(project)
    result = build_site(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("expected", [line for _, _, lines in MISTAKES for line in lines])
def test_page_mistake_is_told_at_its_line_with_its_fix(mistakes_build: str, expected: str) -> None:
    assert f"  {expected}\n" in mistakes_build


def test_footer_page_without_md_suggests_the_closest_page(mistakes_build: str) -> None:
    line = 1 + (FIXTURE_SITE / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(FOOTER_PRIVACY)
    assert (
        f"mkdocs.yml:{line}: extra.footer_links[2].page: 'privacy' is not a page's file; name the Markdown file relative to docs/, e.g. privacy.md"
        in mistakes_build
    )


def test_meant_citations_build_as_meant(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace(
        "\n## ",
        "\n> Kindness is studied [@yela2022;\n> @yip2021].\n\nTwo works [@inwood2018][@yela2022] and one [@yip2021]: kindness helps.\n\n<!-- Draft: add [@inwood2018] here -->\n\n## ",
        1,
    )
    article.write_text(text, encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site/articles/how-can-self-compassion-help-me/index.html").read_text(encoding="utf-8")
    words = re.sub(r"<[^>]+>", "", html)
    assert "Kindness is studied (Yela et al., 2022; Yip &amp; Tong, 2021)." in words
    assert (
        "Two works (Inwood &amp; Ferrari, 2018)(Yela et al., 2022) and one (Yip &amp; Tong, 2021): kindness helps."
        in words
    )
    assert "<!-- Draft: add [@inwood2018] here -->" in html
