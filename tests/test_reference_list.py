"""An article's works become an APA reference list at the end of its page."""

from __future__ import annotations

from psychoed.references.reference_list import with_reference_list

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
