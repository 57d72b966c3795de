"""Citations by DOI: `[@doi:X]` is the entry with DOI X, printed exactly as citing its key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ARTICLE as FIXTURE_ARTICLE
from conftest import build_checks, build_site, line_of
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.doi_citations import (
    as_written_by_doi,
    citations_to_format,
    doi_keys,
    misshapen_doi_citations,
    misshapen_problem,
    resolve_doi_citations,
    unresolved_dois,
    unresolved_problem,
)

FIXTURES = Path(__file__).parent / "fixtures" / "registry"
KEYS = {
    "10.1037/a0035173": "allen2014",
    "10.1177/0956797614531021": "parker2014",
    # An old Wiley DOI (SICI), with its own ';'.
    "10.1002/(sici)1097-4679(199810)54:6<825::aid-jclp10>3.0.co;2-n": "beck1998",
}


@pytest.mark.parametrize(
    ("written", "resolved"),
    [
        ("[@doi:10.1037/a0035173]", "[@allen2014]"),
        ("[@doi:10.1037/A0035173].", "[@allen2014]."),  # DOIs are case-insensitive; the full stop is the sentence's
        ("[see @doi:10.1037/a0035173, p. 3]", "[see @allen2014, p. 3]"),
        ("[-@doi:10.1037/a0035173]", "[-@allen2014]"),
        ("[@doi:10.1037/a0035173; @doi:10.1177/0956797614531021]", "[@allen2014; @parker2014]"),
        ("[@doi:10.1037/a0035173; @parker2014]", "[@allen2014; @parker2014]"),
        ("[@doi:10.1002/(SICI)1097-4679(199810)54:6<825::AID-JCLP10>3.0.CO;2-N]", "[@beck1998]"),
        (
            "[@doi:10.1002/(SICI)1097-4679(199810)54:6<825::AID-JCLP10>3.0.CO;2-N; @allen2014]",
            "[@beck1998; @allen2014]",
        ),
        ("`[@doi:10.1037/a0035173]`", "`[@doi:10.1037/a0035173]`"),  # code shows how to cite
        ("me@doi:10.1037/a0035173", "me@doi:10.1037/a0035173"),  # not after a word character
        ("[@doi:10.9999/none]", "[@doi:10.9999/none]"),  # no entry: left for the check to tell
    ],
)
def test_doi_citation_becomes_the_key_of_the_entry_with_that_doi(written, resolved):
    assert resolve_doi_citations(written, KEYS) == resolved


def test_unknown_doi_is_told_at_its_line_and_blanked_for_the_other_checks():
    text = "# T\n\nOne [@allen2014].\n\nTwo [see @doi:10.9999/None, p. 2].\n"
    assert unresolved_dois(text, KEYS, first_line=5) == [("10.9999/None", 9)]
    assert resolve_doi_citations(text, KEYS, blank_unknown=True).endswith(
        "Two [see " + " " * len("@doi:10.9999/None") + ", p. 2].\n"
    )
    assert str(unresolved_problem("10.9999/None", path="docs/a.md", line=9, bib_path="references.bib", keys=KEYS)) == (
        "docs/a.md:9: no entry of references.bib has DOI 10.9999/None; paste its entry at the end of references.bib: "
        "the checks of a pull request show it, ready to paste, at this line and in the run summary (or run "
        "`make add-references`, online)"
    )


# Beside another work, a DOI with no entry is blanked with its ';', so that the work left is
# still a citation: told once, as the DOI with no entry (a clinician's trial told it twice).
@pytest.mark.parametrize("written", ["[@parker2014; @doi:10.9999/none]", "[@doi:10.9999/none; see @parker2014, p. 3]"])
def test_a_doi_with_no_entry_beside_another_work_leaves_that_work_a_citation(written):
    blanked = resolve_doi_citations(written, KEYS, blank_unknown=True)

    assert len(blanked) == len(written) and ";" not in blanked
    assert [block.keys for block in find_citation_blocks(blanked)] == [("parker2014",)]


def test_a_doi_blanked_over_two_lines_keeps_the_line_break_so_every_line_number_stays():
    written = "Both [@parker2014;\n@doi:10.9999/none] help.\n\nNext [@allen2014]."
    blanked = resolve_doi_citations(written, KEYS, blank_unknown=True)
    assert blanked.count("\n") == written.count("\n") and "[@parker2014" in blanked


def test_a_doi_one_slip_from_an_entrys_is_told_with_the_doi_meant():
    doi = next(iter(KEYS))
    typed = doi[:-1] + ("l" if doi[-1] != "l" else "i")
    assert str(unresolved_problem(typed, path="docs/a.md", line=3, bib_path="references.bib", keys=KEYS)) == (
        f"docs/a.md:3: no entry of references.bib has DOI {typed}; did you mean {doi}, the DOI of '{KEYS[doi]}'? "
        f"write [@doi:{doi}]"
    )


# A DOI as editors paste it from PubMed or a journal's page: each shown as typed, told at
# its line with the citation it means; the right form, code and a link's text are not.
@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("[@doi: 10.1111/aphw.12127]", [("@doi: 10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)]),
        (
            "[@doi:https://doi.org/10.1111/aphw.12127]",
            [("@doi:https://doi.org/10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)],
        ),
        (
            "[@https://doi.org/10.1111/aphw.12127]",
            [("@https://doi.org/10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)],
        ),
        (
            "[see @https://dx.doi.org/10.1111/aphw.12127, p. 3]",
            [("@https://dx.doi.org/10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)],
        ),
        ("[doi:10.1111/aphw.12127]", [("doi:10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)]),
        ("[@10.1111/aphw.12127]", [("@10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)]),
        (
            "[https://doi.org/10.1111/aphw.12127]",
            [("https://doi.org/10.1111/aphw.12127", "@doi:10.1111/aphw.12127", 3)],
        ),
        ("[@doi:10.1111/aphw.12127; -@doi:10.1080/1]", []),
        ("[10.1111/aphw.12127](https://doi.org/10.1111/aphw.12127)", []),
        ("`[@doi: 10.1111/aphw.12127]`", []),
        ("doi: 10.1111/aphw.12127, outside a bracket", []),
    ],
)
def test_doi_pasted_in_another_form_is_told_at_its_line_with_the_citation_it_means(written, told):
    assert misshapen_doi_citations(f"# T\n\nOne {written}.\n") == told
    if told:
        [(shown, meant, line)] = told
        assert str(misshapen_problem(shown, meant, path="docs/a.md", line=line)) == (
            f"docs/a.md:3: '{shown}' is shown as plain text, not a citation: a citation by DOI is '@doi:' and the bare "
            f"DOI, with no space or address between; write {meant}"
        )


def test_lookup_table_holds_each_entrys_doi_lower_cased():
    bibliography = load_bibliography(FIXTURES / "references.bib", display_path="references.bib")
    keys = doi_keys(bibliography.entries.values())
    assert keys["10.5281/zenodo.7654321"] == "simic2023" and keys["10.1037/a0035173"] == "allen2014"


# ---------------------------------------------------------------------------------------
# The site built for real
# ---------------------------------------------------------------------------------------

ARTICLE = "docs/articles/cited-by-doi.md"
FRONT_MATTER = """---
title: Cited by DOI
description: A page that cites the same works by DOI and by key, to compare how each prints.
author: Grow True Psychology
published: 2026-11-25
last_reviewed: 2026-11-25
review_due: 2029-11-25
---

