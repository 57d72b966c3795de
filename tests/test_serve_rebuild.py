"""Under `mkdocs serve` the hook modules stay loaded between rebuilds: a fixed file must
clear its error, and nothing may leak from one build into the next. `make serve` keeps
serving through a failed build and rebuilds when any file the build reads is saved: only
the saved page when no other page shows the change, as a full rebuild would give it."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from conftest import ARTICLE, ROOT, line_of
from psychoed.page_only_rebuilds import changed_files, full_rebuild_reason, merged_search_index, take_snapshot
from psychoed.references.pandoc_runs import apa_style_path


def build_in_process(project):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)


def test_fixed_file_clears_its_error_on_the_next_rebuild(site_copy, caplog, monkeypatch):
    monkeypatch.chdir(site_copy)
    article = site_copy / ARTICLE
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("[@inwood2018]", "[@inwod2018]"), encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(site_copy)
    assert "unknown citation key 'inwod2018'" in caplog.text

    caplog.clear()
    article.write_text(good, encoding="utf-8")
    build_in_process(site_copy)
    assert "inwod2018" not in caplog.text
    html = (site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html").read_text(
        encoding="utf-8"
    )
    assert html.count('id="ref-inwood2018"') == 1


def test_rebuild_with_unchanged_citations_starts_no_pandoc_and_gives_the_same_html(site_copy, monkeypatch):
    monkeypatch.chdir(site_copy)
    page = site_copy / "site" / "articles" / "how-can-self-compassion-help-me" / "index.html"
    build_in_process(site_copy)
    first = page.read_text(encoding="utf-8")

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc started for a run the last build formatted")

    # The module the hooks imported, which `serve` keeps between builds.
    monkeypatch.setattr(sys.modules["psychoed.references.pandoc_runs"], "format_run", no_pandoc)
    build_in_process(site_copy)
    assert page.read_text(encoding="utf-8") == first


# ---------------------------------------------------------------------------------------
# `make serve` (tools/serve.py) as an editor runs it
# ---------------------------------------------------------------------------------------


class Served:
    """`tools/serve.py` running in `project`, its log read as it comes."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tools" / "serve.py"), "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        output = self.process.stdout
        assert output is not None  # stdout=PIPE
        threading.Thread(target=lambda: self.log.extend(iter(output.readline, "")), daemon=True).start()

    def wait_for(self, text: str, *, after: int = 0, timeout: float = 60) -> int:
        """The index of the first log line from `after` on that holds `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, line in enumerate(self.log[after:], start=after):
                if text in line:
                    return index
            assert self.process.poll() is None, "serve exited:\n" + "".join(self.log)
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in {timeout} s:\n" + "".join(self.log))

    def ready(self) -> int:
        """The index of the "Serving on" line, from which serve sees saves: MkDocs starts its
        watcher first, and watchdog's polling watcher takes its first look at the files as
        it starts, before it returns (`test_a_file_saved_as_serve_starts_is_seen` pins that)."""
        return self.wait_for("Serving on")

    def wait_for_rebuild(self, *, after: int) -> int:
        """The index of the line ending the first rebuild from `after` on, which must have built.

        "Reloading browsers" ends every rebuild; "Documentation built" was missing from one
        that took as long as an earlier one, before serve cleared MkDocs' DuplicateFilter."""
        reloaded = self.wait_for("Reloading browsers", after=after)
        assert "The site was not rebuilt" not in "".join(self.log[after:reloaded]), "".join(self.log)
        return reloaded

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")


@pytest.fixture
def served(site_copy):
    """`served()` starts serve once the test has set the project up; stopped after it."""
    started: list[Served] = []

    def start() -> Served:
        started.append(Served(site_copy))
        return started[-1]

    yield start
    for server in started:
        server.process.terminate()
        server.process.wait(timeout=30)


