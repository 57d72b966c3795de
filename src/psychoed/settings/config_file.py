"""mkdocs.yml as plain data, for the tools that read it outside a build, and a YAML
mistake in it told at its line, as is a file that lost the site's hooks.

`!ENV` tags are resolved by pyyaml-env-tag, the library MkDocs' own loader uses, so the
tools need no MkDocs import and run the same under MkDocs or ProperDocs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from psychoed.problems import Problem


def read_config(path: Path) -> dict[str, Any]:
    """The settings in `path`, an empty dict for an empty file."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def yaml_problem(message: str, *, project_dir: Path) -> Problem | None:
    """MkDocs' words for a mkdocs.yml that is not YAML ("while parsing a block mapping\n  in
    "/abs/mkdocs.yml", line 1, column 1\nexpected <block end>, but found '-'\n  in ...,
    line 145, column 3") as a problem at its line; None for another configuration error,
    which MkDocs words well enough."""
    marks = [(int(m.group("line")), m.group("path")) for m in _YAML_MARK.finditer(message)]
    if not marks:
        return None
    text = message.split("configuration file:", 1)[-1]
    what = "; ".join(line.strip() for line in text.splitlines() if line.strip() and not _YAML_MARK.search(line))
    # Where the mistake is: where an unclosed quote starts, else where parsing stopped.
    line, path = marks[0] if "while scanning a quoted scalar" in what else marks[-1]
    return Problem(
        os.path.relpath(path, project_dir),
        line,
        # YAML's own words ("mapping values are not allowed here") tell an editor nothing.
        "not valid YAML; check this line and the one before: a value holding ': ' or ' #' "
        "must be in quotes, and a setting is indented two spaces (never a tab) under the one it belongs to",
    )


# The hook that runs every check of the site: listed in mkdocs.yml's `hooks:`.
SITE_CHECKS_HOOK = "hooks/site_checks.py"


def missing_hooks_problem(hooks: Collection[str], *, path: str, text: str) -> Problem | None:
    """A mkdocs.yml whose `hooks:` lost the site's (deleted, or the file cut short): no check
    of the site's runs, and the theme's templates stop with a traceback; told at the file's
    end, where the list went missing. None while the site's checks are listed."""
    if any(Path(hook).as_posix().endswith(SITE_CHECKS_HOOK) for hook in hooks):
        return None
    return Problem(
        path,
        max(text.count("\n"), 1),
        f"hooks: does not list {SITE_CHECKS_HOOK}, so the site's checks and notes do not run (was the file cut "
        "short?); put back what went missing from mkdocs.yml's last version: git diff mkdocs.yml shows it",
    )


# How PyYAML names the place of a mistake, as MkDocs passes it on.
_YAML_MARK = re.compile(r'in "(?P<path>[^"]+)", line (?P<line>\d+), column \d+')


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", construct_env_tag)
