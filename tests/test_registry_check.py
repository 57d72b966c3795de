"""Each references.bib entry against its registry's record, one row per case, over the
recorded answers in tests/fixtures/registry/ (their README says where each came from)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psychoed.references.bibliography import load_bibliography
from psychoed.references.registry_check import crossref_work, csl_work, not_registered, registry_findings
from psychoed.references.work_identity import normalised_family, normalised_title

FIXTURES = Path(__file__).parent / "fixtures" / "registry"
BIBLIOGRAPHY = load_bibliography(FIXTURES / "references.bib", display_path="references.bib")


def crossref(name: str):
    answer = json.loads((FIXTURES / "crossref" / f"{name}.json").read_text(encoding="utf-8"))
    assert (answer["status"], answer["message-type"]) == ("ok", "work")
    return crossref_work(answer["message"])


def findings(key: str, work, cited_at=()) -> list[str]:
    entry = BIBLIOGRAPHY.entries[key]
    return [
        str(problem)
        for problem in registry_findings(entry, work, doi=entry.fields["doi"], path="references.bib", cited_at=cited_at)
    ]


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("yip2021", "exact-italic-subtitle"),  # <i> in the title, the subtitle kept apart
        ("yela2022", "diacritic-author"),  # LaTeX accents here, Unicode there; Wiley's U+2010 hyphens
        ("muller2019", "diacritic-first-author"),  # M{\"u}ller = Müller; &amp; = and
        ("hwang2021", "online-first-year"),  # the print year, one after the online one
    ],
    ids=["italic-and-subtitle", "accents-and-dashes", "diacritic-first-author", "online-first-year"],
)
def test_correct_entry_raises_no_alarm(key, answer):
    assert findings(key, crossref(answer)) == []


def test_datacite_work_is_compared_through_doi_orgs_csl_json():
    csl = json.loads((FIXTURES / "csl" / "datacite-only.json").read_text(encoding="utf-8"))
    assert findings("simic2023", csl_work(csl)) == []
    assert findings("neff2003", csl_work(csl)) == [
        "references.bib:61: entry 'neff2003': DOI 10.1080/15298860309027 is registered at doi.org for another work, "
        '"Self-Compassion Scale responses of 412 adults (version 2)" (Šimić, 2023); '
        'copy the DOI of "The Development and Validation of a Scale to Measure Self-Compassion" again from the publisher\'s page'
    ]


@pytest.mark.parametrize(
    ("key", "answer", "expected"),
    [
        (
            "neff2003",
            "another-work",
            [
                "references.bib:61: entry 'neff2003': DOI 10.1080/15298860309027 is registered at Crossref for another work, "
                '"Self-compassion: An alternative conceptualization of a healthy attitude toward oneself" (Neff, 2003); '
                'copy the DOI of "The Development and Validation of a Scale to Measure Self-Compassion" again from the publisher\'s page',
            ],
        ),
        (
            "smith2003",
            "wrong-author-or-year",
            [
                "references.bib:65: entry 'smith2003': the first author differs from the one registered for DOI 10.1080/15298860309032 "
                "at Crossref: here 'Smith', registered 'Kristin D. Neff'; correct the first author, or check that the DOI is this work's",
            ],
        ),
        (
            "neff2013",
            "wrong-author-or-year",
            [
                "references.bib:79: entry 'neff2013': year 2013 differs from the one registered for DOI 10.1080/15298860309032 "
                "at Crossref, 2003; write year = {2003}",
            ],
        ),
    ],
    ids=["wrong-doi", "wrong-first-author", "wrong-year"],
)
def test_entry_that_is_not_the_registered_work_shows_both_values_and_the_fix(key, answer, expected):
    assert findings(key, crossref(answer)) == expected


def test_a_different_title_alone_is_shown_at_the_title_line():
    work = crossref("wrong-author-or-year")
    entry_title = "The Development and Validation of a Scale to Measure Self-Esteem"
    bib = BIBLIOGRAPHY.entries["smith2003"]
    changed = type(bib)(
        bib.key,
        bib.type,
        bib.line,
        {**bib.fields, "title": entry_title},
        bib.field_lines,
        {"author": ["Neff, Kristin D."]},
    )
    assert [str(p) for p in registry_findings(changed, work, doi="10.1080/15298860309032", path="references.bib")] == [
        "references.bib:66: entry 'smith2003': the title differs from the one registered for DOI 10.1080/15298860309032 at Crossref: "
        'here "The Development and Validation of a Scale to Measure Self-Esteem", registered "The development and validation of a scale to measure self-compassion"; '
        "copy the registered title, or check that the DOI is this work's"
    ]


@pytest.mark.parametrize(
    ("key", "answer", "expected"),
    [
        (
            "hwang2005",
            "retracted-by-publisher",
            "references.bib:94: entry 'hwang2005': DOI 10.1126/science.1112286 was retracted: retraction notice 10.1126/science.1124926 "
            "of 2006-01-20 (reported by publisher, Retraction Watch); cited by docs/articles/a.md:12, docs/index.md:3; "
            "remove or rewrite each claim it supports, then remove the entry",
        ),
        (
            "lindqvist2019",
            "retracted-retraction-watch",
            "references.bib:104: entry 'lindqvist2019': DOI 10.3389/fpsyg.2019.01234 was retracted: retraction notice 10.3389/fpsyg.2021.765432 "
            "of 2021-10-04 (reported by Retraction Watch); cited by docs/articles/a.md:12, docs/index.md:3; "
            "remove or rewrite each claim it supports, then remove the entry",
        ),
        (
            "allen2014",
            "corrected",
            "references.bib:115: entry 'allen2014': DOI 10.1037/a0035173 was corrected: correction notice 10.1037/a0036521 "
            "of 2014-04-14 (reported by publisher); cited by docs/articles/a.md:12, docs/index.md:3; "
            "read the notice and check that each claim it supports still holds",
        ),
        (
            "parker2014",
            "expression-of-concern",
            "references.bib:126: entry 'parker2014': DOI 10.1177/0956797614531021 is under an expression of concern: "
            "expression of concern notice 10.1177/0956797619864587 of 2019-08-07 (reported by publisher); "
            "cited by docs/articles/a.md:12, docs/index.md:3; read the notice; support each claim with other evidence or remove it",
        ),
    ],
    ids=["retracted-publisher", "retracted-retraction-watch", "corrected", "expression-of-concern"],
)
def test_notice_about_the_work_names_its_doi_date_and_every_citing_page(key, answer, expected):
    assert findings(key, crossref(answer), cited_at=["docs/articles/a.md:12", "docs/index.md:3"]) == [expected]


def test_doi_of_a_notice_names_the_work_it_is_a_notice_for():
    assert findings("hwang2006", crossref("retraction-notice")) == [
        "references.bib:137: entry 'hwang2006': DOI 10.1126/science.1124926 is not the work but a retraction notice, "
        "for DOI 10.1126/science.1112286; cite the work itself: its DOI is 10.1126/science.1112286 (and mind what the notice says of it)"
    ]


def test_unregistered_doi_says_so_at_the_doi_line():
    entry = BIBLIOGRAPHY.entries["ghost2020"]
    assert str(not_registered(entry, doi="10.9999/never.registered", path="references.bib")) == (
        "references.bib:147: entry 'ghost2020': DOI 10.9999/never.registered is not registered "
        "(Crossref and doi.org know no such DOI); copy it again from the publisher's page"
    )


def test_uncited_entry_under_a_notice_says_no_page_cites_it():
    assert "cited by no page" in findings("allen2014", crossref("corrected"))[0]


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("Mechanisms of Change: {A} Systematic Review", "Mechanisms of change&#8212;a <b>systematic</b> review."),
        ("Body \\& Mind", "Body &amp; mind"),
        ("\u201cWhat Do I Need?\u201d", '"What do I need?"'),
        ("RETRACTED: Compassion", "Compassion"),
    ],
)
def test_titles_compare_without_markup_case_punctuation_or_quotes(ours, theirs):
    assert normalised_title(ours) == normalised_title(theirs)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ('M{\\"u}ller', "Müller"),
        ("van der Velden", "Velden"),
        ("S{\\'a}nchez-Zaballos", "Sánchez Zaballos"),
        ("NEFF", "Neff"),
    ],
)
def test_family_names_compare_without_accents_particles_or_case(ours, theirs):
    assert normalised_family(ours) == normalised_family(theirs)


@pytest.mark.parametrize(
    ("entry_title", "same"),
    [
        ("Mindful Self-Compassion for Caregivers: A Pilot Study", True),
        ("Mindful Self-Compassion for Caregivers", True),  # the entry left the subtitle out
        ("Mindful Self-Compassion for Caregivers: A Pilot Study in Three Clinics", True),  # the registry did
        ("Mindful", False),  # one word is no title
        ("Mindful Self-Compassion for Teachers", False),
    ],
)
def test_a_subtitle_left_out_on_either_side_is_no_difference(entry_title, same):
    entry = BIBLIOGRAPHY.entries["hwang2021"]
    changed = type(entry)(
        entry.key, entry.type, entry.line, {**entry.fields, "title": entry_title}, entry.field_lines, entry.persons
    )
    # Author and year are the registered ones: any finding is of the title.
    assert (registry_findings(changed, crossref("online-first-year"), doi="x", path="references.bib") == []) is same


def test_family_name_the_registry_put_among_the_given_names_is_no_difference():
    reversed_names = crossref_work(
        {
            "title": ["Self-compassion and attention: self-compassion facilitates disengagement from negative stimuli"],
            "author": [{"given": "Yip", "family": "Vania T.", "sequence": "first"}],
            "issued": {"date-parts": [[2021]]},
        }
    )
    assert reversed_names.first_author == ("Vania T.", "Yip")
    assert findings("yip2021", reversed_names) == []
