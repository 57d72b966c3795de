"""Problems found in an editor's files, reported together as `path:line: message` (or
`path: message`, when the file itself is the problem)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

T = TypeVar("T")

# `path:line: message`, as each problem with a line is shown (MkDocs' link warnings too).
_WITH_LINE = re.compile(r"^[^\n]*?:\d+: ")
_LOCATED = re.compile(r"^(?P<path>[^\n:]+?)(?::(?P<line>\d+))?: (?P<message>.*)\Z", re.DOTALL)


@dataclass
class Problem:
    path: str
    # None when the file itself is the problem (its name, its type): `path: message`.
    line: int | None
    message: str
    # A warning lets the pages render (so MkDocs' own link checks are listed too); in a
    # strict build, as every build of the site is, it is an error (`as_errors`). An error
    # stops every build before the pages render.
    warning: bool = False
    # A notice is logged for the editor and never fails a build, strict or not.
    notice: bool = False
    # A fatal error leaves nothing sound to check further (an unreadable .bib).
    fatal: bool = False

    def __str__(self) -> str:
        if not self.path:  # a message of MkDocs' own that names no file
            return self.message
        return f"{self.path}: {self.message}" if self.line is None else f"{self.path}:{self.line}: {self.message}"


def report(problems: list[Problem]) -> str:
    """One message listing every problem of the build, errors first, in file and line order."""
    ordered = sorted(problems, key=lambda p: (p.warning, p.path, p.line or 0))
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    counts = counted(errors, "error") + (f", {counted(warnings, 'warning')}" if warnings else "")
    # A problem with no line is about a whole file (its name, its place): said, so no one looks for a line.
    if whole_files := sum(p.line is None for p in problems):
        counts += f"; {whole_files} of them about a whole file, with no line"
    lines = [f"  {p}" + (" (warning; fails the strict build)" if p.warning else "") for p in ordered]
    return f"{counted(len(problems), 'problem')} to fix before the site can build ({counts}):\n" + "\n".join(lines)


def closing_line(errors: int, *, without_line: int) -> str:
    """The last line of a strict build stopped after its pages rendered: how many errors,
    and how many of them name no line (so no one looks for one)."""
    if without_line:
        return f"Aborted with {counted(errors, 'error')} ({without_line} of them with no line): fix each one listed above, then build again"
    return f"Aborted with {counted(errors, 'error')}: fix each one listed above at its file and line, then build again"


def logged_problem(message: str, *, warning: bool) -> Problem:
    """A logged `path:line: message` (or `path: message`) as the problem it names."""
    if located := _LOCATED.match(message):
        line = located.group("line")
        return Problem(located.group("path"), int(line) if line else None, located.group("message"), warning=warning)
    return Problem("", None, message, warning=warning)


def names_a_line(message: str) -> bool:
    """Whether a logged message starts `path:line: `."""
    return bool(_WITH_LINE.match(message))


def as_errors(problems: list[Problem]) -> list[Problem]:
    """The problems of a strict build: it fails on a warning too, so each is an error,
    counted and shown as one."""
    return [replace(problem, warning=False) for problem in problems]


class Logged(logging.Handler):
    """The messages logged at `level` or above, kept as printed rather than shown."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Unchecked(RuntimeError):
    """A hook was handed input the checks should have stopped the build on: a bug in the
    pipeline's order or in the checks (ARCHITECTURE.md, "The pipeline"), never the editor's."""


def checked(value: T | None, problems: Iterable[object]) -> T:
    """What a reader returned, which the checks have passed; `problems` are the reader's own,
    named in the error should a hook ever be handed what the checks did not stop."""
    if value is None:
        listed = "; ".join(str(problem) for problem in problems) or "no value"
        raise Unchecked(f"hooks/site_checks.py should have stopped this build: {listed}")
    return value


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
