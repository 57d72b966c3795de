"""Every citation of a page checked against the bibliography, each problem at its line."""

from __future__ import annotations

import pytest

from psychoed.markdown_source import PageSource
from psychoed.references.bibliography import Bibliography, Entry
from psychoed.references.citation_check import check_citations, meant_keys

BIBLIOGRAPHY = Bibliography(
    "references.bib",
    {key: Entry(key, "article", 1, {"year": key[-4:]}) for key in ("inwood2018", "yip2021")},
    [],
)


YEAR_AS_PAGE = "'[see @yip2021, 2021; @inwood2018]' reads '2021' after ',' as a page ('p. 2021'); the year comes from the entry, so delete it: write [see @yip2021; @inwood2018]"
LOCATOR_SLIP = "'[see @inwood2018, pg. 220; @yip2021]' has the locator 'pg. 220', whose label pandoc does not read; APA writes p. 220: write [see @inwood2018, p. 220; @yip2021]"
DOUBLED_AT = "'[see @@yip2021, p. 3]' has '@' twice before 'yip2021', so it is not read as a citation and would print as typed; write it once: [see @yip2021, p. 3]"
PASTED_ENTRY = "'@article{morin2006,' begins a BibTeX entry, which a page prints as text; move the whole entry, to its closing '}', into references.bib, and cite it here as [@morin2006]"
PAGE_WITHOUT_COMMA = (
    "'[see @inwood2018 p. 15]' is not read as a citation: a page comes after a comma; write [see @inwood2018, p. 15]"
)
SPREAD_RANGE = "'[@inwood2018, pp. 215\u2014218]' joins the pages '215\u2014218' in a way pandoc reads as one page ('p. 215\u2014218'); join them by a hyphen without spaces, which prints as the en dash APA uses: write [@inwood2018, pp. 215-218]"
UNCLOSED = "'[@inwood2018; see @yip2021, p. 3.' opens a citation with '[' and never closes it; write ']' after its last work: [@inwood2018; see @yip2021, p. 3]."


