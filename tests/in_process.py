"""`python -m mkdocs ARGS` run in the test process: the same command line (MkDocs' click
program), the same output, exit code and files, without starting Python and importing
MkDocs, Material, pybtex and the hooks again (half of a build's CPU time in the tests).

A process that ends forgets what a build changed; this one must, so that no build sees
another's: the working folder, the environment, the loggers' handlers and filters (MkDocs
adds a stream handler and a duplicate filter at every command, the hooks theirs at every
build), Python's warning settings, and the citation threads, waited for as Python waits at
exit. What MkDocs keeps for `serve` (plugins, hook modules) is loaded afresh, as in a new
process. An exception that escapes is put in stderr as Python prints it. Unlike `python -m`,
the project's folder is not put on the import path (nothing edits `sys.path`): the hooks
import only installed packages and `psychoed`.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import mkdocs.commands.build  # noqa: F401  # imported by the command: its logger must exist before it
from click.testing import CliRunner
from mkdocs import utils
from mkdocs.__main__ import ColorFormatter, cli
from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig

# What the tests gave a build's process before it was stopped: a build that hangs ends
# the test run's worker, with every thread's stack, and its tests fail.
TIMEOUT_SECONDS = 300
# Python's own warning filters, as a new process has them (`python -c 'import warnings;
# print(warnings.filters)'`), not pytest's: MkDocs logs the warnings they let through.
NEW_PROCESS_WARNINGS: tuple[tuple[Literal["default", "ignore"], type[Warning], str], ...] = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
)


def run_mkdocs(args: list[str], *, cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """What `subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
    capture_output=True, text=True)` gives, run in this process."""
    with _as_a_new_process(cwd=cwd, env=env):
        # fd: a program the build starts writes where the build's own output goes.
        result = CliRunner(capture="fd").invoke(cli, args, prog_name="python -m mkdocs")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))  # as Python prints it, exiting with 1
    return subprocess.CompletedProcess([sys.executable, "-m", "mkdocs", *args], result.exit_code, result.stdout, stderr)


@contextmanager
def _as_a_new_process(*, cwd: Path, env: Mapping[str, str]) -> Iterator[None]:
    folder, environ = os.getcwd(), dict(os.environ)
    saved = [(lg, lg.handlers[:], lg.filters[:], lg.level, lg.propagate, lg.disabled) for lg in _loggers()]
    width = ColorFormatter.text_wrapper.width
    threads = set(threading.enumerate())
    _forget_loaded_plugins_and_hooks()
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # What reaches no handler of MkDocs' is printed on stderr, as in a new process (not pytest's).
    logging.getLogger().handlers = []
    # Output to a pipe is not wrapped at a terminal's width (MkDocs measures it at import).
    ColorFormatter.text_wrapper.width = 0
    faulthandler.dump_traceback_later(TIMEOUT_SECONDS, exit=True)
    try:
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(NEW_PROCESS_WARNINGS):
                warnings.filterwarnings(action, category=category, module=module)
            yield
    finally:
        for thread in set(threading.enumerate()) - threads:
            if not thread.daemon:
                thread.join()
        faulthandler.cancel_dump_traceback_later()
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environ)
        for logger, handlers, filters, level, propagate, disabled in saved:
            logger.handlers, logger.filters, logger.propagate, logger.disabled = handlers, filters, propagate, disabled
            logger.setLevel(level)  # and forgets the levels it had cached
        # A logger made during the build is left as made: what a build adds to it, the next adds again.
        for logger in set(_loggers()) - {logger for logger, *_ in saved}:
            logger.handlers, logger.filters, logger.propagate, logger.disabled = [], [], True, False
            logger.setLevel(logging.NOTSET)
        ColorFormatter.text_wrapper.width = width


def _loggers() -> list[logging.Logger]:
    made = [logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)]
    return [logging.getLogger(), *made]


# What MkDocs keeps for the life of a process, for `serve`'s rebuilds: the instances of
# plugins that have on_startup (mkdocs-bibtex's, Material's), each hook file's module, a
# warning said once. A new process loads them afresh.
def _forget_loaded_plugins_and_hooks() -> None:
    for _, option in MkDocsConfig._schema:
        if isinstance(option, config_options.Plugins):
            option.plugin_cache.clear()
    config_options.Hooks._load_hook.cache_clear()
    utils._get_norm_url.cache_clear()
