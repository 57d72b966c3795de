"""The settings of the site's look in mkdocs.yml that MkDocs and Material read only as they
lay a page out: a theme other than Material, an icon the theme does not have (a palette
toggle's, one of `theme.icon`), or a stylesheet that is no file name (`extra_css`) stopped
the build with a traceback from the code that read it."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from psychoed.settings.setting_problems import SettingProblem


def theme_problems(
    theme: Mapping[str, Any], *, name: str | None, dirs: Sequence[str], stylesheets: Sequence[object] = ()
) -> list[SettingProblem]:
    """Each setting of the look that would stop a page being laid out, with its fix."""
    problems = [
        SettingProblem(
            f"extra_css[{index}]",
            f"is {sheet!r}, not a file name; write the path of the stylesheet alone, with no ':' after it: {_path_of(sheet)}",
        )
        for index, sheet in enumerate(stylesheets)
        if not isinstance(sheet, str)
    ]
    if name != "material":
        message = f"is {name or 'missing'}, but the site is laid out for Material for MkDocs; write name: material"
        return [*problems, SettingProblem("theme.name", message)]
    icons = [Path(folder) / ".icons" for folder in dirs]
    return problems + [
        SettingProblem(setting, _icon_problem(icon, icons))
        for setting, icon in _icon_settings(theme)
        if not (isinstance(icon, str) and any((folder / f"{icon}.svg").is_file() for folder in icons))
    ]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# What a stylesheet written with a ':' after it ('- stylesheets/extra.css:') reads as: the path.
def _path_of(sheet: object) -> str:
    return str(next(iter(sheet))) if isinstance(sheet, Mapping) and len(sheet) == 1 else "stylesheets/extra.css"


def _icon_settings(theme: Mapping[str, Any]) -> Iterator[tuple[str, object]]:
    """Each setting that names an icon, by its dotted name, with its value."""
    palette = theme.get("palette")
    schemes = enumerate(palette) if isinstance(palette, list) else [(None, palette)]
    for index, scheme in schemes:
        toggle = scheme.get("toggle") if isinstance(scheme, Mapping) else None
        if isinstance(toggle, Mapping):
            yield f"theme.palette{'' if index is None else f'[{index}]'}.toggle.icon", toggle.get("icon")
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
        return f"names no icon; name one the theme has, as Material writes it: {example}"
    closest = difflib.get_close_matches(icon, _icon_names(tuple(folders)), n=1)
    fix = f"did you mean {closest[0]}?" if closest else f"name an icon the theme has, as Material writes it: {example}"
    return f"'{icon}' is no icon the theme has (no .icons/{icon}.svg); {fix}"


# Material has 14,000 icons: listing them takes a quarter of a second, once per process
# (serve rebuilds on every save while the mistake stands).
@functools.lru_cache(maxsize=4)
def _icon_names(folders: tuple[Path, ...]) -> tuple[str, ...]:
    return tuple(
        svg.relative_to(folder).with_suffix("").as_posix()
        for folder in folders
        if folder.is_dir()
        for svg in folder.rglob("*.svg")
    )