def messages(body: str) -> list[str]:
    page = PageSource("docs/a.md", "---\ntitle: A\n---\n" + body)
    problems, _ = check_citations([page], BIBLIOGRAPHY)
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "As @inwood2018 showed.",
            "docs/a.md:4: '@inwood2018' without brackets is shown as plain text, not a citation; write [@inwood2018], or, to name its authors in your sentence, their names and then [-@inwood2018]",
        ),
        (
            "As @smith1999 showed.",
            "docs/a.md:4: '@smith1999' looks like a citation without brackets; write [@key] with a key from references.bib, or write &#64;smith1999 if it is not a citation",
        ),
        (
            "Text.\n[see @yip2021 for more]",
            "docs/a.md:5: '[see @yip2021 for more]' is not read as a citation: inside the brackets, words may only come before the key or after a comma, e.g. [see @yip2021, for a review]",
        ),
        ("One review [@inwod2018].", "docs/a.md:4: unknown citation key 'inwod2018'; did you mean 'inwood2018'?"),
        (
            "One review [@zzzz1999].",
            "docs/a.md:4: unknown citation key 'zzzz1999'; add its entry to references.bib or correct the key",
        ),
        (
            "One review [@Yip2021].",
            "docs/a.md:4: citation key 'Yip2021' differs in case from the entry 'yip2021'; write [@yip2021]",
        ),
        (
            "One review [yip2021].",
            "docs/a.md:4: '[yip2021]' is shown as plain text, not a citation: 'yip2021' is a key of references.bib, and a citation writes it after '@'; write [@yip2021]",
        ),
        (
            "One review [see Inwood2018,\np. 3].",
            "docs/a.md:4: '[see Inwood2018, p. 3]' is shown as plain text, not a citation: 'inwood2018' is a key of references.bib, and a citation writes it after '@'; write [see @inwood2018, p. 3]",
        ),
        (
            "Two reviews [@inwood2018; see @yip2021, p. 3.",
            f"docs/a.md:4: {UNCLOSED}",
        ),
        (
            "Both [@inwood2018, @yip2021].",
            "docs/a.md:4: '[@inwood2018, @yip2021]' is not read as a citation: works in one citation are separated by ';', not ','; write [@inwood2018; @yip2021]",
        ),
        (
            "Both [@inwood2018 @yip2021].",
            "docs/a.md:4: '[@inwood2018 @yip2021]' is not read as a citation: works in one citation are separated by ';'; write [@inwood2018; @yip2021]",
        ),
        (
            "Both [@inwood2018 & @yip2021].",
            "docs/a.md:4: '[@inwood2018 & @yip2021]' is not read as a citation: works in one citation are separated by ';'; write [@inwood2018; @yip2021]",
        ),
        (
            "Both [see @inwood2018, p. 3,\nand also @yip2021].",
            "docs/a.md:4: '[see @inwood2018, p. 3, and also @yip2021]' is not read as a citation: works in one citation are separated by ';', not ','; write [see @inwood2018, p. 3; and also @yip2021]",
        ),
        (
            "One review [@inwood 2018].",
            "docs/a.md:4: '[@inwood 2018]' is not read as a citation: a key has no spaces and follows '@' directly; write [@inwood2018]",
        ),
        (
            "One review [see @ inwood2018, p. 3; @yip 2021a].",
            "docs/a.md:4: '[see @ inwood2018, p. 3; @yip 2021a]' is not read as a citation: a key has no spaces and follows '@' directly; write [see @inwood2018, p. 3; @yip2021]",
        ),
        (  # the year typed again, as author-year citations read: no citation, or a page
            "One review [@yip2021 2021].",
            "docs/a.md:4: '[@yip2021 2021]' is not read as a citation: a key has no spaces and follows '@' directly; write [@yip2021]",
        ),
        (
            "One review [see @yip2021, 2021; @inwood2018].",
            f"docs/a.md:4: {YEAR_AS_PAGE}",
        ),
        (
            "Both [@inwood2018, yip2021].",
            "docs/a.md:4: '[@inwood2018, yip2021]' reads 'yip2021' after ',' as a page of the work before it; works in one citation are separated by ';', each after '@'; write [@inwood2018; @yip2021]",
        ),
        (
            "Both [see @inwood2018, p. 3, and Yip2021].",
            "docs/a.md:4: '[see @inwood2018, p. 3, and Yip2021]' reads 'Yip2021' after ',' as a page of the work before it; works in one citation are separated by ';', each after '@'; write [see @inwood2018, p. 3; and @yip2021]",
        ),
        (  # the line runs on: the citation closes after its last work, not at the line's end
            "It helps [@inwood2018. Breathing slowly helps too [@yip2021].",
            "docs/a.md:4: '[@inwood2018. Breathing slowly helps too [@yip2021].' opens a citation with '[' and never closes it; write ']' after its last work: [@inwood2018].",
        ),
        (  # the sentence's stop typed where the ']' goes stays after it (a clinician's trial)
            "People may avoid less [@inwood2018.",
            "docs/a.md:4: '[@inwood2018.' opens a citation with '[' and never closes it; write ']' after its last work: [@inwood2018].",
        ),
        (  # words after the work: the ']' goes after the work, the words stay where they are
            "As shown [@inwood2018 in one trial.",
            "docs/a.md:4: '[@inwood2018 in one trial.' opens a citation with '[' and never closes it; write ']' after its last work: [@inwood2018]",
        ),
        (  # a page typed without its comma (a clinician's trial: told "e.g. [see @inwood2018, for a review]")
            "A review [see @inwood2018 p. 15].",
            f"docs/a.md:4: {PAGE_WITHOUT_COMMA}",
        ),
        (
            "A manual [@yip2021: 21].",
            "docs/a.md:4: '[@yip2021: 21]' is not read as a citation: a page comes after a comma; write [@yip2021, p. 21]",
        ),
        (  # in a citation of several works, with its label capitalised
            "Both [@yip2021; @inwood2018 Chapter 3].",
            "docs/a.md:4: '[@yip2021; @inwood2018 Chapter 3]' is not read as a citation: a page comes after a comma; write [@yip2021; @inwood2018, chapter 3]",
        ),
        (  # two mistakes, one fix for both
            "A letter [@@yip2021 p. 3].",
            "docs/a.md:4: '[@@yip2021 p. 3]' has '@' twice before 'yip2021', so it is not read as a citation and would print as typed; write it once: [@yip2021, p. 3]",
        ),
        (  # a minus sign, and "to"
            "A review [@inwood2018, pp. 215\u2212218] and [@yip2021, pp. 3 to 5].",
            [
                "docs/a.md:4: '[@inwood2018, pp. 215\u2212218]' joins the pages '215\u2212218' in a way pandoc reads as one page ('p. 215\u2212218'); join them by a hyphen without spaces, which prints as the en dash APA uses: write [@inwood2018, pp. 215-218]",
                "docs/a.md:4: '[@yip2021, pp. 3 to 5]' joins the pages '3 to 5' in a way pandoc reads as one page ('p. 3 to 5'); join them by a hyphen without spaces, which prints as the en dash APA uses: write [@yip2021, pp. 3-5]",
            ],
        ),
        (  # a paragraph or a page range without its comma, the key as references.bib writes it
            "A letter [@yip2021 para. 4] and a review [see @Inwood2018 pages 4-6].",
            [
                "docs/a.md:4: '[@yip2021 para. 4]' is not read as a citation: a page comes after a comma; write [@yip2021, para. 4]",
                "docs/a.md:4: '[see @Inwood2018 pages 4-6]' is not read as a citation: a page comes after a comma; write [see @inwood2018, pp. 4-6]",
            ],
        ),
        (  # a non-breaking hyphen, as text copied from Word or a PDF has it
            "A review [@inwood2018, pp. 215\u2011218].",
            "docs/a.md:4: '[@inwood2018, pp. 215\u2011218]' joins the pages '215\u2011218' in a way pandoc reads as one page ('p. 215\u2011218'); join them by a hyphen without spaces, which prints as the en dash APA uses: write [@inwood2018, pp. 215-218]",
        ),
        (  # separated right, with the stop inside (a clinician's trial: told to separate them by ';')
            "Both help [@inwood2018; @yip2021.]",
            "docs/a.md:4: '[@inwood2018; @yip2021.]' is not read as a citation: the '.' belongs after the ']'; write [@inwood2018; @yip2021].",
        ),
        (
            "Kindness helps [@inwood2018.]",
            "docs/a.md:4: '[@inwood2018.]' is not read as a citation: the '.' belongs after the ']'; write [@inwood2018].",
        ),
        (
            "It helps (see [@yip2021] for a review).",
            "docs/a.md:4: '(see [@yip2021] for a review)' would print two pairs of parentheses, as a citation prints its own; write [see @yip2021, for a review]",
        ),
        (
            "It helps [@].",
            "docs/a.md:4: '[@]' names no work after '@'; write the key of the work you cite, e.g. [@inwood2018]",
        ),
        (  # locator labels as people abbreviate them, which pandoc prints as typed (a clinician's trial)
            "A review [see @inwood2018, pg. 220; @yip2021].",
            f"docs/a.md:4: {LOCATOR_SLIP}",
        ),
        (
            "A letter [@yip2021, para 4].",
            "docs/a.md:4: '[@yip2021, para 4]' has the locator 'para 4', whose label pandoc does not read; APA writes para. 4: write [@yip2021, para. 4]",
        ),
        (
            "Letters [@yip2021, paras 4-5].",
            "docs/a.md:4: '[@yip2021, paras 4-5]' has the locator 'paras 4-5', whose label pandoc does not read; APA writes paras. 4-5: write [@yip2021, paras. 4-5]",
        ),
        (
            "A review [@inwood2018, pp 215-218].",
            "docs/a.md:4: '[@inwood2018, pp 215-218]' has the locator 'pp 215-218', whose label pandoc does not read; APA writes pp. 215-218: write [@inwood2018, pp. 215-218]",
        ),
        (  # printed as typed, even where the work is cited elsewhere (a clinician's trial)
            "Grounding [see @@yip2021, p. 3] helps [@yip2021].",
            f"docs/a.md:4: {DOUBLED_AT}",
        ),
        (  # an entry pasted into the article, not references.bib (a clinician's trial)
            "Treatment helps most people.\n\n@article{morin2006,\n  author = {Morin, Charles M.},\n  title = {T},\n}",
            f"docs/a.md:6: {PASTED_ENTRY}",
        ),
        (  # a range pandoc reads as one page, "p. 215—218" (a clinician's trial)
            "A review [@inwood2018, pp. 215\u2014218].",
            f"docs/a.md:4: {SPREAD_RANGE}",
        ),
        (
            "A review [see @yip2021, pp. 12-14, 20 - 22].",
            "docs/a.md:4: '[see @yip2021, pp. 12-14, 20 - 22]' joins the pages '20 - 22' in a way pandoc reads as one page ('p. 20 - 22'); join them by a hyphen without spaces, which prints as the en dash APA uses: write [see @yip2021, pp. 12-14, 20-22]",
        ),
        (
            "A review [@inwood2018, ch. 3].",
            "docs/a.md:4: '[@inwood2018, ch. 3]' has the locator 'ch. 3', whose label pandoc does not read; APA writes chapter 3: write [@inwood2018, chapter 3]",
        ),
        (
            "Twice [@inwood2018; @inwood2018].",
            "docs/a.md:4: '[@inwood2018; @inwood2018]' names the same work twice, so its year would be printed twice; write it once: [@inwood2018]",
        ),
        (
            "Text.\n\n<details>\n<summary>More</summary>\nGrounding helps [@yip2021].\n</details>",
            "docs/a.md:8: '[@yip2021]' stands inside the HTML <details> of line 6, where Markdown is not read, so readers would see it as typed; add markdown to that tag, <details markdown>, or write the text as Markdown without the tags",
        ),
        (
            "See [Research on grounding [@yip2021]](https://example.org/) now.",
            "docs/a.md:4: '[Research on grounding [@yip2021]](https://example.org/)' puts a citation inside a link's text, which cannot show it; put it after the link: [Research on grounding](https://example.org/) [@yip2021]",
        ),
        (
            "The review [@inwood2018](https://doi.org/10.1111/aphw.12127) is open.",
            "docs/a.md:4: '[@inwood2018](https://doi.org/10.1111/aphw.12127)' is a link whose text readers see as '@inwood2018', not a citation; write [@inwood2018] (its reference gives the work's address), or give the link words: [the review](https://doi.org/10.1111/aphw.12127)",
        ),
    ],
)
def test_each_mistake_is_named_at_its_line_with_its_fix(body: str, expected: str | list[str]):
    assert messages(body) == ([expected] if isinstance(expected, str) else expected)


