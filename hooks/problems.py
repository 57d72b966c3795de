"""Problems found in an editor's files, reported together as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    path: str
    line: int
    message: str
    # A warning is logged (so `--strict` still fails); an error stops every build.
    warning: bool = False
    # A fatal error leaves nothing sound to check further (an unreadable .bib).
    fatal: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def report(problems: list[Problem]) -> str:
    """One message listing every error of the build, in file and line order."""
    errors = sorted((p for p in problems if not p.warning), key=lambda p: (p.path, p.line))
    noun = "problem" if len(errors) == 1 else "problems"
    return f"{len(errors)} {noun} to fix before the site can build:\n" + "\n".join(f"  {p}" for p in errors)
