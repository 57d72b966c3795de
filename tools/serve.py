"""`make serve`: `mkdocs serve` that keeps serving when a build fails.

MkDocs' own serve exits when the first build fails, and prints a Python traceback when a
later one does. Here a failed build prints its problems (each `path:line: message`) and
one line saying what to do; serve goes on watching, and the next save rebuilds.
Arguments are those of `mkdocs serve`.
"""

from __future__ import annotations

import logging
import sys

import mkdocs.commands.serve as serve_command
from mkdocs.__main__ import cli
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.serve")


def main(argv: list[str]) -> None:
    # The builder serve calls for the first build and for every rebuild.
    serve_command.build = build_and_keep_serving
    cli(["serve", *argv])


def build_and_keep_serving(config: MkDocsConfig, **options: object) -> None:
    try:
        build(config, **options)
    except Abort:
        log.error("The site was not rebuilt: fix the problems above and save; serve rebuilds on every save.")


if __name__ == "__main__":
    main(sys.argv[1:])
