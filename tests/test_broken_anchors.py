"""A link to a heading that is gone (`#old-heading`, `other-page.md#gone`) is told in the
same build as the checks' other problems, as MkDocs tells it in a full build, so an editor
fixes everything in one round; a link to a cited work's entry (`#ref-inwood2018`) or to the
reference list (`#references`), which only the citations hook adds, is not told. Each says
what to write: the heading nearest the name, else the page's headings, or that the page does
not cite the work."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ARTICLE, build_site, edit_files, line_of

MISSING_HERE = "Doc file 'articles/how-can-self-compassion-help-me.md' contains a link '{}', but there is no such anchor on this page."
MISSING_THERE = (
    "Doc file '{page}' contains a link '{link}', but the doc '{target}' does not contain an anchor '{anchor}'."
)
NEAREST = " The heading nearest that name is '#{anchor}': link to it as '{link}'."
NOT_CITED = " The page does not cite '{key}': link to a work it cites, or to '#references'."
ANCHOR_MESSAGE = re.compile(r"^.*?(?P<told>docs/\S+:\d+: Doc file .* anchor.*)$", re.MULTILINE)

# Links to the article's reference list, from the article and from Home: those to works it
# cites and to the list itself lead somewhere once built; the others nowhere.
LINKS_TO_REFERENCES = [
    (ARTICLE, "", "\nAs reviewed [above](#ref-inwood2018), see [all sources](#references) or [one](#ref-nosuch).\n"),
    (
        "docs/index.md",
        "",
        "\nSources: [a study](articles/how-can-self-compassion-help-me.md#ref-yela2022), "
        "[another](articles/how-can-self-compassion-help-me.md#ref-neff2003), "
        "[none here](disclaimer.md#references).\n",
    ),
]


def anchor_messages(stderr: str) -> set[str]:
    """The anchor warnings of a build, each `path:line: message` as printed."""
    return {match.group("told") for match in ANCHOR_MESSAGE.finditer(stderr)}


# A heading renamed in GitHub's web editor, with another mistake on the branch: one build
# tells both, each at its line.
def test_a_renamed_heading_is_told_with_the_other_mistakes_in_one_build(site_copy: Path):
    edit_files(
        site_copy,
        [
            (ARTICLE, "## What the research says", "## What research says"),
            (ARTICLE, "[@yip2021]", "[@yip2020]"),
            (ARTICLE, "", "\nAs [the research above](#what-the-research-says) shows.\n"),
        ],
    )

    build = build_site(site_copy)

    assert build.returncode == 1 and "Traceback" not in build.stderr
    told = build.stderr.split("\n\nAborted")[0]
    article = site_copy / ARTICLE
    assert f"{ARTICLE}:{line_of(article, '[@yip2020]')}: unknown citation key 'yip2020'" in told
    located = f"{ARTICLE}:{line_of(article, '[the research above]')}: "
    fix = NEAREST.format(anchor="what-research-says", link="#what-research-says")
    assert located + MISSING_HERE.format("#what-the-research-says") + fix in told
    assert "2 problems to fix before the site can build (2 errors)" in told


# The stopped build tells exactly what the full build, once the checks pass, tells of the
# same links: the reference list's ids counted on the pages that will have them.
def test_links_to_the_reference_list_are_told_as_the_full_build_tells_them(site_copy: Path):
    edit_files(site_copy, [*LINKS_TO_REFERENCES, (ARTICLE, "[@yip2021]", "[@yip2020]")])
    stopped = build_site(site_copy)
    edit_files(site_copy, [(ARTICLE, "[@yip2020]", "[@yip2021]")])
    full = build_site(site_copy)

    assert "unknown citation key 'yip2020'" in stopped.stderr
    assert stopped.returncode == full.returncode == 1
    index, article = site_copy / "docs/index.md", site_copy / ARTICLE
    expected = {
        f"{ARTICLE}:{line_of(article, '[one]')}: "
        + MISSING_HERE.format("#ref-nosuch")
        + NOT_CITED.format(key="nosuch"),
        f"docs/index.md:{line_of(index, '[another]')}: "
        + MISSING_THERE.format(
            page="index.md",
            link="articles/how-can-self-compassion-help-me.md#ref-neff2003",
            target="articles/how-can-self-compassion-help-me.md",
            anchor="#ref-neff2003",
        )
        + NOT_CITED.format(key="neff2003"),
        f"docs/index.md:{line_of(index, '[none here]')}: "
        + MISSING_THERE.format(
            page="index.md", link="disclaimer.md#references", target="disclaimer.md", anchor="#references"
        )
        + " The page has these headings: #disclaimer.",
    }
    assert anchor_messages(stopped.stderr) == anchor_messages(full.stderr) == expected
    # The full build's own check tells each once: the checks' rendering ran only in the stopped one.
    assert all(full.stderr.count(message) == 1 for message in expected), full.stderr


# A heading renamed, linked from another page and in another case: the stopped build and the
# full one each name the heading to link to, as the link to write.
def test_a_link_to_a_renamed_heading_is_told_the_heading_to_write_in_a_stopped_and_a_full_build(site_copy: Path):
    link = "articles/how-can-self-compassion-help-me.md#what-the-research-says"
    edit_files(
        site_copy,
        [
            (ARTICLE, "## What the research says", "## What research tells us"),
            (ARTICLE, "", "\nSee [all sources](#References).\n"),
            ("docs/index.md", "", f"\nWhat [the research]({link}) says.\n"),
            (ARTICLE, "[@yip2021]", "[@yip2020]"),
        ],
    )
    stopped = build_site(site_copy)
    edit_files(site_copy, [(ARTICLE, "[@yip2020]", "[@yip2021]")])
    full = build_site(site_copy)

    assert "unknown citation key 'yip2020'" in stopped.stderr and "yip2020" not in full.stderr
    index, article = site_copy / "docs/index.md", site_copy / ARTICLE
    expected = {
        f"docs/index.md:{line_of(index, '[the research]')}: "
        + MISSING_THERE.format(
            page="index.md",
            link=link,
            target="articles/how-can-self-compassion-help-me.md",
            anchor="#what-the-research-says",
        )
        + NEAREST.format(anchor="what-research-tells-us", link=link.replace("the-research-says", "research-tells-us")),
        f"{ARTICLE}:{line_of(article, '[all sources]')}: "
        + MISSING_HERE.format("#References")
        + NEAREST.format(anchor="references", link="#references"),
    }
    assert anchor_messages(stopped.stderr) == anchor_messages(full.stderr) == expected
