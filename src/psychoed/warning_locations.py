"""Give MkDocs' own link warnings the file and line an editor needs: docs/index.md:14: ...

MkDocs names the page of a broken link but not its line, and names a broken nav entry
without saying it is in mkdocs.yml.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path

from psychoed.project_files import display_path

# MkDocs 1.6 messages (mkdocs/structure/pages.py, nav.py), as of the pinned version.
_PAGE_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a link to |an? (?:\w+ )*link )'(?P<link>[^']*)'")
_NAV_ENTRY = re.compile(r"^A reference to '(?P<link>[^']*)' is included in the 'nav' configuration")
_NOT_FOUND = "is not found among documentation files."


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
    file name, as every article shares its folder's), or None below `cutoff`."""
    by_stem = {posixpath.splitext(posixpath.basename(page))[0]: page for page in reversed(pages)}
    stem = posixpath.splitext(posixpath.basename(name))[0]
    nearest = difflib.get_close_matches(stem, list(by_stem), n=1, cutoff=cutoff)
    return by_stem[nearest[0]] if nearest else None


# A link to a page since renamed: the page whose name is nearest, as the link to write.
def _link_to_nearest(docs_dir: Path, page: str, link: str) -> str:
    address, _, anchor = link.partition("#")
    folder = posixpath.dirname(page)
    pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
    nearest = nearest_page(posixpath.normpath(posixpath.join(folder, address)), pages, cutoff=0.75)
    if nearest is None:
        return ""
    written = posixpath.relpath(nearest, folder or ".") + (f"#{anchor}" if anchor else "")
    return f" The page nearest that name is '{nearest}': link to it as '{written}'."
