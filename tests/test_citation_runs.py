"""Citations formatted in a few background pandoc runs read exactly as pandoc formats each
page alone, APA disambiguation (2020a, initials) included, and a `serve` rebuild after a
prose edit starts no pandoc."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import apa
from apa import CitationFormatter, Run, Style, apa_style_path, format_run, plan_runs
from bibliography import load_bibliography
from conftest import build_site, copy_project
from citation_syntax import find_citation_blocks

BIBTEX = """
@article{smith2020a,
  author = {Smith, Anna}, title = {Kindness at home}, journal = {Emotion}, year = {2020},
  volume = {1}, pages = {1--10}, doi = {10.1000/one},
}
@article{smith2020b,
  author = {Smith, Anna}, title = {Kindness at work}, journal = {Emotion}, year = {2020},
  volume = {2}, pages = {11--20}, doi = {10.1000/two},
}
@article{smith2019,
  author = {Smith, Ben and Okafor, Ines}, title = {Worry}, journal = {Mindfulness}, year = {2019},
  volume = {3}, pages = {5--9}, doi = {10.1000/three},
}
@article{smith2018,
  author = {Smith, Carla}, title = {Rumination}, journal = {Mindfulness}, year = {2018},
  volume = {4}, pages = {1--4}, doi = {10.1000/four},
}
@book{brown2010,
  author = {Brown, Farid}, title = {Self-Compassion in Practice}, publisher = {Routledge}, year = {2010},
}
@book{brown2012,
  author = {Brown, Farid}, title = {Shame and Warmth}, publisher = {Routledge}, year = {2012},
}
@article{jones2015,
  author = {Jones, David and Park, Eun and Lee, Kim}, title = {Sleep}, journal = {Emotion}, year = {2015},
  volume = {5}, pages = {100--120}, doi = {10.1000/five},
}
"""

# Page text as an editor writes it; each tells a disambiguation story.
PAGES = {
    "two-by-smith-2020.md": "Both [@smith2020a] and [see @smith2020b, p. 4; @jones2015].",
    "one-by-smith-2020.md": "Only one [@smith2020a, p. 3], and [@jones2015].",
    "two-smiths.md": "Two people [@smith2019] [@smith2018], and [@brown2010].",
    "one-smith.md": "One person [@smith2019; @brown2010].",
    "brown-twice.md": "Same author [@brown2010; @brown2012] and [@jones2015, pp. 101-102].",
}


@pytest.fixture(scope="module")
def style(tmp_path_factory: pytest.TempPathFactory) -> Style:
    path = tmp_path_factory.mktemp("bib") / "references.bib"
    path.write_text(BIBTEX, encoding="utf-8")
    bibliography = load_bibliography(path, display_path="references.bib")
    assert not bibliography.problems
    return Style(bibliography.entries, BIBTEX, apa_style_path())


@pytest.fixture(scope="module")
def pages() -> dict[str, list]:
    return {uri: find_citation_blocks(text) for uri, text in PAGES.items()}


@pytest.fixture(scope="module")
def formatted(style: Style, pages: dict[str, list]) -> dict[str, apa.Formatted]:
    formatter = CitationFormatter(pages, style, cache={}, workers=2)
    try:
        return {uri: formatter.page(uri, blocks) for uri, blocks in pages.items()}
    finally:
        formatter.close()


def alone(blocks: list, style: Style) -> apa.RunOutput:
    """What pandoc gives for the page as a document of its own, the whole file as the
    bibliography: what mkdocs-bibtex's per-page formatting gives."""
    run = Run(tuple(dict.fromkeys(block.text for block in blocks)), ())
    return format_run(run, bibtex=BIBTEX, csl_path=apa_style_path(), pandoc=apa._pandoc())


@pytest.mark.parametrize("uri", PAGES)
def test_every_page_reads_as_pandoc_formats_it_alone(uri: str, pages, formatted, style):
    expected = alone(pages[uri], style)
    assert formatted[uri].inline == expected.inline
    assert formatted[uri].references == expected.references


@pytest.mark.parametrize(
    ("uri", "block", "shows", "never"),
    [
        ("two-by-smith-2020.md", "[@smith2020a]", "Smith, 2020a", None),
        ("one-by-smith-2020.md", "[@smith2020a, p. 3]", "Smith, 2020, p. 3", "2020a"),
        ("two-smiths.md", "[@smith2019]", "B. Smith & Okafor, 2019", None),
        ("one-smith.md", "[@smith2019; @brown2010]", "Smith & Okafor, 2019", "B. Smith"),
        ("brown-twice.md", "[@brown2010; @brown2012]", "Brown, 2010, 2012", None),
    ],
)
def test_disambiguation_depends_on_the_page_only(uri, block, shows, never, formatted):
    text = re.sub(r"\]\(#ref-[\w-]+\)|\[", "", formatted[uri].inline[block])  # as read
    assert shows in text
    if never:
        assert never not in text


