"""An editor's mistake stops the build with `path:line: message` and a fix, never a
traceback, and every problem of the build is listed in one run.

Each case edits a copy of the fixture project and names where each expected message must
point: the file and a text on the line it must name. The build's checks give each case's
messages in process (conftest.build_checks); real builds prove the build stops on them:
an editor's many mistakes listed in one run, an unreadable bibliography, an uncited entry.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import ARTICLE, build_checks, build_site, edit_files, line_of

BIB = "references.bib"
MKDOCS = "mkdocs.yml"
INWOOD_DOI = "doi     = {10.1111/aphw.12127},"


@dataclass
class Case:
    id: str
    edits: list[tuple[str, str, str]]  # (file, old text, new text); old "" appends (or creates)
    expected: list[tuple[str, str, str]]  # (file, text on the named line, message part)
    warning_only: bool = False


def doi(value: str) -> list[tuple[str, str, str]]:
    return [(BIB, INWOOD_DOI, "doi     = {" + value + "},")]


CASES = [
    Case(
        "source-doi-with-space",
        doi("10.11 11/aphw.12127"),
        [
            (
                BIB,
                "{10.11 11/aphw.12127}",
                "entry 'inwood2018': malformed DOI '10.11 11/aphw.12127': white space inside; write it as 10.1111/aphw.12127",
            )
        ],
    ),
    Case(
        "doi-prefix",
        doi("doi:10.1111/aphw.12127"),
        [(BIB, "doi:10.1111", "'doi:' prefix or doi.org URL (write the bare DOI); write it as 10.1111/aphw.12127")],
    ),
    Case(
        "doi-https-url",
        doi("https://doi.org/10.1111/aphw.12127"),
        [(BIB, "https://doi.org/10.1111", "write it as 10.1111/aphw.12127")],
    ),
    Case(
        "doi-dx-url",
        doi("http://dx.doi.org/10.1111/aphw.12127"),
        [(BIB, "dx.doi.org", "write it as 10.1111/aphw.12127")],
    ),
    Case(
        "doi-trailing-dot",
        doi("10.1111/aphw.12127."),
        [(BIB, "aphw.12127.}", "trailing '.'; write it as 10.1111/aphw.12127")],
    ),
    Case(
        "doi-trailing-semicolon",
        doi("10.1111/aphw.12127;"),
        [(BIB, "aphw.12127;}", "trailing ';'; write it as 10.1111/aphw.12127")],
    ),
    Case(
        "doi-en-dash",
        doi("10.1111/aphw\u201312127"),
        [(BIB, "aphw\u201312127", "EN DASH (U+2013); write it as 10.1111/aphw-12127")],
    ),
    Case(
        "doi-non-breaking-space",
        doi("10.1111/aphw.\u00a012127"),
        [(BIB, "aphw.\u00a012127", "white space inside; write it as 10.1111/aphw.12127")],
    ),
    Case("doi-empty", doi(""), [(BIB, "doi     = {}", "the doi field is empty")]),
    Case(
        "doi-not-a-doi",
        doi("aphw.12127"),
        [(BIB, "{aphw.12127}", "not of the form 10.<registrant>/<suffix>; copy the DOI again")],
    ),
    Case(
        "bib-unbalanced-brace",
        [(BIB, "number  = {2},", "number  = {2,")],
        [(BIB, "number  = {2,", "unclosed brace in the entry starting at line 6; end this field's value with '}'")],
    ),
    # The entry's own closing brace balances the last field's: still that field is named.
    Case(
        "bib-unbalanced-brace-in-last-field",
        [(BIB, INWOOD_DOI, "doi     = {10.1111/aphw.12127,")],
        [
            (
                BIB,
                "doi     = {10.1111/aphw.12127,",
                "unclosed brace in the entry starting at line 6; end this field's value with '}'",
            )
        ],
    ),
    Case(
        "bib-duplicate-key",
        [(BIB, "@article{yip2021,", "@article{inwood2018,")],
        [(BIB, "@article{inwood2018,\n  author  = {Yip", "duplicate key 'inwood2018': line 6 has the same key")],
    ),
    Case(
        "bib-duplicate-key-by-case",
        [(BIB, "@article{yip2021,", "@article{Inwood2018,")],
        [(BIB, "@article{Inwood2018,", "'inwood2018', the same key but for case")],
    ),
    Case(
        "bib-missing-journal",
        [(BIB, "  journal = {The Journal of Positive Psychology},\n", "")],
        [(BIB, "@article{yip2021,", "entry 'yip2021' (@article) lacks the journal field")],
    ),
    Case(
        "bib-two-digit-year",
        [(BIB, "year    = {2022}", "year    = {22}")],
        [(BIB, "year    = {22}", "has year '22'; write the year it was published, in four digits")],
    ),
    Case(
        "bib-unknown-type",
        [(BIB, "@article{yip2021,", "@journalpaper{yip2021,")],
        [(BIB, "@journalpaper{yip2021,", "has type @journalpaper, which the site does not render")],
    ),
    Case(
        "bib-key-with-colon",
        [(BIB, "@article{yip2021,", "@article{yip:2021,"), (ARTICLE, "[@yip2021]", "[@yip2021x]")],
        [
            (
                BIB,
                "@article{yip:2021,",
                "key 'yip:2021' can only hold letters, digits, '_' and '-'; rename it, e.g. 'yip2021'",
            )
        ],
    ),
    Case(
        "bib-uncited-entry-is-a-warning",
        [
            (
                BIB,
                "",
                "\n@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-Compassion},\n  publisher = {William Morrow},\n  year = {2011},\n}\n",
            )
        ],
        [
            (
                BIB,
                "@book{neff2011,",
                "entry 'neff2011' is not cited by any page; cite it as [@neff2011] in the article on this branch, or remove it",
            )
        ],
        warning_only=True,
    ),
    Case(
        "typo-key",
        [(ARTICLE, "[@inwood2018]", "[@inwod2018]")],
        [(ARTICLE, "[@inwod2018]", "unknown citation key 'inwod2018'; did you mean 'inwood2018'?")],
    ),
    Case(
        "key-differs-in-case",
        [(ARTICLE, "[@yip2021]", "[@Yip2021]")],
        [(ARTICLE, "[@Yip2021]", "citation key 'Yip2021' differs in case from the entry 'yip2021'; write [@yip2021]")],
    ),
    Case(
        "unknown-key-in-a-block-of-two",
        [(ARTICLE, "[@yela2022]", "[@yela2022; @smith1999]")],
        [(ARTICLE, "@smith1999", "unknown citation key 'smith1999'; add its entry to references.bib")],
    ),
    Case(
        "bare-key-without-brackets",
        [(ARTICLE, "[@yela2022]", "(@yela2022)")],
        [
            (
                ARTICLE,
                "(@yela2022)",
                "'@yela2022' without brackets is shown as plain text, not a citation; write [@yela2022]",
            )
        ],
    ),
    Case(
        "bare-unknown-key-without-brackets",
        [("docs/disclaimer.md", "", "\nAs @smith1999 wrote.\n")],
        [("docs/disclaimer.md", "@smith1999", "'@smith1999' looks like a citation without brackets")],
    ),
    Case(
        "errors-on-two-pages-and-the-bib",
        [
            (ARTICLE, "[@inwood2018]", "[@inwood2019]"),
            (ARTICLE, "[@yip2021]", "[@yip2012]"),
            ("docs/disclaimer.md", "", "\nSee [@yela2023].\n"),
            *doi("10.11 11/aphw.12127"),
        ],
        [
            (ARTICLE, "[@inwood2019]", "'inwood2019'; did you mean 'inwood2018'?"),
            (ARTICLE, "[@yip2012]", "'yip2012'; did you mean 'yip2021'?"),
            ("docs/disclaimer.md", "[@yela2023]", "'yela2023'; did you mean 'yela2022'?"),
            (BIB, "{10.11 11/aphw.12127}", "write it as 10.1111/aphw.12127"),
        ],
    ),
    Case(
        "remote-image-in-markdown",
        [(ARTICLE, "", "\n![A chart of the results](https://example.org/chart.png)\n")],
        [
            (
                ARTICLE,
                "![A chart",
                "image 'https://example.org/chart.png' is on another site: the site loads nothing from other sites; link to it instead: [title](https://example.org/chart.png)",
            )
        ],
    ),
    # What YouTube's Share > Embed gives, and a raw image, on two pages: both listed in one run.
    Case(
        "embed-and-remote-html-image",
        [
            (
                "docs/disclaimer.md",
                "",
                '\n<iframe width="560" height="315" src="https://www.youtube.com/embed/inpok4MKVLM" title="YouTube video player" frameborder="0" allowfullscreen></iframe>\n',
            ),
            ("docs/privacy.md", "", '\n<img src="http://example.org/lake.jpg" alt="A calm lake">\n'),
        ],
        [
            (
                "docs/disclaimer.md",
                "<iframe",
                "<iframe> embeds 'https://www.youtube.com/embed/inpok4MKVLM': the site loads nothing from other sites; link to it instead: [title](https://www.youtube.com/embed/inpok4MKVLM)",
            ),
            (
                "docs/privacy.md",
                "<img",
                "<img> loads 'http://example.org/lake.jpg' from another site: the site loads nothing from other sites",
            ),
        ],
    ),
    Case(
        "article-without-front-matter",
        [(ARTICLE, "---\ntitle:", "<!-- -->\ntitle:")],
        [(ARTICLE, "<!-- -->", "no front matter; start the file with a '---' block")],
    ),
    Case(
        "article-date-not-iso",
        [(ARTICLE, "last_reviewed: 2026-11-25", "last_reviewed: 25/11/2026")],
        [
            (
                ARTICLE,
                "last_reviewed: 25/11/2026",
                "field 'last_reviewed' is '25/11/2026', not a date; write it as YYYY-MM-DD",
            )
        ],
    ),
    Case(
        "article-missing-author",
        [(ARTICLE, "author: Grow True Psychology\n", "")],
        [(ARTICLE, "---", "front matter field 'author' is missing or empty")],
    ),
    Case(
        "article-review-due-before-last-review",
        [(ARTICLE, "review_due: 2029-11-25", "review_due: 2025-11-25")],
        [(ARTICLE, "review_due: 2025-11-25", "is not after last_reviewed 2026-11-25")],
    ),
    # The settings in mkdocs.yml as only the file's text gives them (every message of a bad
    # setting: tests/test_site_settings.py), and an article's front matter.
    Case(
        "setting-url-not-https",
        [(MKDOCS, "    url: consultation.md\n", "    url: http://booking.example.org/grow-true\n")],
        [
            (
                MKDOCS,
                "url: http://booking",
                "extra.consultation.url: 'http://booking.example.org/grow-true' is not https",
            )
        ],
    ),
    Case(
        "setting-url-empty",
        [(MKDOCS, "    url: consultation.md\n", '    url: ""\n')],
        [(MKDOCS, 'url: ""', "extra.consultation.url: is missing or empty")],
    ),
    # A setting left out is told at its block's line; a block left out, at extra:'s.
    Case(
        "setting-left-out",
        [(MKDOCS, "    button: Request A Consultation\n", "")],
        [(MKDOCS, "  consultation:\n", "extra.consultation.button: is missing or empty")],
    ),
    Case(
        "setting-block-misspelt",
        [(MKDOCS, "  consultation:\n", "  consultaton:\n")],
        [(MKDOCS, "extra:\n", "extra.consultation: is missing")],
    ),
    Case(
        "setting-number-yaml-reads-as-a-number",
        [(MKDOCS, 'numbers: ["988"]', "numbers: [988]")],
        [(MKDOCS, "numbers: [988]", 'extra.crisis.numbers: 988 is not in quotes; write it as "988"')],
    ),
    Case(
        "setting-page-misspelt",
        [(MKDOCS, "      page: privacy.md\n", "      page: privcy.md\n")],
        [
            (
                MKDOCS,
                "page: privcy.md",
                "extra.footer_links[2].page: 'privcy.md' is not a page in docs/; did you mean 'privacy.md'?",
            )
        ],
    ),
    Case(
        "article-missing-title",
        [(ARTICLE, "title: How Can Self-Compassion Help Me?\n", "")],
        [(ARTICLE, "---", "front matter field 'title' is missing or empty")],
    ),
    Case(
        "article-reviewer-empty",
        [(ARTICLE, "author: Grow True Psychology\n", 'author: Grow True Psychology\nreviewed_by: ""\n')],
        [(ARTICLE, 'reviewed_by: ""', "front matter field 'reviewed_by' must name the reviewer")],
    ),
    Case(
        "article-missing-review-due",
        [(ARTICLE, "review_due: 2029-11-25\n", "")],
        [(ARTICLE, "---", "front matter field 'review_due' is missing; add review_due: YYYY-MM-DD")],
    ),
    Case(
        "article-review-due-too-late",
        [(ARTICLE, "review_due: 2029-11-25\n", "review_due: 2030-11-25\n")],
        [
            (
                ARTICLE,
                "review_due: 2030-11-25",
                "review_due 2030-11-25 is more than 3 years after last_reviewed 2026-11-25",
            )
        ],
    ),
    Case(
        "article-cta-not-true-or-false",
        [(ARTICLE, "review_due: 2029-11-25\n", "review_due: 2029-11-25\nconsultation_cta: maybe\n")],
        [(ARTICLE, "consultation_cta: maybe", "consultation_cta is 'maybe'; write true or false")],
    ),
    Case(
        "article-cta-text-without-cta",
        [(ARTICLE, "review_due: 2029-11-25\n", "review_due: 2029-11-25\nconsultation_cta: false\n")],
        [
            (
                ARTICLE,
                "consultation_text:",
                "front matter field 'consultation_text' is set, but consultation_cta: false leaves the call-to-action out of this article, so no reader would see it; remove one of the two lines",
            )
        ],
    ),
    Case(
        "article-example-reviewer-name",
        [(ARTICLE, "## What the research says\n", "## What the research says\n\nReviewed by Dr Jane Doe, PsyD.\n")],
        [
            (
                ARTICLE,
                "Reviewed by Dr Jane Doe",
                "'Jane Doe' is the example name from CONTRIBUTING.md, not a real reviewer; write the name of the clinician who reviewed the page, or remove the reviewed_by line",
            )
        ],
    ),
    Case(
        "article-skeleton-text",
        [
            (
                ARTICLE,
                "## What the research says\n",
                "## What the research says\n\nGive the reader one or two things to try, in short steps. (Replace this.)\n",
            )
        ],
        [
            (
                ARTICLE,
                "Give the reader one or two things",
                "this text is still the example text of the article template; write your own in its place",
            )
        ],
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_bad_input_fails_build_naming_file_line_and_fix(site_copy, case):
    edit_files(site_copy, case.edits)
    problems = [problem for problem in build_checks(site_copy) if not problem.notice]
    for name, anchor, message in case.expected:
        location = f"{name}:{line_of(site_copy / name, anchor)}: "
        assert any(str(problem).startswith(location) and message in str(problem) for problem in problems), problems
    # A warning lets the pages render, and the strict build fails on it after them; the
    # rest stop the build before any page renders.
    assert all(problem.warning for problem in problems) == case.warning_only, problems


CASE = {case.id: case for case in CASES}


def test_an_unreadable_bibliography_is_told_with_the_pages_problems_in_one_build(site_copy):
    cases = [CASE["bib-unbalanced-brace"], CASE["bib-duplicate-key"], CASE["typo-key"]]
    for case in cases:
        edit_files(site_copy, case.edits)
    result = build_site(site_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "problems to fix before the site can build" in output
    for name, anchor, message in (c for case in cases for c in case.expected):
        assert f"  {name}:{line_of(site_copy / name, anchor)}: " in output and message in output, output
    # A page citing the entry that cannot be read is not told the key is unknown.
    assert "unknown citation key 'inwood2018'" not in output


def test_an_uncited_entry_alone_fails_the_strict_build_as_one_error(site_copy):
    case = CASE["bib-uncited-entry-is-a-warning"]
    edit_files(site_copy, case.edits)
    result = build_site(site_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    [(name, anchor, message)] = case.expected
    assert f"{name}:{line_of(site_copy / name, anchor)}: {message}" in output
    # Strict, as every build of the site: what fails it is an error, shown and counted so.
    assert "ERROR   -  references.bib:" in output and "WARNING" not in output
    assert "Aborted with 1 error: fix each one listed above at its file and line, then build again" in output


def article(name: str, front_matter: str) -> tuple[str, str, str]:
    """An edit adding an article whose front matter is `front_matter`, typed as given."""
    return (f"docs/articles/{name}.md", "", front_matter + "\n# " + name.title() + "\n\nText [@inwood2018].\n")


GOOD_FIELDS = (
    "title: {title}\ndescription: A new article about {title}, written to show one mistake of an editor.\n"
    "author: Grow True Psychology\npublished: 2026-11-25\nlast_reviewed: 2026-11-25\nreview_due: 2029-11-25\n"
)


def fields(title: str, old: str = "", new: str = "") -> str:
    text = GOOD_FIELDS.format(title=title)
    assert old in text
    return text.replace(old, new, 1)


# Mistakes a new editor makes over a few weeks, all in one build: each is listed, at its
# line, with its fix (the build collects every problem, then fails once).
EDITOR_MISTAKES = Case(
    "editor-mistakes",
    [
        article(
            "dates",
            "---\n"
            + fields("dates", "published: 2026-11-25", "published: 2026-13-01").replace(
                "last_reviewed: 2026-11-25", "last_reviewed: 2026-02-30"
            )
            + "---\n",
        ),
        article("unclosed", "---\n" + fields("unclosed")),
        article("tab", "---\n" + fields("tab", "author:", "\tauthor:") + "---\n"),
        article("indented", "---\n" + fields("indented", "author:", "  author:") + "---\n"),
        (ARTICLE, "[@yela2022]", "[yela2022]"),
        (ARTICLE, "## How Can We Practice", "#### How Can We Practice"),
        (
            ARTICLE,
            "",
            "\n!!! note\n  Ask your therapist which practice suits you.\n\n## References\n\nInwood, E. (2018).\n",
        ),
        ("docs/disclaimer.md", "description: The articles", "description: Too short.\nx: The articles"),
        ("docs/privacy.md", "# Privacy\n", "# Privacy\n\n![](images/lock.png)\n\n# Your rights\n"),
        ("docs/consultation.md", "title: Request a consultation", "title: Disclaimer"),
        # A link to a page since renamed: MkDocs' own link check, in the same round.
        ("docs/consultation.md", "", "\nRead [our article on sleep](articles/sleep.md) first.\n"),
    ],
    [
        (
            "docs/articles/dates.md",
            "published: 2026-13-01",
            "front matter field 'published' is 2026-13-01, which is no date: there is no month 13 (months run from 01 to 12); write a real date as YYYY-MM-DD",
        ),
        (
            "docs/articles/dates.md",
            "last_reviewed: 2026-02-30",
            "front matter field 'last_reviewed' is 2026-02-30, which is no date: February 2026 has 28 days; write a real date as YYYY-MM-DD",
        ),
        (
            "docs/articles/unclosed.md",
            "---",
            "the front matter opened by '---' on this line is never closed; add a line holding only '---' after its last field, before the page's text",
        ),
        (
            "docs/articles/tab.md",
            "\tauthor:",
            "front matter line holds a tab; YAML takes spaces only: replace the tab with a space (or with nothing at the start of the line)",
        ),
        (
            "docs/articles/indented.md",
            "  author:",
            "front matter field 'author' is indented by 2 spaces; every field starts at the beginning of its line: remove the spaces before 'author:'",
        ),
        (
            ARTICLE,
            "[yela2022]",
            "'[yela2022]' is shown as plain text, not a citation: 'yela2022' is a key of references.bib, and a citation writes it after '@'; write [@yela2022]",
        ),
        (
            ARTICLE,
            "#### How Can We Practice",
            "the heading 'How Can We Practice Self-Compassion?' is '####' after a '##' heading, skipping level 3; screen readers list headings by level: write '### How Can We Practice Self-Compassion?'",
        ),
        (
            ARTICLE,
            "!!! note",
            "the note box '!!! note' has no text: its text must be indented four spaces under this line; indent the lines below it by four spaces",
        ),
        (
            ARTICLE,
            "## References",
            "a 'References' heading: the build writes the article's reference list from its citations; remove this heading and the list under it, and cite each work in the text with [@key]",
        ),
        (
            "docs/disclaimer.md",
            "description: Too short.",
            "the description is 10 characters; search results show 50 to 160: lengthen it to 50 or more",
        ),
        (
            "docs/disclaimer.md",
            "x: The articles",
            "front matter field 'x' is not one the site reads, so the page would leave it out; remove the line, or use one of title, description, author, published, last_reviewed, review_due, reviewed_by, consultation_cta, consultation_text, weight",
        ),
        (
            "docs/privacy.md",
            "![](images/lock.png)",
            "the image 'images/lock.png' has no alt text, which screen readers read out; describe it in the brackets: ![what it shows](images/lock.png)",
        ),
        (
            "docs/privacy.md",
            "![](images/lock.png)",
            "Doc file 'privacy.md' contains a link 'images/lock.png', but the target is not found among documentation files. Add the file as 'docs/images/lock.png' (in GitHub's web editor: Add file, then Upload files), or correct the address.",
        ),
        (
            "docs/consultation.md",
            "(articles/sleep.md)",
            "Doc file 'consultation.md' contains a link 'articles/sleep.md', but the target is not found among documentation files.",
        ),
        (
            "docs/privacy.md",
            "# Your rights",
            "a second '#' heading, 'Your rights'; a page has one '#' title (line 7): make this one '## Your rights'",
        ),
        (
            "docs/disclaimer.md",
            "title: Disclaimer",
            "the title 'Disclaimer' is also the title of docs/consultation.md; browser tabs and search results tell pages apart by it: give this page its own",
        ),
        # [yela2022] cites nothing, but the entry it means is not told "not cited, or remove it".
    ],
)


def test_editor_mistakes_are_each_named_at_their_line_in_one_build(site_copy):
    edit_files(site_copy, EDITOR_MISTAKES.edits)
    result = build_site(site_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    count = len(EDITOR_MISTAKES.expected)
    assert f"ERROR   -  {count} problems to fix before the site can build ({count} errors):" in output
    for name, anchor, message in EDITOR_MISTAKES.expected:
        assert f"  {name}:{line_of(site_copy / name, anchor)}: {message}\n" in output, output
    assert "entry 'yela2022' is not cited" not in output


def test_citations_in_code_and_email_in_brackets_render_literally(site_copy):
    page = site_copy / "docs" / "disclaimer.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nCite like `[@inwood2018]`, or write to [hello@example.org].\n"
        + "\n```markdown\nOne review [@inwood2018] found ...\n```\n"
        + "\n    [@yip2021] in an indented code block\n",
        encoding="utf-8",
    )
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    html = (site_copy / "site" / "disclaimer" / "index.html").read_text(encoding="utf-8")
    assert "<code>[@inwood2018]</code>" in html
    assert "[hello@example.org]" in html
    assert "One review [@inwood2018] found ..." in html
    assert "[@yip2021] in an indented code block" in html
    assert "Inwood &amp; Ferrari" not in html and 'id="references"' not in html


def test_locator_prefix_and_citation_wrapped_over_lines_render_in_apa(site_copy):
    article = site_copy / ARTICLE
    text = article.read_text(encoding="utf-8")
    # As an editor's text editor wraps a long line: the citation is one, over two lines.
    text = text.replace("[@yip2021]", "[see @yip2021, p. 3]").replace(
        "avoid less [@yela2022]", "avoid less [@yela2022;\n@inwood2018]"
    )
    article.write_text(text, encoding="utf-8")
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    html = (site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '(see <a href="#ref-yip2021">Yip &amp; Tong, 2021, p. 3</a>)' in html
    assert (
        '(<a href="#ref-inwood2018">Inwood &amp; Ferrari, 2018</a>; <a href="#ref-yela2022">Yela et al., 2022</a>)'
        in html
    )
    assert "@inwood2018" not in html and "@yela2022" not in html
