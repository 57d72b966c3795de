"""`make pandoc-page PAGE=docs/articles/x.md`: what pandoc reads and writes for one page's
citations, formatted alone, as the build must print them (MAINTAINING.md, "Citations:
cache and engine").

For a reference or citation that prints wrongly: whether pandoc and the style print it
so, or the site's copy of the entry (its APA defaults written in, pandoc_entries.py), or
the site's reading of pandoc's output. Prints the document on pandoc's standard input,
the entries as its `--bibliography` file holds them, what the site changed in each entry
from references.bib, and pandoc's output. Starts pandoc even where the build's cache
holds the page.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from psychoed.markdown_source import strip_front_matter
from psychoed.problems import Problem
from psychoed.project_files import bib_file, csl_file, display_path, missing_style, no_bibliography_problem, read_page
from psychoed.references.bibliography import Entry, load_bibliography
from psychoed.references.bibtex_plugin import options
from psychoed.references.doi_citations import citations_to_format, doi_keys
from psychoed.references.pandoc_runs import (
    PandocError,
    PandocExchange,
    PandocSources,
    apa_style_path,
    page_alone,
    pandoc_path,
)
from psychoed.settings.config_file import read_config

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path, help="the page's Markdown file, e.g. docs/articles/x.md")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    found = pandoc_exchange(args.page, config_file=args.config)
    if not isinstance(found, PageFormatting):
        print(found, file=sys.stderr)
        return 1
    exchange = found.exchange
    for heading, text in (
        ("pandoc's standard input", exchange.document),
        ("the entries, as its --bibliography file holds them", exchange.bibtex),
        ("what the site changed in each entry from references.bib", "\n".join(found.changes)),
        ("pandoc's output, before the site reads it", exchange.output),
        ("pandoc's warnings", exchange.warnings or "none"),
    ):
        print(f"===== {heading} =====\n{text.rstrip()}\n")
    return 0


@dataclass(frozen=True)
class PageFormatting:
    exchange: PandocExchange
    changes: list[str]  # a line for each entry cited: the fields the site rewrote for pandoc


def pandoc_exchange(page: Path, *, config_file: Path) -> PageFormatting | Problem | str:
    """What pandoc reads and writes for `page` alone, or why it cannot be asked."""
    settings = options(read_config(config_file).get("plugins") or [])
    bib_path = bib_file(config_file, settings)
    if bib_path is None:
        return no_bibliography_problem(config_file)
    if problem := missing_style(config_file, settings):
        return problem
    shown = display_path(bib_path, config_file)
    bibliography = load_bibliography(bib_path, display_path=shown)
    if not bibliography.readable:
        return "\n".join(map(str, bibliography.problems))
    if not page.is_file():
        return f"{page}: no such page; give the path of a Markdown file, e.g. PAGE=docs/articles/x.md"
    source, unreadable = read_page(page, display_path=str(page))
    if source is None:
        return unreadable or f"{page}: cannot be read"
    body, _ = strip_front_matter(source)
    _, blocks = citations_to_format(body, doi_keys(bibliography.entries.values()))
    if not blocks:
        return f"{page}: cites no work, so pandoc formats nothing for it"
    csl_path = str(csl_file(config_file, settings) or apa_style_path())
    sources = PandocSources(bibliography.entries, bib_path.read_text(encoding="utf-8"), csl_path)
    try:
        exchange = page_alone(blocks, sources=sources, pandoc=pandoc_path())
    except PandocError as error:
        return f"{page}: {error}"
    cited = dict.fromkeys(key for block in blocks for key in block.keys)
    entries = bibliography.entries
    unknown = [
        f"{key}: not in {shown}, so pandoc prints '{key}?' (the build names it)" for key in cited if key not in entries
    ]
    return PageFormatting(exchange, site_changes(entries[key] for key in cited if key in entries) + unknown)


def site_changes(entries: Iterable[Entry]) -> list[str]:
    """For each entry, its type and the fields the site rewrote for pandoc, as BibTeX reads
    them in references.bib (a month's `jul` is July) and as handed on. Not listed: TeX
    commands written as the characters they stand for, and `useprefix=true` added to every
    entry's options (so that a particle, van or de, is read as APA reads it)."""
    lines = []
    for entry in entries:
        changes = []
        handed = re.match(r"\s*@(?P<type>\w+)", entry.pandoc)
        if handed and handed.group("type").lower() != entry.type:
            changes.append(f"type: @{entry.type} -> @{handed.group('type')}")
        for name in sorted((entry.fields.keys() | entry.printed.keys()) - {"options"}):
            written, handed_on = entry.fields.get(name), entry.printed.get(name)
            if written != handed_on:
                changes.append(f"{name}: {_shown(written)} -> {_shown(handed_on)}")
        lines.append(f"{entry.key}: {'; '.join(changes) or 'no field rewritten'}")
    return lines


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _shown(value: str | None) -> str:
    return "(none)" if value is None else repr(value)


if __name__ == "__main__":
    sys.exit(main())
