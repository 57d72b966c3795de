"""An article's works become an APA reference list at the end of its page."""

from __future__ import annotations

import re

import pytest

from psychoed.references.reference_list import reference_list_ids, with_reference_list

PAGE = """# Title

One ([Yip & Tong, 2021](#ref-yip2021)) and ([Álvarez, 2020](#ref-alvarez2020)).

A note of the editor's own.[^1]

[^1]: The editor's footnote stays a footnote.
"""
REFERENCES = {
    "yip2021": "Yip, V. T., & Tong, E. M. W. (2021). Title. *Journal*, *16*(5), 593–609.",
    "alvarez2020": "Álvarez, B. (2020). Title. *Journal*, *1*, 1–2.",
}


def test_entries_become_a_sorted_reference_section_at_the_end():
    markdown = with_reference_list(PAGE, REFERENCES)
    assert markdown.startswith(PAGE.rstrip("\n") + "\n\n## References { #references }\n")
    # Á sorts as A: before Y.
    assert markdown.index('id="ref-alvarez2020"') < markdown.index('id="ref-yip2021"')
    assert '<div class="csl-entry" id="ref-yip2021" markdown>\nYip, V. T.' in markdown


def test_the_editors_own_footnotes_are_left_alone():
    markdown = with_reference_list(PAGE, REFERENCES)
    assert "A note of the editor's own.[^1]" in markdown
    assert "[^1]: The editor's footnote stays a footnote." in markdown


def test_a_page_without_citations_is_unchanged():
    assert with_reference_list("# Plain page\n\nNo citations.\n", {}) == "# Plain page\n\nNo citations.\n"


ENTRIES = {"neff2003", "yip2021", "alvarez2020"}
DOI_KEYS = {"10.1111/aphw.12127": "yip2021"}


# A link to a work's entry (`#ref-neff2003`) or to the list (`#references`) is checked on
# the page as written, before the citations hook has added the list.
@pytest.mark.parametrize(
    ("body", "ids"),
    [
        ("Kindness helps [@neff2003].\n", {"ref-neff2003", "references"}),
        (
            "Two [see @neff2003, p. 3; -@yip2021]\nwrapped [@alvarez2020].\n",
            {"references", "ref-neff2003", "ref-yip2021", "ref-alvarez2020"},
        ),
        ("By DOI [@doi:10.1111/APHW.12127].\n", {"ref-yip2021", "references"}),
        # pandoc lists no work it cannot find: no entry, no id; and no list for it alone.
        ("Unknown [@nosuch].\n", set()),
        ("Known [@neff2003] and unknown [@nosuch].\n", {"ref-neff2003", "references"}),
        # Not a citation: in code, or written without brackets.
        ("`[@neff2003]` and @neff2003.\n", set()),
        ("No citations. See [the list](#references).\n", set()),
    ],
)
def test_the_reference_list_ids_are_those_of_the_works_the_page_cites(body, ids):
    assert reference_list_ids(body, entries=ENTRIES, doi_keys=DOI_KEYS) == ids


# The ids told are the ids the list is made with: for the works of a page, the same.
def test_the_reference_list_ids_are_the_ids_of_the_list_made():
    made = with_reference_list(PAGE, REFERENCES)
    ids = set(re.findall(r'id="([^"]+)"', made)) | set(re.findall(r"\{ #([\w-]+) \}", made))
    cited = "One [@yip2021] and [@alvarez2020].\n"
    assert (
        reference_list_ids(cited, entries=ENTRIES, doi_keys={})
        == ids
        == {"references", "ref-yip2021", "ref-alvarez2020"}
    )
