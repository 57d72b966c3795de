"""references.bib is read once and checked as a whole, every problem with its line."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from psychoed.problems import report
from psychoed.references.bibliography import load_bibliography, uncited_problems


def load(tmp_path: Path, text: str):
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography(path, display_path="references.bib")


def test_real_bibliography_is_clean_and_has_the_three_corrected_records():
    bibliography = load_bibliography(ROOT / "references.bib", display_path="references.bib")
    assert bibliography.problems == []
    assert {key: entry.fields["doi"] for key, entry in bibliography.entries.items()} == {
        "inwood2018": "10.1111/aphw.12127",
        "yela2022": "10.1111/papt.12375",
        "yip2021": "10.1080/17439760.2020.1778060",
    }
    assert bibliography.entries["yip2021"].persons["author"] == ["Yip, Vania T.", "Tong, Eddie M. W."]
    assert bibliography.entries["inwood2018"].persons["author"] == ["Inwood, Elisa", "Ferrari, Madeleine"]


def test_every_syntax_error_of_the_file_is_reported_in_one_pass(tmp_path):
    bibliography = load(tmp_path, (
        "@article{a2020,\n  title = {Open,\n  year = {2020},\n}\n\n"
        "@article{b2021,\n  title {No equals sign},\n}\n"
    ))
    assert not bibliography.readable
    assert [str(problem) for problem in bibliography.problems] == [
        "references.bib:2: unclosed brace in the entry starting at line 1; end this field's value with '}'",
        "references.bib:7: '=' expected in the entry starting at line 6; check its braces, quotes and commas",
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
    bibliography = load(tmp_path, (
        "@book{neff2011,\n  editor = {Neff, Kristin},\n  title = {Self-Compassion},\n  year = {2011},\n}\n"
        "@misc{who2022,\n  author = {{World Health Organization}},\n  title = {Mental health},\n  year = {2022},\n  url = {https://www.who.int/},\n}\n"
    ))
    assert [str(p) for p in bibliography.problems] == [
        "references.bib:1: entry 'neff2011' (@book) lacks the publisher field, which a book or edited book needs; add publisher = {...}",
    ]


def test_uncited_entries_are_warnings_and_case_variants_count_as_cited(tmp_path):
    bibliography = load_bibliography(ROOT / "references.bib", display_path="references.bib")
    problems = uncited_problems(bibliography, {"inwood2018", "YIP2021"})
    assert [(p.line, p.warning) for p in problems] == [(17, True)]
    assert "entry 'yela2022' is not cited by any page" in problems[0].message


def test_report_lists_errors_first_then_warnings_that_fail_strict(tmp_path):
    bibliography = load(tmp_path, "@article{a2020,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {20},\n  volume = {1},\n  pages = {1--2},\n}\n")
    text = report([p for p in bibliography.problems if not p.notice] + uncited_problems(bibliography, set()))
    assert text.splitlines()[0] == "2 problems to fix before the site can build (1 error):"
    assert text.splitlines()[1].startswith("  references.bib:5: entry 'a2020' has year '20'")
    assert text.splitlines()[2].endswith("(warning; fails the strict build)")


def test_copy_for_pandoc_keeps_particles_unless_an_entry_says_otherwise(tmp_path):
    bibliography = load(tmp_path, (
        "@book{kolk2014,\n  author = {van der Kolk, Bessel A.},\n  title = {T},\n  publisher = {Viking},\n  year = {2014},\n}\n\n"
        "@book{bbt2020,\n  author = {de Jong, Anna},\n  title = {T},\n  publisher = {P},\n  year = {2020},\n  options = {maxcitenames=2},\n}\n\n"
        "@book{beethoven1802,\n  author = {van Beethoven, Ludwig},\n  title = {T},\n  publisher = {P},\n  year = {1802},\n  options = {useprefix=false},\n}\n"
    ))
    kolk, bbt, beethoven = bibliography.entries.values()
    assert kolk.pandoc.startswith("@book{kolk2014,\n  options = {useprefix=true},\n  author = {van der Kolk, Bessel A.},")
    assert "  options = {useprefix=true,maxcitenames=2},\n" in bbt.pandoc
    assert beethoven.pandoc == beethoven.text
    assert "options" not in kolk.text  # the editor's file is never changed


def test_copy_for_pandoc_names_a_group_once_and_prints_an_article_number(tmp_path):
    who, plos = load(tmp_path, (
        "@techreport{who2014,\n  author = {{World Health Organization}},\n  title = {T},\n"
        "  institution = {World health organization},\n  year = {2014},\n}\n\n"
        "@article{plos2018,\n  author = {Jerrentrup, A.},\n  title = {T},\n  journal = {PLoS ONE},\n  year = {2018},\n  volume = {13},\n  eid = {e0193972},\n}\n"
    )).entries.values()
    assert "institution" not in who.pandoc and "World Health Organization" in who.pandoc
    assert "  pages = {Article e0193972},\n" in plos.pandoc


def test_copy_for_pandoc_writes_no_for_a_hyphenated_report_number_and_leaves_the_file_as_written(tmp_path):
    nci, issue = load(tmp_path, (
        "@techreport{nci2019,\n  author = {{National Cancer Institute}},\n  title = {T},\n  type = {NIH Publication},\n"
        "  number = {18-2059},\n  institution = {U.S. Department of Health and Human Services},\n  year = {2019},\n}\n\n"
        "@article{double2019,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2019},\n  volume = {8},\n"
        "  number = {3-4},\n  pages = {1--9},\n  doi = {10.1000/x},\n}\n"
    )).entries.values()
    assert "  number = {No. 18-2059},\n" in nci.pandoc and "  number = {18-2059},\n" not in nci.pandoc
    assert "  number = {18-2059},\n" in nci.text
    assert issue.pandoc.count("3-4") == 1 and "No." not in issue.pandoc  # a double issue is a range


def test_copy_for_pandoc_puts_a_dissertations_university_in_brackets_and_its_database_after(tmp_path):
    database, repository = load(tmp_path, (
        "@phdthesis{kabir2017,\n  author = {Kabir, Jahanara M.},\n  title = {T},\n  school = {Wilmington University},\n"
        "  number = {10617765},\n  publisher = {ProQuest Dissertations and Theses Global},\n  year = {2017},\n}\n\n"
        "@thesis{zambrano2016,\n  author = {Zambrano-Vazquez, Laura},\n  title = {T},\n  type = {phdthesis},\n  institution = {University of Arizona},\n"
        "  publisher = {UA Campus Repository},\n  year = {2016},\n  url = {https://repository.arizona.edu/handle/10150/620615},\n}\n"
    )).entries.values()
    assert "  type = {Doctoral dissertation, Wilmington University},\n" in database.pandoc
    assert "  school = {ProQuest Dissertations and Theses Global},\n" in database.pandoc and "publisher" not in database.pandoc
    assert repository.pandoc.startswith("@misc{zambrano2016,")
    assert "  type = {Doctoral dissertation, University of Arizona},\n" in repository.pandoc and "institution" not in repository.pandoc