@pytest.mark.parametrize(
    "body",
    [
        "Cite [@inwood2018; see @yip2021, p. 3].",
        "Say hello to @growtrue on social media.",  # a handle, not shaped like a key
        "Follow https://mastodon.social/@growtrue2024 and write to team@example.org.",
        "The [@growtrue](https://example.org/growtrue) profile.",  # a handle as a link's text
        "<div markdown>\nGrounding helps [@yip2021].\n</div>",
        "Text <span>with a citation [@yip2021]</span> inline.",
        "Write &#64;growtrue2024 for a handle shaped like a key.",
        "Show how to cite: `[@smith1999]`.",
        "A DOI as its address [@inwood2018; @doi:https://doi.org/10.1/x]: told by the check of citations by DOI.",
        "An entry in references.bib reads:\n\n```bibtex\n@article{smith1999,\n  title = {T},\n}\n```",
        "<!-- Draft: add [@smith1999] and @smith1999 here -->",
        "Two works [@inwood2018][@yip2021] and one [@yip2021]: kindness helps.",
        "A note on kindness[^yip2021].\n\n[^yip2021]: Its own words.",
        "The [yip2021 study](https://doi.org/10.1080/17439760.2020.1778060) is open.\n\n[yip2021]: https://example.org/",
        "Pages of one work [@inwood2018, p. 3; @inwood2018, p. 5] and a study [@yip2021, Study 2].",
        "Our handle [@ growtrue] and the year [@growtrue 2024 review].",
        "(A sentence in parentheses that cites a review [@yip2021] says more.)",
        "Labels pandoc reads [@yip2021, pp. 3-5; @inwood2018, chap. 3] [@yip2021, para. 4] [@yip2021, ¶ 4] [@yip2021, chapter 2].",
    ],
)
def test_what_is_not_a_citation_attempt_passes(body: str):
    assert messages(body) == []


