"""The DOI rule: one bare DOI per field, with the fix shown where it can be derived."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psychoed.references.doi import corrected_doi, doi_problem, doi_url

REAL_DOIS = [
    "10.1111/aphw.12127",
    "10.1111/papt.12375",
    "10.1080/17439760.2020.1778060",
    "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",  # SICI, rejected by Crossref's regex
    "10.1016/S0140-6736(20)30183-5",
    "10.1000.10/123456",  # dotted registrant subdivision
    "10.1093/ajae/aaq063",
    "10.1007/978-3-319-91746-0_3",
    "10.1037/0033-2909.126.6.890",
    "10.5555/[bracketed]suffix",
    "10.1111/APHW.12127",  # case-insensitive
]


@pytest.mark.parametrize("value", REAL_DOIS)
def test_accepts_real_doi_shapes(value):
    assert doi_problem(value) is None


@pytest.mark.parametrize(
    ("value", "message_part", "fixed"),
    [
        ("10.11 11/aphw.12127", "white space inside", "10.1111/aphw.12127"),
        ("doi:10.1111/aphw.12127", "'doi:' prefix", "10.1111/aphw.12127"),
        ("DOI: 10.1111/aphw.12127", "'doi:' prefix", "10.1111/aphw.12127"),
        ("https://doi.org/10.1111/aphw.12127", "doi.org URL", "10.1111/aphw.12127"),
        ("http://dx.doi.org/10.1111/aphw.12127", "doi.org URL", "10.1111/aphw.12127"),
        ("10.1111/aphw.12127.", "trailing '.'", "10.1111/aphw.12127"),
        ("10.1111/aphw.12127,", "trailing ','", "10.1111/aphw.12127"),
        ("10.1111/aphw.12127;", "trailing ';'", "10.1111/aphw.12127"),
        ("10.1007/978\u20133\u2013319", "EN DASH (U+2013)", "10.1007/978-3-319"),
        ("10.1111/aphw.\u00a012127", "NO-BREAK SPACE (U+00A0)", "10.1111/aphw.12127"),
        ("10.1111\uff0faphw.12127", "FULLWIDTH SOLIDUS (U+FF0F)", "10.1111/aphw.12127"),
        ("aphw.12127", "not of the form 10.<registrant>/<suffix>", None),
        ("10.abc/def", "not of the form", None),
        ("11.1111/aphw.12127", "not of the form", None),
    ],
)
def test_rejects_malformed_doi_with_reason_and_fix(value, message_part, fixed):
    message = doi_problem(value)
    assert message is not None and message_part in message
    assert corrected_doi(value) == fixed
    if fixed:
        assert message.endswith(f"write it as {fixed}")
    else:
        assert message.endswith("copy the DOI again from the publisher's page")


# One link per DOI for the JSON-LD, `make check-dois` and `make new-reference`: what a
# suffix may hold beyond the plain characters is percent-encoded.
@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("10.1111/aphw.12127", "https://doi.org/10.1111/aphw.12127"),
        (
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO%3B2-0",
        ),
        ("10.5555/[bracketed]suffix", "https://doi.org/10.5555/%5Bbracketed%5Dsuffix"),
    ],
)
def test_doi_url_percent_encodes_what_a_suffix_may_hold(value, url):
    assert doi_url(value) == url


def test_empty_field_says_to_fill_or_remove_it():
    assert doi_problem("  ") == "the doi field is empty; put the DOI (10.xxxx/...) or remove the field"


# The accepted grammar: 10., digits with dotted subdivisions, /, printable ASCII without
# white space, not ending in . , or ;
registrant = st.lists(st.text("0123456789", min_size=1, max_size=9), min_size=1, max_size=3).map(".".join)
suffix = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40).filter(
    lambda s: s[-1] not in ".,;"
)
dois = st.builds(lambda r, s: f"10.{r}/{s}", registrant, suffix)


@given(dois)
def test_every_doi_of_the_grammar_passes(value):
    assert doi_problem(value) is None
    assert corrected_doi(value) == value


@given(dois, st.data())
def test_white_space_inside_fails_and_is_removed_by_the_fix(value, data):
    position = data.draw(st.integers(min_value=1, max_value=len(value) - 1))
    space = data.draw(st.sampled_from([" ", "\t", "\u00a0", "\n"]))
    broken = value[:position] + space + value[position:]
    problem = doi_problem(broken)
    assert problem is not None and "white space inside" in problem
    assert corrected_doi(broken) == value


@given(dois, st.sampled_from(["doi:", "DOI: ", "https://doi.org/", "http://dx.doi.org/"]))
def test_prefix_fails_and_the_fix_is_the_bare_doi(value, prefix):
    assert doi_problem(prefix + value) is not None
    assert corrected_doi(prefix + value) == value


@given(dois, st.sampled_from(".,;"))
def test_trailing_punctuation_fails(value, mark):
    problem = doi_problem(value + mark)
    assert problem is not None and f"trailing '{mark}'" in problem


# Better BibTeX can write a shortDOI, which the registry checks and citations by DOI cannot read.
def test_a_short_doi_is_told_to_be_written_in_full():
    assert doi_problem("10/gf523c") == (
        "'10/gf523c' is a shortDOI; write the full DOI (10.xxxx/...) instead: open https://doi.org/10/gf523c and copy the DOI from the page it leads to"
    )
