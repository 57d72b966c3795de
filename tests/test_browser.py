"""What a reader's browser does with the built site: headless Chromium, every page.

Debian's chromium, driven by Playwright (never its own browser download) against the
site served on 127.0.0.1 by tools/site_server.py. Without a Chromium these tests are
skipped with the command that installs one; under CI=true they fail instead.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from pypdf import PdfReader

from conftest import ROOT
from front_matter import read_article
from site_server import serve

# As DEVELOPERS.md asks for Chromium as root; Playwright adds a fresh --user-data-dir.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = (
    "no Chromium found for the browser tests: install Debian's with "
    "`apt-get update && apt-get install -y chromium` (or set CHROMIUM=/path/to/chromium)"
)
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
# axe-core rule sets: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CTA = "aside.gt-cta a.gt-cta__button"
CRISIS = "aside.gt-crisis"


def page_paths() -> list[str]:
    """Every page's address under the site root, from the Markdown files (directory URLs)."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        paths.append("" if relative == "index" else relative.removesuffix("/index") + "/")
    return paths


def shows_cta(path: str) -> bool:
    """Whether the article at `path` keeps the call-to-action (`consultation_cta: false` drops it)."""
    source = (ROOT / "docs" / path.rstrip("/")).with_suffix(".md").read_text(encoding="utf-8")
    article, problems = read_article(path.rstrip("/") + ".md", source, path=path)
    assert article is not None, problems
    return article.consultation_cta


PAGES = page_paths()
ARTICLES = [path for path in PAGES if path.startswith("articles/")]
WITH_CTA = [path for path in ARTICLES if shows_cta(path)]
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

    def __post_init__(self) -> None:
        # DevTools' "Disable JavaScript" (what java_script_enabled=False does too), kept
        # switchable so axe can audit the page a reader without JavaScript gets.
        self._devtools = self.page.context.new_cdp_session(self.page)
        self._scripts(enabled=self.javascript)

    def open(self, path: str, *, wait_until: str = "load") -> Page:
        self.requests.clear()
        response = self.page.goto(self.origin + path, wait_until=wait_until)
        assert response is not None
        assert response.status == (404 if path == MISSING else 200), f"{path}: HTTP {response.status}"
        return self.page

    def audit(self, axe: Axe) -> AxeResults:
        """axe-core's findings on the page as it stands, also when scripts were off."""
        # axe's promise never settles while scripts are off: lift that only while it runs,
        # after the page has loaded without them.
        self._scripts(enabled=True)
        try:
            return axe.run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        finally:
            self._scripts(enabled=self.javascript)

    def _scripts(self, *, enabled: bool) -> None:
        self._devtools.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).is_file() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def origin(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def reader(browser: Browser, origin: str) -> Iterator:
    """`reader(scheme=..., viewport=..., javascript=...)`: the one tab kept for that setup."""
    readers: dict[tuple, Reader] = {}
    contexts: list[BrowserContext] = []

    def get(*, scheme: str = "light", viewport: dict = DESKTOP, javascript: bool = True) -> Reader:
        key = (scheme, viewport["width"], javascript)
        if key not in readers:
            context = browser.new_context(color_scheme=scheme, viewport=viewport)
            contexts.append(context)
            tab = Reader(context.new_page(), origin, javascript)

            # Every request is recorded; any to another host is refused, so none leaves the machine.
            def route(route: Route) -> None:
                tab.requests.append(route.request.url)
                if route.request.url.startswith(origin):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", route)
            readers[key] = tab
        return readers[key]

    yield get
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()  # axe-core's axe.min.js as shipped inside the wheel: no network


# ---------------------------------------------------------------------------------------
# 1. Accessibility
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_axe_finds_no_violation(reader, axe, path, scheme, viewport):
    tab = reader(scheme=scheme, viewport=viewport)
    page = tab.open(path)
    # The reader's system setting picks Material's palette: the dark run must really be dark.
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    results = tab.audit(axe)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_skip_link_is_the_first_stop_of_the_tab_key_and_shows(reader, path):
    page = reader(viewport=PHONE).open(path)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const link = document.activeElement;
        const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        return {skip: link.matches('a.md-skip'), text: link.textContent.trim(), main: !!target && !!target.closest('main')};
    }""")
    assert focused == {"skip": True, "text": "Skip to content", "main": True}
    # Sighted keyboard users see where focus is: the link fades in when focused.
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")


@pytest.mark.parametrize("path", WITH_CTA)
def test_consultation_cta_is_reached_with_the_tab_key(reader, path):
    page = reader(viewport=PHONE).open(path)
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


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_page_asks_nothing_of_any_other_host(reader, origin, path, viewport):
    tab = reader(viewport=viewport)
    page = tab.open(path, wait_until="networkidle")
    assert tab.requests, "the recorder saw no request at all"
    assert [url for url in tab.requests if not url.startswith(origin)] == []
    # A connection opened ahead of time tells a host of the visit without any request.
    hints = page.eval_on_selector_all("link[rel~='preconnect'], link[rel~='dns-prefetch']", "links => links.map(l => l.href)")
    assert [href for href in hints if not href.startswith(origin)] == []


def test_search_works_without_any_other_host(reader, origin):
    tab = reader()
    page = tab.open(ARTICLES[0], wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("compassion")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() >= 2
    assert any(url.endswith("search_index.json") for url in tab.requests)
    assert [url for url in tab.requests if not url.startswith(origin)] == []


# ---------------------------------------------------------------------------------------
# 3. Without JavaScript
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES)
def test_article_reads_fully_without_javascript(reader, axe, path):
    tab = reader(viewport=PHONE, javascript=False)
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
        assert content.locator(".references a[href^='https://doi.org/']").count() >= 1
    # Readable, not only present: contrast and the rest hold without scripts too.
    results = tab.audit(axe)
    assert results.violations_count == 0, results.generate_report()
    assert page.locator(CTA).is_visible() == (path in WITH_CTA), f"{CTA} shown: {page.locator(CTA).is_visible()}"
    assert page.locator(CRISIS).is_visible(), f"no visible {CRISIS}"
    assert page.locator(CRISIS).inner_text().strip()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_its_text_without_javascript(reader, path):
    page = reader(viewport=PHONE, javascript=False).open(path)
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
        assert_not_printed(page, ".md-header", ".md-sidebar", ".md-search", ".md-footer", ".md-skip")
        style = page.evaluate("""() => {
            const text = document.querySelector('article p');
            const links = [...document.querySelectorAll('article a:not(.headerlink)')];
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


@pytest.mark.parametrize("path", ARTICLES)
def test_printed_article_keeps_crisis_help_and_drops_the_cta_button(reader, path):
    page = reader().open(path)
    page.emulate_media(media="print")
    try:
        if path in WITH_CTA:
            assert_not_printed(page, CTA)
        assert page.locator(CRISIS).is_visible()
        assert page.locator(".references").count() == 0 or page.locator(".references").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_printed_links_to_other_sites_show_their_address(reader):
    page = reader().open(ARTICLES[0])
    page.emulate_media(media="print")
    try:
        page.evaluate("""() => {
            const link = Object.assign(document.createElement('a'), {href: 'https://example.org/x', textContent: 'a source'});
            document.querySelector('article p').append(link);
        }""")
        after = page.evaluate("getComputedStyle(document.querySelector('article p a[href=\"https://example.org/x\"]'), '::after').content")
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
