"""`make serve`: `mkdocs serve` that keeps serving when a build fails, and on a save that
changes only a page's text renders that page alone.

MkDocs' own serve exits when the first build fails, and prints a Python traceback when
mkdocs.yml is saved broken. Here a failed build prints its problems (each
`path:line: message`) and one line saying what to do (in the browser too, while nothing
has built), a broken mkdocs.yml its message; serve goes on watching, and the next save
rebuilds. It watches the theme's overrides/ too (`mkdocs serve` does not, but under
--watch-theme with all of Material's files). Arguments are those of `mkdocs serve`.

Every rebuild checks every file, as a build does. It then renders only the pages saved
since the last build (MkDocs' dirty build) when no other page shows what changed
(psychoed.page_only_rebuilds decides, from a snapshot of the sources); the other pages keep
what the last build read from them, so the rendered pages' navigation, MkDocs' anchor
checks and the search index are those of a full build. A new, deleted or renamed file, a
page's title or front matter, mkdocs.yml, references.bib, a csl_file or the theme's
overrides changed, or a build that stopped after it wrote pages, rebuilds every page and
says why, into a folder of its own: the served site stays as it was if it stops.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import MutableMapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

import mkdocs.commands.serve as serve_command
from jinja2 import Environment
from mkdocs.__main__ import cli
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import DuplicateFilter

from build_site import load_config_located
from psychoed.page_only_rebuilds import (
    SourceSnapshot,
    changed_files,
    full_rebuild_reason,
    merged_search_index,
    take_snapshot,
)
from psychoed.problems import Logged
from psychoed.project_files import bib_file, csl_file, display_path
from psychoed.references.bibtex_plugin import options

log = logging.getLogger("mkdocs.serve")

# Where Material's search plugin writes the index, under the site's folder.
SEARCH_INDEX = Path("search", "search_index.json")
# What MkDocs warns at every dirty build. A page-only rebuild keeps the navigation and
# links right (PageOnlyRebuild), so the warning is not true of it; and strict mode would
# count it as an error.
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


def main(argv: list[str]) -> None:
    # What serve calls for the first build and for every rebuild.
    serve_command.build = build_and_keep_serving
    serve_command.load_config = load_config_or_stop_this_build
    logging.getLogger("mkdocs.commands.build").addFilter(not_the_dirty_build_warning)
    cli(["serve", *argv])


# serve's own `--dirty` is not needed: every rebuild chooses for itself.
def build_and_keep_serving(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    forget_printed_lines()
    snapshot = source_snapshot(config)
    built_from = _served.built_from
    reason = full_rebuild_reason(built_from, snapshot)
    if reason is not None and _served.builds:
        log.info(f"Rebuilding every page: {reason}")
    if built_from is None or reason is not None:
        rebuild = PageOnlyRebuild()
    else:
        rebuild = PageOnlyRebuild(unchanged=_served.pages, changed=changed_files(built_from, snapshot))
    config.plugins["serve/page-only-rebuild"] = rebuild
    served_dir = config.site_dir
    if not rebuild.page_only:
        # MkDocs empties the site's folder before it checks the files: a full rebuild is
        # written to a folder of its own, which takes the served one's place once built.
        config.site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=os.path.dirname(served_dir))
    finished = False
    problems = Logged(logging.ERROR)  # the errors a build logs, as printed
    logging.getLogger("mkdocs").addHandler(problems)
    try:
        build(config, serve_url=serve_url, dirty=rebuild.page_only)
        finished = True
        if config.site_dir != served_dir:
            replace_folder(served_dir, config.site_dir)
        _served.showing_problems = False
    except Abort:
        # Until a build works, the browser shows the problems of the latest save, not the first's.
        nothing_built = _served.showing_problems or not os.path.isfile(os.path.join(served_dir, "index.html"))
        log.error(
            f"The site was not {'built' if nothing_built else 'rebuilt'}: fix the problems above and save; "
            "serve rebuilds on every save."
        )
        if nothing_built:
            show_problems(served_dir, problems.messages)
            _served.showing_problems = True
    finally:
        logging.getLogger("mkdocs").removeHandler(problems)
        if config.site_dir != served_dir:
            shutil.rmtree(config.site_dir, ignore_errors=True)  # a full rebuild that stopped
            config.site_dir = served_dir
        _served.after_build(snapshot if finished else None, rebuild)


# An Abort is what serve's rebuild loop reports as a message, not a traceback; the first
# load, with nothing yet to serve, still ends serve with that message.
def load_config_or_stop_this_build(
    config_file: str | IO[Any] | None = None, *, config_file_path: str | None = None, **options: Any
) -> MkDocsConfig:
    try:
        config = load_config_located(config_file, config_file_path=config_file_path, **options)
    except (ConfigurationError, Abort) as error:
        raise Abort(f"{error}\nFix mkdocs.yml and save it; serve rebuilds on every save.") from error
    watch_overrides(config)
    return config


# The theme's custom_dir (overrides/) is watched as `mkdocs serve --watch overrides` would:
# a saved template rebuilds every page (source_snapshot holds it). --watch-theme would
# also watch Material's own templates and icons, thousands of files no one edits.
def watch_overrides(config: MkDocsConfig) -> None:
    overrides = config.theme.custom_dir
    if overrides and overrides not in config.watch:
        config.watch.append(overrides)


# MkDocs prints each line of its build once a process (its DuplicateFilter), which under
# serve hid the problems of a rebuild when an earlier one had the same: each rebuild
# prints its own, and says that it built.
def forget_printed_lines() -> None:
    for log_filter in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(log_filter, DuplicateFilter):
            log_filter.msgs.clear()


# The served folder's content replaced by `built`'s, at once: serve waits for the build
# before it answers a request.
def replace_folder(served: str, built: str) -> None:
    old = tempfile.mkdtemp(prefix="mkdocs_", dir=os.path.dirname(served))
    os.rename(served, old)  # onto the empty folder: POSIX replaces it
    os.rename(built, served)
    shutil.rmtree(old)


# With no site yet to show (serve started while a file had a mistake), the browser shows
# the problems instead of "404 Not Found" on every page, until a save builds the site.
def show_problems(served: str, messages: list[str]) -> None:
    listed = html.escape("\n".join(messages) or "See the terminal where make serve runs.")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The site was not built</title></head>'
        "<body><h1>The site was not built</h1><p>Fix each problem below at its file and line, then save: "
        "this page shows the site once it builds. The terminal where <code>make serve</code> runs lists "
        f"them too.</p><pre>{listed}</pre></body></html>"
    )
    for name in ("index.html", "404.html"):
        Path(served, name).write_text(page, encoding="utf-8")


def not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(DIRTY_BUILD_WARNING)


# ---------------------------------------------------------------------------------------
# The served site, from one build to the next
# ---------------------------------------------------------------------------------------


class PageRecord(NamedTuple):
    """What the other pages and MkDocs' checks read of a page: kept from the build that
    rendered it for the rebuilds that do not."""

    title: str | None
    meta: MutableMapping[str, Any]
    anchors: set[str] | None  # the ids a link may point to (`page.md#anchor`)
    links_to_anchors: dict[str, dict[str, str]] | None  # to each page (src_uri), anchor: link


@dataclass
class ServedSite:
    # The sources of the served site, and what its pages showed; None: it must be built in full.
    built_from: SourceSnapshot | None = None
    pages: dict[str, PageRecord] = field(default_factory=dict)
    builds: int = 0
    showing_problems: bool = False  # the served folder holds show_problems' page, no site yet

    def after_build(self, snapshot: SourceSnapshot | None, rebuild: PageOnlyRebuild) -> None:
        """`snapshot`: what the build that just ran was taken from, None if it stopped."""
        self.builds += 1
        if snapshot is not None:
            self.built_from, self.pages = snapshot, rebuild.pages
        elif rebuild.page_only and rebuild.wrote_pages:
            self.built_from = None
        # Any other build that stopped wrote nothing the site serves: it is as it was.


_served = ServedSite()


# The sources a page other than the changed one shows, for psychoed.page_only_rebuilds:
# with the theme's overrides, which serve watches (watch_overrides).
def source_snapshot(config: MkDocsConfig) -> SourceSnapshot:
    config_file = Path(config.config_file_path)
    settings = options(config.plugins)
    inputs = [config_file, bib_file(config_file, settings), csl_file(config_file, settings)]
    overrides = config.theme.custom_dir
    inputs += sorted(path for path in Path(overrides).rglob("*") if path.is_file()) if overrides else []
    return take_snapshot(
        Path(config.docs_dir), [path for path in inputs if path is not None], project_dir=config_file.parent
    )


class PageOnlyRebuild(BasePlugin):
    """Added to every build's plugins by `build_and_keep_serving`: keeps what each page
    showed, and in a page-only rebuild gives it back to the pages MkDocs does not render,
    and puts their entries back into the search index."""

    def __init__(
        self, *, unchanged: dict[str, PageRecord] | None = None, changed: AbstractSet[str] = frozenset()
    ) -> None:
        super().__init__()
        self.page_only = unchanged is not None
        self.unchanged = unchanged or {}
        self.changed = changed
        self.pages: dict[str, PageRecord] = {}  # this build's, for the next
        self.rendered: list[Page] = []
        self.previous_index: str | None = None
        self.wrote_pages = False

    # MkDocs renders a page (copies a file) when its file is newer than what it wrote last:
    # every file whose content changed is made so, whatever its time.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in files:
            if file.src_uri in self.changed and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))
        return files

    # After every page is read and rendered as Markdown, before any is written: in a
    # page-only rebuild, a page MkDocs skipped has no title, front matter or anchors yet.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.wrote_pages = True
        for file in files.documentation_pages(inclusion=InclusionLevel.all):
            if file.page is None:
                continue
            if file.page.markdown is not None:
                self.rendered.append(file.page)
            elif (record := self.unchanged.get(file.src_uri)) is not None:
                restore(file.page, record, files)
            self.pages[file.src_uri] = record_of(file.page)
        if self.page_only:
            index = Path(config.site_dir, SEARCH_INDEX)
            self.previous_index = index.read_text(encoding="utf-8") if index.is_file() else None
            if changed := ", ".join(_source(page, config) for page in self.rendered):
                log.info(f"Rebuilding only the pages saved since the last build: {changed}")
            else:  # a file saved as it was, or touched
                log.info("No page changed since the last build: every page is kept as it was")
        return env

    # After Material's search plugin writes the index of the rendered pages (priority 0),
    # before site_checks.py may stop a strict build (-100): the index always holds every page.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir, SEARCH_INDEX)
        if self.previous_index is None or not index.is_file():
            return
        rebuilt = index.read_text(encoding="utf-8")
        pages = {page.url for page in self.rendered}
        index.write_text(merged_search_index(self.previous_index, rebuilt, pages=pages), encoding="utf-8")


def record_of(page: Page) -> PageRecord:
    links = page.links_to_anchors
    return PageRecord(
        title=page.title,
        meta=page.meta,
        anchors=page.present_anchor_ids,
        links_to_anchors=None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
    )


def restore(page: Page, record: PageRecord, files: Files) -> None:
    page.title = record.title
    page.meta = record.meta
    page.present_anchor_ids = record.anchors
    if record.links_to_anchors is not None:
        page.links_to_anchors = {
            target: anchors
            for uri, anchors in record.links_to_anchors.items()
            if (target := files.get_file_from_path(uri)) is not None
        }


# The page as the editor names it: docs/articles/x.md
def _source(page: Page, config: MkDocsConfig) -> str:
    return display_path(Path(config.docs_dir) / page.file.src_uri, config.config_file_path)


if __name__ == "__main__":
    main(sys.argv[1:])
