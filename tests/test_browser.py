"""What a reader's browser does with the built site: headless Chromium, every page.

Every page of the live site (whatever docs/ holds when the tests are collected) is
audited and loaded as readers load it: these are the `live` tests. What the site's
scripts, styles and policy do (search, the colour switch, the drawer, print) is tried on
the fixture site (tests/fixtures/site), whose pages the tests own.

Debian's chromium, driven by Playwright (never its own browser download) against the
site served on 127.0.0.1 by tools/site_server.py. Without a Chromium these tests are
skipped with the command that installs one; under CI=true they fail instead.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    ViewportSize,
    expect,
    sync_playwright,
)
from pypdf import PdfReader

from conftest import EDIT_REPOSITORY, ROOT, build_site, copy_project
from psychoed.articles.front_matter import read_article, read_front_matter
from site_server import serve

# As DEVELOPERS.md asks for Chromium as root; Playwright adds a fresh --user-data-dir.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "no Chromium found for the browser tests: install Debian's with "
    "`apt-get update && apt-get install -y chromium-headless-shell` (or chromium; or set CHROMIUM=/path/to/chromium)"
)
PHONE: ViewportSize = {"width": 375, "height": 812}
# The phone the issue of reading on a phone was measured on (iPhone 12 to 15).
PHONE_390: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# axe-core rule sets: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CTA = "aside.gt-cta a.gt-cta__button"
# What a pasted embed or a compromised script would add to a page.
INJECTED = (
    '<img src="https://tracker.example/pixel.gif" alt="">'
    '<script src="https://cdn.example/widget.js"></script>'
    '<script>document.documentElement.dataset.injected = "ran"</script>'
)
# Run before the page's own scripts: every load the Content-Security-Policy refuses.
RECORD_VIOLATIONS = """
window.__policyViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__policyViolations.push(
    {directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile}));
"""
CRISIS = "aside.gt-crisis"


def page_sources() -> dict[str, Path]:
    """Every live page's address under the site root (directory URLs), and its Markdown file."""
    sources = {}
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        sources["" if relative == "index" else relative.removesuffix("/index") + "/"] = source
    return sources


def shows_cta(path: str) -> bool:
    """Whether the live article at `path` keeps the call-to-action (`consultation_cta: false` drops it)."""
    source = (ROOT / "docs" / path.rstrip("/")).with_suffix(".md").read_text(encoding="utf-8")
    article, problems = read_article(path.rstrip("/") + ".md", source, path=path)
    assert article is not None, problems
    return article.consultation_cta


# The live site's pages, as found when the tests are collected.
SOURCES = page_sources()
PAGES = list(SOURCES)
ARTICLES = [path for path in PAGES if path.startswith("articles/")]
WITH_CTA = [path for path in ARTICLES if shows_cta(path)]
# The fixture site's pages that the tests of the site's behaviour use.
ARTICLE = "articles/how-can-self-compassion-help-me/"
PRACTICE = "practices/what-do-i-need/"
# A missing address shows the site's 404 page, which readers see too.
MISSING = "no-such-page/"
EVERY_PAGE = [*PAGES, MISSING]


# ---------------------------------------------------------------------------------------
# Fixtures: one browser for the session, one context per way of reading, reused
# ---------------------------------------------------------------------------------------