def test_year_suffix_appears_in_the_reference_list_of_that_page_only(formatted):
    assert "(2020a)" in formatted["two-by-smith-2020.md"].references["smith2020a"]
    assert "(2020)" in formatted["one-by-smith-2020.md"].references["smith2020a"]


def test_pages_without_shared_family_names_share_one_fast_run(pages, style):
    plan = plan_runs(pages, style.entries, csl=Path(apa_style_path()).read_text(encoding="utf-8"))
    fast = [index for index, run in enumerate(plan.runs) if run.fast and not run.listed]
    assert len(fast) == 1
    # Anna Smith's 2020 works are only ever formatted together where a page cites both.
    for run in plan.runs:
        cited = set(run.works)
        if {"smith2020a", "smith2020b"} & cited:
            assert {"smith2020a", "smith2020b"} <= cited or run.fast
        assert not (run.fast and {"smith2020a", "smith2020b"} <= cited)


def test_numbered_style_gives_every_page_a_run_of_its_own(pages, style):
    numbered = '<style><info/><citation givenname-disambiguation-rule="primary-name"/></style>'
    plan = plan_runs(pages, style.entries, csl=numbered)
    assert len(plan.runs) == len(pages)
    assert not any(run.fast for run in plan.runs)


def test_rebuild_with_the_same_citations_starts_no_pandoc(pages, style, monkeypatch):
    cache: dict = {}
    first = CitationFormatter(pages, style, cache=cache, workers=2)
    expected = {uri: first.page(uri, blocks) for uri, blocks in pages.items()}
    kept = first.close()

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc started for an unchanged run")

    monkeypatch.setattr(apa, "format_run", no_pandoc)
    second = CitationFormatter(pages, style, cache=kept, workers=2)
    assert {uri: second.page(uri, blocks) for uri, blocks in pages.items()} == expected
    second.close()


def test_page_whose_citations_changed_after_planning_is_formatted_on_its_own(pages, style):
    formatter = CitationFormatter(pages, style, cache={}, workers=1)
    changed = find_citation_blocks("Added later [@smith2020b, p. 9] and [@smith2018].")
    result = formatter.page("one-smith.md", changed)
    formatter.close()
    assert result.inline == alone(changed, style).inline


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # conftest's site_copy copies mkdocs.yml before creating the folder; until that is
    # fixed, make the folder first.
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


def test_built_articles_disambiguate_within_their_own_reference_list(project: Path):
    """End to end: mkdocs-bibtex's caches are filled page by page, so two articles citing
    the same work can read differently, each as APA wants for its own reference list."""
    with (project / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(BIBTEX.split("@article{smith2019")[0])
    real = (project / "docs/articles/how-can-self-compassion-help-me.md").read_text(encoding="utf-8")
    front_matter = real[: real.index("\n---\n") + 5]
    pages = (("both", "Both [@smith2020a] and [@smith2020b]."), ("one", "## Kindness [@smith2020a]\n\nOnly [@smith2020a]."))
    for slug, body in pages:
        page = front_matter.replace("How Can Self-Compassion Help Me?", f"Kindness {slug}", 1)
        (project / f"docs/articles/{slug}.md").write_text(f"{page}\n# Kindness {slug}\n\n{body}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    listed = "      - articles/how-can-self-compassion-help-me.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(listed, listed + "      - articles/both.md\n      - articles/one.md\n"), encoding="utf-8")

    result = build_site(project)

    assert result.returncode == 0, result.stderr
    both = (project / "site/articles/both/index.html").read_text(encoding="utf-8")
    one = (project / "site/articles/one/index.html").read_text(encoding="utf-8")
    assert ">Smith, 2020a</a>" in both and ">Smith, 2020b</a>" in both
    assert ">Smith, 2020</a>" in one and "Smith, 2020a" not in one and "(2020a)" not in one
    assert "(2020a)" in both
    # A citation in a heading is in the page's table of contents too, and no placeholder
    # for a citation formatted late is left anywhere, the search index included.
    assert 'title="Permanent link">&para;</a></h2>' in one and "Kindness (Smith, 2020)" in one
    assert not [p for p in (project / "site").rglob("*.*") if p.suffix in {".html", ".json", ".xml"} and "\ue010" in p.read_text(encoding="utf-8")]


def test_closing_mid_build_leaves_no_pandoc_waiting(pages, style):
    """A failed build closes the formatter with runs still queued; its threads must end,
    or Python would wait for them forever on exit."""
    import threading

    CitationFormatter(pages, style, cache={}, workers=1).close()

    for thread in [t for t in threading.enumerate() if "citations" in t.name]:
        thread.join(timeout=60)
        assert not thread.is_alive(), thread.name
