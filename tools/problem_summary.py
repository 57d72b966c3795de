"""The run summary of CI: every problem the build, `make links` and `make prose` printed,
as one Markdown table for $GITHUB_STEP_SUMMARY.

GitHub shows at most 10 error annotations a step and 50 a job; this lists them all. It
reads the lines with the patterns of .github/problem-matcher.json, the same ones that turn
them into annotations, so the table and the annotations never disagree. CI runs it with
the runner's own Python, outside .venv, after a build that may have failed: it imports
nothing but the standard library.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATCHER = ROOT / ".github" / "problem-matcher.json"


@dataclass(frozen=True)
class Annotation:
    file: str
    line: int | None  # None: the file itself (its name, its type) is the problem
    severity: str  # "error" or "warning"
    message: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("logs", type=Path, nargs="*", help="the output of the build, links and prose steps")
    args = parser.parse_args(argv)
    # One log's last line, unended, must not run into the next log's first.
    text = "\n".join(log.read_text(encoding="utf-8", errors="replace") for log in args.logs if log.is_file())
    print(summary(annotations_in(text, matchers(MATCHER))))
    return 0


def matchers(path: Path) -> list[tuple[re.Pattern[str], dict]]:
    """Each matcher's one-line pattern as a Python regular expression, with its settings.

    GitHub runs these patterns with .NET's engine; they use only syntax both read alike
    (classes, lookahead, lazy and greedy repeats), so Python's `re` matches the same lines.
    """
    found = []
    for matcher in json.loads(path.read_text(encoding="utf-8"))["problemMatcher"]:
        [pattern] = matcher["pattern"]
        found.append((re.compile(pattern["regexp"]), {**pattern, "severity": matcher.get("severity", "error")}))
    return found


def annotations_in(text: str, patterns: list[tuple[re.Pattern[str], dict]]) -> list[Annotation]:
    """The annotations GitHub makes of `text`: for each line, the first matcher that matches."""
    found = []
    for line in text.splitlines():
        for regexp, pattern in patterns:
            match = regexp.match(line)
            if match:
                number = int(match.group(pattern["line"])) if "line" in pattern else None
                found.append(
                    Annotation(
                        match.group(pattern["file"]), number, pattern["severity"], match.group(pattern["message"])
                    )
                )
                break
    return found


def summary(found: list[Annotation]) -> str:
    """A Markdown table of every problem, errors first, in file and line order."""
    if not found:
        # Only of the build, links and prose: a failed test is in the Tests step's log, and
        # a step that failed without naming a line (or did not run) says why in its own.
        return "### Problems\n\nThe build, `make links` and `make prose` printed no problem at a file and line. A failed step's log says why it failed.\n"
    ordered = sorted(dict.fromkeys(found), key=lambda a: (a.severity != "error", a.file, a.line or 0))
    errors = sum(a.severity == "error" for a in ordered)
    warnings = len(ordered) - errors
    rows = [
        f"| `{a.file}{'' if a.line is None else f':{a.line}'}` | {a.severity} | {_cell(a.message)} |" for a in ordered
    ]
    return (
        "\n".join(
            [
                f"### Problems: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
                "",
                'Each is also shown at its line on the pull request\'s "Files changed" tab (GitHub shows at most 50 there).',
                "",
                "| where | severity | problem |",
                "| --- | --- | --- |",
                *rows,
            ]
        )
        + "\n"
    )


# A message in a table cell: a `|` would end the cell, `<` could open an HTML tag.
def _cell(message: str) -> str:
    return message.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


if __name__ == "__main__":
    sys.exit(main())
