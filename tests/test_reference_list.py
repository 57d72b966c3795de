"""mkdocs-bibtex's footnotes become an APA reference list."""

from __future__ import annotations

from psychoed.references.reference_list import render_reference_list

BIBTEX_OUTPUT = """# Title

One ([Yip & Tong, 2021](#ref-yip2021)) [^cite-yip2021] and ([Álvarez, 2020](#ref-alvarez2020)) [^cite-alvarez2020].

A note of the editor's own.[^1]

[^1]: The editor's footnote stays a footnote.

[^cite-yip2021]: Yip, V. T., & Tong, E. M. W. (2021). Title. *Journal*, *16*(5), 593–609.
[^cite-alvarez2020]: Álvarez, B. (2020). Title. *Journal*, *1*, 1–2.
"""


def test_markers_go_and_entries_become_a_sorted_reference_section():
    markdown = render_reference_list(BIBTEX_OUTPUT)
    assert "[^cite-" not in markdown
    assert "## References { #references }" in markdown
    # Á sorts as A: before Y.
    assert markdown.index('id="ref-alvarez2020"') < markdown.index('id="ref-yip2021"')
    assert "One ([Yip & Tong, 2021](#ref-yip2021)) and" in markdown


def test_the_editors_own_footnotes_are_left_alone():
    markdown = render_reference_list(BIBTEX_OUTPUT)
    assert "A note of the editor's own.[^1]" in markdown
    assert "[^1]: The editor's footnote stays a footnote." in markdown


def test_a_page_without_citations_is_unchanged():
    assert render_reference_list("# Plain page\n\nNo citations.\n") == "# Plain page\n\nNo citations.\n"
