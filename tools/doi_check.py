"""`make check-dois`: every DOI in references.bib is registered, asked of doi.org.

For the weekly workflow, never for `make test` or the build (no network there). The build
already checks each DOI's form; this asks https://doi.org/<doi> (HEAD, then GET) without
following the redirect: a registered DOI redirects to its publisher, an unknown one is 404.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from link_report import BrokenLink, OnlineCheck, report
from psychoed.references.bibliography import Bibliography, load_bibliography
from psychoed.references.doi import DOI_RESOLVER, doi_problem, doi_url
from url_check import UrlChecker, add_online_arguments, with_cached_checker

# What doi.org's answer means for the DOI where the generic advice would mislead: only
# doi.org is asked, never the publisher, so its refusal is of the robot, not of the DOI.
_REFUSED = "doi.org refused the robot, which says nothing of the DOI; open the link in a browser, and run `make check-dois` again later"
ADVICE = {
    401: _REFUSED,
    403: _REFUSED,
    404: "not a registered DOI; copy it again from the publisher's page",
}


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


def check_dois(dois: list[tuple[str, str]], checker: UrlChecker, *, resolver: str = DOI_RESOLVER) -> OnlineCheck:
    """Ask doi.org about each `(where, doi)`; `where` names the file, line and entry."""
    result = OnlineCheck("DOIs")
    for where, doi in dois:
        if problem := doi_problem(doi):
            result.skipped.append(f"{where}: {problem} (the build reports it)")
            continue
        url = doi_url(doi, resolver=resolver)
        outcome = checker.check(url, follow_redirects=False)
        detail = f"{outcome.status}: {ADVICE[outcome.status]}" if outcome.status in ADVICE else outcome.detail
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


if __name__ == "__main__":
    sys.exit(main())