def test_a_file_saved_as_serve_starts_is_seen(tmp_path):
    # What Served.ready() relies on: serve starts its watcher before it says "Serving on",
    # and the watcher has looked at the files once its start returns.
    page = tmp_path / "page.md"
    page.write_text("as first seen", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    seen = threading.Event()

    class Seen(FileSystemEventHandler):
        def on_modified(self, event: FileSystemEvent) -> None:
            seen.set()

    server.observer.schedule(Seen(), str(tmp_path), recursive=True)
    server.observer.start()
    try:
        page.write_text("saved at once", encoding="utf-8")
        assert seen.wait(timeout=10), "a save made as the watcher started went unseen"
    finally:
        server.observer.stop()
        server.observer.join()


def test_serve_keeps_serving_through_a_broken_bibliography_or_mkdocs_yml_and_rebuilds_when_fixed(site_copy, served):
    bib = site_copy / "references.bib"
    good = bib.read_text(encoding="utf-8")
    bib.write_text(good.replace("number  = {2},", "number  = {2,", 1), encoding="utf-8")
    # A style of the editor's own: serve must watch it too.
    (site_copy / "styles").mkdir()
    shutil.copy(apa_style_path(), site_copy / "styles" / "apa.csl")
    config = site_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      bib_file: references.bib\n", "      bib_file: references.bib\n      csl_file: styles/apa.csl\n"
        ),
        encoding="utf-8",
    )

    server = served()
    failed = server.wait_for("references.bib:12: unclosed brace in the entry starting at line 6")
    server.wait_for(
        "The site was not built: fix the problems above and save; serve rebuilds on every save.", after=failed
    )
    watching = server.log[server.wait_for("Watching paths for changes")]
    assert "'references.bib'" in watching and "'styles/apa.csl'" in watching, watching
    server.ready()
    # Nothing built yet: the browser shows the problems, not "404 Not Found", on every page.
    assert "references.bib:12: unclosed brace in the entry starting at line 6" in server.get("")
    with pytest.raises(urllib.error.HTTPError) as missing:
        server.get("articles/how-can-self-compassion-help-me/")
    assert "references.bib:12: unclosed brace" in missing.value.read().decode("utf-8")
    # Saved with another mistake: the browser shows the problems of this save, not the first's.
    bib.write_text(good.replace("volume  = {95},", "volume  = {95,", 1), encoding="utf-8")
    failed = server.wait_for("The site was not built", after=server.wait_for("Detected file changes", after=failed))
    shown = server.get("")
    assert "unclosed brace in the entry starting at line 17" in shown, shown
    assert "entry starting at line 6" not in shown, shown

    bib.write_text(good, encoding="utf-8")
    rebuilt = server.wait_for_rebuild(after=server.wait_for("Detected file changes", after=failed))
    assert 'id="ref-inwood2018"' in server.get("articles/how-can-self-compassion-help-me/")

    # mkdocs.yml saved with a list never closed: its message, and serve goes on.
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace('numbers: ["988"]', 'numbers: ["988"'), encoding="utf-8")
    broken = server.wait_for("Fix mkdocs.yml and save it; serve rebuilds on every save.", after=rebuilt)
    assert re.search(r"mkdocs\.yml:\d+: not valid YAML; check this line", "".join(server.log[rebuilt:broken]))
    config.write_text(settings, encoding="utf-8")
    server.wait_for_rebuild(after=server.wait_for("Detected file changes", after=broken))
    assert 'id="ref-inwood2018"' in server.get("articles/how-can-self-compassion-help-me/")
    assert "Traceback" not in "".join(server.log)


# ---------------------------------------------------------------------------------------
# Page-only rebuilds: a save that changes a page's text renders that page alone
# ---------------------------------------------------------------------------------------

ARTICLE_URL = "articles/how-can-self-compassion-help-me/"
REBUILT_ARTICLE_ALONE = "Rebuilding only the pages saved since the last build: " + ARTICLE


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuild(server: Served, *, after: int) -> tuple[str, int]:
    """The log of the rebuild that a save after log line `after` started, which must have
    built, and the index of the line after it."""
    detected = server.wait_for("Detected file changes", after=after)
    reloaded = server.wait_for_rebuild(after=detected)
    return "".join(server.log[detected:reloaded]), reloaded + 1


def failed_rebuild(server: Served, *, after: int) -> tuple[str, int]:
    """The log of the rebuild that a save after log line `after` started, which must have
    stopped at a problem, and the index of its last line."""
    detected = server.wait_for("Detected file changes", after=after)
    failed = server.wait_for("The site was not rebuilt", after=detected)
    return "".join(server.log[detected:failed]), failed