@dataclass
class Reader:
    """A browser tab set up one way (scheme, width, JavaScript), and what it asked for."""

    page: Page
    origin: str
    javascript: bool
    requests: list[str] = field(default_factory=list)

    # What the browser reported as an error: console errors (a refused load among them)
    # and uncaught exceptions.
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # DevTools' "Disable JavaScript" (what java_script_enabled=False does too), kept
        # switchable so axe can audit the page a reader without JavaScript gets.
        self._devtools = self.page.context.new_cdp_session(self.page)
        self._scripts(enabled=self.javascript)
        self.page.on("console", self._console_error)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console_error(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(
        self, path: str, *, wait_until: Literal["commit", "domcontentloaded", "load", "networkidle"] = "load"
    ) -> Page:
        self.requests.clear()
        self.errors.clear()
        response = self.page.goto(self.origin + path, wait_until=wait_until)
        assert response is not None
        assert response.status == (404 if path == MISSING else 200), f"{path}: HTTP {response.status}"
        return self.page

    def unless_refused_by_policy(self, request: Request) -> None:
        """A load the page's policy refused is reported as a request that failed ("csp")
        without being sent: it never left the browser, so it is not recorded as one."""
        if request.failure == "csp" and request.url in self.requests:
            self.requests.remove(request.url)

    def violations(self) -> list[dict]:
        """The securitypolicyviolation events of the page since it opened."""
        return self.page.evaluate("window.__policyViolations")

    def audit(self, axe: Axe) -> AxeResults:
        """axe-core's findings on the page as it stands, also when scripts were off."""
        # axe's promise never settles while scripts are off: lift that only while it runs,
        # after the page has loaded without them.
        self._scripts(enabled=True)
        try:
            return axe.run(
                self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
            )
        finally:
            self._scripts(enabled=self.javascript)

    def _scripts(self, *, enabled: bool) -> None:
        self._devtools.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})


# Debian's chromium-headless-shell when installed (.ci/run installs it), else chromium: the
# same release built as Chromium's old headless mode, which Playwright itself runs for
# headless tests (microsoft/playwright#33566). It loads and audits these pages for about
# half the CPU time (this file: 37 CPU-seconds, Chromium's included, against 65).
def chromium_path() -> str | None:
    candidate = (
        os.environ.get("CHROMIUM")
        or shutil.which("chromium-headless-shell")
        or shutil.which("chromium")
        or "/usr/bin/chromium"
    )
    return candidate if Path(candidate).is_file() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    # Nothing leaves the machine: Chromium sends every request but to 127.0.0.1 (the served
    # sites, which it never proxies) through a proxy at a port that is bound and never
    # listens, so refuses it. Refused by the network, not intercepted per request, which
    # would cost a round trip through this process and the browser's cache for every file.
    with socket.socket() as refusing, sync_playwright() as playwright:
        refusing.bind(("127.0.0.1", 0))
        proxy = f"--proxy-server=http://127.0.0.1:{refusing.getsockname()[1]}"
        browser = playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_FLAGS, proxy])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def origin(fixture_site: Path) -> Iterator[str]:
    """The fixture site, served: the default site of a `reader`."""
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def live_origin(live_site: Path) -> Iterator[str]:
    """The live site, served, for the `live` tests."""
    with serve(live_site) as url:
        yield url


@pytest.fixture(scope="session")
def reader(browser: Browser, request: pytest.FixtureRequest) -> Iterator:
    """`reader(scheme=..., viewport=..., javascript=..., site=...)`: the one tab kept for
    that setup, on the fixture site or on another served `site` address. Each in its own
    context: its own window, shown as a reader's is (a second tab of a window is hidden,
    and draws no frames), and its own storage, where Material keeps the palette shown."""
    readers: dict[tuple, Reader] = {}
    contexts: list[BrowserContext] = []

    def get(
        *,
        scheme: Literal["light", "dark"] = "light",
        viewport: ViewportSize = DESKTOP,
        javascript: bool = True,
        site: str | None = None,
    ) -> Reader:
        # The fixture site is built only for a test that reads it (`-m live` never does).
        site = site or request.getfixturevalue("origin")
        key = (scheme, viewport["width"], javascript, site)
        if key not in readers:
            context = browser.new_context(color_scheme=scheme, viewport=viewport)
            context.add_init_script(RECORD_VIOLATIONS)
            contexts.append(context)
            page = context.new_page()
            tab = Reader(page, site, javascript)

            # Every request is recorded; the `browser`'s proxy refuses any to another host.
            page.on("request", lambda request: tab.requests.append(request.url))
            page.on("requestfailed", tab.unless_refused_by_policy)
            readers[key] = tab
        return readers[key]

    yield get
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def decoder(browser: Browser) -> Iterator[Page]:
    """A blank tab without the site's policy, where the browser decodes screenshots: one
    for the session, as a tab costs the browser about what a page load does."""
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()  # axe-core's axe.min.js as shipped inside the wheel: no network