def test_a_key_without_brackets_is_told_at_each_of_its_lines():
    assert messages("As @inwood2018 showed.\n\nAgain @inwood2018 showed.") == [
        "docs/a.md:4: '@inwood2018' without brackets is shown as plain text, not a citation; write [@inwood2018], or, to name its authors in your sentence, their names and then [-@inwood2018]",
        "docs/a.md:6: '@inwood2018' without brackets is shown as plain text, not a citation; write [@inwood2018], or, to name its authors in your sentence, their names and then [-@inwood2018]",
    ]


def test_the_same_wrong_bracket_on_two_lines_is_told_at_each():
    assert messages("One [@inwood2018, @yip2021].\n\nTwo [@inwood2018, @yip2021].") == [
        f"docs/a.md:{line}: '[@inwood2018, @yip2021]' is not read as a citation: works in one citation are separated by ';', not ','; write [@inwood2018; @yip2021]"
        for line in (4, 6)
    ]


@pytest.mark.parametrize(
    "written",
    [
        "[@inwod2018]",
        "[@Inwood2018]",
        "@inwood2018 showed",
        "[inwood2018]",
        "[@yip2021; inwood2018]",
        "[@yip2021, inwood2018]",
        "[@inwood 2018]",
    ],
)
def test_the_entry_a_broken_citation_means_is_not_told_to_be_removed(written):
    page = PageSource("docs/articles/a.md", f"---\ntitle: A\n---\n\nSelf-compassion helps {written}.\n")
    assert "inwood2018" in meant_keys([page], BIBLIOGRAPHY)


