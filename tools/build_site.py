"""`make build`: `mkdocs build`, with a mkdocs.yml that is not YAML named at its line, and
one that lost the site's hooks (cut short) named too.

MkDocs words such a file as "Error: MkDocs encountered an error parsing the configuration
file: ... in "/abs/path/mkdocs.yml", line 7, column 21", which neither an editor nor the
pull request's problem matcher reads as a place; here it is `mkdocs.yml:7: ...` like every
other problem. Arguments are those of `mkdocs build`. `make serve` (tools/serve.py) loads
mkdocs.yml the same way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

import mkdocs.config
from mkdocs.__main__ import cli
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from psychoed.problems import report
from psychoed.settings.config_file import missing_hooks_problem, yaml_problem


def main(argv: list[str]) -> None:
    # What `mkdocs build` calls to read mkdocs.yml.
    mkdocs.config.load_config = load_config_located
    cli(["build", *argv])


def load_config_located(
    config_file: str | IO[Any] | None = None, *, config_file_path: str | None = None, **options: Any
) -> MkDocsConfig:
    """MkDocs' load_config; a YAML mistake in the file, or the site's hooks gone from it,
    stops with its `path:line`."""
    try:
        config = load_config(config_file, config_file_path=config_file_path, **options)
    except ConfigurationError as error:
        problem = yaml_problem(str(error), project_dir=Path.cwd())
        if problem is None:
            raise
        raise Abort(report([problem])) from error
    path = Path(config.config_file_path)
    # MkDocs declares a list of modules; it is a dict of them, by the path mkdocs.yml gives.
    hooks: list[str] = list(config.hooks)  # type: ignore[arg-type]
    if problem := missing_hooks_problem(
        hooks, path=os.path.relpath(path, Path.cwd()), text=path.read_text(encoding="utf-8")
    ):
        raise Abort(report([problem]))
    return config


if __name__ == "__main__":
    main(sys.argv[1:])
