"""Which brackets are citations: pandoc's syntax, outside code, never e-mail addresses."""

from __future__ import annotations

import pytest

from psychoed.markdown_source import strip_front_matter
from psychoed.references.citation_syntax import (
    BareKey,
    find_bare_keys,
    find_citation_blocks,
    join_wrapped_citations,
    replace_citations,
)


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


@pytest.mark.parametrize(
    "markdown",
    [
        "- a point\n\n    still the point [@inwood2018]",
        '!!! note "Research"\n\n    A review found this [@inwood2018].',
        "??? tip\n    A review found this [@inwood2018].",
        "Text.[^1]\n\n[^1]: A note.\n\n    Its second paragraph [@inwood2018].",
    ],
)
def test_indented_content_of_lists_admonitions_and_footnotes_is_text_not_code(markdown):
    assert [block.keys for block in find_citation_blocks(markdown)] == [("inwood2018",)]


def test_lines_count_from_the_file_start():
    source = "---\ntitle: T\n---\n\nText\n\nOne [@inwood2018].\n"
    body, first_line = strip_front_matter(source)
    assert first_line == 4
    assert [block.line for block in find_citation_blocks(body, first_line=first_line)] == [7]


def test_an_unclosed_code_span_does_not_swallow_later_paragraphs():
    markdown = "A stray ` backtick.\n\nLater [@inwood2018] and ` another."
    assert [block.keys for block in find_citation_blocks(markdown)] == [("inwood2018",)]


def test_only_citations_are_replaced_not_code_or_an_address_in_brackets():
    markdown = "Cite [@inwood2018], show `[@yip2021]`, mail [me@example.org]."
    texts = {"[@inwood2018]": "(Inwood, 2018)", "[@yip2021]": "(Yip, 2021)"}
    assert replace_citations(markdown, texts) == "Cite (Inwood, 2018), show `[@yip2021]`, mail [me@example.org]."


def test_bare_keys_outside_brackets_and_code_are_found_with_their_line():
    markdown = "As @inwood2018 showed,\nmail me@example.org, `@yip2021`, [@yela2022]\nand @Yip2021."
    assert find_bare_keys(markdown, first_line=10) == [BareKey("inwood2018", 10, None), BareKey("Yip2021", 12, None)]


def test_keys_in_link_texts_and_urls_are_not_bare_but_a_bracket_with_stray_words_is():
    markdown = (
        "[@inwood2018](https://doi.org/10.1111/aphw.12127) and ![@yip2021](x.png)\n"
        "Follow https://mastodon.social/@growtrue2024 or <https://example.org/@yela2022>\n"
        "[see @yip2021 for more]"
    )
    assert find_bare_keys(markdown) == [BareKey("yip2021", 3, "[see @yip2021 for more]", 3)]


@pytest.mark.parametrize(
    ("markdown", "keys"),
    [
        ("Two works [@inwood2018][@yela2022] side by side.", [("inwood2018",), ("yela2022",)]),
        ("As found [@yip2021]: kindness helps.", [("yip2021",)]),
        ("[@yip2021]: kindness helps", [("yip2021",)]),
        ("As found [@yip2021]: always.", [("yip2021",)]),  # one word after the colon, mid-line: no link definition
    ],
)
def test_a_citation_before_another_or_a_colon_is_a_citation(markdown, keys):
    assert [block.keys for block in find_citation_blocks(markdown)] == keys


@pytest.mark.parametrize(
    "markdown",
    [
        "[@label]: https://example.org/page",
        '   [@label]: https://example.org/page "Its title"',
    ],
)
def test_a_link_definition_at_a_lines_start_is_no_citation(markdown):
    assert find_citation_blocks(markdown) == []


def test_keys_separated_by_a_comma_are_no_citation_but_a_bracket_of_bare_keys():
    assert find_citation_blocks("[@inwood2018, @yela2022]") == []
    assert [bare.key for bare in find_bare_keys("[@inwood2018, @yela2022]")] == ["inwood2018", "yela2022"]


def test_a_citation_wrapped_in_a_quote_is_joined_without_the_quote_marks():
    body = "> Kindness is studied [@yela2022;\n> @yip2021].\n"
    assert join_wrapped_citations(body) == "> Kindness is studied [@yela2022; @yip2021].\n"


def test_a_citation_in_an_html_comment_cites_nothing_and_keeps_its_lines():
    body = "Text.\n<!-- Draft: add\n[@yela2022] here -->\nNow [@yip2021].\n"
    assert [(block.keys, block.line) for block in find_citation_blocks(body)] == [(("yip2021",), 4)]
    assert replace_citations(body, {"[@yela2022]": "(Yela, 2022)"}) == body


def test_an_empty_front_matter_block_ends_at_the_next_line_not_at_a_later_rule():
    assert strip_front_matter("---\n---\nText.\n\n---\n\nMore.\n") == ("Text.\n\n---\n\nMore.\n", 3)