def test_a_key_like_no_entry_means_none():
    page = PageSource("docs/articles/a.md", "---\ntitle: A\n---\n\nAs [@zzzz1999] and @handle wrote.\n")
    assert meant_keys([page], BIBLIOGRAPHY) == set()


# Citations typed as APA prints them, as the practice's published article has them
# (../shared/source), pasted in: printed as typed, with no reference in the list.
TYPED_WORKS = Bibliography(
    "references.bib",
    {
        key: Entry(key, "article", 1, {"year": year}, persons={"author": authors})
        for key, year, authors in [
            ("inwood2018", "2018", ["Inwood, Emma", "Ferrari, Madeleine"]),
            ("yela2022", "2022", ["Yela, José Ramón", "Crego, Antonio", "Gómez-Martínez, María Ángeles"]),
            ("alvaro2013", "2013", ["Alvaro, Pasquale K."]),
            ("neff2003a", "2003", ["Neff, Kristin D."]),
            ("neff2003b", "2003", ["Neff, Kristin D."]),
            ("neff2007", "2007", ["Neff, Kristin D.", "Kirkpatrick, Kristin L.", "Rude, Stephanie S."]),
            ("may1950", "1950", ["May, Rollo"]),
            ("who2019", "2019", ["{World Health Organization}"]),
            ("vanderkolk2014", "2014", ["{van der Kolk}, Bessel"]),
        ]
    },
    [],
)
TYPED_CITATION = "'(Inwood & Ferrari, 2018)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@inwood2018]"
TYPED_AMBIGUOUS = "'(see also Neff, 2003)' is a citation typed by hand, which prints as typed, with no link to its reference; references.bib has 2 works by Neff from 2003 (neff2003a, neff2003b): write [see also @neff2003a], with the key of the one meant"
TYPED_NARRATIVE = "'Inwood and Ferrari (2018)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write Inwood and Ferrari [-@inwood2018]"
TYPED_NARRATIVE_TWO = "'Neff (2003)' names a work with its year typed by hand, which prints as typed, with no link to its reference; references.bib has 2 works by Neff from 2003 (neff2003a, neff2003b): write Neff [-@neff2003a], with the key of the one meant"
TYPED_UNKNOWN = "'(Morin & Espie, 2003)' is a citation typed by hand, which prints as typed, with no link to its reference, and references.bib has no work by Morin from 2003; add its entry to references.bib and cite it by its key, e.g. [@morin2003]"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One systematic review (Inwood & Ferrari, 2018) found it.", TYPED_CITATION),
        (
            "People may avoid less (e.g., Yela et al., 2022, p. 3; Inwood and Ferrari, 2018).",
            "'(e.g., Yela et al., 2022, p. 3; Inwood and Ferrari, 2018)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [e.g., @yela2022, p. 3; @inwood2018]",
        ),
        (
            "Poor sleep and worry feed each other [Alvaro 2013].",
            "'[Alvaro 2013]' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@alvaro2013]",
        ),
        ("Most adults with insomnia can be helped (Morin & Espie, 2003).", TYPED_UNKNOWN),
        # Two works by that author and year: both named, never one picked for the editor.
        ("Self-kindness helps (see also Neff, 2003).", TYPED_AMBIGUOUS),
        (  # the letter typed after the year names the key ending in it
            "Self-kindness helps (see also Neff, 2003b).",
            "'(see also Neff, 2003b)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [see also @neff2003b]",
        ),
        (  # a group's name and a name with a particle, whose first word the pattern alone would not read
            "Depression is common (e.g., World Health Organization, 2019; van der Kolk, 2014, p. 21).",
            "'(e.g., World Health Organization, 2019; van der Kolk, 2014, p. 21)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [e.g., @who2019; @vanderkolk2014, p. 21]",
        ),
        (  # beside a known work, or in APA's form, a work references.bib lacks is a citation too
            "Kindness helps (Neff, 2003a; Scotland, 2019) (Morin & Espie, 2003; Scotland, 2019) (Smith et al., 2020).",
            [
                "'(Neff, 2003a; Scotland, 2019)' is a citation typed by hand, which prints as typed, with no link to its reference, and references.bib has no work by Scotland from 2019; add its entry to references.bib and cite it by its key, e.g. [@scotland2019]",
                "'(Morin & Espie, 2003; Scotland, 2019)' is a citation typed by hand, which prints as typed, with no link to its reference, and references.bib has no work by Morin from 2003, Scotland from 2019; add its entry to references.bib and cite it by its key, e.g. [@morin2003]",
                "'(Smith et al., 2020)' is a citation typed by hand, which prints as typed, with no link to its reference, and references.bib has no work by Smith from 2020; add its entry to references.bib and cite it by its key, e.g. [@smith2020]",
            ],
        ),
        (  # "cf.", a prefix before the first of two years and a page after the last, a group's name over two lines
            "Kindness helps (cf. Alvaro, 2013) (see Neff, 2003a, 2007, p. 4) (World Health\nOrganization, 2019).",
            [
                "'(cf. Alvaro, 2013)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [cf. @alvaro2013]",
                "'(see Neff, 2003a, 2007, p. 4)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [see @neff2003a; @neff2007, p. 4]",
                "'(World Health Organization, 2019)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@who2019]",
            ],
        ),
        (  # after an image on its line, not in its alt text
            "A chart ![Worry](chart.png) shows it (Inwood & Ferrari, 2018).",
            "'(Inwood & Ferrari, 2018)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@inwood2018]",
        ),
        (  # the only year of the page before a comma: the quick look for one finds it
            "A trial (Yela et al., 2022, p. 3) says so.",
            "'(Yela et al., 2022, p. 3)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@yela2022, p. 3]",
        ),
        (  # two years of one author: two works
            "Self-kindness helps (Neff, 2003a, 2007).",
            "'(Neff, 2003a, 2007)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@neff2003a; @neff2007]",
        ),
        (
            "Kindness helps (Neff, Kirkpatrick, &\nRude, 2007).",  # three authors, wrapped over two lines
            "'(Neff, Kirkpatrick, & Rude, 2007)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@neff2007]",
        ),
        (  # an author whose name is a month, found in references.bib
            "Anxiety has a meaning (May, 1950).",
            "'(May, 1950)' is a citation typed by hand, which prints as typed, with no link to its reference; cite it by its key instead: write [@may1950]",
        ),
        (
            "Worry lessens (O'Brien & Smith, 2019).",
            "'(O'Brien & Smith, 2019)' is a citation typed by hand, which prints as typed, with no link to its reference, and references.bib has no work by O'Brien from 2019; add its entry to references.bib and cite it by its key, e.g. [@obrien2019]",
        ),
    ],
)
def test_a_citation_typed_as_apa_prints_it_is_told_with_the_key_to_write(sentence, expected):
    page = PageSource("docs/a.md", f"# A\n\n{sentence} Cited too [@alvaro2013].\n")
    expected = [expected] if isinstance(expected, str) else expected
    assert [str(problem) for problem in check_citations([page], TYPED_WORKS)[0]] == [
        f"docs/a.md:3: {message}" for message in expected
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Read [Alvaro 2013](https://doi.org/10.5665/sleep.2810) for more.",  # a link, which readers can follow
        "The course ran in (Spring, 2021) and (March 2020).",
        "Show how it was typed: `(Inwood & Ferrari, 2018)`.",
        "[Alvaro 2013]: https://doi.org/10.5665/sleep.2810",
        "The guideline (Updated 2023) and the leaflet [Revised 2021] agree.",  # no work by them, not APA's form
        "Statistics (England and Wales, 2021) and (Scotland, 2019) and (March, 2020).",  # places, a month
        "Sales (Autumn & Winter, 2021) and (Spring & Summer, 2020) rose.",  # seasons, in APA's form
        "Links [Alvaro 2013][ref] and [a review](Alvaro, 2013), a handle @Alvaro (2013).\n\n[ref]: https://example.org",
        "A chart ![Worry by age (Inwood & Ferrari, 2018)](chart.png) shows it.",  # an image's alt text
        "[Alvaro 2013] explains it.\n\n[alvaro 2013]: https://doi.org/10.5665/sleep.2810",  # a shortcut link
        'See [the chart][c].\n\n[c]: https://example.org/c.png "Worry (Inwood & Ferrari, 2018)"',  # a link's title
        "Follow @growtruepsych (Instagram, Threads) for news.",  # a handle, not a pasted entry
        "@media{print, screen} is how a stylesheet starts.",  # braces, but no field after the key
        "As studied [@alvaro2013, in adults aged 18 to 65; @inwood2018, Studies 1 to 3].",  # words, not pages
    ],
)
def test_what_only_looks_like_a_typed_citation_passes(sentence):
    page = PageSource("docs/a.md", f"# A\n\n{sentence} Cited [@alvaro2013].\n")
    assert check_citations([page], TYPED_WORKS)[0] == []


