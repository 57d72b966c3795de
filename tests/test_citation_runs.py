"""Citations formatted in a few background pandoc runs read exactly as pandoc formats each
page alone, APA disambiguation (2020a, initials) included."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import lxml.etree
import lxml.html
import markdown
import pypandoc
import pytest

from conftest import ROOT, build_site
from psychoed.references import pandoc_runs
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_cache import FOLDER_SETTING
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.pandoc_runs import CitationFormatter, Formatted, PandocSources, Run, apa_style_path, format_run

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


def style_of(bibtex: str, folder: Path, *, csl_path: str | None = None) -> PandocSources:
    path = folder / "references.bib"
    path.write_text(bibtex, encoding="utf-8")
    bibliography = load_bibliography(path, display_path="references.bib")
    assert not bibliography.problems
    return PandocSources(bibliography.entries, bibtex, csl_path or apa_style_path())


@pytest.fixture(scope="module")
def style(tmp_path_factory: pytest.TempPathFactory) -> PandocSources:
    return style_of(BIBTEX, tmp_path_factory.mktemp("bib"))


@pytest.fixture(scope="module")
def pages() -> dict[str, list]:
    return {uri: find_citation_blocks(text) for uri, text in PAGES.items()}


@pytest.fixture(scope="module")
def formatted(style: PandocSources, pages: dict[str, list]) -> dict[str, Formatted]:
    formatter = CitationFormatter(pages, style, workers=2)
    try:
        return {uri: formatter.page(uri, blocks) for uri, blocks in pages.items()}
    finally:
        formatter.close()


def alone(blocks: list, style: PandocSources) -> Formatted:
    """What pandoc gives for the page as a document of its own, the whole file as the
    bibliography: what mkdocs-bibtex's per-page formatting gives."""
    run = Run(tuple(dict.fromkeys(block.text for block in blocks)), ())
    return format_run(run, bibtex=style.bibtex, csl_path=style.csl_path, pandoc=pandoc_runs.pandoc_path())


def page_formatted(text: str, style: PandocSources) -> tuple[list, Formatted]:
    """A one-page site's blocks, and what the formatter makes of them."""
    blocks = find_citation_blocks(text)
    formatter = CitationFormatter({"page.md": blocks}, style, workers=1)
    try:
        return blocks, formatter.page("page.md", blocks)
    finally:
        formatter.close()


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


def test_page_whose_citations_changed_after_planning_is_formatted_on_its_own(pages, style):
    formatter = CitationFormatter(pages, style, workers=1)
    changed = find_citation_blocks("Added later [@smith2020b, p. 9] and [@smith2018].")
    result = formatter.page("one-smith.md", changed)
    formatter.close()
    assert result.inline == alone(changed, style).inline


def test_entry_using_a_string_macro_reads_as_with_the_whole_file(tmp_path: Path):
    """Pandoc is handed only the entries a run cites, unless an entry leans on another
    part of the file: here the macro, without which the journal reads *Jcp*."""
    bibtex = (
        '@string{jcp = "Journal of Clinical Psychology"}\n'
        "@article{kim2020, author = {Kim, Ana}, title = {Warmth}, journal = jcp, year = {2020},\n"
        "  volume = {7}, pages = {1--9}, doi = {10.1000/six}}\n"
    )
    style = style_of(bibtex, tmp_path)
    blocks, result = page_formatted("Warmth helps [@kim2020].", style)

    assert result == alone(blocks, style)
    assert "*Journal of Clinical Psychology*" in result.references["kim2020"]


