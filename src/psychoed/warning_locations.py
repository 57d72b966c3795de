"""Give MkDocs' own link warnings the file and line an editor needs: docs/index.md:14: ...

MkDocs names the page of a broken link but not its line, and names a broken nav entry
without saying it is in mkdocs.yml; nor, for a link to a missing heading, the one to write.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from psychoed.project_files import display_path
from psychoed.references.reference_list import SECTION_ID, entry_id

# MkDocs 1.6 messages (mkdocs/structure/pages.py, nav.py), as of the pinned version.
_PAGE_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a link to |an? (?:\w+ )*link )'(?P<link>[^']*)'")
_NAV_ENTRY = re.compile(r"^A reference to '(?P<link>[^']*)' is included in the 'nav' configuration")
_NOT_FOUND = "is not found among documentation files."
_NO_ANCHOR = re.compile(
    r"but (?:there is no such anchor on this page|the doc '(?P<target>[^']+)' does not contain an anchor '#[^']*')\.$"
)
# A heading's list is cut here: an editor reads it in one line.
_HEADINGS_SHOWN = 6
# The ids of each page as the build rendered it ((docs_dir, src_uri) -> ids in page order), for
# a broken anchor's message to name the one to write: MkDocs' message names only the broken
# one. `serve` keeps this module: a page rendered again replaces its own.
_page_anchors: dict[tuple[Path, str], list[str]] = {}


def with_location(message: str, *, docs_dir: Path, config_file: Path) -> str:
    """The message with `path:line: ` in front when it is a link warning, else unchanged.
    Paths are shown relative to the folder of `config_file` (mkdocs.yml, or `-f` file),
    as the site's own checks show them."""
    if match := _PAGE_LINK.match(message):
        path = docs_dir / match.group("page")
    elif match := _NAV_ENTRY.match(message):
        path = config_file
    else:
        return message
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return message
    shown = display_path(path, config_file)
    line = link_line(source, match.group("link"))
    if message.endswith(_NOT_FOUND) and "page" in match.groupdict():
        message += _link_to_nearest(docs_dir, match.group("page"), match.group("link"))
    elif "page" in match.groupdict() and (broken := _NO_ANCHOR.search(message)):
        anchors = _page_anchors.get((docs_dir, broken.group("target") or match.group("page")))
        message += anchor_fix(match.group("link"), anchors=anchors) if anchors else ""
    return f"{shown}:{line}: {message}" if line else f"{shown}: {message}"


def link_line(source: str, link: str) -> int | None:
    """The first line where `link` is written as a link target, else where it appears at all."""
    for needle in (f"]({link}", f"]: {link}", f"<{link}>", f'"{link}"', f": {link}", link):
        index = source.find(needle)
        if index >= 0:
            return 1 + source.count("\n", 0, index)
    return None


def nearest_page(name: str, pages: list[str], *, cutoff: float) -> str | None:
    """The page of `pages` whose file name is nearest `name`'s (a page renamed: compared by
    file name, as every article shares its folder's), or None below `cutoff`; a name the
    start of one page's only ('slow-breathing' for 'slow-breathing-for-panic') is that page."""
    by_stem = {posixpath.splitext(posixpath.basename(page))[0]: page for page in reversed(pages)}
    stem = posixpath.splitext(posixpath.basename(name))[0]
    nearest = difflib.get_close_matches(stem, list(by_stem), n=1, cutoff=cutoff)
    started = [page for other, page in by_stem.items() if len(stem) >= 6 and other.startswith(stem)]
    if not nearest and len(started) == 1:
        return started[0]
    return by_stem[nearest[0]] if nearest else None


def record_anchors(*, docs_dir: Path, src_uri: str, ids: Iterable[str], html: str) -> None:
    """Keep the ids of page `src_uri` of `docs_dir` for broken anchors' messages, in the order `html`
    (the page rendered) has them; ids it lacks (a reference list still to come) after them."""

    def position(anchor: str) -> tuple[int, str]:
        index = html.find(f'id="{anchor}"')
        return (index if index >= 0 else len(html), anchor)

    _page_anchors[docs_dir, src_uri] = sorted(ids, key=position)


def anchor_fix(link: str, *, anchors: Sequence[str]) -> str:
    """What to write instead of `link`, whose anchor is not among the target page's
    `anchors` (in page order): the nearest of its headings, a case slip included, else its
    headings; for a cited work's entry (`#ref-neff2003`) the page does not cite, that it does not."""
    address, _, anchor = link.partition("#")
    key = anchor.removeprefix(entry_id(""))
    if key != anchor and SECTION_ID in anchors:
        return f" The page does not cite '{key}': link to a work it cites, or to '#{SECTION_ID}'."
    # Footnotes' ids (`fn:1`, `fnref:1`) and works' entries are not what an editor names.
    headings = [name for name in anchors if ":" not in name and not name.startswith(entry_id(""))]
    by_folded = {name.lower(): name for name in reversed(headings)}
    nearest = difflib.get_close_matches(anchor.lower(), list(by_folded), n=1, cutoff=0.6)
    if nearest:
        heading = by_folded[nearest[0]]
        return f" The heading nearest that name is '#{heading}': link to it as '{address}#{heading}'."
    if not headings:
        return ""
    shown = ", ".join(f"#{name}" for name in headings[:_HEADINGS_SHOWN])
    more = f", and {len(headings) - _HEADINGS_SHOWN} more" if len(headings) > _HEADINGS_SHOWN else ""
    return f" The page has these headings: {shown}{more}."


# A link to a page since renamed: the page whose name is nearest, as the link to write; a
# link to a missing picture or file: where to put it.
def _link_to_nearest(docs_dir: Path, page: str, link: str) -> str:
    address, _, anchor = link.partition("#")
    folder = posixpath.dirname(page)
    pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
    target = posixpath.normpath(posixpath.join(folder, address))
    if not address.endswith(".md"):
        # A picture or a file to download: the fix is the file, put where the address leads.
        return f" Add the file as '{docs_dir.name}/{target}' (in GitHub's web editor: Add file, then Upload files), or correct the address."
    nearest = nearest_page(target, pages, cutoff=0.75)
    if nearest is None:
        return ""
    written = posixpath.relpath(nearest, folder or ".") + (f"#{anchor}" if anchor else "")
    return f" The page nearest that name is '{nearest}': link to it as '{written}'."
