"""`make bench` keeps working as the site grows: its synthetic sites build strictly with
the project's full configuration, the bare one and mkdocs-bibtex alone (a tiny one here;
the benchmark itself is never part of `make test`)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest

from bench import arguments, serve_rebuilds
from conftest import build_site, copy_project
from synthetic_site import SyntheticSite, generate_site, write_config


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> SyntheticSite:
    # The fixture project as a checkout (the generator copies what git lists, untracked too),
    # with tools/serve.py, which the bench times.
    source = copy_project(tmp_path_factory.mktemp("source") / "project", tooling=True)
    subprocess.run(["git", "init", "--quiet"], cwd=source, check=True)
    return generate_site(source, tmp_path_factory.mktemp("synthetic") / "site", articles=4, entries=30)


@pytest.mark.parametrize("variant", ["full", "bare", "bibtex-only"])
def test_synthetic_site_builds_strictly(variant: str, synthetic: SyntheticSite):
    config = write_config(synthetic, f"bench-{variant}.yml", variant=variant)

    result = build_site(synthetic.root, config_file=config, site_dir=synthetic.root / f"out-{variant}")

    assert result.returncode == 0, result.stderr
    page = (synthetic.root / f"out-{variant}/articles/synthetic-0001/index.html").read_text(encoding="utf-8")
    # The full build formats the citations; the bare one shows them as written.
    assert ('id="references"' in page) == (variant == "full")
    assert ("[@" in page) == (variant == "bare")
    # Without the hooks the config lists the articles in the nav, as the hook would.
    nav = (synthetic.root / f"out-{variant}/index.html").read_text(encoding="utf-8")
    assert all(f'href="{uri.removesuffix(".md")}/"' in nav for uri in synthetic.articles)


# That every generated entry is cited, the strict build shows: an uncited one is a warning.
def test_some_generated_citations_have_locators(synthetic: SyntheticSite):
    text = "".join((synthetic.root / "docs" / uri).read_text(encoding="utf-8") for uri in synthetic.articles)

    assert ", p. " in text or ", pp. " in text


def test_content_variant_builds_the_pages_text_as_the_hooks_leave_it_without_the_sites_code(
    synthetic: SyntheticSite,
):
    shutil.copytree(synthetic.root / "docs", synthetic.root / "content-docs", dirs_exist_ok=True)
    for variant in ("capture", "content"):
        config = write_config(synthetic, f"bench-{variant}.yml", variant=variant)
        result = build_site(synthetic.root, config_file=config, site_dir=synthetic.root / f"out-{variant}")
        assert result.returncode == 0, result.stderr

    def article(variant: str) -> str:
        page = (synthetic.root / f"out-{variant}/articles/synthetic-0001/index.html").read_text(encoding="utf-8")
        return page[page.index("<article") : page.index("</article>")]

    full, content = article("capture"), article("content")
    # The same citations and References section, from the same Markdown...
    assert 'id="references"' in content and "[@" not in content
    assert content[content.index('<h2 id="references"') :].rstrip() in full
    # ...without what the site's code adds after Markdown (the article's notes).
    assert 'class="gt-review"' in full and 'class="gt-review"' not in content


# What `make bench` times of `make serve`: a save of prose and a new citation, each
# rendering the edited page alone and served with the edit.
def test_serve_rebuild_is_timed_for_a_prose_edit_and_a_new_citation(synthetic: SyntheticSite):
    config = write_config(synthetic, "bench-full.yml", variant="full")

    rebuilds = serve_rebuilds(synthetic, config, variant="full", trials=1)

    assert [rebuild["kind"] for rebuild in rebuilds] == ["prose edit", "new citation"]
    assert all(0 < rebuild["rebuild_s"] <= rebuild["edit_to_served_s"] for rebuild in rebuilds)


def test_a_serve_that_exits_stops_the_bench_at_once_with_what_it_printed(synthetic: SyntheticSite, tmp_path):
    shutil.copytree(synthetic.root / "docs", tmp_path / "docs")  # and no tools/serve.py
    without_serve = dataclasses.replace(synthetic, root=tmp_path)

    with pytest.raises(SystemExit, match=r"serve exited before 'Serving on'; it printed:\n.*serve\.py"):
        serve_rebuilds(without_serve, synthetic.root / "mkdocs.yml", variant="full", trials=1)


def test_serve_is_timed_only_where_the_sites_hooks_run(capsys):
    with pytest.raises(SystemExit):
        arguments(["--serve-variants", "full,bare"])
    assert (
        "--serve-variants bare: make serve builds only a configuration with the site's hooks" in capsys.readouterr().err
    )


def test_a_bench_at_sizes_without_the_serve_size_says_serve_is_not_timed(capsys):
    arguments(["--sizes", "20", "--runs", "1"])
    assert "make serve's rebuild is not timed: --serve-size 200 is not among --sizes" in capsys.readouterr().out
    arguments(["--sizes", "20", "--serve-size", "20"])
    assert "not timed" not in capsys.readouterr().out