def test_characters_pandoc_escapes_read_as_written_once_python_markdown_renders_them(tmp_path: Path):
    """Pandoc writes '<', '$' and '|' escaped (`\\<`), which Python-Markdown would print
    with the backslash, in a citation (an organisation's name) as in a reference."""
    bibtex = (
        "@article{fix2021, author = {{Sleep {\\$}5 | Rest <Group>}}, title = {Sleep Without Pills},\n"
        "  journal = {Sleep}, volume = {1}, pages = {1--2}, year = {2021},\n"
        "  doi = {10.1002/(SICI)1097-4679(199901)55:1<1::AID-JCLP1>3.0.CO;2-A}}\n"
    )
    _, result = page_formatted("Cheap help [@fix2021].", style_of(bibtex, tmp_path))

    citation, reference = (
        lxml.etree.tostring(lxml.html.fromstring(markdown.markdown(text)), method="text", encoding="unicode")
        for text in (result.inline["[@fix2021]"], result.references["fix2021"])
    )
    assert citation == "(Sleep $5 | Rest <Group>, 2021)"
    assert "Sleep without pills" in reference and "55:1<1::AID-JCLP1>3.0.CO;2-A" in reference
    assert "\\" not in citation + reference


def test_edited_style_is_used_by_the_next_build(tmp_path: Path):
    """`mkdocs serve` keeps the process: a style edited between builds must not be read
    from what the last build made of it."""
    csl = tmp_path / "style.csl"
    csl.write_text(Path(apa_style_path()).read_text(encoding="utf-8"), encoding="utf-8")
    style = style_of(BIBTEX, tmp_path, csl_path=str(csl))
    text = PAGES["one-smith.md"]
    assert "Smith & Okafor" in page_formatted(text, style)[1].inline["[@smith2019; @brown2010]"]

    csl.write_text(csl.read_text(encoding="utf-8").replace('and="symbol"', 'and="text"'), encoding="utf-8")
    blocks, result = page_formatted(text, style)

    assert "Smith and Okafor" in result.inline["[@smith2019; @brown2010]"]
    assert result == alone(blocks, style)