def without_livereload(page: str) -> str:
    """A served page as the build wrote it: serve adds its reload script before </body>."""
    return re.sub(r"<script>(?:(?!</script>).)*</script>(?=</body>)", "", page, flags=re.DOTALL)


def search_pages(server: Served) -> dict[str, int]:
    """Each page of the served search index, with how often its page-level entry appears."""
    index = json.loads(server.get("search/search_index.json"))
    return dict(Counter(entry["location"] for entry in index["docs"] if "#" not in entry["location"]))


SERVED_PAGES = {
    "": 1,
    ARTICLE_URL: 1,
    "practices/what-do-i-need/": 1,
    "consultation/": 1,
    "disclaimer/": 1,
    "about-our-content/": 1,
    "privacy/": 1,
}


def test_prose_edit_renders_only_that_page_and_it_is_the_page_a_full_rebuild_gives(site_copy, served):
    server = served()
    started = server.ready()
    assert search_pages(server) == SERVED_PAGES

    # A paragraph with a citation the page had not made: formatted by pandoc in the rebuild.
    save(
        site_copy / ARTICLE, "## How Can We Practice", "Kindness helps [@inwood2018, p. 220].\n\n## How Can We Practice"
    )
    rebuilt, end = rebuild(server, after=started)
    assert REBUILT_ARTICLE_ALONE + "\n" in rebuilt and "Rebuilding every page" not in rebuilt, rebuilt
    page = server.get(ARTICLE_URL)
    assert 'Kindness helps (<a href="#ref-inwood2018">Inwood &amp; Ferrari, 2018, p. 220</a>).' in page
    assert page.count('id="ref-inwood2018"') == 1
    # The navigation's label of a page this rebuild did not render: its front matter's title.
    assert "Practice: What Do I Need?" in page
    index = server.get("search/search_index.json")
    assert search_pages(server) == SERVED_PAGES
    assert "Kindness helps" in index

    # mkdocs.yml saved (a line added) renders every page again: the same page, the same index.
    config = site_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rebuilt, end = rebuild(server, after=end)
    assert "Rebuilding every page: mkdocs.yml changed" in rebuilt, rebuilt
    assert without_livereload(server.get(ARTICLE_URL)) == without_livereload(page)
    assert server.get("search/search_index.json") == index

    # references.bib saved as it was: no page to make again, and the terminal says so.
    bib = site_copy / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8"), encoding="utf-8")
    rebuilt, _ = rebuild(server, after=end)
    assert "No page changed since the last build: every page is kept as it was" in rebuilt, rebuilt
    assert without_livereload(server.get(ARTICLE_URL)) == without_livereload(page)


