"""references.bib is read once and checked as a whole, every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_SITE
from psychoed.problems import as_errors, report
from psychoed.references.bibliography import check_bibliography, load_bibliography, uncited_problems
from psychoed.references.reference_rules import HOW_TO_ADD

# One person as doi.org and as Zotero write her: two people in print.
NAME_TWO_WAYS = (
    "entry 'neff2003' names 'Neff, Kristin', and entry 'neff2017' 'Neff, Kristin D.': APA prints them as two people "
    "(Neff, K. and Neff, K. D., and on a page that cites both, each with the initials in the text); "
    "if they are one person, write the name the same way in both, with every initial: Neff, Kristin D."
)


def load(tmp_path: Path, text: str):
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography(path, display_path="references.bib")


def test_fixture_bibliography_is_clean_and_has_the_three_corrected_records():
    bibliography = load_bibliography(FIXTURE_SITE / "references.bib", display_path="references.bib")
    assert bibliography.problems == []
    assert {key: entry.fields["doi"] for key, entry in bibliography.entries.items()} == {
        "inwood2018": "10.1111/aphw.12127",
        "yela2022": "10.1111/papt.12375",
        "yip2021": "10.1080/17439760.2020.1778060",
    }
    assert bibliography.entries["yip2021"].persons["author"] == ["Yip, Vania T.", "Tong, Eddie M. W."]
    assert bibliography.entries["inwood2018"].persons["author"] == ["Inwood, Elisa", "Ferrari, Madeleine"]


def test_every_syntax_error_of_the_file_is_reported_in_one_pass(tmp_path):
    bibliography = load(
        tmp_path,
        ("@article{a2020,\n  title = {Open,\n  year = {2020},\n}\n\n@article{b2021,\n  title {No equals sign},\n}\n"),
    )
    assert not bibliography.readable
    assert [str(problem) for problem in bibliography.problems] == [
        "references.bib:2: unclosed brace in the entry starting at line 1; end this field's value with '}'",
        "references.bib:7: '=' expected in the entry starting at line 6; check its braces, quotes and commas",
    ]


# Typed in the browser's editor: a brace opened inside a title and left open. Ending the
# value with '}' (or, in doi.org's one-line form, before the next field) would keep the rest
# of the title as typed: the inner brace is named first.
@pytest.mark.parametrize(
    ("bibtex", "message"),
    [
        (
            "@article{a2020,\n  title = {Among {U.S. adults: A survey of mood},\n  year = {2020},\n}\n",
            "references.bib:2: unclosed brace in the entry starting at line 1: in the value of this field, a '{' "
            "opened inside it ('{U.S. adults: A…') is not closed, or the '}' that ends the value is missing; close "
            "that '{' right after the words it should keep as written, or end the value with '}'",
        ),
        # Its own brace closed: the value's last is the one missing, which the message names too.
        (
            "@article{a2020,\n  title = {Among {U.S.} adults,\n  year = {2020},\n}\n",
            "references.bib:2: unclosed brace in the entry starting at line 1: in the value of this field, a '{' "
            "opened inside it ('{U.S.') is not closed, or the '}' that ends the value is missing; close that '{' "
            "right after the words it should keep as written, or end the value with '}'",
        ),
        (
            "@article{a2020, title = {Among {U.S. adults: A survey of mood}, journal = {Sleep}, year = {2020}}\n",
            "references.bib:1: the value of title runs on into journal: a '{' opened inside it ('{U.S. adults: A…') "
            "is not closed, or the '}' that ends the value is missing; close that '{' right after the words it should "
            "keep as written, or end the value with '}' before ', journal'",
        ),
    ],
    ids=["several-lines", "inner-closed", "one-line"],
)
def test_a_brace_left_open_inside_a_value_is_named_with_where_to_close_it(tmp_path, bibtex, message):
    assert [str(problem) for problem in load(tmp_path, bibtex).problems] == [message]


# Once: pybtex's own "'}' expected" at the same line would say less. A title wrapped onto a
# second line is still the value the '}' is in.
@pytest.mark.parametrize(
    ("bibtex", "line"),
    [
        ("@article{a2020,\n  title = {Among {U.S. adults}}: A survey},\n  year = {2020},\n}\n", 2),
        ("@article{a2020,\n  title = {Among {U.S.\n    adults}}: A survey},\n  year = {2020},\n}\n", 3),
    ],
    ids=["one-line-value", "wrapped-value"],
)
def test_a_brace_too_many_in_a_value_is_told_to_be_deleted_not_a_brace_put_back(tmp_path, bibtex, line):
    bibliography = load(tmp_path, bibtex)
    assert [str(problem) for problem in bibliography.problems] == [
        f"references.bib:{line}: this '}}' ends the entry, so the fields after it are left out; delete the '}}' too "
        "many in the value of title: each '}' closes one '{'"
    ]
    assert not bibliography.readable


# The fields the early '}' cut off are there as written: no message says they are missing,
# on their own lines or in doi.org's one-line form.
@pytest.mark.parametrize(
    ("bibtex", "line"),
    [
        (
            "@article{a2020,\n  author = {Smith, Ann},\n  title = {Tribute and portrait}},\n  journal = {Sleep},\n"
            "  year = {2020},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n",
            3,
        ),
        (
            "@article{a2020, author = {Smith, Ann}, title = {Tribute and portrait}}, journal = {Sleep}, year = {2020},"
            " volume = {1}, pages = {1--2}, doi = {10.1000/x}}\n",
            1,
        ),
    ],
    ids=["several-lines", "one-line"],
)
def test_a_brace_too_many_at_a_values_end_is_the_entrys_one_message(tmp_path, bibtex, line):
    assert [str(problem) for problem in load(tmp_path, bibtex).problems] == [
        f"references.bib:{line}: this '}}' ends the entry, so the fields after it are left out; delete the '}}' too "
        "many in the value of title: each '}' closes one '{'"
    ]


def test_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(b"@article{a2020,\n  title = {Caf\xe9},\n}\n")
    bibliography = load_bibliography(path, display_path="references.bib")
    assert [str(p) for p in bibliography.problems] == ["references.bib:2: not UTF-8 text; save the file as UTF-8"]


def test_missing_file_is_named(tmp_path):
    bibliography = load_bibliography(tmp_path / "nope.bib", display_path="nope.bib")
    assert not bibliography.readable
    assert "nope.bib:1: file not found" in str(bibliography.problems[0])


def test_required_fields_depend_on_the_entry_type(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@book{neff2011,\n  editor = {Neff, Kristin},\n  title = {Self-Compassion},\n  year = {2011},\n}\n"
            "@misc{who2022,\n  author = {{World Health Organization}},\n  title = {Mental health},\n  year = {2022},\n  url = {https://www.who.int/},\n}\n"
        ),
    )
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:1: entry 'neff2011' (@book) lacks the publisher field, which a book or edited book needs; add publisher = {...}",
    ]


def test_uncited_entries_are_warnings_and_case_variants_count_as_cited(tmp_path):
    bibliography = load_bibliography(FIXTURE_SITE / "references.bib", display_path="references.bib")
    problems = uncited_problems(bibliography, {"inwood2018", "YIP2021"})
    assert [(p.line, p.warning) for p in problems] == [(17, True)]
    assert "entry 'yela2022' is not cited by any page" in problems[0].message


def test_a_key_that_cannot_be_cited_is_asked_to_be_renamed_not_to_be_cited(tmp_path):
    bibliography = load(
        tmp_path,
        "@book{obrien.2020,\n  author = {O'Brien, Ann},\n  title = {T},\n  publisher = {P},\n  year = {2020},\n}\n",
    )
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:1: key 'obrien.2020' can only hold letters, digits, '_' and '-'; rename it, e.g. 'obrien2020'"
    ]
    assert uncited_problems(bibliography, set()) == []


def test_report_lists_errors_first_then_warnings_that_fail_strict(tmp_path):
    bibliography = load(
        tmp_path,
        "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {20},\n  volume = {1},\n  pages = {1--2},\n}\n",
    )
    text = report([p for p in bibliography.problems if not p.notice] + uncited_problems(bibliography, set()))
    assert text.splitlines()[0] == "2 problems to fix before the site can build (1 error, 1 warning):"
    assert text.splitlines()[1].startswith("  references.bib:5: entry 'a2020' has year '20'")
    assert (
        text.splitlines()[2]
        == "  references.bib:1: entry 'a2020' is not cited by any page; cite it as [@a2020] in the article on this branch, or remove it (warning; fails the strict build)"
    )


def test_a_strict_build_counts_and_shows_its_warnings_as_errors(tmp_path):
    bibliography = load(
        tmp_path,
        "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {20},\n  volume = {1},\n  pages = {1--2},\n}\n",
    )
    text = report(as_errors([p for p in bibliography.problems if not p.notice] + uncited_problems(bibliography, set())))
    assert text.splitlines() == [
        "2 problems to fix before the site can build (2 errors):",
        "  references.bib:1: entry 'a2020' is not cited by any page; cite it as [@a2020] in the article on this branch, or remove it",
        "  references.bib:5: entry 'a2020' has year '20'; write the year it was published, in four digits",
    ]


def test_copy_for_pandoc_keeps_particles_unless_an_entry_says_otherwise(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@book{kolk2014,\n  author = {van der Kolk, Bessel A.},\n  title = {T},\n  publisher = {Viking},\n  year = {2014},\n}\n\n"
            "@book{bbt2020,\n  author = {de Jong, Anna},\n  title = {T},\n  publisher = {P},\n  year = {2020},\n  options = {maxcitenames=2},\n}\n\n"
            "@book{beethoven1802,\n  author = {van Beethoven, Ludwig},\n  title = {T},\n  publisher = {P},\n  year = {1802},\n  options = {useprefix=false},\n}\n"
        ),
    )
    kolk, bbt, beethoven = bibliography.entries.values()
    assert kolk.pandoc.startswith(
        "@book{kolk2014,\n  options = {useprefix=true},\n  author = {van der Kolk, Bessel A.},"
    )
    assert "  options = {useprefix=true,maxcitenames=2},\n" in bbt.pandoc
    assert beethoven.pandoc == beethoven.text.rstrip()  # as written, to its closing brace
    assert "options" not in kolk.text  # the editor's file is never changed


def test_copy_for_pandoc_names_a_group_once_and_prints_an_article_number(tmp_path):
    who, plos = load(
        tmp_path,
        (
            "@techreport{who2014,\n  author = {{World Health Organization}},\n  title = {T},\n"
            "  institution = {World health organization},\n  year = {2014},\n}\n\n"
            "@article{plos2018,\n  author = {Jerrentrup, A.},\n  title = {T},\n  journal = {PLoS ONE},\n  year = {2018},\n  volume = {13},\n  eid = {e0193972},\n}\n"
        ),
    ).entries.values()
    assert "institution" not in who.pandoc and "World Health Organization" in who.pandoc
    assert "  pages = {Article e0193972},\n" in plos.pandoc


# Pages as Crossref, Elsevier and PsycINFO export them: an article number (APA: "Article
# 105149"), one page written as a range of itself, a book's page count (APA prints none).
@pytest.mark.parametrize(
    ("kind", "pages", "printed"),
    [
        ("article", "105149", "Article 105149"),
        ("article", "106117", "Article 106117"),  # Elsevier's DOI ends with it: kept
        ("article", "e124", "Article e124"),
        ("article", "aac4716-aac4716", "Article aac4716"),
        ("article", "E833-E833", "E833"),
        ("article", "315--320", None),
        ("article", "12345", None),
        ("article", "407\u2014425", "407--425"),
        ("book", "xiii, 594", ""),
    ],
)
def test_copy_for_pandoc_prints_pages_as_apa_does(tmp_path, kind, pages, printed):
    fields = (
        "journal = {J},\n  volume = {1},\n  doi = {10.1016/j.addbeh.2019.106117},"
        if kind == "article"
        else "publisher = {Prentice-Hall},"
    )
    [entry] = load(
        tmp_path,
        f"@{kind}{{k1991,\n  author = {{Keppel, Geoffrey}},\n  title = {{T}},\n  {fields}\n  pages = {{{pages}}},\n  year = {{1991}},\n}}\n",
    ).entries.values()
    if printed is None:
        assert f"  pages = {{{pages}}}," in entry.pandoc
    elif printed:
        assert f"  pages = {{{printed}}},\n" in entry.pandoc
    else:
        assert "pages" not in entry.pandoc


# doi.org writes an entry on one line: a field the copy rewrites is there once, as
# rewritten (pandoc reads the last of two, which printed "98, 106117").
DOI_ORG = (
    " @article{Keppel_2019, title={Stress and sleep in nurses}, volume={98}, ISSN={0306-4603}, "
    "url={http://dx.doi.org/10.1016/j.addbeh.2019.106117}, DOI={10.1016/j.addbeh.2019.106117}, "
    "journal={Addictive Behaviors}, publisher={Elsevier BV}, author={Keppel, Geoffrey and Smith, Ann}, "
    "year={2019}, month=nov, pages={106117} }\n"
)


def test_copy_for_pandoc_rewrites_a_field_of_an_entry_on_one_line_as_doi_org_writes_it(tmp_path):
    [entry] = load(tmp_path, DOI_ORG).entries.values()

    assert entry.pandoc.count("pages") == 1 and "pages = {Article 106117}," in entry.pandoc
    assert entry.pandoc.count("month") == 1
    assert entry.pandoc.rstrip().endswith("year={2019},}")  # the rest as written


def test_a_line_of_an_abstract_that_reads_like_a_field_is_no_field(tmp_path):
    [entry] = load(
        tmp_path,
        "@article{k2019,\n  author = {Keppel, G.},\n  title = {T},\n  abstract = {Aims.\nResults = fewer awakenings, p = .01.},\n"
        "  journal = {J},\n  year = {2019},\n  volume = {1},\n  pages = {105149},\n}\n",
    ).entries.values()

    assert "results" not in entry.field_lines
    assert entry.field_lines["journal"] == 6 and "pages = {Article 105149}," in entry.pandoc


# A comma forgotten after the key, as typed in a browser: pybtex reads on, and the copy for
# pandoc, which puts its fields after the first comma, broke the build at a page's render.
def test_a_key_with_no_comma_after_it_is_told_at_its_line_with_the_head_to_write(tmp_path):
    bibliography = load(
        tmp_path,
        "% intro\n@article{inwood2018\n  author = {Inwood, Elisa},\n  title = {T},\n  journal = {J},\n  year = {2018},\n}\n",
    )

    assert [(problem.line, problem.message, problem.fatal) for problem in bibliography.problems] == [
        (2, "'@article{inwood2018' has no comma after its key; write @article{inwood2018,", True)
    ]


# BibTeX's other form, `@article(key, ...)`: a `)` in a quoted value does not end it.
def test_a_quoted_parenthesis_does_not_end_an_entry_written_in_parentheses(tmp_path):
    [entry] = load(
        tmp_path,
        '@article(k2019,\n  author = {Keppel, G.},\n  title = "Sleep (and stress) in nurses",\n'
        '  journal = {J},\n  year = {2019},\n  volume = {1},\n  pages = "106117",\n)\n',
    ).entries.values()

    assert entry.field_lines["pages"] == 7
    assert entry.pandoc.count("pages") == 1 and "pages = {Article 106117}," in entry.pandoc


def test_a_field_given_twice_is_told_at_the_second_not_at_an_abstract_line_that_reads_like_it(tmp_path):
    bibliography = load(
        tmp_path,
        "@article{k2019,\n  author = {Keppel, G.},\n  title = {T},\n  journal = {J},\n  year = {2019},\n"
        "  year = {2020},\n  volume = {1},\n  abstract = {Aims.\nYear = third of the study.},\n}\n",
    )

    assert [(problem.line, problem.message) for problem in bibliography.problems if "two" in problem.message] == [
        (6, "entry 'k2019' has two year fields; keep one")
    ]


def test_copy_for_pandoc_writes_no_for_a_hyphenated_report_number_and_leaves_the_file_as_written(tmp_path):
    nci, issue = load(
        tmp_path,
        (
            "@techreport{nci2019,\n  author = {{National Cancer Institute}},\n  title = {T},\n  type = {NIH Publication},\n"
            "  number = {18-2059},\n  institution = {U.S. Department of Health and Human Services},\n  year = {2019},\n}\n\n"
            "@article{double2019,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2019},\n  volume = {8},\n"
            "  number = {3-4},\n  pages = {1--9},\n  doi = {10.1000/x},\n}\n"
        ),
    ).entries.values()
    assert "  number = {No. 18-2059},\n" in nci.pandoc and "  number = {18-2059},\n" not in nci.pandoc
    assert "  number = {18-2059},\n" in nci.text
    assert issue.pandoc.count("3-4") == 1 and "No." not in issue.pandoc  # a double issue is a range


def test_copy_for_pandoc_puts_a_dissertations_university_in_brackets_and_its_database_after(tmp_path):
    database, repository = load(
        tmp_path,
        (
            "@phdthesis{kabir2017,\n  author = {Kabir, Jahanara M.},\n  title = {T},\n  school = {Wilmington University},\n"
            "  number = {10617765},\n  publisher = {ProQuest Dissertations and Theses Global},\n  year = {2017},\n}\n\n"
            "@thesis{zambrano2016,\n  author = {Zambrano-Vazquez, Laura},\n  title = {T},\n  type = {phdthesis},\n  institution = {University of Arizona},\n"
            "  publisher = {UA Campus Repository},\n  year = {2016},\n  url = {https://repository.arizona.edu/handle/10150/620615},\n}\n"
        ),
    ).entries.values()
    assert "  type = {Doctoral dissertation, Wilmington University},\n" in database.pandoc
    assert (
        "  school = {ProQuest Dissertations and Theses Global},\n" in database.pandoc
        and "publisher" not in database.pandoc
    )
    assert repository.pandoc.startswith("@misc{zambrano2016,")
    assert (
        "  type = {Doctoral dissertation, University of Arizona},\n" in repository.pandoc
        and "institution" not in repository.pandoc
    )


def test_field_given_twice_stops_the_file_at_the_second_line_and_other_entries_are_still_checked(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@book{smith2020,\n  author = {Smith, Jane},\n  author = {Smith, J.},\n  title = {T},\n  publisher = {P},\n  year = {2019},\n  year = {2020},\n}\n\n"
            "@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-Compassion},\n  year = {2011},\n}\n"
        ),
    )
    assert not bibliography.readable  # mkdocs-bibtex's pybtex would stop on it with a traceback
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:3: entry 'smith2020' has two author fields; keep one",
        "references.bib:7: entry 'smith2020' has two year fields; keep one",
        "references.bib:10: entry 'neff2011' (@book) lacks the publisher field, which a book or edited book needs; add publisher = {...}",
    ]


def test_a_file_that_cannot_build_lists_its_mistakes_without_the_notices(tmp_path):
    old = "@article{kabatzinn1982,\n  author = {Kabat-Zinn, Jon},\n  title = {T},\n  journal = {J},\n  year = {1982},\n  volume = {4},\n  pages = {33--47},\n}\n"
    assert [p.notice for p in load(tmp_path, old).problems] == [True]  # no doi: a notice
    bibliography = load(
        tmp_path,
        old + "\n@book{smith2020,\n  author = {Smith, Jane},\n  title = {T},\n  year = {2020},\n  year = {2020},\n}\n",
    )
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:14: entry 'smith2020' has two year fields; keep one"
    ]


def test_unbraced_value_and_spaced_key_get_one_message_each_naming_the_fix(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@book{guilford2019,\n  author = {Smith, Jane},\n  title = {T},\n  publisher = Guilford Press,\n  year = {2019},\n}\n\n"
            "@book{smith 2020,\n  author = {Smith, Jane},\n  title = {T},\n  publisher = {P},\n  year = {2020},\n}\n"
        ),
    )
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:4: publisher = Guilford Press has no braces, so BibTeX reads Guilford as the name of an @string; write publisher = {Guilford Press}",
        "references.bib:8: key 'smith 2020' can only hold letters, digits, '_' and '-'; rename it, e.g. 'smith2020'",
    ]


def test_group_in_single_braces_is_refused_but_a_person_whose_site_bears_their_name_is_not(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@online{who2022,\n  author = {World Health Organization},\n  title = {T},\n  date = {2022-01-02},\n  url = {https://www.who.int/},\n}\n\n"
            "@techreport{nhs2020,\n  author = {National Health Service},\n  title = {T},\n  institution = {National Health Service},\n  year = {2020},\n}\n\n"
            "@book{beyondblue2020,\n  author = {Beyond Blue},\n  title = {T},\n  publisher = {Beyond Blue},\n  year = {2020},\n}\n\n"
            "@online{ruder2016,\n  author = {Ruder, Sebastian},\n  title = {T},\n  date = {2016-01-19},\n  url = {https://ruder.io/},\n  organization = {Sebastian Ruder},\n}\n"
        ),
    )
    assert [(p.line, p.message.split(";")[0]) for p in bibliography.problems] == [
        (
            2,
            "entry 'who2022': the author 'World Health Organization' reads as a person's name ('Organization, World Health')",
        ),
        (
            9,
            "entry 'nhs2020': the author 'National Health Service' reads as a person's name ('Service, National Health')",
        ),
        (16, "entry 'beyondblue2020': the author 'Beyond Blue' reads as a person's name ('Blue, Beyond')"),
    ]


def test_dates_that_name_no_day_or_disagree_are_refused_and_a_month_or_range_is_not(tmp_path):
    bibliography = load(
        tmp_path,
        (
            "@online{a2023,\n  author = {{Mind}},\n  title = {T},\n  date = {2023-02-30},\n  url = {https://x.org/},\n}\n\n"
            "@online{b2019,\n  author = {{Mind}},\n  title = {T},\n  date = {2019-05},\n  url = {https://x.org/b},\n  urldate = {2024-02-29T10:00:00},\n}\n\n"
            "@misc{c2019,\n  author = {{Mind}},\n  title = {T},\n  type = {Paper presentation},\n  eventtitle = {C},\n  eventdate = {2019-05-23/2019-05-32},\n  year = {2019},\n}\n"
        ),
    )
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:4: entry 'a2023' has date '2023-02-30', a day that does not exist: February 2023 has 28 days; write the date the source gives",
        "references.bib:21: entry 'c2019' has eventdate '2019-05-23/2019-05-32', a day that does not exist: May 2019 has 31 days; write the date the source gives",
    ]


def test_copy_for_pandoc_reads_parentheses_labelled_numbers_article_numbers_and_apa_words(tmp_path):
    beck, nimh, plos, early, mayo, nhs = load(
        tmp_path,
        (
            "@book(beck2011,\n  author = {Beck, Judith S.},\n  title = {T},\n  edition = {Second},\n  publisher = {Guilford Press},\n  year = {2011},\n)\n\n"
            "@techreport{nimh2021,\n  author = {{NIMH}},\n  title = {T},\n  number = {NIH Publication No. 21-MH-8079},\n  institution = {NIH},\n  year = {2021},\n}\n\n"
            "@article{lin2016,\n  author = {Lin, Li-yu},\n  title = {T},\n  journal = {PLoS ONE},\n  year = {2016},\n  volume = {11},\n  pages = {e0149794},\n}\n\n"
            "@article{early2023,\n  author = {Early, Ann},\n  title = {T},\n  journal = {J},\n  year = {2023},\n  pubstate = {Epub ahead of print},\n}\n\n"
            "@misc{mayo2016,\n  author = {{Mayo Clinic}},\n  title = {T},\n  howpublished = {Mayo Clinic},\n  year = {2016},\n  url = {https://www.mayoclinic.org/},\n}\n\n"
            "@misc{nhs2021,\n  author = {{NHS}},\n  title = {T},\n  journal = {nhs.uk},\n  year = {2021},\n  url = {https://www.nhs.uk/},\n}\n"
        ),
    ).entries.values()
    assert (
        beck.pandoc.startswith("@book{beck2011,")
        and beck.pandoc.rstrip().endswith("}")
        and "  edition = {2},\n" in beck.pandoc
    )
    assert "  type = {NIH Publication},\n  number = {No. 21-MH-8079},\n" in nimh.pandoc
    assert "  pages = {Article e0149794},\n" in plos.pandoc
    assert "  pubstate = {Advance online publication},\n" in early.pandoc
    assert "howpublished" not in mayo.pandoc
    assert "journal" not in nhs.pandoc and "  publisher = {nhs.uk},\n" in nhs.pandoc


def test_copy_for_pandoc_dates_a_day_not_a_time_a_preprint_by_its_year_and_names_a_site_once(tmp_path):
    zotero, preprint, nhs = load(
        tmp_path,
        (
            "@online{ruder2016,\n  author = {Ruder, Sebastian},\n  title = {T},\n  date = {2016-01-19T14:20:00},\n  url = {https://ruder.io/},\n"
            "  urldate = {2024-03-05T09:00:00Z},\n}\n\n"
            "@online{lee2021,\n  author = {Lee, Ann},\n  title = {T},\n  date = {2021-03-02},\n  eprinttype = {psyarxiv},\n  doi = {10.31234/osf.io/abcde},\n}\n\n"
            "@misc{nhs2021,\n  author = {{NHS}},\n  title = {T},\n  journal = {NHS},\n  year = {2021},\n  url = {https://www.nhs.uk/},\n}\n"
        ),
    ).entries.values()
    assert (
        "  date = {2016-01-19},\n" in zotero.pandoc
        and "  urldate = {2024-03-05},\n" in zotero.pandoc
        and "T14" not in zotero.pandoc
    )
    assert "  year = {2021},\n" in preprint.pandoc and "date" not in preprint.pandoc
    assert "  publisher = {PsyArXiv},\n" in preprint.pandoc and "  type = {Preprint},\n" in preprint.pandoc
    assert "journal" not in nhs.pandoc and "publisher" not in nhs.pandoc  # the site is its author: named once


def test_a_site_named_with_its_abbreviation_is_still_its_author(tmp_path):
    # As Zotero exports a web page of the NIMH: the site's name carries "(NIMH)".
    [nimh] = load(
        tmp_path,
        (
            "@misc{nimh,\n  title = {Anxiety {Disorders}},\n  url = {https://www.nimh.nih.gov/health/topics/anxiety-disorders},\n"
            "  urldate = {2024-03-05},\n  journal = {National Institute of Mental Health (NIMH)},\n"
            "  author = {{National Institute of Mental Health}},\n}\n"
        ),
    ).entries.values()
    assert "  author = {{National Institute of Mental Health}},\n" in nimh.pandoc
    assert "(NIMH)" not in nimh.pandoc  # the site's name, with it, is left out: it is the author's


@pytest.mark.parametrize(
    ("authors", "stray"),
    [
        ("Smith, Jane and Jones, Bob and", "Jones, Bob and"),
        ("and Smith, Jane", "and Smith, Jane"),
        ("Smith, Jane and and Jones, Bob", "and Jones, Bob"),
        ("Smith, Jane and Jones, Bob and and", "and"),
        ("and and Smith, Jane", "and"),
    ],
)
def test_an_and_with_no_name_on_one_side_is_refused(authors, stray):
    bibtex = f"@book{{smith2020,\n  author = {{{authors}}},\n  title = {{T}},\n  publisher = {{P}},\n  year = {{2020}},\n}}\n"
    assert [str(p) for p in check_bibliography(bibtex, display_path="references.bib").problems] == [
        f"references.bib:2: entry 'smith2020': the 'author' field has an 'and' with no name on one side ('{stray}'); delete the extra 'and'"
    ]


def test_a_groups_name_with_and_in_it_is_no_stray_and():
    bibtex = (
        "@book{jj2020,\n  author = {{Johnson and Johnson}},\n  title = {T},\n  publisher = {P},\n  year = {2020},\n}\n"
    )
    assert check_bibliography(bibtex, display_path="references.bib").problems == []


# An entry lacking one field, for each fix the rules hold beyond `add name = {...}`
# ("type:names" where the type's own words differ).
LACKING = {
    "journal|journaltitle": "@article{a2020,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n",
    "year|date": "@book{a2020,\n  author = {A, B},\n  title = {T},\n  publisher = {P},\n}\n",
    "year|date|pubstate": "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n",
    "volume|pubstate": "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2020},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n",
    "pages|eid|pubstate": "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2020},\n  volume = {1},\n  doi = {10.1000/x},\n}\n",
    "year|date|urldate": "@online{a2020,\n  author = {A, B},\n  title = {T},\n  url = {https://x.org/},\n}\n",
    "school|institution": "@phdthesis{a2020,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n}\n",
    "institution|publisher": "@techreport{a2020,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n}\n",
    "type": "@thesis{a2020,\n  author = {A, B},\n  title = {T},\n  institution = {U},\n  year = {2020},\n}\n",
    "author|editor|organization": "@online{a2020,\n  title = {T},\n  date = {2020-01-02},\n  url = {https://x.org/},\n}\n",
    "book:author|editor": "@book{a2020,\n  title = {T},\n  publisher = {P},\n  year = {2020},\n}\n",
    "report:author": "@report{a2020,\n  title = {T},\n  institution = {I},\n  year = {2020},\n}\n",
    "techreport:author": "@techreport{a2020,\n  title = {T},\n  institution = {I},\n  year = {2020},\n}\n",
    "unpublished:type": "@unpublished{a2020,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n}\n",
    "presentation:type": "@inproceedings{a2020,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  eventtitle = {C},\n  venue = {Oslo},\n}\n",
    "presentation:year|date|eventdate": "@inproceedings{a2020,\n  author = {A, B},\n  title = {T},\n  type = {Paper presentation},\n  eventtitle = {C},\n}\n",
}


def test_every_fix_for_a_missing_field_is_one_an_entry_can_get():
    assert set(LACKING) == set(HOW_TO_ADD)


# APA 7 (9.12) prints a work with no author under its title: a notice, in case one was left out.
AUTHORLESS = {"author|editor|organization", "book:author|editor"}


@pytest.mark.parametrize("needs", LACKING)
def test_an_entry_lacking_a_field_is_told_the_fix_for_its_type(needs):
    problems = [
        p
        for p in check_bibliography(LACKING[needs], display_path="references.bib").problems
        if p.notice == (needs in AUTHORLESS)
    ]
    if needs in AUTHORLESS:
        assert [p.message.split("; if the work names its author, ", 1)[1] for p in problems] == [HOW_TO_ADD[needs]]
    else:
        assert [p.message.split(" needs; ", 1)[1] for p in problems] == [HOW_TO_ADD[needs]]


EDITION_IN_TITLE = "references.bib:5: entry 'kryger2017': the booktitle ends with its edition ('(6th ed.)'), which APA prints from the edition field, after the title; write booktitle = {Principles and Practice of Sleep Medicine} and edition = {6}"


def _messages(source: str) -> list[str]:
    return [
        str(problem)
        for problem in check_bibliography(source, display_path="references.bib").problems
        if not problem.notice
    ]


BOOK = "@book{neff2011,\n  author    = {AUTHORS},\n  title     = {Self-Compassion},\n  publisher = {William Morrow},\n  year      = {2011},\n}\n"


@pytest.mark.parametrize(
    ("written", "cause", "rewritten"),
    [
        (
            "Grady JS, Her M, Moreno G",
            "a name in PubMed's form ('Grady JS')",
            "Grady, J. S. and Her, M. and Moreno, G.",
        ),
        ("Grady JS", "a name in PubMed's form ('Grady JS')", "Grady, J. S."),
        (
            "Craske, M. G., Treanor, M., & Vervliet, B.",
            "people separated by commas ('Craske, M. G., Treanor, M.')",
            "Craske, M. G. and Treanor, M. and Vervliet, B.",
        ),
        (
            "Doe, Jane; Roe, Richard",
            "people separated by semicolons ('Doe, Jane; Roe, Richard')",
            "Doe, Jane and Roe, Richard",
        ),
        ("Smith, J. & Jones, K.", "'&' between names", "Smith, J. and Jones, K."),
        ("Grady, Jessica and others", "'and others', which the site cannot print", "Grady, Jessica"),
        (
            "Grady JS, Her M, et al.",
            "a name in PubMed's form ('Grady JS'), which BibTeX reads as the given name 'Grady' and the family name 'JS'; and 'et al.'",
            "Grady, J. S. and Her, M.",
        ),
        # Accents and braces are quoted as written (they were quoted as 'Bru{\\~G}a').
        (
            "Ricardo Bru{\\~{n}}a, Fernando Maest{\\'{u}}, Ernesto Pereda",
            "people separated by commas ('Ricardo Bru{\\~{n}}a, Fernando Maest{\\'{u}}, Ernesto Pereda')",
            "Ricardo Bru{\\~{n}}a and Fernando Maest{\\'{u}} and Ernesto Pereda",
        ),
        (
            "Kent, James D. andGoncalves, Mathias",
            "'andGoncalves', an 'and' with no space after it",
            "Kent, James D. and Goncalves, Mathias",
        ),
        (
            "Halloran M.E. and Berry D. (eds)",
            "a name with no comma after the family name ('Halloran M.E.'), which BibTeX reads as the given name 'Halloran' and the family name 'M.E.'; and '(eds)', which BibTeX reads as part of a name: the site prints (Ed.) or (Eds.) itself",
            "Halloran, M.E. and Berry, D.",
        ),
        (
            "Heathers, J. a. J. and Brown, Nick",
            "an initial in small letters ('J. a. J.')",
            "Heathers, J. A. J. and Brown, Nick",
        ),
        # Real BibDesk and Zotero exports.
        ("Bross, Irwin DJ", "initials without dots ('Irwin DJ')", "Bross, Irwin D. J."),
        (
            "Akker, Olmo van den and Veer, Anna van 't",
            "a particle after the given name ('Akker, Olmo van den')",
            "van den Akker, Olmo and van 't Veer, Anna",
        ),
        (
            "Halpern, Jerry and Brown Jr, Byron Wm",
            "a generation suffix in the family name ('Brown Jr')",
            "Halpern, Jerry and Brown, Jr., Byron Wm",
        ),
        # As an APA reference list orders it: it was told as two people ("Adams and Reginald B., Jr.").
        (
            "Klein, Richard A. and Adams, Reginald B., Jr.",
            "a generation suffix after the given name ('Adams, Reginald B., Jr.')",
            "Klein, Richard A. and Adams, Jr., Reginald B.",
        ),
    ],
)
def test_names_pasted_in_another_form_are_told_with_the_field_rewritten(written, cause, rewritten):
    [message] = _messages(BOOK.replace("AUTHORS", written))
    assert message.startswith(f"references.bib:2: entry 'neff2011': the author field has {cause}")
    assert f"; write author = {{{rewritten}}}" in message


@pytest.mark.parametrize(
    "written",
    [
        "King, Jr., Martin Luther",
        "{{Johnson & Johnson}}",
        "van der Kolk, Bessel A.",
        "Neff, Kristin and Germer, Christopher K.",
        "Plato",
        # A braced family name, as papaja's and Zotero's entries write a particle.
        "Sau-Chin Chen and Bjorn {de Koning} and Rolf A. Zwaan",
        # Google Scholar's and BibDesk's initial without a dot, which prints as it should.
        "Christensen, Alexander P and Golino, Hudson",
        # Better BibLaTeX's name with a particle, which pandoc reads.
        "family=Oord, given=Aaron, prefix=van den, useprefix=true and Dieleman, Sander",
    ],
)
def test_names_in_bibtex_form_pass(written):
    assert _messages(BOOK.replace("AUTHORS", written)) == []


def test_a_name_list_pybtex_cannot_read_stops_the_build_before_mkdocs_bibtex_reads_it():
    bibliography = check_bibliography(
        BOOK.replace("AUTHORS", "Craske, M. G., Treanor, M., Conway, C. C., & Vervliet, B."),
        display_path="references.bib",
    )
    assert not bibliography.readable  # "Too many commas": mkdocs-bibtex's pybtex would stop with a traceback


def test_invisible_characters_are_named_where_they_break_what_bibtex_reads():
    source = (
        "@book{neff2011,\n  author    = {Neff, Kristin},\n  title     = {Self-Compassion},\n  publisher = {William Morrow},\n  year      = {2011},\n"
        "  url\u00a0= {https://self-compassion.org/\u200b},\n}\n\ufeff@book{germer2009,\n  author    = {Germer, Christopher K.},\n  title     = {The Mindful Path},\n"
        "  publisher = {Guilford Press},\n  year      = {2009},\n}\n"
    )
    assert _messages(source) == [
        "references.bib:6: an invisible character, U+00A0 NO-BREAK SPACE, stands in the field's name; delete it (retype the text around it)",
        "references.bib:8: an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, stands before the entry's '@', where it hides the entry from the site's checks; "
        "delete it (retype the text around it)",
    ]


def test_invisible_characters_in_printed_text_are_left_out_of_what_pandoc_reads():
    source = BOOK.replace("AUTHORS", "Neff,\u00a0Kristin").replace(
        "Self-Compassion", "Self-\u00adCom\u200bpassion\u200e"
    )
    bibliography = check_bibliography(source, display_path="references.bib")
    assert _messages(source) == []
    assert "title     = {Self-Compassion}" in bibliography.entries["neff2011"].pandoc
    assert "author    = {Neff, Kristin}" in bibliography.entries["neff2011"].pandoc


# JabRef's and some Zotero exports' text symbols, in their three forms, reach pandoc as the
# characters (it keeps them as raw LaTeX, which the page showed); other commands as written.
@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Triage\\textemdash{}Allocating", "Triage—Allocating"),
        ("Triage{\\textemdash}Allocating", "Triage—Allocating"),
        ("Triage\\textemdash Allocating", "Triage—Allocating"),
        ("Risk\\textellipsis, relief\\texttrademark", "Risk…, relief™"),
        ("log \\textit{K}, \\textemdashes", "log \\textit{K}, \\textemdashes"),
    ],
)
def test_text_symbols_written_as_latex_reach_pandoc_as_their_characters(written, read):
    source = BOOK.replace("Self-Compassion", written)
    assert (
        f"title     = {{{read}}}"
        in check_bibliography(source, display_path="references.bib").entries["neff2011"].pandoc
    )


def test_a_byte_order_mark_at_the_start_of_the_file_is_harmless(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text("\ufeff" + BOOK.replace("AUTHORS", "Neff, Kristin"), encoding="utf-8")
    assert load_bibliography(path, display_path="references.bib").problems == []


@pytest.mark.parametrize(
    "written",
    ["<https://self-compassion.org/>", "\\url{https://self-compassion.org/}", "https://self-compassion.org/."],
)
def test_a_url_pasted_with_its_wrapping_is_given_to_pandoc_bare(written):
    source = BOOK.replace("AUTHORS", "Neff, Kristin").replace("  year", f"  url       = {{{written}}},\n  year")
    entry = check_bibliography(source, display_path="references.bib").entries["neff2011"]
    assert "url = {https://self-compassion.org/}" in entry.pandoc
    assert written not in entry.pandoc


@pytest.mark.parametrize(
    "title", ["{Heiligenstadt Testament}", "Emotions in Storybooks: A Comparison of {{ADHD}} Research", "R2 in {SPSS}"]
)
def test_titles_braced_in_part_or_short_are_left_alone(title):
    assert _messages(BOOK.replace("AUTHORS", "Neff, Kristin").replace("{Self-Compassion}", f"{{{title}}}")) == []


def test_a_newspaper_article_needs_no_volume_or_pages_and_an_unsigned_one_no_author():
    source = "@article{nyt2019,\n  title = {Cats Who Take Direction},\n  journaltitle = {The New York Times},\n  date = {2019-01-03},\n  entrysubtype = {newspaper},\n}\n"
    problems = check_bibliography(source, display_path="references.bib").problems
    assert [problem.message for problem in problems] == [
        "entry 'nyt2019' (@article) has no author, so APA puts its title in the author's place; if the work names its author, add author = {...}",
    ]
    assert problems[0].notice


def test_a_name_list_on_a_line_with_other_fields_is_read_to_its_closing_brace():
    source = "@book{neff2011,\n  author = {Neff K, Germer C}, title = {Self-Compassion and Warmth}, publisher = {Guilford}, year = {2011},\n}\n"
    [message] = _messages(source)
    assert message.endswith("; write author = {Neff, K. and Germer, C.}")


# doi.org's export writes an entry on one line: the line of a field does not show where it ends.
DOI_ORG_ENTRY = (
    "@article{Hofmann_2012, title={The Efficacy of Cognitive Behavioral Therapy: A Review of Meta-analyses}, "
    "volume={36}, DOI={10.1007/s10608-012-9476-1}, number={5}, journal={Cognitive Therapy and Research}, "
    "publisher={Springer Science and Business Media LLC}, author={Hofmann, Stefan G. and Asnaani, Anu}, "
    "year={2012}, month=jul, pages={427–440} }\n"
)


def test_a_value_left_open_in_a_one_line_entry_is_named_with_the_field_it_runs_into():
    broken = DOI_ORG_ENTRY.replace("Research}, ", "Research, ")
    (problem,) = check_bibliography("% References.\n" + broken, display_path="references.bib").problems
    assert str(problem) == (
        "references.bib:2: the value of journal has no closing '}', so it runs on into publisher and the fields "
        "after it; end it with '}' before ', publisher'"
    )


def test_an_entry_left_open_at_the_end_of_the_file_is_named_at_a_line_of_the_file():
    broken = DOI_ORG_ENTRY.replace("} }\n", "}\n")
    (problem,) = check_bibliography(broken, display_path="references.bib").problems
    assert problem.line == 1 and "is never closed: add '}' on a line after its last field" in problem.message


# A half-pasted entry before another: told as never closed, not as the file's end.
def test_an_entry_cut_short_before_the_next_is_told_it_is_never_closed():
    cut = "@article{kircanski2012,\n  author = {Kircanski, Katharina},\n  title = {Feelings into words},\n\n"
    (problem,) = check_bibliography(
        cut + BOOK.replace("AUTHORS", "Neff, Kristin"), display_path="references.bib"
    ).problems
    assert str(problem) == (
        "references.bib:3: the entry starting at line 1 is never closed: add '}' on a line after its last field, "
        "before the next entry; if it was pasted only in part, paste it whole"
    )


# Pasted in part (the key's line alone), at the file's end or before the next entry.
@pytest.mark.parametrize("after", ["", "\n" + DOI_ORG_ENTRY])
def test_an_entry_pasted_only_in_part_is_told_at_its_line_with_the_whole_entry_asked_for(after):
    source = "% References.\n@book{herman1992,\n" + after
    problems = check_bibliography(source, display_path="references.bib").problems
    assert [str(problem) for problem in problems if problem.line == 2] == [
        "references.bib:2: entry 'herman1992' ends after its key, with no field and no closing '}', as if pasted only "
        "in part; paste the whole entry, from @book{herman1992, to its closing '}', or delete this line"
    ]


def test_an_entry_pasted_with_no_key_is_told_too():
    problems = check_bibliography("% References.\n@article{\n", display_path="references.bib").problems
    assert [str(problem) for problem in problems] == [
        "references.bib:2: an entry ends after '@article{', with no key, no field and no closing '}', as if pasted "
        "only in part; paste the whole entry, from @article{ to its closing '}', or delete this line"
    ]


# A copy or a paste that stops anywhere: a real entry cut at each character after its
# opening brace (values in quotes or bare too, where no '}' closes anything) is told, at
# least once, and never with a traceback.
@pytest.mark.parametrize("form", ["multi-line", "one-line", "quoted"])
def test_an_entry_cut_short_anywhere_is_told(form):
    fixture = (FIXTURE_SITE / "references.bib").read_text(encoding="utf-8")
    entry = {
        "multi-line": fixture[fixture.index("@") : fixture.index("\n}\n") + 2],
        "one-line": DOI_ORG_ENTRY.rstrip(),
        "quoted": '@book{herman1992,\n  author = "Herman, Judith Lewis",\n  title = "Trauma and Recovery",\n  year = 1992\n}',
    }[form]
    untold = [
        entry[:cut]
        for cut in range(entry.index("{") + 1, len(entry))
        if not check_bibliography("% References.\n" + entry[:cut] + "\n", display_path="references.bib").problems
    ]
    assert untold == []


def test_a_comma_left_out_in_a_one_line_entry_is_named_with_the_two_fields():
    broken = DOI_ORG_ENTRY.replace("volume={36}, ", "volume={36} ")
    (problem,) = check_bibliography(broken, display_path="references.bib").problems
    assert str(problem) == (
        "references.bib:1: the value of volume ends without a comma, so DOI cannot begin; add ',' after its '}', before DOI"
    )


def test_an_entry_that_cannot_be_read_keeps_its_key_and_doi_for_the_pages_checks():
    broken = DOI_ORG_ENTRY.replace("volume={36}, ", "volume={36} ")
    bibliography = check_bibliography(broken, display_path="references.bib")
    assert "Hofmann_2012" in bibliography.written
    assert bibliography.written_dois == {"10.1007/s10608-012-9476-1": "Hofmann_2012"}


# Better BibLaTeX writes a name with a particle in biblatex's extended form, which pybtex
# cannot split: the site's own readers (structured data, key guesses) get it in BibTeX's.
def test_a_name_in_biblatex_extended_form_is_read_as_the_person_it_names():
    bibliography = check_bibliography(
        BOOK.replace("AUTHORS", "family=Oord, given=Aaron, prefix=van den, useprefix=true and Dieleman, Sander"),
        display_path="references.bib",
    )
    assert bibliography.entries["neff2011"].persons["author"] == ["van den Oord, Aaron", "Dieleman, Sander"]


# TeX math a reference manager wrote on purpose prints as typed ("$<$"): the fix is its characters.
@pytest.mark.parametrize(
    ("title", "fix"),
    [
        ("Before p {$<$} 0.05", "write < instead of $<$"),
        ("A $\\chi^2$ Test of Fit", "write {χ²} instead of $\\chi^2$"),
        ("Standardised $\\beta$ weights", "write {β} instead of $\\beta$"),
        ("The $\\mathcal{L}$ Loss", "write its characters instead of $\\mathcal{L}$ (≥ for $\\geq$, χ² for $\\chi^2$)"),
        ("Pay $50 Now", "write \\$ instead (\\$50)"),
    ],
)
def test_tex_math_in_a_title_is_told_with_the_characters_to_write(title, fix):
    [message] = _messages(BOOK.replace("{AUTHORS}", "{Neff, Kristin}").replace("{Self-Compassion}", "{" + title + "}"))
    assert message.endswith(
        f"the 'title' field has a $ that BibTeX reads as math, which prints garbled or not at all; {fix}"
    )


# What reference managers export that no reference prints, and an online reference work's
# entry, which has an address and no pages, pass.
def test_unprinted_notes_an_online_encyclopedia_entry_and_a_page_with_only_a_doi_pass():
    assert (
        _messages(
            BOOK.replace("{AUTHORS}", "{Neff, Kristin}").replace(
                "  year", "  annote    = {LDR 020 $a9781107018457},\n  year"
            )
        )
        == []
    )
    entry = (
        "@incollection{zalta2020,\n  author = {Zalta, Edward N.},\n  title = {Gottlob {Frege}},\n"
        "  booktitle = {The {Stanford} Encyclopedia of Philosophy},\n  editor = {Zalta, Edward N.},\n"
        "  publisher = {Metaphysics Research Lab, Stanford University},\n  year = {2020},\n"
        "  url = {https://plato.stanford.edu/archives/fall2020/entries/frege/},\n}\n"
    )
    assert _messages(entry) == []
    page = "@online{roe2020,\n  author = {Roe, Rick},\n  title = {Sleep and worry},\n  year = {2020},\n  doi = {10.5281/zenodo.1234567},\n}\n"
    assert _messages(page) == []


# What the page would print without a word: the volume "Advance Online Publication", pages
# that end before they start ("15–3").
@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "volume = {Advance Online Publication},",
            "references.bib:5: entry 'k1991': the volume is 'Advance Online Publication', which would print as the volume; delete the volume line and write pubstate = {Advance online publication}",
        ),
        (
            "note = {Available at: \\url{https://www.who.int/publications/i/item/9789240049338}},",
            "references.bib:5: entry 'k1991': note holds a web address, which APA prints as the url, not in a note; write the address as url = {...} and delete the note line",
        ),
        (
            "title = {Multi-echo {fMRI} with *tedana*},",
            "references.bib:4: entry 'k1991': the 'title' field has Markdown's *tedana*, which prints as typed; write \\emph{tedana} for italics",
        ),
        (
            "journal = {International Encyclopedia of Education},",
            "references.bib:4: entry 'k1991': its journal is an encyclopedia, which APA cites as a book, not a journal; write it as @incollection, the encyclopedia as booktitle, with its editor and publisher",
        ),
        (
            "title = {Self-compassion and stress | PNAS},",
            "references.bib:4: entry 'k1991': the title holds the web site's name ('| PNAS'), as a browser tab shows it: the entry was saved from the page, not the work; delete it, and check the author and date, which a saved page often lacks",
        ),
        (
            "pages = {363--406, item 10 in Table 1 contains a typographical error},",
            "references.bib:5: entry 'k1991': pages holds words ('363--406, item 10 in Table 1 contains a typographical error'), which would print as the pages; write only the first and last page, e.g. pages = {153--163} for 153-163, and put any note in the article's text",
        ),
        (
            "publisher = {DE GRUYTER},",
            "references.bib:5: entry 'k1991': the publisher is in capitals ('DE GRUYTER'), which prints as typed; write it as the publisher writes its name, e.g. publisher = {De Gruyter}",
        ),
        (
            "publisher = {NATIONAL ACADEMIES OF SCIENCES, ENGINEERING, AND MEDICINE},",
            "references.bib:5: entry 'k1991': the publisher is in capitals ('NATIONAL ACADEMIES OF SCIENCES, ENGINEERING, AND MEDICINE'), which prints as typed; write it as the publisher writes its name, e.g. publisher = {National Academies of Sciences, Engineering, and Medicine}",
        ),
        (
            "pages = {153--63},",
            "references.bib:5: entry 'k1991': pages 153--63 end before they start (the last page shortened, as some journals print it); write the last page in full, e.g. pages = {153--163} for 153-63",
        ),
        # Labels typed as a reader sees them printed: "pp. pp. 15–24", "36(Issue 7)".
        (
            "pages = {pp. 1059-1068},",
            "references.bib:5: entry 'k1991': the pages 'pp. 1059-1068' start with 'pp.', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, pages = {1059--1068}",
        ),
        (
            "volume = {Vol. 36},",
            "references.bib:5: entry 'k1991': the volume 'Vol. 36' starts with 'Vol.', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, volume = {36}",
        ),
        (
            "number = {Issue 7},",
            "references.bib:5: entry 'k1991': the number 'Issue 7' starts with 'Issue', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, number = {7}",
        ),
        (
            "volume = {98(2)},",
            "references.bib:5: entry 'k1991': the volume '98(2)' holds the issue too, which would print in the italics of the volume; write volume = {98} and number = {2}",
        ),
        (
            "volume = {98 (Suppl. 1)},",
            "references.bib:5: entry 'k1991': the volume '98 (Suppl. 1)' holds the issue too, which would print in the italics of the volume; write volume = {98} and number = {Suppl. 1}",
        ),
        (
            "number = {#2},",
            "references.bib:5: entry 'k1991': the number '#2' starts with '#', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, number = {2}",
        ),
        (  # a volume's range keeps its hyphen: only issues and pages are ranges pandoc rewrites
            "volume = {Vol. 3-4},",
            "references.bib:5: entry 'k1991': the volume 'Vol. 3-4' starts with 'Vol.', a label APA writes itself where it needs one, so it would print as typed beside it; write the number alone, volume = {3-4}",
        ),
        (
            "volume = {36, No. 7},",
            "references.bib:5: entry 'k1991': the volume '36, No. 7' holds the issue too, which would print in the italics of the volume; write volume = {36} and number = {7}",
        ),
        (
            "volume = {36, Issue 7},",
            "references.bib:5: entry 'k1991': the volume '36, Issue 7' holds the issue too, which would print in the italics of the volume; write volume = {36} and number = {7}",
        ),
        (
            "number = {3\u20144},",
            "references.bib:5: entry 'k1991': the issues '3\u20144' are joined by '\u2014', which prints as typed, not by the en dash APA uses: write number = {3--4}",
        ),
        (
            "number = {1-3},",
            "references.bib:5: entry 'k1991': the issues '1-3' are joined by '-', which prints as typed, not by the en dash APA uses: write number = {1--3}",
        ),
    ],
)
def test_a_volume_or_pages_that_would_print_wrong_is_told(field, message):
    entry = (
        "@article{k1991,\n  author = {Keppel, Geoffrey},\n  title = {T},\n  journal = {J},\n  FIELD\n"
        "  year = {1991},\n  volume = {1},\n  pages = {1--2},\n}\n"
    )
    name = field.split(" ")[0]
    given = {
        "volume": "  volume = {1},\n",
        "pages": "  pages = {1--2},\n",
        "title": "  title = {T},\n",
        "journal": "  journal = {J},\n",
    }.get(name, "")
    written = entry.replace(given, "").replace("FIELD", field)
    assert _messages(written) == [message]


# A work not out yet, its state typed as the year: APA's "(in press)" comes from pubstate.
@pytest.mark.parametrize("typed", ["in press", "In press.", "forthcoming", "accepted"])
def test_a_year_typed_as_in_press_is_told_to_become_pubstate(typed):
    entry = f"@article{{k2026,\n  author = {{Doe, Jane}},\n  title = {{T}},\n  journal = {{J}},\n  year = {{{typed}}},\n}}\n"
    assert f"has year '{typed}'; delete the year line and write pubstate = {{in press}}" in " ".join(_messages(entry))


# A book's edition typed in its title, as the cover or a catalogue shows it: it would print
# twice, "Principles and Practice of Sleep Medicine (6th ed.) (6th ed., pp. 15–24)".
def test_an_edition_typed_in_the_book_title_is_told_with_the_fields_to_write():
    entry = (
        "@incollection{kryger2017,\n  author = {Keppel, Geoffrey},\n  title = {Sleep},\n  editor = {Kryger, Meir},\n"
        "  booktitle = {Principles and Practice of Sleep Medicine (6th ed.)},\n  edition = {6},\n"
        "  publisher = {Elsevier},\n  year = {2017},\n  pages = {15--24},\n}\n"
    )
    assert _messages(entry) == [EDITION_IN_TITLE]
    assert _messages(entry.replace(" (6th ed.)", "")) == []
    # "edition" in full; only at the title's end, not before its subtitle.
    book = "@book{doe2001,\n  author = {Doe, Jane},\n  title = {Sleep TITLE},\n  publisher = {Guilford Press},\n  year = {2001},\n}\n"
    assert [message.split(": ", 2)[2][:33] for message in _messages(book.replace("TITLE", "(3rd edition)"))] == [
        "the title ends with its edition ("
    ]
    assert _messages(book.replace("TITLE", "(3rd Edition) for Everyone")) == []
    # A book review's own title names the edition of the book it reviews.
    review = "@article{k2020,\n  author = {Doe, Jane},\n  title = {Review of the Book Handbook of Sleep (5th ed.)},\n  journal = {J},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n"
    assert _messages(review) == []


# What carries no label of APA's own: a supplement, pages numbered with a letter, a report's
# number with its own label and a hyphen (the copy for pandoc keeps it whole).
@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("article", "number = {Suppl. 1},"),
        ("article", "pages = {P1--P10},"),
        ("article", "number = {3--4},"),
        ("techreport", "number = {No. 18-2059},"),
        ("article", "number = {3\u20134},"),  # an en dash: APA's
    ],
)
def test_a_number_that_is_not_a_label_typed_twice_is_not_told(kind, field):
    entry = (
        f"@{kind}{{k1991,\n  author = {{Keppel, Geoffrey}},\n  title = {{T}},\n  journal = {{J}},\n  {field}\n"
        "  institution = {NIH},\n  year = {1991},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n}\n"
    )
    assert [message for message in _messages(entry) if "label" in message or "hyphen" in message] == []


# Google Scholar and Zotero export a preprint as an article in its server, with no volume:
# it prints as APA's preprint, the server once, as the publisher.
@pytest.mark.parametrize(
    ("journal", "server"),
    [("PsyArXiv", "PsyArXiv"), ("arXiv preprint arXiv:2101.00001", "arXiv"), ("medRxiv", "medRxiv")],
)
def test_a_preprint_exported_as_an_article_is_read_as_a_preprint(tmp_path, journal, server):
    bibliography = load(
        tmp_path,
        "@article{rouder2019,\n  author = {Rouder, Jeffrey N.},\n  title = {Optional stopping},\n"
        f"  journal = {{{journal}}},\n  year = {{2019}},\n  doi = {{10.31234/osf.io/m6dhw}},\n}}\n",
    )
    [entry] = bibliography.entries.values()
    assert bibliography.problems == []
    assert entry.pandoc.startswith("@misc{rouder2019,")
    assert f"publisher = {{{server}}}" in entry.pandoc and "type = {Preprint}" in entry.pandoc
    assert "journal" not in entry.pandoc


# doi.org exports a preprint's publisher as its DOI's registrant, which hosts the server.
@pytest.mark.parametrize(
    ("doi", "registrant", "server"),
    [("10.31234/osf.io/9p7s8", "Center for Open Science", "PsyArXiv"), ("10.2139/ssrn.3561034", "Elsevier BV", "SSRN")],
)
def test_a_preprint_from_doi_org_names_its_server_not_the_dois_registrant(tmp_path, doi, registrant, server):
    [entry] = load(
        tmp_path,
        "@misc{leuker2020,\n  title={When Money Talks},\n  url={http://dx.doi.org/" + doi + "},\n  DOI={" + doi + "},\n"
        "  publisher={" + registrant + "},\n  author={Leuker, Christina},\n  year={2020},\n  month=mar\n}\n",
    ).entries.values()
    assert f"publisher = {{{server}}}" in entry.pandoc and "type = {Preprint}" in entry.pandoc


# Zotero's own export of an undated page (no author, its site as journal): printed under
# the site, as the build's notice says, not under its title.
def test_an_undated_page_exported_as_misc_is_read_as_a_web_page(tmp_path):
    bibliography = load(
        tmp_path,
        "@misc{noauthor_anxiety_nodate,\n  title = {Anxiety disorders},\n"
        "  url = {https://www.nimh.nih.gov/health/topics/anxiety-disorders},\n  urldate = {2024-03-05},\n"
        "  journal = {National Institute of Mental Health (NIMH)},\n}\n",
    )
    [nimh] = bibliography.entries.values()
    [notice] = bibliography.problems
    assert "its site, 'National Institute of Mental Health', prints as the author" in str(notice)
    assert nimh.pandoc.startswith("@online{noauthor_anxiety_nodate,")
    # In the author's place, without the abbreviation: "(National Institute of Mental Health, n.d.)".
    assert "  publisher = {National Institute of Mental Health},\n" in nimh.pandoc


# The DSM-5-TR's edition as a library catalogue or a person words it: APA's "5th ed., text rev.".
@pytest.mark.parametrize(
    "written", ["Fifth edition, text revision", "5th, text rev.", "5th ed., text rev.", "Fifth Edition Text Revision"]
)
def test_a_text_revision_is_written_as_apa_abbreviates_it(tmp_path, written):
    [dsm] = load(
        tmp_path,
        "@book{apa2022,\n  author = {{American Psychiatric Association}},\n  title = {Diagnostic and statistical manual of mental disorders},\n"
        f"  edition = {{{written}}},\n  year = {{2022}},\n  doi = {{10.1176/appi.books.9780890425787}},\n}}\n",
    ).entries.values()
    assert "  edition = {5th ed., text rev.},\n" in dsm.pandoc


# BibDesk writes field names capitalised; the author is still read as the author.
def test_an_entry_with_capitalised_field_names_is_read_as_written_small(tmp_path):
    bibliography = load(
        tmp_path,
        "@article {bem_2011,\n  Author = {Bem, Daryl J.},\n  Title = {Feeling the future},\n  Journal = {Journal of Personality and Social Psychology},\n"
        "  Year = {2011},\n  Volume = {100},\n  Pages = {407--425},\n  Doi = {10.1037/a0021524},\n}\n",
    )
    assert bibliography.problems == []
    assert bibliography.entries["bem_2011"].persons["author"] == ["Bem, Daryl J."]


# What reference managers export, reaching pandoc as APA prints it: (the entry, what its
# copy for pandoc holds, what it no longer holds).
EXPORTS = [
    pytest.param(  # Better BibTeX braces a report's type thrice; pandoc printed the inner braces
        "@techreport{a2020,\n  author = {A, B},\n  title = {T},\n  institution = {SSRN},\n  year = {2020},\n"
        "  type = {{{SSRN Scholarly Paper}}},\n  number = {ID 4011603},\n}\n",
        ["  type = {SSRN Scholarly Paper},\n"],
        [],
        id="braced-type",
    ),
    pytest.param(  # classic BibTeX's @inbook (the DSM-5 as R writes it): the chapter's title, in the book's
        "@inbook{apa2013,\n  author = {{American Psychiatric Association}},\n  title = {Diagnostic and statistical manual of mental disorders},\n"
        "  chapter = {Depressive disorders},\n  edition = {5},\n  publisher = {American Psychiatric Publishing},\n  year = {2013},\n}\n",
        ["  title = {Depressive disorders},\n  booktitle = {Diagnostic and statistical manual of mental disorders},\n"],
        ["chapter"],
        id="classic-inbook",
    ),
    pytest.param(  # proceedings published as a book, with no editor: APA's chapter in a book
        "@inproceedings{smith2024,\n  author = {Smith, Jane},\n  title = {Safety climate},\n  booktitle = {Construction Research Congress 2024},\n"
        "  pages = {318--327},\n  publisher = {American Society of Civil Engineers},\n  year = {2024},\n}\n",
        ["@incollection{smith2024,"],
        [],
        id="proceedings-without-editor",
    ),
    pytest.param(  # a month by its name (Mendeley): pandoc reads its number, and prints a web page's
        "@misc{smith2021,\n  author = {Smith, Jane},\n  title = {Sleep tips},\n  year = {2021},\n  month = {August},\n"
        "  url = {https://example.org/sleep},\n}\n",
        ["@online{smith2021,", "  month = {8},\n"],
        [],
        id="month-by-name",
    ),
    pytest.param(  # EndNote's record type, not APA's description
        "@article{doe2019,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2019},\n  type = {Journal Article},\n}\n",
        [],
        ["type ="],
        id="endnote-record-type",
    ),
    pytest.param(  # Mendeley's escaped address
        "@misc{doe2019,\n  author = {Doe, Jane},\n  title = {T},\n  year = {2019},\n"
        "  url = {https://books.google.de/books?hl=de{\\&}lr={\\&}id=9{\\_}J5AgAAQBAJ},\n}\n",
        ["  url = {https://books.google.de/books?hl=de&lr=&id=9_J5AgAAQBAJ},"],
        [],
        id="mendeley-url",
    ),
    pytest.param(  # PubMed's DOI digits in pages
        "@article{doe2019,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2019},\n  volume = {1},\n"
        "  pages = {956797617729817},\n  doi = {10.1177/0956797617729817},\n}\n",
        [],
        ["pages ="],
        id="pubmed-doi-digits",
    ),
    pytest.param(  # online first: no pages yet
        "@article{doe2019,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2019},\n  pages = {1--14},\n"
        "  pubstate = {Advance online publication},\n}\n",
        [],
        ["pages ="],
        id="online-first-pages",
    ),
    pytest.param(  # R's citation() writes á as \a'a, which pandoc does not read
        "@article{vega2018,\n  author = {Vega-Hern{\\a'a}ndez, Mayrim},\n  title = {T},\n  journal = {J},\n  year = {2018},\n"
        "  volume = {1},\n  pages = {1--2},\n}\n",
        ["Vega-Hern{\\'a}ndez"],
        [],
        id="tabbing-accent",
    ),
    pytest.param(  # Zotero's PsyArXiv preprint: pubstate and its server's DOI
        "@online{schuwerk2022,\n  author = {Schuwerk, Tobias},\n  title = {Theory of mind},\n  date = {2022-02-13},\n"
        "  doi = {10.31234/osf.io/x4jbm},\n  pubstate = {preprint},\n}\n",
        ["@misc{schuwerk2022,", "publisher = {PsyArXiv}", "type = {Preprint}", "year = {2022}"],
        [],
        id="psyarxiv-preprint",
    ),
    pytest.param(  # Google Scholar's SSRN preprint: the server once, as the publisher
        "@misc{wrist2025,\n  author = {Doe, Jane},\n  title = {From wrist data to sleep},\n  year = {2025},\n"
        "  howpublished = {SSRN preprint},\n  institution = {SSRN},\n  doi = {10.2139/ssrn.5341710},\n}\n",
        ["publisher = {SSRN}", "type = {Preprint}"],
        ["howpublished", "institution"],
        id="ssrn-preprint",
    ),
    pytest.param(  # one publisher written twice ("MIT Press; MIT Press")
        "@book{mit2010,\n  author = {Doe, Jane},\n  title = {Minds},\n  publisher = {MIT Press},\n  organization = {MIT Press},\n  year = {2010},\n}\n",
        ["publisher = {MIT Press}"],
        ["organization"],
        id="publisher-twice",
    ),
    pytest.param(  # a DOI given only as its address: APA's https://doi.org/ link
        "@incollection{x2000,\n  author = {Doe, Jane},\n  title = {T},\n  booktitle = {B},\n  editor = {Roe, R.},\n  publisher = {P},\n"
        "  year = {2000},\n  url = {http://dx.doi.org/10.1016/b0-12-227210-2/00216-8},\n}\n",
        ["doi = {10.1016/b0-12-227210-2/00216-8}"],
        ["url ="],
        id="doi-as-address",
    ),
    pytest.param(  # Google Scholar keeps a title's full stop, printed before "[Preprint]"
        "@misc{li2021,\n  author = {Li, Ming},\n  title = {Learning {English} constraints.},\n  year = {2021},\n"
        "  url = {https://psyarxiv.com/x},\n  type = {Preprint},\n  publisher = {PsyArXiv},\n}\n",
        ["title = {Learning {English} constraints},"],
        [],
        id="title-full-stop",
    ),
    pytest.param(  # an edition in words, as a library catalogue writes it
        "@book{gray2015,\n  author = {Standring, Susan},\n  title = {Anatomy},\n  edition = {Forty-first},\n  publisher = {Elsevier},\n  year = {2015},\n}\n",
        ["edition = {41}"],
        ["Forty-first"],
        id="edition-in-words",
    ),
    pytest.param(  # Better BibTeX's braced thesis type
        "@phdthesis{doe2019,\n  author = {Doe, Jane},\n  title = {Worry},\n  school = {University of Connecticut},\n"
        "  type = {{PhD}},\n  year = {2019},\n}\n",
        ["type = {Unpublished doctoral dissertation}"],
        ["PhD"],
        id="braced-thesis-type",
    ),
    pytest.param(  # R's citation(): a package as @manual, its version in a note
        "@Manual{dplyr,\n  title = {dplyr: A Grammar of Data Manipulation},\n  author = {Hadley Wickham},\n  year = {2020},\n"
        "  note = {R package version 1.0.0},\n  url = {https://CRAN.R-project.org/package=dplyr},\n}\n",
        ["@software{dplyr,", "version = {1.0.0}"],
        ["note ="],
        id="r-package",
    ),
    pytest.param(  # Better BibTeX's R itself, type = {manual}: no "[Manual]"
        "@manual{R-base,\n  title = {R: A Language and Environment for Statistical Computing},\n  author = {{R Core Team}},\n"
        "  organization = {R Foundation for Statistical Computing},\n  year = {2021},\n  url = {https://www.R-project.org/},\n"
        "  type = {manual},\n}\n",
        ["@software{R-base,"],
        ["type ="],
        id="r-itself",
    ),
    pytest.param(  # APA 7, 10.6 example 66
        "@phdthesis{wang2018,\n  author = {Wang, Zhe Ni},\n  school = {Concordia University},\n  title = {Thriving at work},\n  year = {2018},\n}\n",
        ["type = {Unpublished doctoral dissertation}"],
        [],
        id="unpublished-dissertation",
    ),
]


@pytest.mark.parametrize(("entry", "holds", "lacks"), EXPORTS)
def test_copy_for_pandoc_reads_what_reference_managers_export_as_apa_prints_it(tmp_path, entry, holds, lacks):
    [read] = load(tmp_path, entry).entries.values()
    assert all(text in read.pandoc for text in holds), read.pandoc
    assert not any(text in read.pandoc for text in lacks), read.pandoc


# A % in what no reference prints (PubMed's abstract) or in an address is no problem; a
# group whose name has "College" is no person.
def test_a_percent_in_an_abstract_or_address_passes_and_a_college_is_a_group():
    entry = BOOK.replace("{AUTHORS}", "{Neff, Kristin}").replace(
        "  year", "  abstract  = {Rates were 43.2% among cases.},\n  howpublished = {http://x.org/a%C3%A4.pdf},\n  year"
    )
    assert _messages(entry) == [
        "references.bib:6: entry 'neff2011': howpublished holds a web address, which would print as text, not as a link; write the address as url = {...} and delete the howpublished line"
    ]
    assert any(
        "write a group's name in double braces: author = {{Royal College of Surgeons}}" in message
        for message in _messages(BOOK.replace("{AUTHORS}", "{Royal College of Surgeons}"))
    )


# Two commas between fields, which pybtex reads and pandoc stops on (naming a page and a
# temporary file): told at its line, and the build stops before pandoc.
def test_two_commas_in_a_row_are_told_at_their_line():
    bibliography = check_bibliography(
        "@article{doe2019,\n  author = {Doe, Jane},\n  title = {Worry, rumination,, and sleep},\n  journal = {J},\n"
        "  year = {2019},,\n  volume = {75},\n  pages = {1--12},\n  doi = {10.1002/jclp.22701},\n}\n",
        display_path="references.bib",
    )
    assert [str(problem) for problem in bibliography.problems] == [
        "references.bib:5: entry 'doe2019' has two commas in a row here, which pandoc cannot read; delete one"
    ]
    assert not bibliography.readable


# A field "commented out" with '%' inside an entry: pybtex stops there with "'}' expected",
# whose advice (braces, quotes, commas) fixed nothing.
def test_a_field_commented_out_inside_an_entry_is_told_to_be_deleted():
    entry = BOOK.replace("AUTHORS", "Neff, Kristin").replace("  year", "  %isbn      = {978-0061733512},\n  year")
    assert _messages(entry) == [
        "references.bib:5: this line starts with '%', which comments out a line of a file but not a field inside an entry; delete the line"
    ]


# Zotero's comma inside a group's braces, and PubMed's empty pages: told, not printed.
def test_a_groups_trailing_comma_and_an_empty_field_are_told():
    assert _messages(BOOK.replace("{AUTHORS}", "{{Apache Software Foundation,}}")) == [
        "references.bib:2: entry 'neff2011': the author 'Apache Software Foundation,' ends with a comma, which prints before the year; delete it: author = {{Apache Software Foundation}}"
    ]
    assert _messages(BOOK.replace("{AUTHORS}", "{Neff, Kristin}").replace("{William Morrow}", "{}")) == [
        "references.bib:1: entry 'neff2011' (@book) lacks the publisher field, which a book or edited book needs; add publisher = {...}"
    ]


def test_one_person_written_two_ways_in_two_entries_is_a_notice_at_the_shorter_form():
    entries = (
        "@article{neff2003,\n  author = {Neff, Kristin},\n  title = {Self-compassion},\n  journal = {Self and Identity},\n"
        "  year = {2003},\n  volume = {2},\n  pages = {85--101},\n  doi = {10.1080/15298860309032},\n}\n"
        "@incollection{neff2017,\n  author = {Neff, Kristin D. and Germer, Christopher},\n  title = {Self-compassion and well-being},\n"
        "  booktitle = {Handbook},\n  editor = {Seppala, Emma M.},\n  publisher = {Oxford University Press},\n"
        "  year = {2017},\n  pages = {371--385},\n}\n"
        # Another Neff (another first name), and two of one family in one entry: other people.
        "@article{neff2011,\n  author = {Neff, Karen D. and Smith, Jo and Smith, Jo A.},\n  title = {Other},\n  journal = {J},\n"
        "  year = {2011},\n  volume = {2},\n  pages = {1--9},\n  doi = {10.1000/x},\n}\n"
    )
    told = [
        problem
        for problem in check_bibliography(entries, display_path="references.bib").problems
        if "two people" in problem.message
    ]

    assert [(problem.line, problem.message, problem.notice) for problem in told] == [(2, NAME_TWO_WAYS, True)]


# BibTeX splits a group's name at 'and': the fix is the whole name braced, not its last part.
@pytest.mark.parametrize(
    "group",
    ["Anxiety and Depression Association of America", "Substance Abuse and Mental Health Services Administration"],
)
def test_a_groups_name_with_and_is_told_whole_not_as_its_last_part(tmp_path, group):
    bibliography = load(
        tmp_path,
        f"@online{{group2022,\n  author = {{{group}}},\n  title = {{Anxiety}},\n  url = {{https://example.org/a}},\n  year = {{2022}},\n}}\n",
    )
    [problem] = bibliography.problems
    assert problem.line == 2
    assert str(problem).endswith(
        f"the author '{group}' reads as 2 people's names, split at 'and'; write a group's name in double braces: author = {{{{{group}}}}}"
    )


# A field name typed wrong is read as nothing: told with its value under the right name,
# and not also as the field missing.
@pytest.mark.parametrize(
    ("written", "meant", "value"),
    [("edtion", "edition", "2"), ("jounral", "journal", "Behaviour Research and Therapy"), ("yaer", "year", "2015"),
     ("page", "pages", "1--9"), ("vol", "volume", "12"), ("Publsiher", "publisher", "Guilford Press")],
)  # fmt: skip
def test_a_misspelled_field_is_told_with_its_value_under_the_name_meant(tmp_path, written, meant, value):
    fields = {"author": "Linehan, Marsha M.", "title": "DBT Skills Training Manual", "journal": "J", "year": "2015",
              "volume": "3", "pages": "1--2", "publisher": "P", "doi": "10.1037/a0000001"}  # fmt: skip
    fields = {written if name == meant else name: value if name == meant else text for name, text in fields.items()}
    fields.setdefault(written, value)
    bibliography = load(
        tmp_path,
        "@article{linehan2015,\n" + "".join(f"  {name} = {{{text}}},\n" for name, text in fields.items()) + "}\n",
    )
    [problem] = bibliography.problems
    assert problem.line == 2 + list(fields).index(written)
    assert str(problem).endswith(
        f"'{written.lower()}' is not a field BibTeX reads, so its value prints nowhere; rename it {meant}: {meant} = {{{value}}}"
    )


# A slip the editor already mended by adding the right field: no rename to tell (it would
# write the field twice).
def test_a_misspelled_field_beside_the_one_meant_is_not_told(tmp_path):
    bibliography = load(
        tmp_path,
        "@book{linehan2015,\n  author = {Linehan, Marsha M.},\n  title = {DBT Skills Training Manual},\n"
        "  edtion = {2},\n  edition = {2},\n  publisher = {Guilford Press},\n  year = {2015},\n}\n",
    )
    assert bibliography.problems == []


# What reference managers and databases write beside the printed fields is no slip.
def test_fields_reference_managers_write_are_not_told_as_misspelled(tmp_path):
    bibliography = load(
        tmp_path,
        "@article{neff2003,\n  author = {Neff, Kristin D.},\n  title = {Self-Compassion},\n  journaltitle = {Self and Identity},\n"
        "  date = {2003},\n  volume = {2},\n  number = {2},\n  pages = {85--101},\n  doi = {10.1080/15298860309032},\n"
        "  shortjournal = {Self Identity},\n  journal-iso = {Self Identity},\n  editora = {Smith, Ann},\n"
        "  notes = {Read},\n  mendeley-tags = {sc},\n  art_number = {1},\n  adsnote = {x},\n  langid = {english},\n}\n",
    )
    assert bibliography.problems == []


# doi.org's BibTeX of a Cochrane review gives neither volume nor pages; APA's are its year
# and the number in its DOI, which the copy for pandoc writes in: nothing for the editor to add.
# Another journal's article exported the same way still lacks both.
def test_a_cochrane_review_as_doi_org_exports_it_lacks_no_volume_or_pages():
    review = (
        "@article{Hunot_2007, title={Psychological therapies for generalised anxiety disorder},"
        " DOI={10.1002/14651858.CD001848.pub4}, journal={Cochrane Database of Systematic Reviews},"
        " publisher={Wiley}, author={Hunot, Vivien and Churchill, Rachel}, year={2007}, month=jan }\n"
    )
    other = review.replace("Cochrane Database of Systematic Reviews", "Psychological Medicine")

    assert check_bibliography(review, display_path="references.bib").problems == []
    assert [
        problem.message.split(" field,")[0]
        for problem in check_bibliography(other, display_path="references.bib").problems
    ] == [
        "entry 'Hunot_2007' (@article) lacks the volume",
        "entry 'Hunot_2007' (@article) lacks the pages",
    ]


# A person as reference managers write one ("Family, Given") beside a group: the group
# alone is told, not the field as one group's name.
def test_a_group_beside_a_person_is_told_alone(tmp_path):
    bibliography = load(
        tmp_path,
        "@online{nimh2022,\n  author = {Smith, Jane and National Institute of Mental Health},\n  title = {Anxiety},\n"
        "  url = {https://example.org/a},\n  year = {2022},\n}\n",
    )
    [problem] = bibliography.problems
    assert problem.message.endswith(
        "the author 'National Institute of Mental Health' reads as a person's name ('of Mental Health, National"
        " Institute'); write a group's name in double braces: author = {{National Institute of Mental Health}}"
    )


# One book pasted twice, typed and from Zotero, without a DOI: it printed as two, 2015a and 2015b.
def test_one_work_pasted_twice_without_a_doi_is_told_at_the_later_entry(tmp_path):
    bibliography = load(
        tmp_path,
        "@book{linehan2015, author = {Linehan, Marsha M.}, title = {{DBT} Skills Training Manual}, edition = {2},"
        " publisher = {Guilford Press}, year = {2015}}\n\n"
        "@book{linehanDBTSkillsTraining2015,\n  title = {DBT Skills Training Manual},\n  author = {Linehan, Marsha M.},\n"
        "  date = {2015},\n  edition = {Second edition},\n  publisher = {The Guilford Press},\n}\n"
        # A preprint and its article share a title: two works, each with its DOI.
        "@article{neff2003, author = {Neff, Kristin}, title = {Self-Compassion}, journal = {Self and Identity},"
        " volume = {2}, pages = {85--101}, year = {2003}, doi = {10.1080/15298860309032}}\n"
        "@misc{neff2003preprint, author = {Neff, Kristin}, title = {Self-Compassion}, year = {2003},"
        " publisher = {PsyArXiv}, type = {Preprint}, doi = {10.31234/osf.io/abcde}}\n",
    )
    [problem] = bibliography.problems
    assert problem.line == 3
    assert problem.message == (
        "entry 'linehanDBTSkillsTraining2015' is the same work as entry 'linehan2015' (the same type, first author, year and"
        " title): one work under two keys prints twice; keep 'linehan2015', cite it instead of"
        " 'linehanDBTSkillsTraining2015' and delete this entry"
    )


# The same book typed with "\&" and exported by Zotero with "and" and a braced word: one work
# (titles compared as the registry check compares them).
def test_one_work_typed_and_exported_is_one_work_whatever_its_ampersand_and_braces(tmp_path):
    bibliography = load(
        tmp_path,
        "@book{hayes2012, author = {Hayes, Steven C. and Strosahl, Kirk D.}, title = {Acceptance \\& Commitment"
        " Therapy: The Process and Practice of Mindful Change}, edition = {2}, publisher = {Guilford Press}, year = {2012}}\n"
        "@book{hayesAcceptanceCommitmentTherapy2012,\n  title = {Acceptance and Commitment Therapy: {{The}} Process and"
        " Practice of Mindful Change},\n  author = {Hayes, Steven C. and Strosahl, Kirk D.},\n  date = {2012},\n"
        "  edition = {Second edition},\n  publisher = {Guilford Press},\n}\n",
    )
    assert [problem.message.split(" (the same")[0] for problem in bibliography.problems] == [
        "entry 'hayesAcceptanceCommitmentTherapy2012' is the same work as entry 'hayes2012'"
    ]


# The run planner groups works by the family name pandoc prints: the group's, not "[WHO]".
def test_a_groups_abbreviation_is_no_part_of_its_family_name(tmp_path):
    [who] = load(
        tmp_path,
        "@misc{who2023,\n  author = {{World Health Organization [WHO]}},\n  title = {Depression},\n  year = {2023},\n"
        "  url = {https://www.who.int/news-room/fact-sheets/detail/depression},\n}\n",
    ).entries.values()
    assert who.family_names() == ["World Health Organization"]
    assert who.first_family_name() == "organization"
