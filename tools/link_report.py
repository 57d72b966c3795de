"""How every link check reports what it found: `page -> link (reason)`, one per line."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BrokenLink:
    # Where the link was found, as the reader of the report looks for it:
    # `articles/x/index.html:671` or `references.bib:13 (inwood2018)`.
    where: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where} -> {self.link} ({self.reason})"


@dataclass
class OnlineCheck:
    """What an online check found: broken links fail it, unverified ones are only reported."""

    what: str  # "external URLs", "DOIs"
    checked: int = 0
    # How many got any HTTP answer: none at all means the network, not the links, is down.
    answered: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    unverified: list[BrokenLink] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, verdict: str, status: int | None, found: list[BrokenLink]) -> None:
        """Count one asked URL and file the places it was found under its verdict."""
        self.checked += 1
        if status is not None:
            self.answered += 1
        if verdict == "broken":
            self.broken += found
        elif verdict == "unverified":
            self.unverified += found

    @property
    def network_down(self) -> bool:
        return self.checked > 0 and self.answered == 0

    @property
    def summary(self) -> str:
        return (
            f"{self.checked} {self.what} asked: {len(self.broken)} broken, "
            f"{len(self.unverified)} unverified (not failing), {len(self.skipped)} skipped by rule"
        )


def terminal_lines(title: str, broken: Iterable[BrokenLink]) -> list[str]:
    """The lines a maintainer reads in a terminal or a CI log, sorted by page."""
    found = sorted(broken, key=lambda link: (link.where, link.link))
    if not found:
        return []
    return [f"{title}: {len(found)}", *(f"  {link}" for link in found)]


def markdown_section(title: str, result: OnlineCheck) -> str:
    """The part of the weekly GitHub issue that one check writes."""
    found = sorted(result.broken, key=lambda link: (link.where, link.link))
    lines = [f"## {title}", "", result.summary + ".", ""]
    lines += [f"- `{link.where}` -> {link.link} ({link.reason})" for link in found]
    notes = [f"unverified: `{link.where}` -> {link.link} ({link.reason})" for link in result.unverified]
    notes += [f"skipped: {rule}" for rule in result.skipped]
    if notes:
        lines += ["", "<details><summary>Not counted as broken</summary>", ""]
        lines += [f"- {note}" for note in notes]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def report(result: OnlineCheck, *, title: str, markdown: Path | None) -> int:
    """Print the findings and return the exit status. The Markdown section, for the GitHub
    issue, is written only when a link is broken (the workflow opens the issue on it)."""
    if markdown:
        markdown.unlink(missing_ok=True)
    if result.network_down:
        result.unverified, result.broken = result.broken + result.unverified, []
    for line in terminal_lines(f"{title}, broken", result.broken):
        print(line)
    for line in terminal_lines(f"{title}, unverified (not failing)", result.unverified):
        print(line)
    for rule in result.skipped:
        print(f"{title}, skipped: {rule}")
    print(f"{title}: {result.summary}")
    if result.network_down:
        print(
            f"{title}: not one of {result.checked} servers answered: the network is down here, not the links",
            file=sys.stderr,
        )
        return 1
    if markdown and result.broken:
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(markdown_section(title, result), encoding="utf-8")
    return 1 if result.broken else 0
