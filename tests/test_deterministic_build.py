"""Two builds of the same commit give byte-identical sites, so a deploy changes only what
an edit changed (and a reviewer can diff two builds)."""

from __future__ import annotations

import datetime as dt
import filecmp
import gzip
import subprocess
from pathlib import Path

from conftest import ROOT, build_site

# What `make build` exports: the time of the last commit.
EPOCH = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "1764028800"


def differing_files(first: Path, second: Path) -> list[str]:
    """Every file present in only one site or with different bytes, relative to the site."""
    differing = []
    for path in sorted({p.relative_to(first) for p in first.rglob("*") if p.is_file()} | {p.relative_to(second) for p in second.rglob("*") if p.is_file()}):
        a, b = first / path, second / path
        if not (a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)):
            differing.append(str(path))
    return differing


def test_two_builds_with_the_same_source_date_are_byte_identical(tmp_path: Path):
    # Separate processes, so set iteration order (hash seeds) differs between builds too.
    sites = [tmp_path / "first", tmp_path / "second"]
    for site in sites:
        result = build_site(ROOT, site_dir=site, env={"SOURCE_DATE_EPOCH": EPOCH})
        assert result.returncode == 0, result.stderr

    assert differing_files(*sites) == []
    assert len(list(sites[0].rglob("*.html"))) > 1


def test_sitemap_dates_come_from_source_date_epoch_not_the_clock(tmp_path: Path):
    result = build_site(ROOT, site_dir=tmp_path / "site", env={"SOURCE_DATE_EPOCH": "1700000000"})

    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    assert dt.date.today().isoformat() not in sitemap
    with gzip.open(tmp_path / "site/sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    # The gzip header's modification time (bytes 4-7), which differs per build otherwise.
    header = (tmp_path / "site/sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == 1699920000
