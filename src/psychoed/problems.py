"""Problems found in an editor's files, reported together as `path:line: message` (or
`path: message`, when the file itself is the problem)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    path: str
    # None when the file itself is the problem (its name, its type): `path: message`.
    line: int | None
    message: str
    # A warning is logged (so `--strict` still fails); an error stops every build.
    warning: bool = False
    # A notice is logged for the editor and never fails a build, strict or not.
    notice: bool = False
    # A fatal error leaves nothing sound to check further (an unreadable .bib).
    fatal: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.line is None else f"{self.path}:{self.line}: {self.message}"


def report(problems: list[Problem]) -> str:
    """One message listing every problem of the build, errors first, in file and line order."""
    ordered = sorted(problems, key=lambda p: (p.warning, p.path, p.line or 0))
    errors = sum(not p.warning for p in problems)
    lines = [f"  {p}" + (" (warning; fails the strict build)" if p.warning else "") for p in ordered]
    return f"{counted(len(problems), 'problem')} to fix before the site can build ({counted(errors, 'error')}):\n" + "\n".join(lines)


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
