"""The policy each page carries: its inline scripts by hash and nothing from other hosts,
first in <head>, on every page the build writes (the 404 page too)."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from psychoed.pages.content_security import inline_script_hashes, policy, with_privacy_meta

# The example of the CSP Level 3 specification and MDN: this script's hash.
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


class _Head(HTMLParser):
    """The elements of <head> in order, and the text of each inline script that runs:
    read with Python's HTML parser, not the build's own reading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.head: list[dict] = []
        self.scripts: list[str] = []
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.head.append({"tag": tag, **attributes})
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") in (None, "", "module", "text/javascript")
        ):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def read_head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_carries_a_policy_with_exactly_its_inline_scripts_first_in_head(fixture_site):
    pages = sorted(fixture_site.rglob("*.html"))
    assert fixture_site / "404.html" in pages and len(pages) >= 8
    script_sources = set()
    for path in pages:
        page = read_head(path)
        csp, referrer = page.head[0], page.head[1]
        assert csp["tag"] == "meta" and csp["http-equiv"] == "Content-Security-Policy", path
        assert referrer == {"tag": "meta", "name": "referrer", "content": "no-referrer"}, path
        assert page.head[2] == {"tag": "meta", "charset": "utf-8"}, path
        directives = {d.split()[0]: d.split()[1:] for d in csp["content"].split("; ")}
        assert page.scripts, f"{path}: Material's inline scripts are gone"
        assert directives["script-src"] == ["'self'", *dict.fromkeys(sha256(text) for text in page.scripts)], path
        assert {name: sources for name, sources in directives.items() if name != "script-src"} == {
            "default-src": ["'none'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "connect-src": ["'self'"],
            "worker-src": ["'self'"],
            "base-uri": ["'none'"],
            "form-action": ["'none'"],
        }
        script_sources.add(tuple(directives["script-src"]))
        # The character encoding is still declared within the first 1024 bytes, as HTML asks.
        assert path.read_bytes().index(b'<meta charset="utf-8">') < 1024 - len(b'<meta charset="utf-8">'), path
    # Material's inline scripts name the page's depth: one policy could not serve all pages.
    assert len(script_sources) > 1


def test_hash_is_the_one_the_csp_specification_gives_for_its_example():
    assert inline_script_hashes(f"<script>{SPEC_SCRIPT}</script>") == [SPEC_HASH]


def test_data_blocks_and_external_scripts_get_no_hash():
    page = (
        '<script type="application/ld+json">{"@type": "Article"}</script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<script src="assets/bundle.js"></script>'
        f'<script type="module">{SPEC_SCRIPT}</script>'
    )
    assert inline_script_hashes(page) == [SPEC_HASH]


def test_windows_line_breaks_hash_as_the_browser_reads_them():
    assert inline_script_hashes("<script>\r\nvar a = 1;\r\n</script>") == [sha256("\nvar a = 1;\n")]


def test_script_written_in_a_page_gets_no_hash_while_the_themes_keep_theirs():
    theme_script = "document.body.classList.add('js')"
    written = "<script>alert('written in the page')</script>"
    page = f"<html><head><script>{theme_script}</script></head><body><article>{written}</article></body></html>"

    protected = with_privacy_meta(page, page_content=written)

    assert protected is not None
    assert f"script-src 'self' {sha256(theme_script)}; style-src" in protected


def test_policy_allows_no_inline_code_and_no_other_host():
    text = policy([SPEC_HASH])
    assert "unsafe" not in text and "http" not in text and "*" not in text
    assert "frame-ancestors" not in text and "report-uri" not in text and "sandbox" not in text
    assert f"script-src 'self' {SPEC_HASH};" in text


def test_meta_goes_right_after_the_head_tag_and_a_page_without_head_is_refused():
    page = f'<!doctype html><html><head lang="en"><meta charset="utf-8"><script>{SPEC_SCRIPT}</script></head></html>'
    protected = with_privacy_meta(page)
    assert protected is not None
    assert protected.startswith(
        '<!doctype html><html><head lang="en"><meta http-equiv="Content-Security-Policy" content="default-src'
    )
    assert f"{SPEC_HASH}; style-src" in protected
    assert protected.index('<meta name="referrer" content="no-referrer">') < protected.index("<meta charset")
    assert with_privacy_meta("<p>no head</p>") is None


def test_privacy_page_tells_readers_of_both_rules(fixture_site):
    text = (fixture_site / "privacy" / "index.html").read_text(encoding="utf-8")
    body = text[text.index("<article") :]
    assert "Content-Security-Policy" in body and "no-referrer" in body
