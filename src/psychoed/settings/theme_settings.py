"""The theme's settings in mkdocs.yml that Material reads only as it lays a page out: a
theme other than Material, or an icon the theme does not have (a palette toggle's, one of
`theme.icon`), stopped the build with a traceback from the template that named it."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from psychoed.settings.setting_problems import SettingProblem


def theme_problems(theme: Mapping[str, Any], *, name: str | None, dirs: Sequence[str]) -> list[SettingProblem]:
    """Each theme setting that would stop Material laying out a page, with its fix."""
    if name != "material":
        return [
            SettingProblem(
                "theme.name",
                f"is {name or 'missing'}, but the site is laid out for Material for MkDocs; write name: material",
            )
        ]
    icons = [Path(folder) / ".icons" for folder in dirs]
    return [
        SettingProblem(setting, _icon_problem(icon, icons))
        for setting, icon in _icon_settings(theme)
        if not (isinstance(icon, str) and any((folder / f"{icon}.svg").is_file() for folder in icons))
    ]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _icon_settings(theme: Mapping[str, Any]) -> Iterator[tuple[str, object]]:
    """Each setting that names an icon, by its dotted name, with its value."""
    palette = theme.get("palette")
    schemes = enumerate(palette) if isinstance(palette, list) else [(None, palette)]
    for index, scheme in schemes:
        toggle = scheme.get("toggle") if isinstance(scheme, Mapping) else None
        if isinstance(toggle, Mapping) and "icon" in toggle:
            yield f"theme.palette{'' if index is None else f'[{index}]'}.toggle.icon", toggle["icon"]
    yield from _nested("theme.icon", theme.get("icon"))


def _nested(setting: str, value: object) -> Iterator[tuple[str, object]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _nested(f"{setting}.{key}", inner)
    elif value is not None or setting != "theme.icon":
        yield setting, value


def _icon_problem(icon: object, folders: list[Path]) -> str:
    example = "material/brightness-4"
    if not isinstance(icon, str) or not icon.strip():
        return f"is empty; name an icon the theme has, as Material writes it: {example}"
    names = [
        svg.relative_to(folder).with_suffix("").as_posix()
        for folder in folders
        if folder.is_dir()
        for svg in folder.rglob("*.svg")
    ]
    closest = difflib.get_close_matches(icon, names, n=1)
    fix = f"did you mean {closest[0]}?" if closest else f"name an icon the theme has, as Material writes it: {example}"
    return f"'{icon}' is no icon the theme has (no .icons/{icon}.svg); {fix}"
