"""Compare two builds of the site file by file: `make properdocs` runs it to prove that
ProperDocs, the drop-in fork of MkDocs 1.x, builds the same pages.

    python tools/compare_builds.py FIRST_SITE SECOND_SITE

Every file must be in both folders with the same bytes, except the `<meta name="generator">`
tag, which names the program that built the page. Exit 0 when the sites match, 1 with one
line per differing file otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from psychoed.html_elements import start_tags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    for site in (args.first, args.second):
        if not site.is_dir():
            print(f"compare_builds: {site} is not a built site; build it first", file=sys.stderr)
            return 2
    differing = differing_files(args.first, args.second, ignore_generator=True)
    for line in differing:
        print(line)
    count = sum(1 for p in args.first.rglob("*") if p.is_file())
    if differing:
        print(
            f"compare_builds: {len(differing)} of {count} files differ between {args.first} and {args.second}",
            file=sys.stderr,
        )
        return 1
    print(f"compare_builds: {count} files, the same in {args.first} and {args.second} but for the generator tag")
    return 0


def differing_files(first: Path, second: Path, *, ignore_generator: bool = False) -> list[str]:
    """Every file present in only one site, or with different bytes (once each HTML page's
    `<meta name="generator">` is taken out, with `ignore_generator`), as `path: why`
    relative to the site."""
    differing = []
    for path in sorted(
        {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
        | {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    ):
        a, b = first / path, second / path
        if not (a.is_file() and b.is_file()):
            differing.append(f"{path}: only in {first if a.is_file() else second}")
        elif a.read_bytes() != b.read_bytes() and not (
            ignore_generator and _without_generator(a) == _without_generator(b)
        ):
            differing.append(f"{path}: different content")
    return differing


# "mkdocs-1.6.1, mkdocs-material-9.8.2" against "mkdocs-ProperDocs 1.6.7, ...": the page
# without the tag that names the program that built it.
def _without_generator(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    if path.suffix != ".html":
        return text
    for tag in reversed(start_tags(text)):
        if tag.name == "meta" and tag.attributes.get("name") == "generator":
            text = text[: tag.start] + text[tag.end :]
    return text


if __name__ == "__main__":
    sys.exit(main())
