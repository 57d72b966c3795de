"""The tests' own site (tests/fixtures/site) is built by the repository's machinery: its
mkdocs.yml sets what the machinery is exactly as the live mkdocs.yml does, so what the
tests prove of the fixture site holds for the live one."""

from __future__ import annotations

import pytest

from conftest import FIXTURE_SITE, MACHINERY, ROOT
from psychoed.settings.config_file import read_config

# The settings of mkdocs.yml that are machinery, not content: the rest (site_name, nav,
# extra: ...) is the editors', and the fixture keeps its own.
MACHINERY_SETTINGS = (
    "theme",
    "plugins",
    "markdown_extensions",
    "hooks",
    "extra_css",
    "extra_javascript",
    "validation",
    "strict",
    "use_directory_urls",
    "docs_dir",
    "watch",
)


@pytest.mark.live
@pytest.mark.parametrize("setting", MACHINERY_SETTINGS)
def test_fixture_site_runs_the_live_machinery(setting):
    live = read_config(ROOT / "mkdocs.yml").get(setting)
    fixture = read_config(FIXTURE_SITE / "mkdocs.yml").get(setting)
    assert fixture == live, f"mkdocs.yml's {setting!r} changed: copy the change into tests/fixtures/site/mkdocs.yml"


def test_fixture_site_holds_content_only():
    # The machinery comes from the repository when a test copies the project (conftest.py).
    assert [name for name in MACHINERY if (FIXTURE_SITE / name).exists()] == []
    assert sorted(path.name for path in FIXTURE_SITE.iterdir()) == ["docs", "mkdocs.yml", "references.bib"]