# The ways of reading (scheme, the viewport's name in test ids, viewport) each page is
# loaded in for the tests that only read what a load recorded: axe audits the load, the
# privacy and policy tests read what it asked for and reported until its network fell idle.
# Each page is audited in both schemes and both layouts (light on a phone, dark on a
# desktop); the other two pairings, which change the theme's colours and elements but
# nothing of the page's own, on the first page of each layout (`layout`).
AUDITED = [
    ("light", "phone", PHONE),
    ("dark", "desktop", DESKTOP),
    ("dark", "phone", PHONE),
    ("light", "desktop", DESKTOP),
]
PRIVACY = [("light", "phone", PHONE), ("light", "desktop", DESKTOP)]
# The same loads: the policy holds at any phone's width (PHONE_390 is the drawer's and the reading tests').
POLICY = PRIVACY
# The page as the policy and privacy tests read it once its network fell idle.
SETTLED_STATE = """() => ({
    head: [document.head.firstElementChild.httpEquiv, document.head.firstElementChild.nextElementSibling.outerHTML],
    js: document.documentElement.classList.contains('js'),
    hints: [...document.querySelectorAll("link[rel~='preconnect'], link[rel~='dns-prefetch']")].map(link => link.href),
})"""


@dataclass(frozen=True)
class Visit:
    """What one load of a page recorded."""

    scheme: str  # Material's palette on the page (body's data-md-color-scheme)
    axe: AxeResults | None  # for the ways in AUDITED
    # For the ways in PRIVACY and POLICY, once the network fell idle:
    requests: list[str] | None
    errors: list[str] | None
    violations: list[dict] | None
    settled: dict | None  # what SETTLED_STATE reads
    edit_links: list[tuple[bool, str | None]] | None  # each "Edit this page" link: shown?, its address


@pytest.fixture(scope="session")
def visit(reader, axe, live_origin) -> Callable[[str, str, ViewportSize], Visit]:
    """`visit(path, scheme, viewport)`: what the load of the live page in that reader's tab
    recorded. A page is loaded once (per worker) in every way at the same time, each in
    its own tab: the tabs' waits for an idle network overlap the others' work."""
    visits: dict[tuple, Visit] = {}
    settled = [(scheme, viewport["width"]) for scheme, _, viewport in PRIVACY + POLICY]

    def get(path: str, scheme: str, viewport: ViewportSize) -> Visit:
        if (path, scheme, viewport["width"]) not in visits:
            audits = [(way_scheme, way_viewport["width"]) for way_scheme, _, way_viewport in audited(path)]
            ways = {
                (way_scheme, way_viewport["width"]): (way_scheme, way_viewport)
                for way_scheme, _, way_viewport in audited(path) + PRIVACY + POLICY
            }
            tabs = {
                way: reader(scheme=way_scheme, viewport=way_viewport, site=live_origin)
                for way, (way_scheme, way_viewport) in ways.items()
            }
            for tab in tabs.values():
                tab.open(path, wait_until="commit")
            findings = {}
            for way, tab in tabs.items():
                tab.page.wait_for_load_state("load")
                findings[way] = tab.audit(axe) if way in audits else None
            # axe ran while the pages' last requests settled; a request or error it caused
            # would be recorded too, so it can only fail a test, never hide a finding.
            for way, tab in tabs.items():
                if way in settled:
                    tab.page.wait_for_load_state("networkidle")
                visits[(path, *way)] = Visit(
                    tab.page.evaluate("document.body.dataset.mdColorScheme"),
                    findings[way],
                    *(
                        (
                            list(tab.requests),
                            list(tab.errors),
                            tab.violations(),
                            tab.page.evaluate(SETTLED_STATE),
                            [
                                (link.is_visible(), link.get_attribute("href"))
                                for link in tab.page.get_by_role("link", name="Edit this page").all()
                            ],
                        )
                        if way in settled
                        else (None,) * 5
                    ),
                )
        return visits[(path, scheme, viewport["width"])]

    return get