def test_title_new_page_front_matter_and_bibliography_rebuild_every_page_which_shows_them(site_copy, served):
    server = served()
    end = server.ready()
    article = site_copy / ARTICLE

    # The title, in the front matter and the heading: every page's navigation and the Home page's list.
    save(article, "title: How Can Self-Compassion Help Me?", "title: How Does Self-Compassion Help?")
    save(article, "# How Can Self-Compassion Help Me?", "# How Does Self-Compassion Help?")
    rebuilt, end = rebuild(server, after=end)
    assert f"Rebuilding every page: the title or front matter of {ARTICLE} changed" in rebuilt, rebuilt
    assert "How Does Self-Compassion Help?" in server.get("")
    assert "How Does Self-Compassion Help?" in server.get("practices/what-do-i-need/")
    assert "How Can Self-Compassion Help Me?" not in server.get("disclaimer/")

    # A new article: listed on the Home page, in every page's navigation and in search.
    new = site_copy / "docs/articles/what-is-self-kindness.md"
    new.write_text(
        article.read_text(encoding="utf-8")
        .replace("How Does Self-Compassion Help?", "What Is Self-Kindness?")
        .replace("description: What research says", "description: What studies say"),
        encoding="utf-8",
    )
    rebuilt, end = rebuild(server, after=end)
    assert "Rebuilding every page: docs/articles/what-is-self-kindness.md is new" in rebuilt, rebuilt
    assert "What Is Self-Kindness?" in server.get("")
    assert "What Is Self-Kindness?" in server.get("disclaimer/")
    assert search_pages(server) == {**SERVED_PAGES, "articles/what-is-self-kindness/": 1}

    # A review date, in the front matter: the Home page's list shows it.
    save(article, "last_reviewed: 2026-11-25", "last_reviewed: 2026-11-30")
    rebuilt, end = rebuild(server, after=end)
    assert f"Rebuilding every page: the title or front matter of {ARTICLE} changed" in rebuilt, rebuilt
    assert "November 30, 2026" in server.get("")

    # The bibliography: the reference lists show the entry as it now is.
    save(site_copy / "references.bib", "A Systematic Review}", "A Systematic Review of Studies}")
    rebuilt, end = rebuild(server, after=end)
    assert "Rebuilding every page: references.bib changed" in rebuilt, rebuilt
    assert "A systematic review of studies" in server.get(ARTICLE_URL)
    assert search_pages(server) == {**SERVED_PAGES, "articles/what-is-self-kindness/": 1}

    # A mistake in the details: every page is checked again, and the site served as it was.
    save(new, "author: Grow True Psychology", "author: Grow True Psychology\nreviewer: Dr. Lee")
    failed = server.wait_for("The site was not rebuilt", after=end)
    assert "docs/articles/what-is-self-kindness.md:5: " in "".join(server.log[end:failed])
    assert "What Is Self-Kindness?" in server.get("disclaimer/")
    assert search_pages(server) == {**SERVED_PAGES, "articles/what-is-self-kindness/": 1}

    # Deleted.
    new.unlink()
    rebuilt, end = rebuild(server, after=failed)
    assert "Rebuilding every page: docs/articles/what-is-self-kindness.md was deleted" in rebuilt, rebuilt
    assert "What Is Self-Kindness?" not in server.get("disclaimer/")
    assert search_pages(server) == SERVED_PAGES
    assert "Traceback" not in "".join(server.log)


def test_mistakes_of_any_page_are_told_at_their_line_in_a_page_only_rebuild_and_cleared_by_the_fix(site_copy, served):
    server = served()
    end = server.ready()
    article, disclaimer = site_copy / ARTICLE, site_copy / "docs/disclaimer.md"

    save(article, "[@inwood2018]", "[@inwod2018]")
    failed = server.wait_for("The site was not rebuilt", after=end)
    assert re.search(rf"{ARTICLE}:\d+: unknown citation key 'inwod2018'", "".join(server.log[end:failed]))

    # Another page saved: its rebuild checks every page, and still names the article's mistake.
    save(disclaimer, "Please note that", "Please note that")
    told, failed = failed_rebuild(server, after=failed)
    assert "Rebuilding every page" not in told
    assert re.search(rf"{ARTICLE}:\d+: unknown citation key 'inwod2018'", told), told

    # A link to a heading another page does not have, from a page rendered alone: MkDocs
    # check reads that page's headings, kept from the build that rendered it.
    save(article, "[@inwod2018]", "[@inwood2018]")
    save(
        article,
        "## What the research says",
        "See [the crisis note](../consultation.md#crisis).\n\n## What the research says",
    )
    told, failed = failed_rebuild(server, after=failed)
    assert "Rebuilding every page" not in told
    assert re.search(rf"{ARTICLE}:\d+: .*'#crisis'", told), told

    save(article, "../consultation.md#crisis", "../consultation.md")
    rebuilt, _ = rebuild(server, after=failed)
    # That rebuild had written the page when MkDocs' check stopped it: this one renders all.
    assert "Rebuilding every page: the last build did not finish" in rebuilt, rebuilt
    page = server.get(ARTICLE_URL)
    assert '<a href="../../consultation/">the crisis note</a>' in page
    assert page.count('id="ref-inwood2018"') == 1
    assert search_pages(server) == SERVED_PAGES
    assert "Traceback" not in "".join(server.log)