def test_the_entry_a_citation_with_two_ats_means_is_not_told_to_be_removed():
    page = PageSource("docs/a.md", "# A\n\nKindness helps [@@inwood2018].\n")
    assert meant_keys([page], TYPED_WORKS) == {"inwood2018"}


# The authors named in the sentence, the year typed in parentheses, as a published article
# has them: told for a work references.bib holds, with its narrative citation.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Inwood and Ferrari (2018) found it helps.", TYPED_NARRATIVE),
        ("Neff (2003) first described it.", TYPED_NARRATIVE_TWO),
        (  # APA's "and" in a sentence, "et al." for three authors or more, the possessive kept
            "Inwood & Ferrari (2018) and Neff, Kirkpatrick, and Rude (2007) found it.",
            [
                "'Inwood & Ferrari (2018)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write Inwood and Ferrari [-@inwood2018]",
                "'Neff, Kirkpatrick, and Rude (2007)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write Neff et al. [-@neff2007]",
            ],
        ),
        (
            "May's (1950, p. 32) view and Yela et al.'s (2022) trial agree.",
            [
                "'May's (1950, p. 32)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write May's [-@may1950, p. 32]",
                "'Yela et al.'s (2022)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write Yela et al.'s [-@yela2022]",
            ],
        ),
        (
            "The World Health Organization (2019) reports it.",
            "'World Health Organization (2019)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write World Health Organization [-@who2019]",
        ),
        ("COVID-19 (2020) and the Mental Health Act (2007) changed it. In Scotland (2019), too.", None),
        ("Inwood and Ferrari [-@inwood2018] found it helps.", None),
        (  # a curly apostrophe, as a phone's keyboard types it
            "May\u2019s (1950) view and Yela et al.\u2019s (2022) trial hold.",
            [
                "'May\u2019s (1950)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write May\u2019s [-@may1950]",
                "'Yela et al.\u2019s (2022)' names a work with its year typed by hand, which prints as typed, with no link to its reference; keep the names and cite the year by its key: write Yela et al.\u2019s [-@yela2022]",
            ],
        ),
    ],
)
def test_a_narrative_citation_typed_by_hand_is_told_for_a_work_references_bib_holds(sentence, expected):
    page = PageSource("docs/a.md", f"# A\n\n{sentence}\n")
    told = [str(problem) for problem in check_citations([page], TYPED_WORKS)[0]]
    expected = [expected] if isinstance(expected, str) else expected or []
    assert told == [f"docs/a.md:3: {message}" for message in expected]
    # The works meant are not told "not cited, or remove it".
    assert bool(meant_keys([page], TYPED_WORKS)) == bool(expected)