def shares_a_load(path: str) -> pytest.MarkDecorator:
    """The tests that read the `visit`s of one page, run one after another on one worker (conftest.py)."""
    return pytest.mark.xdist_group(f"visits-{path or 'home/'}")


def layout(path: str) -> str:
    """What the theme lays a page out by: the 404 page, an article, or its front matter's template."""
    if path == MISSING:
        return "404"
    if path.startswith("articles/"):
        return "article"
    front_matter, _ = read_front_matter(SOURCES[path].read_text(encoding="utf-8"), path=path)
    return str(front_matter.fields.get("template", "main.html")) if front_matter else "main.html"


# The first page of each layout: audited in all four ways.
FIRST_OF_LAYOUT = set({layout(path): path for path in reversed(EVERY_PAGE)}.values())


def audited(path: str) -> list[tuple[str, str, ViewportSize]]:
    """The ways axe audits a page in: light on a phone and dark on a desktop, and all four
    on the first page of its layout."""
    return AUDITED if path in FIRST_OF_LAYOUT else AUDITED[:2]


def load_cases(ways: Callable[[str], list[tuple[str, str, ViewportSize]]], *, scheme_in_id: bool) -> list:
    """Every page read in each of its `ways(path)`, with ids as `path[-scheme]-viewport`."""
    return [
        pytest.param(
            path,
            scheme,
            viewport,
            marks=shares_a_load(path),
            id="-".join([path, *([scheme] if scheme_in_id else []), name]),
        )
        for path in EVERY_PAGE
        for scheme, name, viewport in ways(path)
    ]


# The browser the tests drive: the one named, else the headless shell, else the browser.
def test_chromium_is_the_one_named_else_the_headless_shell_else_the_browser(tmp_path, monkeypatch):
    for name in ("chromium-headless-shell", "chromium"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROMIUM", raising=False)

    assert chromium_path() == str(tmp_path / "chromium-headless-shell")
    (tmp_path / "chromium-headless-shell").unlink()
    assert chromium_path() == str(tmp_path / "chromium")
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "chromium-headless-shell"))
    assert chromium_path() is None  # named, and missing: not another in its place


# ---------------------------------------------------------------------------------------
# 1. Accessibility
# ---------------------------------------------------------------------------------------


@pytest.mark.live
@pytest.mark.parametrize(("path", "scheme", "viewport"), load_cases(audited, scheme_in_id=True))
def test_axe_finds_no_violation(visit, path, scheme, viewport):
    loaded = visit(path, scheme, viewport)
    # The reader's system setting picks Material's palette: the dark run must really be dark.
    assert loaded.scheme == {"light": "default", "dark": "slate"}[scheme]
    assert loaded.axe.violations_count == 0, loaded.axe.generate_report()