def test_built_articles_disambiguate_within_their_own_reference_list(site_copy: Path):
    """End to end: two articles citing the same work can read differently, each as APA
    wants for its own reference list."""
    with (site_copy / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(BIBTEX.split("@article{smith2019")[0])
    real = (site_copy / "docs/articles/how-can-self-compassion-help-me.md").read_text(encoding="utf-8")
    front_matter = real[: real.index("\n---\n") + 5]
    pages = (
        ("both", "Both [@smith2020a] and [@smith2020b]."),
        ("one", "## Kindness [@smith2020a]\n\nOnly [@smith2020a]."),
    )
    for slug, body in pages:
        page = front_matter.replace("How Can Self-Compassion Help Me?", f"Kindness {slug}", 1)
        page = page.replace("What research says", f"What research on {slug} says", 1)  # each page its own
        (site_copy / f"docs/articles/{slug}.md").write_text(f"{page}\n# Kindness {slug}\n\n{body}\n", encoding="utf-8")

    result = build_site(site_copy)

    assert result.returncode == 0, result.stderr
    both = (site_copy / "site/articles/both/index.html").read_text(encoding="utf-8")
    one = (site_copy / "site/articles/one/index.html").read_text(encoding="utf-8")
    assert ">Smith, 2020a</a>" in both and ">Smith, 2020b</a>" in both
    assert ">Smith, 2020</a>" in one and "Smith, 2020a" not in one and "(2020a)" not in one
    assert "(2020a)" in both
    # A citation in a heading reads formatted in the page's table of contents too.
    assert 'title="Permanent link">&para;</a></h2>' in one and "Kindness (Smith, 2020)" in one


def test_closing_mid_build_starts_no_more_pandoc(pages, style, monkeypatch):
    """A failed build closes the formatter with runs still queued: they must not start,
    and its threads must end, or Python would wait for them on exit."""
    started = []
    closed = threading.Event()

    # The first run is still going when the build closes, however slow the machine.
    def slow_pandoc(run: Run, **kwargs) -> Formatted:
        started.append(run)
        closed.wait(timeout=60)
        return Formatted({}, {})

    monkeypatch.setattr(pandoc_runs, "format_run", slow_pandoc)
    CitationFormatter(pages, style, workers=1).close()
    closed.set()

    for thread in [t for t in threading.enumerate() if "citations" in t.name]:
        thread.join(timeout=60)
        assert not thread.is_alive(), thread.name
    assert len(started) <= 1  # at most the one run already going on the one worker


def test_pandoc_failing_fails_the_build_naming_the_page(site_copy: Path, tmp_path: Path):
    fake = tmp_path / "pandoc"
    # Answers version checks as the real pandoc does, fails every citation run.
    fake.write_text(
        '#!/bin/sh\ncase "$*" in *--citeproc*) echo "pandoc: out of memory" >&2; exit 3;; esac\n'
        f'exec "{pypandoc.get_pandoc_path()}" "$@"\n'
    )
    fake.chmod(0o755)

    # Its own citation cache: from the run's, every page would be formatted already.
    result = build_site(site_copy, env={"PYPANDOC_PANDOC": str(fake), FOLDER_SETTING: str(tmp_path / "cache")})

    assert result.returncode != 0
    assert re.search(
        r"docs/\S+\.md: citations could not be formatted: pandoc failed \(3\): pandoc: out of memory", result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_a_pandoc_that_does_not_run_stops_the_build_naming_the_setting(site_copy: Path, tmp_path: Path):
    result = build_site(site_copy, env={"PYPANDOC_PANDOC": "/bin/false", FOLDER_SETTING: str(tmp_path / "cache")})

    assert result.returncode != 0
    assert "citations cannot be formatted: pandoc '/bin/false' does not run" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_missing_style_file_fails_the_build_naming_the_setting(site_copy: Path):
    config = site_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      bib_file: references.bib\n", "      bib_file: references.bib\n      csl_file: styles/apa.csl\n"
        ),
        encoding="utf-8",
    )

    result = build_site(site_copy)

    assert result.returncode != 0
    line = config.read_text(encoding="utf-8").split("\n").index("      csl_file: styles/apa.csl") + 1
    assert (
        f"mkdocs.yml:{line}: csl_file 'styles/apa.csl' not found; give the path of a CSL style file relative to this file, or remove csl_file for APA 7"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_braced_family_name_reads_plain_in_the_citation_as_in_the_reference_list(tmp_path: Path):
    """`{van der Kolk}` and `{de Souza}`, as Zotero and doi.org protect a name with a
    particle: pandoc marks the text it left alone; the reader sees the name only."""
    style = style_of(
        "@book{vanderkolk2014, author = {{van der Kolk}, Bessel A.}, title = {The Body Keeps the Score},"
        " publisher = {Viking}, year = {2014}}\n"
        "@article{neff2019, author = {Neff, Kristin D. and Toth, Istvan and {de Souza}, Luciana K.},"
        " title = {Factor structure}, journal = {Psychological Assessment}, volume = {31}, pages = {27--45},"
        " year = {2019}, doi = {10.1037/pas0000629}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Trauma [@vanderkolk2014] and [@neff2019].", style)
    assert formatted.inline == {
        "[@vanderkolk2014]": "([van der Kolk, 2014](#ref-vanderkolk2014))",
        "[@neff2019]": "([Neff et al., 2019](#ref-neff2019))",
    }
    assert "nocase" not in " ".join(formatted.references.values())


def test_subscripts_and_small_capitals_reach_the_page_as_html_not_as_pandocs_marks(tmp_path: Path):
    """As doi.org exports a title with a subscript (`\\textsubscript{OW}`), its K braced as
    the build asks: pandoc's own Markdown for it (`~OW~`, `[x]{.smallcaps}`) would be
    printed as typed."""
    style = style_of(
        "@article{Bertelsen1998, title={Evaluation of log {\\textit{K}}\\textsubscript{OW} and tissue lipid content"
        " as predictors of chemical partitioning to fish tissues}, volume={17}, ISSN={1552-8618},"
        " url={http://dx.doi.org/10.1002/etc.5620170803}, DOI={10.1002/etc.5620170803}, number={8},"
        " journal={Environmental Toxicology and Chemistry}, publisher={Oxford University Press (OUP)},"
        " author={Bertelsen, Sharon L and Hoffman, Alex D}, year={1998}, month=Aug, pages={1447–1455} }\n"
        "@book{apa2020, author={{American Psychological Association}}, title={The \\textsc{APA} Manual and"
        " x\\textsuperscript{2}}, publisher={APA}, year={2020}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Fish [@Bertelsen1998] and style [@apa2020].", style)
    references = " ".join(formatted.references.values())
    assert "<sub>OW</sub>" in references and '<span class="smallcaps">' in references
    assert "x<sup>2</sup>" in references
    assert not re.search(r"~|\^|\]\{\.", references), references
    # and the small capitals are styled as such, not shown as plain letters
    stylesheet = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert re.search(r"\.references \.smallcaps \{\s*font-variant: small-caps;", stylesheet)


def test_the_word_after_a_volumes_number_keeps_its_capital(tmp_path: Path):
    """APA's form for a volume with a title of its own ("Vol. 1. Attachment"), in a book's
    title and a chapter's book: pandoc's sentence case lowers a volume's title of one word
    ("Vol. 1. attachment"; it keeps "Vol. 3. Social, emotional, ...")."""
    style = style_of(
        "@book{bowlby1982, author = {Bowlby, John}, title = {Attachment and Loss: Vol. 1. Attachment},"
        " edition = {2}, publisher = {Basic Books}, year = {1982}, origdate = {1969}}\n"
        "@incollection{hinde1991, author = {Hinde, Robert A.}, title = {Relationships, Attachment, and Culture},"
        " booktitle = {Attachment Across the Life Cycle: Vol. 2. Separation}, editor = {Parkes, Colin Murray},"
        " publisher = {Routledge}, year = {1991}, pages = {52--65}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Bonds [@bowlby1982; @hinde1991].", style)
    assert "*Attachment and loss: Vol. 1. Attachment* (2nd ed.)" in formatted.references["bowlby1982"]
    assert "*Attachment across the life cycle: Vol. 2. Separation*" in formatted.references["hinde1991"]


@pytest.mark.parametrize("press", ["American Psychiatric Association Publishing", "American Psychiatric Publishing"])
def test_a_groups_own_press_is_left_out_as_the_group_is(tmp_path: Path, press: str):
    """The DSM-5-TR as doi.org and Zotero export it: APA prints no publisher where the
    author publishes (its press, named as in 2022 or in 2013); another group's press is
    printed."""
    style = style_of(
        "@book{apa2022, author = {{American Psychiatric Association}}, title = {Diagnostic and Statistical"
        f" Manual of Mental Disorders}}, edition = {{5th ed., text rev.}}, publisher = {{{press}}},"
        " year = {2022}, doi = {10.1176/appi.books.9780890425787}}\n"
        "@book{who2019, author = {{World Health Organization}}, title = {International Classification of"
        " Diseases}, publisher = {Oxford University Press}, year = {2019}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Criteria [@apa2022; @who2019].", style)
    assert formatted.references["apa2022"].endswith(
        "*Diagnostic and statistical manual of mental disorders* (5th ed., text rev.). "
        "<https://doi.org/10.1176/appi.books.9780890425787>"
    ), formatted.references["apa2022"]
    assert "Oxford University Press" in formatted.references["who2019"]


def test_a_group_written_with_its_abbreviation_is_listed_and_cited_by_its_name(tmp_path: Path):
    """APA's first citation, "World Health Organization [WHO]", written into the author, and
    the site's name as Zotero exports it, "(NIMH)": APA lists a group by its name alone, and
    pandoc would print the abbreviation at every citation, where APA gives it once."""
    style = style_of(
        "@misc{who2023, author = {{World Health Organization [WHO]}}, title = {Depressive Disorder (Depression)},"
        " year = {2023}, url = {https://www.who.int/news-room/fact-sheets/detail/depression}}\n"
        "@report{nimh2022, author = {{National Institute of Mental Health (NIMH)}}, title = {Generalized"
        " Anxiety Disorder}, institution = {U.S. Department of Health and Human Services}, year = {2022}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Low mood [@who2023; @nimh2022].", style)
    assert formatted.inline == {
        "[@who2023; @nimh2022]": "([National Institute of Mental Health, 2022](#ref-nimh2022);"
        " [World Health Organization, 2023](#ref-who2023))"
    }
    assert formatted.references["who2023"].startswith("World Health Organization. (2023).")
    assert formatted.references["nimh2022"].startswith("National Institute of Mental Health. (2022).")


def test_a_note_of_the_original_publication_prints_as_apa_gives_it(tmp_path: Path):
    """A classic typed by hand with APA's words in a note: the style prints them only from
    origdate, "(Freud, 1900/2010)"; the note alone printed nothing."""
    style = style_of(
        "@book{freud2010, author = {Freud, Sigmund}, title = {The Interpretation of Dreams},"
        " publisher = {Basic Books}, year = {2010}, note = {Original work published 1900}}\n"
        # An origdate written stays, whatever the note says (the book's imprint says 1899).
        "@book{freud1999, author = {Freud, Sigmund}, title = {The Interpretation of Dreams}, publisher = {Oxford"
        " University Press}, year = {1999}, origdate = {1899}, note = {Original work published 1900}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Dreams [@freud2010]. Again [@freud1999].", style)
    assert formatted.inline == {
        "[@freud2010]": "([Freud, 1900/2010](#ref-freud2010))",
        "[@freud1999]": "([Freud, 1899/1999](#ref-freud1999))",
    }
    assert formatted.references["freud2010"].endswith("Basic Books. (Original work published 1900)")


def test_a_cochrane_review_without_a_volume_prints_its_year_as_apa_does(tmp_path: Path):
    """A Cochrane review as doi.org and Zotero export it, with no volume: APA's example
    gives its year as the volume, "2007(1), Article CD001848"; the build refused it."""
    style = style_of(
        "@article{hunot2007, title = {Psychological Therapies for Generalised Anxiety Disorder},"
        " author = {Hunot, Vivien and Churchill, Rachel and Silva de Lima, Mauricio and Teixeira, Verônica},"
        " date = {2007-01-24}, journaltitle = {Cochrane Database of Systematic Reviews}, number = {1},"
        " pages = {CD001848}, doi = {10.1002/14651858.CD001848.pub4}, langid = {english}}\n",
        tmp_path,
    )
    _, formatted = page_formatted("Therapy helps [@hunot2007].", style)
    assert "_Cochrane Database of Systematic Reviews_, _2007_(1), Article CD001848." in (
        formatted.references["hunot2007"].replace("*", "_")
    ), formatted.references["hunot2007"]


def test_a_cochrane_review_from_doi_org_prints_its_number_from_the_doi(tmp_path: Path):
    """doi.org's BibTeX of a Cochrane review has neither volume nor pages: its year is the
    volume and its number (in the DOI) the article's, as APA prints it."""
    style = style_of(
        " @article{Hunot_2007, title={Psychological therapies for generalised anxiety disorder}, ISSN={1465-1858},"
        " url={http://dx.doi.org/10.1002/14651858.CD001848.pub4}, DOI={10.1002/14651858.CD001848.pub4},"
        " journal={Cochrane Database of Systematic Reviews}, publisher={Wiley}, author={Hunot, Vivien and"
        " Churchill, Rachel and Silva de Lima, Mauricio and Teixeira, Verônica}, year={2007}, month=jan }\n",
        tmp_path,
    )
    _, formatted = page_formatted("Therapy helps [@Hunot_2007].", style)
    assert "*Cochrane Database of Systematic Reviews*, *2007*, Article CD001848." in formatted.references["Hunot_2007"]
