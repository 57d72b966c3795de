"""The theme's settings that Material reads only as it lays a page out are checked with the
others: an icon the theme lacks, or a theme other than Material, is told at its line in
mkdocs.yml, where it stopped the build with a traceback from a template."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_checks
from psychoed.settings.theme_settings import theme_problems

ICON = "material/brightness-4"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # A letter lost in the browser's editor: the closest icon the theme has.
        (
            "aterial/brightness-4",
            "'aterial/brightness-4' is no icon the theme has (no .icons/aterial/brightness-4.svg); did you mean material/brightness-4?",
        ),
        ("", "names no icon; name one the theme has, as Material writes it: material/brightness-4"),
    ],
)
def test_a_palette_toggle_icon_the_theme_lacks_is_told_at_its_line_with_the_closest(site_copy: Path, written, told):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index(f"icon: {ICON}")].count("\n") + 1
    config.write_text(text.replace(f"icon: {ICON}", f"icon: {written}".rstrip()), encoding="utf-8")

    assert [str(problem) for problem in build_checks(site_copy) if "theme" in problem.message] == [
        f"mkdocs.yml:{line}: theme.palette[0].toggle.icon: {told}"
    ]


def test_icons_the_theme_has_and_theme_icon_settings_are_read_in_its_folders(tmp_path: Path):
    (tmp_path / ".icons" / "material").mkdir(parents=True)
    (tmp_path / ".icons" / "material" / "pencil.svg").write_text("<svg/>")
    theme = {
        "palette": {"toggle": {"icon": "material/pencil"}},
        "icon": {"edit": "material/pencil", "admonition": {"note": "material/pen"}},
    }
    assert [str(problem) for problem in theme_problems(theme, name="material", dirs=[str(tmp_path)])] == [
        "theme.icon.admonition.note: 'material/pen' is no icon the theme has (no .icons/material/pen.svg); did you mean material/pencil?"
    ]


# The icon's line deleted: Material would look for ".icons/.svg".
def test_a_toggle_with_its_icon_deleted_is_told_at_the_toggle(site_copy: Path):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    toggle = text[: text.index(f"icon: {ICON}")].count("\n")  # the line before the icon's
    config.write_text(text.replace(f"        icon: {ICON}\n", ""), encoding="utf-8")

    assert [str(problem) for problem in build_checks(site_copy) if "theme" in problem.message] == [
        f"mkdocs.yml:{toggle}: theme.palette[0].toggle.icon: names no icon; name one the theme has, as Material "
        "writes it: material/brightness-4"
    ]


# A ':' typed after a stylesheet's path makes it a mapping, which MkDocs cannot read as a path.
def test_a_stylesheet_written_with_a_colon_is_told_at_its_line(site_copy: Path):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("  - stylesheets/extra.css")].count("\n") + 1
    config.write_text(text.replace("  - stylesheets/extra.css\n", "  - stylesheets/extra.css:\n"), encoding="utf-8")

    assert [str(problem) for problem in build_checks(site_copy) if "extra_css" in str(problem)] == [
        f"mkdocs.yml:{line}: extra_css[0]: is {{'stylesheets/extra.css': None}}, not a file name; write the "
        "path of the stylesheet alone, with no ':' after it: stylesheets/extra.css"
    ]


# Far from any icon, or a stylesheet that is no path at all: the message names an example.
def test_an_icon_like_none_of_the_themes_and_a_stylesheet_of_no_path_get_an_example(tmp_path: Path):
    (tmp_path / ".icons" / "material").mkdir(parents=True)
    (tmp_path / ".icons" / "material" / "pencil.svg").write_text("<svg/>")
    problems = theme_problems(
        {"icon": {"edit": "zz"}}, name="material", dirs=[str(tmp_path)], stylesheets=["a.css", ["x", "y"]]
    )
    assert [str(problem) for problem in problems] == [
        "extra_css[1]: is ['x', 'y'], not a file name; write the path of the stylesheet alone, with no ':' after it: "
        "stylesheets/extra.css",
        "theme.icon.edit: 'zz' is no icon the theme has (no .icons/zz.svg); name an icon the theme has, as Material "
        "writes it: material/brightness-4",
    ]


def test_a_theme_other_than_material_is_told_to_be_material():
    assert [str(problem) for problem in theme_problems({}, name="readthedocs", dirs=[])] == [
        "theme.name: is readthedocs, but the site is laid out for Material for MkDocs; write name: material"
    ]
    assert [str(problem) for problem in theme_problems({}, name=None, dirs=[])] == [
        "theme.name: is missing, but the site is laid out for Material for MkDocs; write name: material"
    ]
