"""A process that builds a second project (the tests' builds run in process; MkDocs keeps
one module per hook file's path) loads the hooks again, as new modules: each build's
handler and filter on MkDocs' loggers replaces the last build's instead of joining it,
which would count another build's messages and rewrite them for another project's files."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure import pages

from conftest import copy_project


@pytest.fixture
def mkdocs_loggers() -> Iterator[list[logging.Logger]]:
    """MkDocs' loggers the hooks add to, put back as they were after the test."""
    loggers = [logging.getLogger("mkdocs"), logging.getLogger(pages.__name__)]
    saved = [(logger.handlers[:], logger.filters[:]) for logger in loggers]
    yield loggers
    for logger, (handlers, filters) in zip(loggers, saved, strict=True):
        logger.handlers, logger.filters = handlers, filters


def test_each_project_s_hooks_leave_one_counter_and_one_location_filter_their_own(
    tmp_path: Path, mkdocs_loggers: list[logging.Logger]
):
    mkdocs_log, pages_log = mkdocs_loggers
    for name in ("first", "second"):
        project = copy_project(tmp_path / name)
        config = load_config(str(project / "mkdocs.yml"))
        hooks: dict[str, ModuleType] = config.hooks  # type: ignore[assignment]  # MkDocs declares a list; it is a dict of modules
        for hook in ("hooks/site_checks.py", "hooks/warning_locations.py"):
            hooks[hook].on_config(config)

    counters = [handler for handler in mkdocs_log.handlers if type(handler).__name__ == "_WithoutLine"]
    assert counters == [hooks["hooks/site_checks.py"]._without_line]
    located: list[Any] = [log_filter for log_filter in pages_log.filters if type(log_filter).__name__ == "_Located"]
    assert [log_filter.docs_dir for log_filter in located] == [tmp_path / "second" / "docs"]
