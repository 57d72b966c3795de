"""`make links-external`: every external URL of the built site still answers.

For the weekly workflow (`.github/workflows/links.yml`), never for `make test`. Reads the
built site (`make build` first) and asks each external URL once, however many pages link
it. DOI links are asked of doi.org without following its redirect to the publisher:
publishers refuse robots, and a registered DOI is what the reader's click needs first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html

from link_report import BrokenLink, OnlineCheck, report
from site_links import site_address
from url_check import UrlChecker, add_online_arguments, with_cached_client

# Hosts that refuse automated clients whatever the page, with why; check their links by
# hand. Matched with their subdomains. Keep it short: every entry is a blind spot.
ROBOT_REFUSING_HOSTS = {
    "linkedin.com": "answers 999 to every client that is not signed in",
    "researchgate.net": "a Cloudflare bot challenge (403) for every non-browser client",
    "onlinelibrary.wiley.com": "a Cloudflare bot challenge (403); cite Wiley works by DOI, which is checked at doi.org",
    "tandfonline.com": "a Cloudflare bot challenge (403); cite Taylor & Francis works by DOI, which is checked at doi.org",
    "psycnet.apa.org": "403 for robots; cite APA PsycNet records by DOI, which is checked at doi.org",
}
# Every page's edit link (src/psychoed/pages/edit_link.py): GitHub's web editor answers a
# visitor who is not signed in with its sign-in page, whatever the file.
EDIT_LINK = re.compile(r"^https://github\.com/[^/]+/[^/]+/edit/")
# Reserved for documentation by RFC 2606 and RFC 6761: placeholders, never real pages.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example", "test", "invalid", "localhost")
# Every place a page can point outside the site.
LINK_ATTRIBUTES = "//a/@href | //area/@href | //img/@src | //script/@src | //link/@href | //source/@src | //iframe/@src"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    add_online_arguments(parser)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 2
    result = with_cached_client(args, UrlChecker, lambda checker: check_external_links(args.site, checker))
    return report(result, title="External links", markdown=args.report)


def check_external_links(site: Path, checker: UrlChecker) -> OnlineCheck:
    result = OnlineCheck("external URLs")
    for url, pages in sorted(external_links(site).items()):
        if rule := skip_rule(url):
            result.skipped.append(f"{url}: {rule}")
            continue
        outcome = checker.check(url, follow_redirects=not is_doi_url(url))
        result.add(outcome.verdict, outcome.status, [BrokenLink(page, url, outcome.detail) for page in pages])
    return result


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def external_links(site: Path) -> dict[str, list[str]]:
    """Every http(s) URL in the site's pages, with the pages that link it. The site's own
    address (canonical links) is left out: `make links` checks the site itself."""
    own = site_address(site)
    pages_by_url: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        shown = page.relative_to(site).as_posix()
        for value in html.parse(str(page)).getroot().xpath(LINK_ATTRIBUTES):
            url = str(value).strip()
            if urlsplit(url).scheme not in ("http", "https") or (own and url.startswith(own)):
                continue
            if shown not in pages_by_url[url]:
                pages_by_url[url].append(shown)
    return dict(pages_by_url)


def skip_rule(url: str) -> str | None:
    """Why `url` is not asked, or None: a placeholder domain, a robot-refusing host, or the
    page's own edit link."""
    if EDIT_LINK.match(url):
        return "the page's edit link in GitHub's web editor, which asks a visitor to sign in (the repository is the site's own)"
    host = (urlsplit(url).hostname or "").lower()
    if any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS):
        return "a reserved example domain (RFC 2606), a placeholder: put the real address in before publishing"
    for domain, why in ROBOT_REFUSING_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return f"allow-listed, not asked: {why}"
    return None


def is_doi_url(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in ("doi.org", "dx.doi.org")


if __name__ == "__main__":
    sys.exit(main())