# Cited by DOI

"""


def add_article(project: Path, body: str) -> None:
    bibliography = load_bibliography(FIXTURES / "references.bib", display_path="references.bib")
    with (project / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + bibliography.entries["allen2014"].text + bibliography.entries["parker2014"].text)
    (project / ARTICLE).write_text(FRONT_MATTER + body, encoding="utf-8")


def test_doi_citation_prints_exactly_as_its_key_and_is_one_reference(site_copy):
    add_article(
        site_copy,
        (
            "Alpha [@doi:10.1037/A0035173].\n\nAlpha [@allen2014].\n\n"
            "Beta [see @doi:10.1177/0956797614531021, p. 3; -@doi:10.1037/a0035173].\n\n"
            "Beta [see @parker2014, p. 3; -@allen2014].\n"
        ),
    )
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    html = (site_copy / "site" / "articles" / "cited-by-doi" / "index.html").read_text(encoding="utf-8")
    alpha = re.findall(r"<p>Alpha (.*?)</p>", html)
    beta = re.findall(r"<p>Beta (.*?)</p>", html)
    assert len(alpha) == len(beta) == 2
    assert alpha[0] == alpha[1] and "Allen &amp; Leary, 2014" in alpha[0]
    assert beta[0] == beta[1] and "p. 3" in beta[0]
    assert html.count('id="ref-allen2014"') <= 1 and html.count("Self-compassion and well-being in older adults") == 1


def test_doi_with_no_entry_stops_the_build_at_its_line_saying_where_its_entry_is_shown(site_copy):
    add_article(
        site_copy,
        "Alpha [@allen2014; @parker2014].\n\nA claim [see @doi:10.9999/NONE, p. 2].\n\nPasted [@https://doi.org/10.9999/X].\n",
    )
    # The build's checks, in process: each an error, which stops the build before the pages.
    problems = [problem for problem in build_checks(site_copy) if not problem.notice]
    assert not any(problem.warning for problem in problems)
    told = [str(problem) for problem in problems]
    # A DOI pasted with its address stops the build too, at its line.
    assert any(
        problem.startswith(f"{ARTICLE}:16: '@https://doi.org/10.9999/X' is shown as plain text, not a citation")
        for problem in told
    ), told
    assert (
        f"{ARTICLE}:14: no entry of references.bib has DOI 10.9999/NONE; paste its entry at the end of references.bib: "
        "the checks of a pull request show it, ready to paste, at this line and in the run summary (or run "
        "`make add-references`, online)"
    ) in told


def test_a_doi_cited_from_an_entry_that_cannot_be_read_is_told_only_as_that_entrys_slip(site_copy):
    """doi.org's one-line entry pasted with a comma lost: its own line says so; the page's
    citation by DOI is not told 'no entry has DOI', nor the entry 'not cited'."""
    with (site_copy / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            " @article{Neff_2003, title={The Development and Validation of a Scale to Measure Self-Compassion},"
            " volume={2} ISSN={1529-8868}, DOI={10.1080/15298860309027}, number={3}, journal={Self and Identity},"
            " author={Neff, Kristin D.}, year={2003}, month=jul, pages={223–250} }\n"
        )
    article = site_copy / FIXTURE_ARTICLE
    article.write_text(article.read_text().replace("[@inwood2018]", "[@inwood2018; @doi:10.1080/15298860309027]", 1))

    assert [str(problem) for problem in build_checks(site_copy)] == [
        f"references.bib:{line_of(site_copy / 'references.bib', 'Neff_2003')}: the value of volume ends without a comma, "
        "so ISSN cannot begin; add ',' after its '}', before ISSN"
    ]


# A citation by DOI is checked as the key it stands for; its message quotes it as written.
def test_a_message_about_a_citation_by_doi_quotes_it_as_the_page_writes_it():
    line = "Sleep therapy helps [@doi:10.7326/M14-2841."
    message = (
        "'[@trauer2015.' opens a citation with '[' and never closes it; write ']' after its last work: [@trauer2015]."
    )
    assert as_written_by_doi(message, line, {"10.7326/m14-2841": "trauer2015"}) == (
        "'[@doi:10.7326/M14-2841.' opens a citation with '[' and never closes it; write ']' after its last work: "
        "[@doi:10.7326/M14-2841]."
    )


# The only citation of an entry, by a DOI one slip from its own: told as the slip, and the
# entry is not told "not cited ... or remove it", which would lose a good reference.
@pytest.mark.parametrize(
    ("cited", "told_as"),
    [
        ("[@doi:10.1080/17439760.2020.177806]", "did you mean 10.1080/17439760.2020.1778060, the DOI of 'yip2021'?"),
        ("[@doi:https://doi.org/10.1080/17439760.2020.1778060]", "is shown as plain text, not a citation"),
        # Beside a DOI pasted as its address, a work cited by its key (a clinician's trial).
        ("[@yip2021; @doi:https://doi.org/10.1000/none]", "is shown as plain text, not a citation"),
    ],
)
def test_an_entry_cited_only_by_a_mistyped_doi_is_not_told_to_be_removed(site_copy, cited, told_as):
    article = site_copy / FIXTURE_ARTICLE
    text = article.read_text()
    assert "[@yip2021]" in text
    article.write_text(text.replace("[@yip2021]", cited))
    told = [str(problem) for problem in build_checks(site_copy) if not problem.notice]
    assert any(told_as in problem for problem in told), told
    assert not any("'yip2021' is not cited" in problem for problem in told), told


# In a build, a mistake in a citation by DOI is quoted as the page writes it.
def test_a_build_quotes_a_citation_by_doi_as_written(site_copy):
    article = site_copy / FIXTURE_ARTICLE
    text = article.read_text()
    article.write_text(text.replace("[@yip2021]", "[@doi:10.1080/17439760.2020.1778060.]"))
    told = [str(problem) for problem in build_checks(site_copy) if not problem.notice]
    assert any(
        "'[@doi:10.1080/17439760.2020.1778060.]' is not read as a citation: the '.' belongs after the ']'; write [@doi:10.1080/17439760.2020.1778060]."
        in problem
        for problem in told
    ), told


# What the build and `make pandoc-page` format of a page: a citation by DOI as its entry's
# key's, a citation wrapped over two lines as one block on one line.
def test_a_pages_citations_are_formatted_by_key_each_on_one_line():
    markdown, blocks = citations_to_format("Text [@doi:10.1037/a0035173;\n@yip2021, p. 4].\n", KEYS)

    assert [block.text for block in blocks] == ["[@allen2014; @yip2021, p. 4]"]
    assert markdown == "Text [@allen2014; @yip2021, p. 4].\n"
