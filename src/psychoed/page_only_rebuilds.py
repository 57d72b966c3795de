"""When a `make serve` rebuild may render only the pages saved since the last build, and
the search index such a rebuild leaves.

A page-only rebuild (MkDocs' dirty build) renders the changed pages and keeps every other
page's HTML as the last build wrote it. That is right while nothing the other pages show
of the site has changed: the set of files in docs/, each page's front matter (the Home
page's list, the articles' titles in the navigation, review dates) and its title (a `#`
heading becomes the page's label in the navigation), mkdocs.yml, the bibliography and a
citation style. `SourceSnapshot` holds exactly that; `full_rebuild_reason` names the first
difference, or None when the changed pages alone may be rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from psychoed.markdown_source import blank_code, find_headings, strip_front_matter


@dataclass(frozen=True)
class SourceSnapshot:
    """What the site was built from, as far as a page other than the changed one shows it."""

    docs: str  # docs/ as the editor names it
    # Each file of docs/ (its src_uri, articles/x.md): for a page, a digest of its front
    # matter and title; for any other file, "" (a changed picture is copied alone).
    shown: Mapping[str, str]
    contents: Mapping[str, str]  # each file of docs/ with a digest of all it holds
    # mkdocs.yml, the bibliography and a csl_file, each with a digest of its content
    # (None: the file is missing).
    inputs: Mapping[str, str | None]


def take_snapshot(docs_dir: Path, inputs: Iterable[Path], *, project_dir: Path) -> SourceSnapshot:
    """The snapshot of `docs_dir` and `inputs` now, named as from `project_dir`."""
    shown, contents = {}, {}
    for path in _site_files(docs_dir):
        src_uri = path.relative_to(docs_dir).as_posix()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue  # an editor's temporary file, renamed over the page as it saves
        contents[src_uri] = hashlib.sha256(data).hexdigest()
        shown[src_uri] = _page_digest(data) if path.suffix == ".md" else ""
    return SourceSnapshot(
        docs=os.path.relpath(docs_dir, project_dir),
        shown=shown,
        contents=contents,
        inputs={os.path.relpath(path, project_dir): _digest(path) for path in inputs},
    )


def full_rebuild_reason(built: SourceSnapshot | None, now: SourceSnapshot) -> str | None:
    """Why every page must be rendered again, or None when the files changed since the site
    was `built` may be rendered alone."""
    if built is None:
        return "the last build did not finish"
    for name, digest in now.inputs.items():
        if name not in built.inputs or built.inputs[name] != digest:
            return f"{name} changed"
    for src_uri in sorted(now.shown.keys() - built.shown.keys()):
        return f"{now.docs}/{src_uri} is new"
    for src_uri in sorted(built.shown.keys() - now.shown.keys()):
        return f"{now.docs}/{src_uri} was deleted"
    for src_uri, digest in now.shown.items():
        if digest != built.shown[src_uri]:
            return f"the title or front matter of {now.docs}/{src_uri} changed"
    return None


def changed_files(built: SourceSnapshot, now: SourceSnapshot) -> set[str]:
    """The files of docs/ (src_uri) whose content changed since the site was `built`.

    MkDocs' dirty build renders a page whose file is newer than the page it wrote, which
    misses a file saved while the last build ran (after MkDocs read it, before it wrote
    the page) and one saved with an older time (copied with its date kept)."""
    return {src_uri for src_uri, digest in now.contents.items() if built.contents.get(src_uri) != digest}


def merged_search_index(previous: str, rebuilt: str, *, pages: Collection[str]) -> str:
    """The site's search index after a page-only rebuild: `previous` (the last build's, as
    Material writes it) with the entries of each rebuilt page (its URL in `pages`) replaced,
    where they stood, by its entries in `rebuilt` (the index of the rebuilt pages alone)."""
    new_entries: dict[str, list[dict]] = {page: [] for page in pages}
    index = json.loads(rebuilt)
    for entry in index["docs"]:
        new_entries.setdefault(_page_of(entry), []).append(entry)
    docs = []
    for entry in json.loads(previous)["docs"]:
        page = _page_of(entry)
        if page in new_entries:
            docs += new_entries.pop(page)  # in place of the first of its old entries
        elif page not in pages:
            docs.append(entry)
    for entries in new_entries.values():
        docs += entries  # a page that had none
    # As Material writes it, so the file is the one a full rebuild would write.
    return json.dumps({**index, "docs": docs}, separators=(",", ":"), default=str)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The files MkDocs reads from docs/: it leaves out those whose name starts with a dot (an
# editor's swap and lock files), and so does the snapshot.
def _site_files(docs_dir: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(docs_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(folder, name) for name in names if not name.startswith(".")]
    return found


# What a page shows on the other pages: its front matter, its level-1 headings, and the
# line its text starts with (MkDocs takes a page's title from a `#` heading only when the
# page starts with it).
def _page_digest(data: bytes) -> str:
    source = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    body, first_line = strip_front_matter(source)
    titles = [h.text for h in find_headings(blank_code(body), first_line=first_line) if h.level == 1]
    opening = next((line for line in body.split("\n") if line.strip()), "")
    parts = [source[: len(source) - len(body)], opening, *titles]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


# The page an entry of the search index belongs to: its location without the heading's anchor.
def _page_of(entry: Mapping[str, str]) -> str:
    return entry["location"].split("#", 1)[0]
