"""`make serve`: `mkdocs serve` that keeps serving when a build fails.

MkDocs' own serve exits when the first build fails, and prints a Python traceback when
mkdocs.yml is saved broken. Here a failed build prints its problems (each
`path:line: message`) and one line saying what to do, a broken mkdocs.yml its message;
serve goes on watching, and the next save rebuilds. Arguments are those of `mkdocs serve`.
"""

from __future__ import annotations

import logging
import sys
from typing import IO, Any

import mkdocs.commands.serve as serve_command
from mkdocs.__main__ import cli
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from build_site import load_config_located

log = logging.getLogger("mkdocs.serve")


def main(argv: list[str]) -> None:
    # What serve calls for the first build and for every rebuild.
    serve_command.build = build_and_keep_serving
    serve_command.load_config = load_config_or_stop_this_build
    cli(["serve", *argv])


def build_and_keep_serving(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    try:
        build(config, serve_url=serve_url, dirty=dirty)
    except Abort:
        log.error("The site was not rebuilt: fix the problems above and save; serve rebuilds on every save.")


# An Abort is what serve's rebuild loop reports as a message, not a traceback; the first
# load, with nothing yet to serve, still ends serve with that message.
def load_config_or_stop_this_build(
    config_file: str | IO[Any] | None = None, *, config_file_path: str | None = None, **options: Any
) -> MkDocsConfig:
    try:
        return load_config_located(config_file, config_file_path=config_file_path, **options)
    except (ConfigurationError, Abort) as error:
        raise Abort(f"{error}\nFix mkdocs.yml and save it; serve rebuilds on every save.") from error


if __name__ == "__main__":
    main(sys.argv[1:])
