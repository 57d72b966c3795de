"""Problems with settings in mkdocs.yml, reported at the line where the setting stands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from psychoed.problems import Problem


@dataclass(frozen=True)
class SettingProblem:
    setting: str  # as an editor finds it: extra.consultation.url, extra.footer_links[1].page
    message: str

    def __str__(self) -> str:
        return f"{self.setting}: {self.message}"


# libyaml's composer when PyYAML has it: the same nodes and lines, twenty times faster.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def setting_lines(yaml_text: str) -> dict[str, int]:
    """The line of every setting in mkdocs.yml, by its dotted name.

    Composing (not loading) the YAML keeps each node's position and ignores tags such as
    `!ENV`, which only MkDocs' own loader understands.
    """
    try:
        root = yaml.compose(yaml_text, Loader=_COMPOSER)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    _collect(root, "", lines)
    return lines


def located(problems: list[SettingProblem], *, path: str, lines: Mapping[str, int]) -> list[Problem]:
    """Each problem as `mkdocs.yml:LINE: setting: message`, at the setting or, when it is
    missing, at the nearest block that holds it."""
    return [Problem(path, _line(problem.setting, lines), str(problem)) for problem in problems]


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _collect(node: yaml.Node | None, prefix: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines[name] = key.start_mark.line + 1
            _collect(value, name, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{prefix}[{index}]"
            lines[name] = item.start_mark.line + 1
            _collect(item, name, lines)


def _line(setting: str, lines: Mapping[str, int]) -> int:
    name = setting
    while name:
        if name in lines:
            return lines[name]
        name = name[: max(name.rfind("."), name.rfind("["), 0)]
    return 1
