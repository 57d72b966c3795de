"""`make bench` keeps working as the site grows: its synthetic sites build strictly with
the project's full configuration and with the bare one (a tiny one here; the benchmark
itself is never part of `make test`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_site import SyntheticSite, generate_site, write_config  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> SyntheticSite:
    return generate_site(ROOT, tmp_path_factory.mktemp("synthetic") / "site", articles=4, entries=30)


def build_with(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with one of the benchmark's configurations."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site_dir)],
        cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.parametrize("variant", ["full", "bare"])
def test_synthetic_site_builds_strictly(variant: str, synthetic: SyntheticSite):
    config = write_config(synthetic, f"bench-{variant}.yml", variant=variant)

    result = build_with(config, synthetic.root / f"out-{variant}")

    assert result.returncode == 0, result.stderr
    page = (synthetic.root / f"out-{variant}/articles/synthetic-0001/index.html").read_text(encoding="utf-8")
    # The full build formats the citations; the bare one shows them as written.
    assert ('id="references"' in page) == (variant == "full")
    assert ("[@" in page) == (variant == "bare")
    # Without the hooks the config lists the articles in the nav, as the hook would.
    nav = (synthetic.root / f"out-{variant}/index.html").read_text(encoding="utf-8")
    assert all(f'href="{uri.removesuffix(".md")}/"' in nav for uri in synthetic.articles)


def test_every_generated_entry_is_cited_some_with_locators(synthetic: SyntheticSite):
    text = "".join((synthetic.root / "docs" / uri).read_text(encoding="utf-8") for uri in synthetic.articles)
    generated = (synthetic.root / "references.bib").read_text(encoding="utf-8").split("% Generated for the benchmark.")[1]
    keys = [line.split("{")[1].rstrip(",") for line in generated.splitlines() if line.startswith("@")]

    assert len(keys) == 30
    assert all(f"@{key}" in text for key in keys)
    assert ", p. " in text or ", pp. " in text
    assert 2 * len(synthetic.articles) <= synthetic.citation_blocks <= 5 * len(synthetic.articles)
