"""MkDocs' link warnings gain the path:line an editor needs."""

from __future__ import annotations

import pytest

from psychoed.warning_locations import anchor_fix, link_line, record_anchors, with_location

PAGE = "# Home\n\nText.\n\nSee [the page](missing.md) and [more](disclaimer.md#nowhere).\n\n[ref]: other.md\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nnav:\n  - Home: index.md\n  - Gone: gone.md\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    "message, prefix",
    [
        (
            "Doc file 'index.md' contains a link 'missing.md', but the target is not found among documentation files.",
            "docs/index.md:5: ",
        ),
        (
            "Doc file 'index.md' contains a link 'disclaimer.md#nowhere', but the doc 'disclaimer.md' does not contain an anchor '#nowhere'.",
            "docs/index.md:5: ",
        ),
        (
            "Doc file 'index.md' contains an unrecognized relative link 'other.md', it was left as is.",
            "docs/index.md:7: ",
        ),
        ("Doc file 'index.md' contains an absolute link '/abs', it was left as is.", "docs/index.md: "),
        (
            "A reference to 'gone.md' is included in the 'nav' configuration, which is not found in the documentation files.",
            "mkdocs.yml:4: ",
        ),
    ],
)
def test_link_warning_starts_with_path_and_line(project, message, prefix):
    assert with_location(message, docs_dir=project / "docs", config_file=project / "mkdocs.yml") == prefix + message


@pytest.mark.parametrize(
    "message",
    [
        "Excluding 'README.md' from the site because it conflicts with 'index.md'.",
        "Doc file 'deleted.md' contains a link 'x.md', but the target is not found among documentation files.",
    ],
)
def test_other_warnings_are_left_as_they_are(project, message):
    assert with_location(message, docs_dir=project / "docs", config_file=project / "mkdocs.yml") == message


def test_a_nav_warning_names_the_config_file_the_build_was_given(project):
    (project / "site.yml").write_text("site_name: X\nnav:\n  - Gone: gone.md\n", encoding="utf-8")
    message = "A reference to 'gone.md' is included in the 'nav' configuration, which is not found in the documentation files."
    assert (
        with_location(message, docs_dir=project / "docs", config_file=project / "site.yml") == "site.yml:3: " + message
    )


def test_link_target_is_preferred_to_the_same_text_elsewhere():
    source = "Mentions x.md in prose.\n\n[link](x.md)\n"
    assert link_line(source, "x.md") == 3


# A page renamed: the link to its old name is told the page nearest that name, as the link
# to write from where it stands (its anchor kept); a name like no page's gets no guess. A
# missing picture is told where to put it.
@pytest.mark.parametrize(
    ("link", "told"),
    [
        (
            "practices/what-i-need.md#breathe",
            " The page nearest that name is 'practices/what-do-i-need.md': link to it as '../practices/what-do-i-need.md#breathe'.",
        ),
        ("practices/sleep.md", ""),
        (  # the start of a page's name, in a folder misspelt
            "practice/what-do.md",
            " The page nearest that name is 'practices/what-do-i-need.md': link to it as '../practices/what-do-i-need.md'.",
        ),
        (
            "images/grounding.png",
            " Add the file as 'docs/images/grounding.png' (in GitHub's web editor: Add file, then Upload files), or correct the address.",
        ),
    ],
)
def test_a_link_to_a_renamed_page_is_told_the_page_nearest_its_name(tmp_path, link, told):
    for page in ("articles/how-can-i-rest.md", "practices/what-do-i-need.md", "index.md"):
        (tmp_path / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / page).write_text(f"# Page\n\n[the practice](../{link})\n", encoding="utf-8")
    message = f"Doc file 'articles/how-can-i-rest.md' contains a link '../{link}', but the target '{link.split('#')[0]}' is not found among documentation files."
    located = with_location(message, docs_dir=tmp_path / "docs", config_file=tmp_path / "mkdocs.yml")
    assert located == f"docs/articles/how-can-i-rest.md:3: {message}{told}"


# An article's ids as MkDocs has them once rendered: its headings, the works it cites and a
# footnote's, in page order.
ARTICLE_ANCHORS = [
    "how-can-self-compassion-help-me",
    "what-research-tells-us",
    "fnref:1",
    "how-can-we-practice-self-compassion",
    "references",
    "ref-inwood2018",
    "ref-yela2022",
    "fn:1",
]


def test_a_renamed_heading_is_told_the_heading_nearest_its_name():
    told = anchor_fix("articles/x.md#what-the-research-says", anchors=ARTICLE_ANCHORS)
    assert (
        told
        == " The heading nearest that name is '#what-research-tells-us': link to it as 'articles/x.md#what-research-tells-us'."
    )


def test_a_heading_written_in_another_case_is_told_as_written_on_the_page():
    told = anchor_fix("#References", anchors=ARTICLE_ANCHORS)
    assert told == " The heading nearest that name is '#references': link to it as '#references'."


def test_a_name_like_no_heading_is_told_the_headings_of_the_page_without_works_or_footnotes():
    told = anchor_fix("#whats-the-evidence-20182022", anchors=ARTICLE_ANCHORS)
    assert told == (
        " The page has these headings: #how-can-self-compassion-help-me, #what-research-tells-us,"
        " #how-can-we-practice-self-compassion, #references."
    )


def test_a_long_page_lists_its_first_headings_and_counts_the_rest():
    told = anchor_fix("#zzz", anchors=[f"part-{number}" for number in range(1, 10)])
    assert told == " The page has these headings: #part-1, #part-2, #part-3, #part-4, #part-5, #part-6, and 3 more."


def test_a_work_the_page_does_not_cite_is_told_so():
    told = anchor_fix("articles/x.md#ref-nosuch", anchors=ARTICLE_ANCHORS)
    assert told == " The page does not cite 'nosuch': link to a work it cites, or to '#references'."


# A page's ids are kept in the order its rendered HTML has them; a reference list still to
# come (a build stopped before the citations hook ran) comes after its headings.
def test_a_broken_anchor_warning_ends_with_the_fix_from_the_page_ids_in_page_order(project):
    docs = project / "docs"
    html = '<h1 id="disclaimer">Disclaimer</h1><h2 id="when-to-call">When</h2><h2 id="about-us">About</h2>'
    record_anchors(
        docs_dir=docs, src_uri="disclaimer.md", ids={"about-us", "references", "disclaimer", "when-to-call"}, html=html
    )
    message = "Doc file 'index.md' contains a link 'disclaimer.md#nowhere', but the doc 'disclaimer.md' does not contain an anchor '#nowhere'."
    located = with_location(message, docs_dir=docs, config_file=project / "mkdocs.yml")
    assert (
        located
        == f"docs/index.md:5: {message} The page has these headings: #disclaimer, #when-to-call, #about-us, #references."
    )