def test_a_letter_two_keys_end_in_names_those_two_not_every_work_of_that_year():
    works = Bibliography(
        "references.bib",
        {
            key: Entry(key, "article", 1, {"year": "2003"}, persons={"author": ["Neff, Kristin D."]})
            for key in ("neff2003a", "neff2003b", "neffscale2003b")
        },
        [],
    )
    page = PageSource("docs/a.md", "# A\n\nKindness (Neff, 2003b).\n")
    assert "(neff2003b, neffscale2003b)" in str(check_citations([page], works)[0][0])


def test_the_entry_a_typed_citation_means_is_not_told_to_be_removed():
    page = PageSource("docs/a.md", "# A\n\nOne review (Inwood & Ferrari, 2018) found it.\n")
    assert meant_keys([page], TYPED_WORKS) == {"inwood2018"}


# Keys as Zotero (neff_self-compassion_2003) and Better BibTeX (neffPilotStudyRandomized2013)
# export them, cited as editors guess a key from "Neff (2003)" or "Neff & Germer (2013)".
ZOTERO_KEYS = Bibliography(
    "references.bib",
    {
        key: Entry(key, "article", 1, {"date": date}, persons={"author": authors})
        for key, date, authors in [
            ("neff_self-compassion_2003", "2003", ["Neff, Kristin D."]),
            ("neffDevelopmentValidationScale2003", "2003-07", ["Neff, Kristin D."]),
            ("neffPilotStudyRandomized2013", "2013", ["Neff, Kristin D.", "Germer, Christopher K."]),
            ("lopez_2015", "2015", ["López, Albert", "Sanderman, Robbert"]),
            ("macbeth_compassion_2012", "2012", ["MacBeth, Angus", "Gumley, Andrew"]),
            ("vanderkolk_body_2014", "2014-09-25", ["van der Kolk, Bessel"]),
        ]
    },
    [],
)
BOTH_2003 = "'neff_self-compassion_2003' or 'neffDevelopmentValidationScale2003'"