def test_a_saved_template_shows_on_every_page_and_a_broken_one_is_told_at_its_line_while_serve_goes_on(
    site_copy, served
):
    server = served()
    watching = server.log[server.wait_for("Watching paths for changes")]
    assert "'overrides'" in watching, watching
    end = server.ready()
    main = site_copy / "overrides" / "main.html"

    # The theme's custom_dir is watched: a save there renders every page with it.
    save(main, "{% block extrahead %}", '{% block extrahead %}<meta name="gt-edited" content="1">')
    rebuilt, end = rebuild(server, after=end)
    assert "Rebuilding every page: overrides/main.html changed" in rebuilt, rebuilt
    for url in SERVED_PAGES:
        assert '<meta name="gt-edited" content="1">' in server.get(url), url

    # A Jinja mistake: one message at its line; the site is served as it was.
    save(main, '<meta name="gt-edited" content="1">', "{% if %}")
    told, failed = failed_rebuild(server, after=end)
    assert f"overrides/main.html:{line_of(main, '{% if %}')}: Jinja cannot read this line: " in told, told
    assert '<meta name="gt-edited" content="1">' in server.get(ARTICLE_URL)

    save(main, "{% if %}", '<meta name="gt-edited" content="2">')
    rebuilt, _ = rebuild(server, after=failed)
    assert "Rebuilding every page: overrides/main.html changed" in rebuilt, rebuilt
    assert '<meta name="gt-edited" content="2">' in server.get(ARTICLE_URL)
    assert "Traceback" not in "".join(server.log)


# ---------------------------------------------------------------------------------------
# What decides it (psychoed.page_only_rebuilds), without serve
# ---------------------------------------------------------------------------------------


def snapshot_of(project: Path):
    return take_snapshot(project / "docs", [project / "mkdocs.yml", project / "references.bib"], project_dir=project)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("Self-compassion is a practice", "Self-compassion is a habit", None),
        ("## What the research says", "## What studies say", None),
        ("# How Can Self-Compassion Help Me?", "# How Does Self-Compassion Help?", "the title or front matter of"),
        (
            "# How Can Self-Compassion Help Me?\n",
            "Self-compassion, in short.\n\n# How Can Self-Compassion Help Me?\n",
            "the title or front matter of",
        ),
        ("review_due: 2029-11-25", "review_due: 2029-11-26", "the title or front matter of"),
    ],
)
def test_a_page_edit_needs_every_page_rebuilt_only_when_its_title_or_front_matter_changes(site_copy, old, new, reason):
    built = snapshot_of(site_copy)
    save(site_copy / ARTICLE, old, new)
    now = snapshot_of(site_copy)
    assert full_rebuild_reason(built, now) == (reason and f"{reason} {ARTICLE} changed")
    assert changed_files(built, now) == {"articles/how-can-self-compassion-help-me.md"}


def test_new_and_deleted_files_need_every_page_rebuilt_but_an_editors_hidden_swap_file_does_not(site_copy):
    built = snapshot_of(site_copy)
    (site_copy / "docs/articles/.how-can-self-compassion-help-me.md.swp").write_bytes(b"\0vim")
    assert full_rebuild_reason(built, snapshot_of(site_copy)) is None
    (site_copy / "docs/privacy.md").rename(site_copy / "docs/our-privacy.md")
    assert full_rebuild_reason(built, snapshot_of(site_copy)) == "docs/our-privacy.md is new"
    (site_copy / "docs/our-privacy.md").unlink()
    assert full_rebuild_reason(built, snapshot_of(site_copy)) == "docs/privacy.md was deleted"
    assert full_rebuild_reason(None, built) == "the last build did not finish"


def test_search_index_of_a_page_only_rebuild_replaces_the_rebuilt_pages_entries_in_place():
    def index(*locations: str) -> str:
        return json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": at, "title": at} for at in locations]})

    previous = index("", "#articles", "a/", "a/#one", "b/")
    # The Home page (location "") rebuilt alone: its entries only, not every page's.
    merged = json.loads(merged_search_index(previous, index("", "#new"), pages={""}))
    assert [entry["location"] for entry in merged["docs"]] == ["", "#new", "a/", "a/#one", "b/"]
    # A page that lost a heading, and one rebuilt with no entry left.
    merged = json.loads(merged_search_index(previous, index("a/"), pages={"a/", "b/"}))
    assert [entry["location"] for entry in merged["docs"]] == ["", "#articles", "a/"]
