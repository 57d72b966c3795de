"""`make pandoc-page PAGE=...`: what pandoc reads and writes for one page's citations,
formatted alone, for a maintainer tracing a reference that prints wrongly."""

from __future__ import annotations

import re

import pytest

from conftest import ARTICLE, edit_files, run_make
from pandoc_page import main, site_changes
from test_bibliography import DOI_ORG, load


def test_the_input_the_entries_and_pandocs_output_of_the_page_are_printed(site_copy, capsys):
    assert main([str(site_copy / ARTICLE), "--config", str(site_copy / "mkdocs.yml")]) == 0

    printed = capsys.readouterr().out
    document, entries, changes, output, warnings = (
        part.split(" =====\n", 1)[1] for part in printed.split("===== ")[1:]
    )
    # Each citation block of the page once, numbered, as the build hands it to pandoc.
    assert "1. [@inwood2018]" in document and "[@yela2022]" in document and document.rstrip().endswith("# References")
    # The entries of the works it cites, each once, and no other.
    cited = sorted(set(re.findall(r"@([\w-]+)", document)))
    assert re.findall(r"^@\w+\{([^,]+),", entries, re.MULTILINE) == cited
    # What the site changed in each, from references.bib: a line an entry, in citation order.
    assert [line.split(":")[0] for line in changes.splitlines() if line] == list(
        dict.fromkeys(cited_in_order(document))
    )
    # Pandoc's own output, with the marks the site reads before printing it.
    assert "([Inwood & Ferrari, 2018](#ref-inwood2018))" in output and "::: {#ref-inwood2018 .csl-entry}" in output
    assert warnings.strip() == "none"


def test_a_work_the_bibliography_lacks_is_named_with_pandocs_warning(site_copy, capsys):
    edit_files(site_copy, [(ARTICLE, "[@yela2022]", "[@nosuch2020; @yela2022]")])

    assert main([str(site_copy / ARTICLE), "--config", str(site_copy / "mkdocs.yml")]) == 0

    printed = capsys.readouterr().out
    assert "nosuch2020: not in references.bib, so pandoc prints 'nosuch2020?' (the build names it)" in printed
    warnings = printed.split("===== pandoc's warnings =====\n", 1)[1]
    assert "nosuch2020" in warnings


# An entry as doi.org writes it, rewritten for pandoc: the fields it changed, from what to what.
def test_the_fields_the_site_rewrote_are_named_with_their_values_as_written_and_as_handed_on(tmp_path):
    [entry] = load(tmp_path, DOI_ORG).entries.values()

    [line] = site_changes([entry])

    assert line.startswith("Keppel_2019: ")
    assert "pages: '106117' -> 'Article 106117'" in line and "month: 'November' -> '11'" in line


def test_a_page_that_cites_nothing_or_is_missing_is_told_and_fails(site_copy, capsys):
    config = ["--config", str(site_copy / "mkdocs.yml")]

    assert main([str(site_copy / "docs/disclaimer.md"), *config]) == 1
    assert "disclaimer.md: cites no work, so pandoc formats nothing for it" in capsys.readouterr().err
    assert main([str(site_copy / "docs/articles/no-such-page.md"), *config]) == 1
    assert "no-such-page.md: no such page; give the path of a Markdown file" in capsys.readouterr().err


# What stops the build stops the tool too, with the build's own message and line.
@pytest.mark.parametrize(
    ("edits", "told"),
    [
        ([("mkdocs.yml", "bib_file: references.bib", "")], "the bibtex plugin with bib_file is required"),
        ([("mkdocs.yml", "bib_file:", "csl_file: no-such.csl\n      bib_file:")], "mkdocs.yml:"),
        ([("references.bib", "@article{inwood2018,", "@article{inwood2018")], "references.bib:6: "),
    ],
    ids=["no bibliography", "no such style", "bibliography unreadable"],
)
def test_a_settings_or_bibliography_problem_is_told_as_the_build_tells_it_and_fails(site_copy, capsys, edits, told):
    edit_files(site_copy, edits)

    assert main([str(site_copy / ARTICLE), "--config", str(site_copy / "mkdocs.yml")]) == 1
    assert told in capsys.readouterr().err


def test_a_page_not_saved_as_utf8_is_told_at_its_line(site_copy, capsys):
    page = site_copy / ARTICLE
    page.write_bytes(page.read_bytes().replace(b"research", "r\xe9search".encode("latin-1"), 1))

    assert main([str(page), "--config", str(site_copy / "mkdocs.yml")]) == 1
    assert "not UTF-8 text; save the file as UTF-8" in capsys.readouterr().err


def test_make_pandoc_page_runs_the_tool_on_the_page_it_is_given(checkable_copy):
    result = run_make(checkable_copy, "pandoc-page", f"PAGE={ARTICLE}")

    assert result.returncode == 0, result.stderr
    assert "===== pandoc's output, before the site reads it =====" in result.stdout
    unnamed = run_make(checkable_copy, "pandoc-page")
    assert unnamed.returncode == 2
    assert "make pandoc-page: name the page, e.g. make pandoc-page PAGE=docs/articles/x.md" in unnamed.stderr


def cited_in_order(document: str) -> list[str]:
    return re.findall(r"@([\w-]+)", document)
