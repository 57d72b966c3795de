"""The tests' builds run in the test process (tests/in_process.py) give what `python -m
mkdocs build` gives: the same pages, exit code and output lines, a traceback where one
escapes; and each leaves the process as it found it, so the next build prints its own
problems again."""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from pathlib import Path

import pytest

from compare_builds import differing_files
from conftest import REAL_BUILD_ENV, build_site, copy_project, edit_files

# A broken link in two pages (MkDocs' own warning, at its line) and a file MkDocs
# excludes (a warning naming no line): a strict build fails after rendering every page.
BROKEN = [
    ("docs/disclaimer.md", "", "\nSee [the old page](gone.md).\n"),
    ("docs/index.md", "", "\nSee [the old page](gone.md).\n"),
    ("docs/README.md", "", "# Notes for editors\n"),
]
# A hook that fails as a programming mistake does: not an editor's message, a traceback.
FAILING_HOOK = [
    ("hooks/failing.py", "", "def on_files(files, config):\n    raise RuntimeError('a bug in a hook')\n"),
    ("mkdocs.yml", "hooks:\n", "hooks:\n  - hooks/failing.py\n"),
]


@pytest.mark.parametrize("edits", [[], BROKEN], ids=["clean", "broken"])
def test_in_process_build_gives_the_pages_and_lines_of_python_m_mkdocs(edits, tmp_path: Path):
    project = copy_project(tmp_path / "project")
    edit_files(project, edits)

    separate = build_site(project, site_dir=tmp_path / "separate", env=REAL_BUILD_ENV, new_process=True)
    in_process = build_site(project, site_dir=tmp_path / "in-process", env=REAL_BUILD_ENV)

    assert in_process.returncode == separate.returncode == (1 if edits else 0)
    assert in_process.args[in_process.args.index("build") :] == [
        "build",
        "--strict",
        "--clean",
        "--site-dir",
        str(tmp_path / "in-process"),
    ]
    assert _lines(in_process.stdout, tmp_path / "in-process") == _lines(separate.stdout, tmp_path / "separate")
    assert _lines(in_process.stderr, tmp_path / "in-process") == _lines(separate.stderr, tmp_path / "separate")
    assert "docs/index.md:" in in_process.stderr if edits else "WARNING" not in in_process.stderr
    assert differing_files(tmp_path / "separate", tmp_path / "in-process") == []
    assert len(list((tmp_path / "in-process").rglob("*.html"))) > 1


def test_an_exception_escaping_the_build_prints_its_traceback_and_exits_1(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    edit_files(project, FAILING_HOOK)

    separate = build_site(project, site_dir=tmp_path / "separate", new_process=True)
    in_process = build_site(project, site_dir=tmp_path / "in-process")

    assert in_process.returncode == separate.returncode == 1
    assert "Traceback (most recent call last):" in in_process.stderr
    assert in_process.stderr.splitlines()[-1] == separate.stderr.splitlines()[-1] == "RuntimeError: a bug in a hook"


def test_a_problem_of_a_second_build_is_printed_again(site_copy: Path):
    edit_files(site_copy, BROKEN)

    first, second = build_site(site_copy), build_site(site_copy)

    assert first.returncode == second.returncode == 1
    assert second.stderr == first.stderr
    assert second.stderr.count("contains a link 'gone.md'") == 2


def test_a_build_leaves_the_process_as_it_found_it(site_copy: Path):
    edit_files(site_copy, BROKEN)
    loggers = [
        logging.getLogger(),
        *(lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)),
    ]
    before = _process_state(loggers)

    build = build_site(site_copy, env={"PREVIEW_PR": "12", "SOURCE_DATE_EPOCH": "1700000000"})

    assert build.returncode == 1
    assert _process_state(loggers) == before
    assert "PREVIEW_PR" not in os.environ


# What a build could change that a process's end would forget.
def _process_state(loggers: list[logging.Logger]) -> list[object]:
    return [
        os.getcwd(),
        dict(os.environ),
        [(lg.name, lg.handlers[:], lg.filters[:], lg.level, lg.propagate) for lg in loggers],
        warnings.filters[:],
        warnings.showwarning,
        threading.enumerate(),
    ]


# The lines of a build's output, but for where it was built and how long it took.
def _lines(output: str, site: Path) -> list[str]:
    return re.sub(r"built in [\d.]+ seconds", "built in N seconds", output.replace(str(site), "SITE")).splitlines()
