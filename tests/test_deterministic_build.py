"""Two builds of the same commit give byte-identical sites, so a deploy changes only what
an edit changed (and a reviewer can diff two builds)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from compare_builds import differing_files
from conftest import REAL_BUILD_ENV, build_site


def test_two_builds_with_the_same_source_date_are_byte_identical(
    fixture_project: Path, fixture_site: Path, tmp_path: Path
):
    # Another process than the fixture's build (this one), so set iteration order (hash seeds)
    # differs between the builds too.
    result = build_site(fixture_project, site_dir=tmp_path / "second", env=REAL_BUILD_ENV)

    assert result.returncode == 0, result.stderr
    assert differing_files(fixture_site, tmp_path / "second") == []
    assert len(list(fixture_site.rglob("*.html"))) > 1


def test_sitemap_dates_come_from_source_date_epoch_not_the_clock(fixture_project: Path, tmp_path: Path):
    result = build_site(fixture_project, site_dir=tmp_path / "site", env={"SOURCE_DATE_EPOCH": "1700000000"})

    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    assert dt.date.today().isoformat() not in sitemap
    with gzip.open(tmp_path / "site/sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    # The gzip header's modification time (bytes 4-7), which differs per build otherwise.
    header = (tmp_path / "site/sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == 1699920000
