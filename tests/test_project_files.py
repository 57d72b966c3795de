"""The project's files as the editor names them: a page that is not UTF-8, a missing style or bibliography."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, line_of
from psychoed.project_files import bib_file, bib_path, csl_file, missing_style, no_bibliography_problem, read_page
from psychoed.references.bibtex_plugin import NO_BIBLIOGRAPHY
from psychoed.references.bibtex_plugin import options as bibtex_options


def test_a_page_saved_from_word_is_named_at_the_line_of_its_first_foreign_byte(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_bytes("# Sleep\n\nBreathe in \u2013 and out, caf\u00e9.\n".encode("cp1252"))
    text, problem = read_page(page, display_path="docs/page.md")
    assert text is None
    assert str(problem) == "docs/page.md:3: not UTF-8 text; save the file as UTF-8"


def test_a_utf8_page_is_read_as_text(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("# Caf\u00e9 \u2013 tips\n", encoding="utf-8")
    assert read_page(page, display_path="docs/page.md") == ("# Caf\u00e9 \u2013 tips\n", None)


def test_a_page_uploaded_from_windows_reads_as_mkdocs_reads_it(tmp_path: Path):
    # Notepad's byte-order mark and CRLF line ends: the front matter must still open on line 1.
    page = tmp_path / "page.md"
    page.write_bytes("\ufeff---\r\ntitle: Sleep\r\n---\r\n\r\n# Sleep\r".encode("utf-8"))
    assert read_page(page, display_path="docs/page.md") == ("---\ntitle: Sleep\n---\n\n# Sleep\n", None)


def test_a_csl_file_that_names_no_file_is_named_at_its_line(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - bibtex:\n      bib_file: references.bib\n      csl_file: styles/apa.csl\n",
        encoding="utf-8",
    )
    problem = missing_style(config, {"bib_file": "references.bib", "csl_file": "styles/apa.csl"})
    assert (
        str(problem)
        == "mkdocs.yml:5: csl_file 'styles/apa.csl' not found; give the path of a CSL style file relative to this file, or remove csl_file for APA 7"
    )
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles/apa.csl").write_text("<style/>", encoding="utf-8")
    assert missing_style(config, {"bib_file": "references.bib", "csl_file": "styles/apa.csl"}) is None
    assert missing_style(config, {"bib_file": "references.bib"}) is None


def test_bibliography_and_style_are_found_from_the_bibtex_plugins_options(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    options = bibtex_options(["search", {"bibtex": {"bib_file": "references.bib", "csl_file": "styles/apa.csl"}}])
    assert (bib_file(config, options), csl_file(config, options)) == (
        tmp_path / "references.bib",
        tmp_path / "styles/apa.csl",
    )
    assert csl_file(config, {"bib_file": "references.bib"}) is None  # the APA 7 style of the virtualenv
    # The plugin without options, or no plugin: no bibliography, which the build stops on (below).
    assert (bibtex_options(["search", "bibtex"]), bibtex_options(["search"])) == ({}, None)
    assert bib_file(config, {}) is None and bib_file(config, None) is None


def test_the_tools_read_the_bibliography_mkdocs_yml_names_else_references_bib(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - bibtex:\n      bib_file: sources/works.bib\n", encoding="utf-8")
    assert bib_path(tmp_path) == tmp_path / "sources" / "works.bib"

    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - search\n", encoding="utf-8")
    assert bib_path(tmp_path) == tmp_path / "references.bib"


def test_a_build_without_a_bibliography_stops_saying_what_to_add(site_copy):
    config = site_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      bib_file: references.bib\n", ""), encoding="utf-8"
    )
    build = build_site(site_copy)
    assert build.returncode == 1
    # At the plugin's entry, where bib_file goes.
    assert f"mkdocs.yml:{line_of(config, '- bibtex:')}: {NO_BIBLIOGRAPHY}" in build.stderr
    assert "Traceback" not in build.stderr


def test_a_mkdocs_yml_without_the_plugin_is_told_at_its_plugins(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Grow True\n\nplugins:\n  - search\n", encoding="utf-8")

    assert str(no_bibliography_problem(config)) == f"mkdocs.yml:3: {NO_BIBLIOGRAPHY}"
