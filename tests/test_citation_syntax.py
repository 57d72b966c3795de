"""Which brackets are citations: pandoc's syntax, outside code, never e-mail addresses."""

from __future__ import annotations

import pytest

from citation_syntax import AT_SENTINEL, find_bare_keys, find_citation_blocks, protect, restore, strip_front_matter


@pytest.mark.parametrize(
    ("markdown", "keys"),
    [
        ("A review [@inwood2018] found.", [("inwood2018",)]),
        ("[@yela2022; @yip2021]", [("yela2022", "yip2021")]),
        ("[see @yip2021, p. 3]", [("yip2021",)]),
        ("[see @yip2021, pp. 12-14; also @yela2022, ch. 2]", [("yip2021", "yela2022")]),
        ("[-@inwood2018]", [("inwood2018",)]),
        ("Two: [@a] and [@b-c_d].", [("a",), ("b-c_d",)]),
    ],
)
def test_finds_citation_blocks_and_their_keys(markdown, keys):
    assert [block.keys for block in find_citation_blocks(markdown)] == keys


@pytest.mark.parametrize(
    "markdown",
    [
        "Write to [hello@example.org].",
        "Write to [our team at hello@example.org].",
        "A link [@inwood2018](https://example.org) is a link.",
        "A reference link [@inwood2018][ref] is a link.",
        "![@inwood2018](image.png)",
        "[^note]: a footnote",
        "Inline `[@inwood2018]` code.",
        "Inline ``code with ` and [@inwood2018]`` code.",
        "```\n[@inwood2018]\n```",
        "~~~markdown\n[@inwood2018]\n~~~",
        "Text.\n\n    [@inwood2018] indented code",
        "[not a citation]",
        "[@] alone",
    ],
)
def test_code_links_and_email_addresses_are_not_citations(markdown):
    assert find_citation_blocks(markdown) == []


def test_list_continuation_is_text_not_indented_code():
    markdown = "- a point\n\n    still the point [@inwood2018]"
    assert [block.keys for block in find_citation_blocks(markdown)] == [("inwood2018",)]


def test_lines_count_from_the_file_start():
    source = "---\ntitle: T\n---\n\nText\n\nOne [@inwood2018].\n"
    body, first_line = strip_front_matter(source)
    assert first_line == 4
    assert [block.line for block in find_citation_blocks(body, first_line=first_line)] == [7]


def test_an_unclosed_code_span_does_not_swallow_later_paragraphs():
    markdown = "A stray ` backtick.\n\nLater [@inwood2018] and ` another."
    assert [block.keys for block in find_citation_blocks(markdown)] == [("inwood2018",)]


def test_protect_hides_every_at_outside_citations_and_restore_brings_it_back():
    markdown = "Cite [@inwood2018], show `[@yip2021]`, mail [me@example.org]."
    protected = protect(markdown)
    assert protected.count("@") == 1 and "[@inwood2018]" in protected
    assert protected.count(AT_SENTINEL) == 2
    assert restore(protected) == markdown


def test_bare_keys_outside_brackets_and_code_are_found_with_their_line():
    markdown = "As @inwood2018 showed,\nmail me@example.org, `@yip2021`, [@yela2022]\nand @Yip2021."
    assert find_bare_keys(markdown, first_line=10) == [("inwood2018", 10), ("Yip2021", 12)]
