"""Where the project's files are, from mkdocs.yml's settings, so the hooks and the tools
find references.bib and a CSL file the same way and name files as the editor sees them.

Takes plain values: the path of mkdocs.yml (or the `-f` file) and the options of the
bibtex plugin, as MkDocs loaded them or as a tool read them from the YAML.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from psychoed.problems import Problem
from psychoed.references.bibtex_plugin import NAME, NO_BIBLIOGRAPHY, options
from psychoed.settings.config_file import read_config
from psychoed.settings.setting_problems import setting_lines


def bib_file(config_file: str | Path, bibtex: Mapping[str, Any] | None) -> Path | None:
    """references.bib, as mkdocs-bibtex's bib_file names it relative to mkdocs.yml; None
    without the plugin or the setting."""
    if not bibtex or not bibtex.get("bib_file"):
        return None
    return Path(config_file).parent / bibtex["bib_file"]


def bib_path(project: Path) -> Path:
    """The bibliography of the project in `project`, for the tools: bib_file in its
    mkdocs.yml, else references.bib."""
    config_file = project / "mkdocs.yml"
    return bib_file(config_file, options(read_config(config_file).get("plugins") or [])) or project / "references.bib"


def csl_file(config_file: str | Path, bibtex: Mapping[str, Any] | None) -> Path | None:
    """The citation style mkdocs-bibtex's csl_file names, relative to mkdocs.yml; None
    when it is not set (the build then uses the APA 7 style of its virtualenv)."""
    if not bibtex or not bibtex.get("csl_file"):
        return None
    return Path(config_file).parent / bibtex["csl_file"]


def missing_style(config_file: str | Path, bibtex: Mapping[str, Any] | None) -> Problem | None:
    """The problem of a csl_file that names no file, at its line of mkdocs.yml."""
    path = csl_file(config_file, bibtex)
    if bibtex is None or path is None or path.is_file():
        return None
    lines = setting_lines(Path(config_file).read_text(encoding="utf-8"))
    line = next((line for name, line in lines.items() if name.endswith(f"{NAME}.csl_file")), 1)
    return Problem(
        Path(config_file).name,  # as display_path shows it: relative to its own folder
        line,
        f"csl_file '{bibtex['csl_file']}' not found; give the path of a CSL style file relative to this file, or remove csl_file for APA 7",
    )


def no_bibliography_problem(config_file: str | Path) -> Problem:
    """The problem of a mkdocs.yml that names no bibliography: at the plugin's entry, where
    bib_file goes, else at `plugins:`."""
    lines = setting_lines(Path(config_file).read_text(encoding="utf-8"))
    line = next((line for name, line in lines.items() if name.endswith(f"].{NAME}")), lines.get("plugins", 1))
    return Problem(Path(config_file).name, line, NO_BIBLIOGRAPHY)


def read_page(path: str | Path, *, display_path: str) -> tuple[str | None, Problem | None]:
    """A page's text as MkDocs reads it (a byte-order mark dropped, Windows and old Mac line
    ends as `\n`), or the problem of a file that is not UTF-8 (saved from Word as
    Windows-1252), at the line of its first foreign byte."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"), None
    except UnicodeDecodeError as error:
        return None, Problem(
            display_path, 1 + data[: error.start].count(b"\n"), "not UTF-8 text; save the file as UTF-8"
        )


# Paths as the editor sees them from the repository root: docs/articles/x.md
def display_path(path: str | Path, config_file: str | Path) -> str:
    return os.path.relpath(path, Path(config_file).parent)