@pytest.mark.live
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_skip_link_is_the_first_stop_of_the_tab_key_and_shows(reader, live_origin, path):
    page = reader(viewport=PHONE, site=live_origin).open(path)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const link = document.activeElement;
        const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        return {skip: link.matches('a.md-skip'), text: link.textContent.trim(), main: !!target && !!target.closest('main')};
    }""")
    assert focused == {"skip": True, "text": "Skip to content", "main": True}
    # Sighted keyboard users see where focus is: the link fades in when focused.
    # Waited for by Playwright, not by a polled string, which the page's policy forbids.
    expect(page.locator("a.md-skip")).to_have_css("opacity", "1")


@pytest.mark.live
@pytest.mark.parametrize("path", WITH_CTA)
def test_consultation_cta_is_reached_with_the_tab_key(reader, live_origin, path):
    page = reader(viewport=PHONE, site=live_origin).open(path)
    assert page.locator(CTA).count() == 1, f"{path}: no {CTA} on the page"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({CTA!r})"):
            break
    else:
        pytest.fail(f"{path}: 80 presses of Tab never reach {CTA}")
    assert page.locator(CTA).is_visible()


# ---------------------------------------------------------------------------------------
# 2. Privacy
# ---------------------------------------------------------------------------------------


@pytest.mark.live
@pytest.mark.parametrize(("path", "scheme", "viewport"), load_cases(lambda path: PRIVACY, scheme_in_id=False))
def test_page_asks_nothing_of_any_other_host(visit, live_origin, path, scheme, viewport):
    loaded = visit(path, scheme, viewport)
    assert loaded.requests, "the recorder saw no request at all"
    assert [url for url in loaded.requests if not url.startswith(live_origin)] == []
    # A connection opened ahead of time tells a host of the visit without any request.
    assert [href for href in loaded.settled["hints"] if not href.startswith(live_origin)] == []


@pytest.mark.live
# The pencil button leads editors to GitHub's web editor; the page asks GitHub nothing.
@pytest.mark.parametrize("path", [pytest.param(path, marks=shares_a_load(path)) for path in PAGES])
def test_edit_link_shows_and_leads_to_github_without_asking_it_anything(visit, live_origin, path):
    loaded = visit(path, "light", DESKTOP)
    assert len(loaded.edit_links) == 1, loaded.edit_links
    [(shown, href)] = loaded.edit_links
    assert shown
    assert href.startswith(f"https://github.com/{EDIT_REPOSITORY}/edit/main/docs/")
    # What the same page asked for, until its network fell idle.
    assert [url for url in loaded.requests if not url.startswith(live_origin)] == []


def test_search_works_without_any_other_host(reader, origin):
    tab = reader()
    page = tab.open(ARTICLE, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("compassion")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() >= 2
    assert any(url.endswith("search_index.json") for url in tab.requests)
    assert [url for url in tab.requests if not url.startswith(origin)] == []
    # The search worker and the index it fetches run under the page's policy.
    assert tab.violations() == [] and tab.errors == []


@pytest.mark.live
@pytest.mark.parametrize(("path", "scheme", "viewport"), load_cases(lambda path: POLICY, scheme_in_id=False))
def test_page_runs_under_its_policy_with_no_violation_or_error(visit, path, scheme, viewport):
    loaded = visit(path, scheme, viewport)
    assert loaded.settled["head"] == ["Content-Security-Policy", '<meta name="referrer" content="no-referrer">']
    # Material's scripts ran: the header's search became interactive, the palette is set.
    assert loaded.settled["js"]
    assert loaded.scheme == "default"
    assert loaded.violations == []
    # The 404 page's own status is the one error a browser logs there.
    expected = (
        ["Failed to load resource: the server responded with a status of 404 (Not Found)"] if path == MISSING else []
    )
    assert loaded.errors == expected


def test_colour_scheme_switch_works_under_the_policy(reader):
    tab = reader()
    page = tab.open(ARTICLE)
    try:
        page.get_by_title("Switch to dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.reload()  # the choice is kept in local storage for the next page
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.get_by_title("Switch to light mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        assert tab.violations() == [] and tab.errors == []
    finally:
        page.evaluate("localStorage.clear()")  # the tab is shared: leave the system's scheme


def test_phone_navigation_drawer_opens_under_the_policy(reader):
    tab = reader(viewport=PHONE_390)
    page = tab.open("disclaimer/")
    # The drawer slides in from the left: closed, it waits left of the screen.
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    drawer.get_by_role("link", name="Request a consultation").click()
    page.wait_for_url("**/consultation/")
    assert tab.violations() == [] and tab.errors == []


def test_policy_blocks_a_third_party_image_and_script_injected_into_a_page(reader, fixture_site, origin):
    tab = reader()
    copy = (fixture_site / ARTICLE / "index.html").read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>")
    tab.page.route(origin + ARTICLE, lambda route: route.fulfill(body=copy, content_type="text/html; charset=utf-8"))
    try:
        page = tab.open(ARTICLE, wait_until="networkidle")
        violations = tab.violations()
        assert page.evaluate("document.documentElement.dataset.injected") is None
    finally:
        tab.page.unroute(origin + ARTICLE)
    assert {(v["directive"], v["blocked"]) for v in violations} == {
        ("img-src", "https://tracker.example/pixel.gif"),
        ("script-src-elem", "https://cdn.example/widget.js"),
        ("script-src-elem", "inline"),
    }
    # Refused by the browser before any request: the recorder saw none leave.
    assert [url for url in tab.requests if not url.startswith(origin)] == []
    # The page's own scripts still ran.
    assert page.evaluate("document.documentElement.classList.contains('js')")


# ---------------------------------------------------------------------------------------
# 3. Without JavaScript
# ---------------------------------------------------------------------------------------


@pytest.mark.live
@pytest.mark.parametrize("path", ARTICLES)
def test_article_reads_fully_without_javascript(reader, axe, live_origin, path):
    tab = reader(viewport=PHONE, javascript=False, site=live_origin)
    page = tab.open(path)
    assert page.evaluate("document.documentElement.classList.contains('no-js')")
    content = page.locator("article.md-content__inner")
    assert content.locator("h1").is_visible()
    # An article's length and its sources are the editor's; that they show is the site's.
    assert content.locator("p").first.is_visible()
    citations = content.locator("a[href^='#ref-']")
    for index in range(citations.count()):
        citation = citations.nth(index)
        assert citation.is_visible()
        target = citation.get_attribute("href")[1:]
        assert content.locator(f".references .csl-entry[id='{target}']").is_visible(), target
    if citations.count():
        assert content.locator("#references").is_visible()
    # Readable, not only present: contrast and the rest hold without scripts too.
    results = tab.audit(axe)
    assert results.violations_count == 0, results.generate_report()
    assert page.locator(CTA).is_visible() == (path in WITH_CTA), f"{CTA} shown: {page.locator(CTA).is_visible()}"
    assert page.locator(CRISIS).is_visible(), f"no visible {CRISIS}"
    assert page.locator(CRISIS).inner_text().strip()


@pytest.mark.live
@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_its_text_without_javascript(reader, live_origin, path):
    page = reader(viewport=PHONE, javascript=False, site=live_origin).open(path)
    assert page.evaluate("document.documentElement.classList.contains('no-js')")
    assert page.locator("article h1").is_visible()
    assert page.locator("article p").first.is_visible()


# ---------------------------------------------------------------------------------------
# 5. Printable (4, findable, is read from the HTML in test_findable.py)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practice_prints_as_a_clean_worksheet(reader, scheme):
    page = reader(scheme=scheme).open(PRACTICE)
    page.emulate_media(media="print")
    try:
        # The practice has no CTA and the site no tabs; the article test covers the CTA.
        assert_not_printed(
            page, ".md-header", ".md-sidebar", ".md-search", ".md-footer", ".md-skip", ".md-content__button"
        )
        style = page.evaluate("""() => {
            const text = document.querySelector('article p');
            // The links on paper: the edit button is screen furniture, not printed.
            const links = [...document.querySelectorAll('article a:not(.headerlink)')].filter(a => a.getClientRects().length);
            return {
                text: getComputedStyle(text).color,
                background: getComputedStyle(document.body).backgroundColor,
                links: links.map(a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine]),
            };
        }""")
        # Black on white in either scheme, and links as text in the text's colour.
        assert style["text"] == "rgb(0, 0, 0)"
        assert style["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
        assert style["links"] and all(link == [style["text"], "none"] for link in style["links"])
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    finally:
        page.emulate_media(media="screen")
    assert 1 <= len(pdf.pages) <= 2
    text = " ".join(sheet.extract_text() for sheet in pdf.pages)
    assert page.evaluate("document.querySelector('article h1').firstChild.textContent") in text
    assert "My notes" in text
    assert urlsplit(page.url).path in text  # where the sheet came from
    for screen_only in ("Skip to content", "Search", "Request a consultation", "Disclaimer"):
        assert screen_only not in text


@pytest.mark.live
@pytest.mark.parametrize("path", ARTICLES)
def test_printed_article_keeps_crisis_help_and_drops_the_cta_button(reader, live_origin, path):
    page = reader(site=live_origin).open(path)
    page.emulate_media(media="print")
    try:
        if path in WITH_CTA:
            assert_not_printed(page, CTA)
        assert page.locator(CRISIS).is_visible()
        assert page.locator(".references").count() == 0 or page.locator(".references").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_printed_links_to_other_sites_show_their_address(reader):
    page = reader().open(ARTICLE)
    page.emulate_media(media="print")
    try:
        page.evaluate("""() => {
            const link = Object.assign(document.createElement('a'), {href: 'https://example.org/x', textContent: 'a source'});
            document.querySelector('article p').append(link);
        }""")
        after = page.evaluate(
            "getComputedStyle(document.querySelector('article p a[href=\"https://example.org/x\"]'), '::after').content"
        )
        doi = page.evaluate("getComputedStyle(document.querySelector('.references a'), '::after').content")
    finally:
        page.emulate_media(media="screen")
        page.reload()
    assert after == '" (https://example.org/x)"'
    assert doi == "none"  # a DOI link's text is its address already


# Each selector must match something: a class renamed by a theme upgrade would otherwise
# pass unnoticed.
def assert_not_printed(page: Page, *selectors: str) -> None:
    for selector in selectors:
        assert page.locator(selector).count(), f"{selector} matches nothing on {page.url}"
        shown = [element for element in page.locator(selector).all() if element.is_visible()]
        assert not shown, f"{selector} is printed"


# ---------------------------------------------------------------------------------------
# 6. Reading on a phone
# ---------------------------------------------------------------------------------------

# What the fixture's pages do not hold: a four-column table, a note box and a footnote.
READING_SAMPLE = ROOT / "tests" / "fixtures" / "reading-on-a-phone.md"
SAMPLE_PAGE = "disclaimer/"
# Text in each kind of box, and running text to compare it with.
BOXED_TEXT = {
    "table header": "article table th",
    "table cell": "article table td",
    "note title": "article .admonition .admonition-title",
    "note text": "article .admonition p:not(.admonition-title)",
    "footnote": "article .footnote li p",
}


# The tests that read the sample, on one worker: one build of it, and their tabs reused.
reads_the_sample = pytest.mark.xdist_group("sample-site")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with the sample appended to the Disclaimer, built and served."""
    project = copy_project(tmp_path_factory.mktemp("reading"))
    page = project / "docs" / "disclaimer.md"
    page.write_text(page.read_text(encoding="utf-8") + READING_SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    build = build_site(project)
    assert build.returncode == 0, build.stderr
    with serve(project / "site") as url:
        yield url


@reads_the_sample
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_note_boxes_and_footnotes_read_at_body_size_on_a_phone(reader, axe, sample_site, scheme):
    tab = reader(scheme=scheme, viewport=PHONE_390, site=sample_site)
    page = tab.open(SAMPLE_PAGE)
    sizes = font_sizes(page)
    assert sizes == dict.fromkeys(sizes, "16px"), sizes
    results = tab.audit(axe)
    assert results.violations_count == 0, results.generate_report()
    assert tab.violations() == [] and tab.errors == []


@reads_the_sample
def test_desktop_keeps_the_themes_smaller_table_text(reader, decoder, sample_site):
    page = reader(site=sample_site).open(SAMPLE_PAGE)
    sizes = font_sizes(page)
    assert sizes["running text"] == "16px"
    assert {sizes[name] for name in BOXED_TEXT} == {"12.8px"}  # Material's 0.64rem
    # The four columns fit: nothing scrolls, so no edge is marked.
    assert page.evaluate("(e => e.scrollWidth <= e.clientWidth)(document.querySelector('article .gt-table-scroll'))")
    assert edge_shades(page, "article .gt-table-scroll", decoder) == {"left": "none", "right": "none"}


@reads_the_sample
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_table_scrolls_inside_its_box_with_a_shadow_on_the_edge_with_more(
    reader, decoder, sample_site, scheme, javascript
):
    tab = reader(scheme=scheme, viewport=PHONE_390, javascript=javascript, site=sample_site)
    page = tab.open(SAMPLE_PAGE)
    box = "article .gt-table-scroll"
    assert page.locator(box).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page itself scrolls sideways"
    assert page.evaluate(f"(e => e.scrollWidth > e.clientWidth + 100)(document.querySelector({box!r}))")
    assert edge_shades(page, box, decoder) == {"left": "none", "right": "shadow"}
    # A keyboard reaches the box and scrolls it with the arrow keys.
    page.locator(box).focus()
    page.keyboard.press("ArrowRight")
    # The scroll is smooth: give it up to two seconds to start.
    for _ in range(20):
        if page.locator(box).evaluate("e => e.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the arrow key did not scroll the focused table")
    page.locator(box).evaluate("e => { e.scrollLeft = e.scrollWidth - e.clientWidth }")
    assert edge_shades(page, box, decoder) == {"left": "shadow", "right": "none"}
    page.locator(box).evaluate("e => { e.scrollLeft = (e.scrollWidth - e.clientWidth) / 2 }")
    assert edge_shades(page, box, decoder) == {"left": "shadow", "right": "shadow"}
    # On paper the table is printed whole, with no shadow.
    page.emulate_media(media="print")
    try:
        assert page.locator(box).evaluate("e => getComputedStyle(e).backgroundImage") == "none"
    finally:
        page.emulate_media(media="screen")


def font_sizes(page: Page) -> dict[str, str]:
    """The computed font size of the first element of each kind, and of running text."""
    selectors = {"running text": "article > p", **BOXED_TEXT}
    sizes = {}
    for name, selector in selectors.items():
        assert page.locator(selector).count(), f"{selector} matches nothing on {page.url}"
        sizes[name] = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize")
    return sizes


# Whether each side edge of a box, as painted, shows a shadow: the median colour of a
# column of pixels just inside the edge (text crossing it is outvoted) against the page's
# background. The screenshot is decoded by the browser, in the blank `decoder` tab.
def edge_shades(page: Page, selector: str, decoder: Page) -> dict[str, str]:
    png = base64.b64encode(page.locator(selector).screenshot()).decode()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    medians = decoder.evaluate(
        """async png => {
        const image = new Image();
        image.src = 'data:image/png;base64,' + png;
        await image.decode();
        const canvas = Object.assign(document.createElement('canvas'), {width: image.width, height: image.height});
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const median = x => {
            const data = context.getImageData(x, 0, 1, image.height).data;
            const lightness = [];
            for (let i = 0; i < data.length; i += 4) lightness.push((data[i] + data[i + 1] + data[i + 2]) / 3);
            return lightness.sort((a, b) => a - b)[lightness.length >> 1];
        };
        // Three pixels in: past the no-JavaScript table's own border.
        return {left: median(3), right: median(image.width - 4)};
    }""",
        png,
    )
    plain = sum(float(part) for part in re.findall(r"[\d.]+", background)[:3]) / 3
    return {side: "shadow" if abs(value - plain) > 12 else "none" for side, value in medians.items()}