@pytest.mark.parametrize(
    ("cited", "meant"),
    [
        ("neff2003", BOTH_2003),
        ("Neff_2003", BOTH_2003),  # as doi.org names its entries
        ("nef2003", BOTH_2003),
        ("neffgermer2013", "'neffPilotStudyRandomized2013'"),
        ("neffandgermer2013", "'neffPilotStudyRandomized2013'"),
        ("neffetal2013", "'neffPilotStudyRandomized2013'"),
        ("lópez2015", "'lopez_2015'"),
        ("lopezetal2015", "'lopez_2015'"),
        ("gumley2012", "'macbeth_compassion_2012'"),  # the second author
        ("mcbeth2012", "'macbeth_compassion_2012'"),
        ("kolk2014", "'vanderkolk_body_2014'"),
        ("van_der_kolk2014", "'vanderkolk_body_2014'"),
        # a year mistyped: the author's works, the nearest years first
        ("neff2004", f"{BOTH_2003} or 'neffPilotStudyRandomized2013'"),
        # the citation as APA prints it, "(Neff, 2003)"
        ("neff, 2003", BOTH_2003),
    ],
)
def test_a_key_guessed_from_authors_and_year_suggests_their_works_of_that_year(cited, meant):
    page = PageSource("docs/articles/a.md", f"---\ntitle: A\n---\n\nSelf-compassion helps [@{cited}].\n")
    problems, _ = check_citations([page], ZOTERO_KEYS)
    assert [str(problem) for problem in problems] == [
        f"docs/articles/a.md:5: unknown citation key '{cited.split(',')[0]}'; did you mean {meant}?"
    ]
    assert meant_keys([page], ZOTERO_KEYS) == {key.strip("'") for key in meant.split(" or ")}


def test_a_key_without_brackets_that_no_entry_has_is_told_the_works_it_means():
    page = PageSource("docs/articles/a.md", "---\ntitle: A\n---\n\nAs @neff2003 showed, kindness helps.\n")
    problems, _ = check_citations([page], ZOTERO_KEYS)
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:5: '@neff2003' looks like a citation without brackets, and no entry has that key; "
        "write [@neff_self-compassion_2003] or [@neffDevelopmentValidationScale2003], or write &#64;neff2003 if it is not a citation"
    ]


def test_a_work_after_a_semicolon_without_its_at_is_written_with_the_key_it_means():
    page = PageSource(
        "docs/articles/a.md", "---\ntitle: A\n---\n\nKindness helps [@neff_self-compassion_2003; germer2013].\n"
    )
    problems, _ = check_citations([page], ZOTERO_KEYS)
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:5: '[@neff_self-compassion_2003; germer2013]' is not read as a citation: 'germer2013' after ';' "
        "has no '@' before it; write [@neff_self-compassion_2003; @neffPilotStudyRandomized2013]"
    ]


# Keys typed as the citation reads, in a citation with a ',' for ';' (a doi.org export's
# keys, Neff_2003): one message, whose fix writes the entries' keys, and those entries are
# not told "not cited, or remove it".
def test_a_citation_with_commas_and_guessed_keys_is_fixed_with_the_keys_meant():
    page = PageSource("docs/articles/a.md", "---\ntitle: A\n---\n\nKindness helps [@neff2003, @neffgermer2013].\n")
    problems, _ = check_citations([page], ZOTERO_KEYS)
    assert [str(problem) for problem in problems] == [
        "docs/articles/a.md:5: '[@neff2003, @neffgermer2013]' is not read as a citation: works in one citation are "
        "separated by ';', not ','; write [@neff2003; @neffPilotStudyRandomized2013]"
    ]
    assert meant_keys([page], ZOTERO_KEYS) == {
        "neff_self-compassion_2003",
        "neffDevelopmentValidationScale2003",
        "neffPilotStudyRandomized2013",
    }
