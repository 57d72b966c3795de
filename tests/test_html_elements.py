"""HTML as the browser reads it, with each tag's place in the text: the checks tell the
line of raw HTML in a page, the hooks edit the rendered page there."""

from __future__ import annotations

from psychoed.html_elements import elements, head_end, start_tags, tag_attributes, text_of


def test_start_tags_keep_their_offsets_and_a_quoted_gt_ends_no_tag():
    html = 'Text\n<img alt="a > b" src="x.png">\n<A HREF="y">y</A>'

    first, second = start_tags(html)

    assert (first.name, first.attributes, html[first.start : first.end]) == (
        "img",
        {"alt": "a > b", "src": "x.png"},
        '<img alt="a > b" src="x.png">',
    )
    assert (second.name, second.attributes, second.text) == ("a", {"href": "y"}, '<A HREF="y">')


def test_a_script_or_style_holds_text_not_tags():
    assert [tag.name for tag in start_tags('<script>var s = "<img src=x>";</script><style>p{}</style>')] == [
        "script",
        "style",
    ]


def test_an_element_has_its_text_as_written_and_the_tags_inside_it():
    html = '<p><a href="/x"><img alt="Logo"> Home &amp; away</a></p>'

    (link,) = elements(html, names={"a"})

    assert link.text == " Home &amp; away"
    assert [tag.name for tag in link.inner] == ["img"]
    assert html[link.start : link.end] == '<a href="/x"><img alt="Logo"> Home &amp; away</a>'


def test_an_element_never_closed_is_not_listed():
    assert elements("<h2>Draft heading\n\nText.", names={"h2"}) == []


def test_attributes_are_read_by_name_unescaped_the_first_of_repeats_kept():
    assert tag_attributes('style="color: red" STYLE="x" title=\'a &amp; b\' hidden') == {
        "style": "color: red",
        "title": "a & b",
        "hidden": "",
    }


def test_text_leaves_tags_out_and_reads_entities():
    assert text_of("<scp>Self</scp>-compassion &amp; <i>fear</i> of &lt;5") == "Self-compassion & fear of <5"


def test_head_end_is_right_after_the_head_start_tag():
    page = '<!doctype html><html><header></header><head lang="en"><meta charset="utf-8">'

    assert page[: head_end(page)].endswith('<head lang="en">')
    assert head_end("<p>no head</p>") is None


def test_a_lone_lt_is_text_and_what_follows_it_is_still_read():
    # `<![`: Python 3.11's parser alone stops with an AssertionError there.
    markdown = '<![](photo.png)\n\n<img forgotten open\n\n<iframe src="https://example.org/video">'

    assert [(tag.name, tag.attributes) for tag in start_tags(markdown)] == [
        ("iframe", {"src": "https://example.org/video"})
    ]
