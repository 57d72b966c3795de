"""`make check-dois`: every DOI in references.bib is registered, asked of doi.org.

For the weekly workflow, never for `make test` or the build (no network there). The build
already checks each DOI's form; this asks https://doi.org/<doi> (HEAD, then GET) without
following the redirect: a registered DOI redirects to its publisher, an unknown one is 404.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

from link_report import BrokenLink, OnlineCheck, report
from url_check import UrlChecker, add_online_arguments, with_cached_checker

# The bibliography reader and the DOI form check live beside the MkDocs hooks.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from bibliography import Bibliography, load_bibliography  # noqa: E402
from doi import doi_problem  # noqa: E402

RESOLVER = "https://doi.org/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib", type=Path, nargs="?", default=Path("references.bib"))
    add_online_arguments(parser)
    args = parser.parse_args(argv)
    bibliography = load_bibliography(args.bib, display_path=str(args.bib))
    if not bibliography.readable:
        for problem in bibliography.problems:
            print(problem, file=sys.stderr)
        return 2
    result = with_cached_checker(args, lambda checker: check_dois(dois_of(bibliography), checker))
    return report(result, title="DOIs", markdown=args.report)


def check_dois(dois: list[tuple[str, str]], checker: UrlChecker, *, resolver: str = RESOLVER) -> OnlineCheck:
    """Ask doi.org about each `(where, doi)`; `where` names the file, line and entry."""
    result = OnlineCheck("DOIs")
    for where, doi in dois:
        if problem := doi_problem(doi):
            result.skipped.append(f"{where}: {problem} (the build reports it)")
            continue
        url = doi_url(doi, resolver=resolver)
        outcome = checker.check(url, follow_redirects=False)
        detail = "404: not a registered DOI; copy it again from the publisher's page" if outcome.status == 404 else outcome.detail
        result.add(outcome.verdict, outcome.status, [BrokenLink(where, url, detail)])
    return result


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def dois_of(bibliography: Bibliography) -> list[tuple[str, str]]:
    """Each entry's DOI with where it is written: `references.bib:13 (inwood2018)`."""
    return [
        (f"{bibliography.path}:{entry.field_lines.get('doi', entry.line)} ({entry.key})", entry.fields["doi"].strip())
        for entry in bibliography.entries.values()
        if "doi" in entry.fields
    ]


# A DOI suffix may hold `<`, `>`, `#`, `?` and `;`: percent-encode all but the plain ones.
def doi_url(doi: str, *, resolver: str = RESOLVER) -> str:
    return resolver + quote(doi, safe="/()._-:")


if __name__ == "__main__":
    sys.exit(main())
