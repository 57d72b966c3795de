"""The rules a reader's browser enforces on a page: a Content-Security-Policy and no referrer.

GitHub Pages sets no response headers, so the policy travels in the page itself, as a
`<meta http-equiv>` that must come before anything it governs: the first element of
`<head>`. It allows the page's own files and, by their SHA-256 hashes, exactly the inline
scripts the page holds (Material's vary with the page's depth), and nothing from any other
host. Directives a meta policy ignores (frame-ancestors, report-uri, sandbox) are left
out: browsers only log an error for them.
"""

from __future__ import annotations

import base64
import hashlib

from psychoed.html_elements import head_end, scripts

POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],  # plus the page's inline scripts, by hash
    "style-src": ["'self'"],  # Material sets its dynamic styles through the CSSOM, not inline
    "img-src": ["'self'", "data:"],  # Material's icons are data: URLs
    "connect-src": ["'self'"],  # the search index
    "worker-src": ["'self'"],  # search runs in a web worker
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
REFERRER = '<meta name="referrer" content="no-referrer">'

# Script types a browser runs (the HTML standard's JavaScript MIME types, module, import
# map); any other type is a data block, such as JSON-LD or Material's configuration.
_RUN_TYPES = {
    "",
    "module",
    "importmap",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "application/x-javascript",
    "text/jscript",
    "text/livescript",
}


def with_privacy_meta(page_html: str, *, page_content: str = "") -> str | None:
    """The page with its policy and the referrer meta first in `<head>`; None if it has no `<head>`.

    Only the theme's inline scripts are allowed: one written in the page's text
    (`page_content`, its Markdown as HTML) gets no hash, so the browser blocks it."""
    at = head_end(page_html)
    if at is None:
        return None
    written = set(inline_script_hashes(page_content))
    hashes = [digest for digest in inline_script_hashes(page_html) if digest not in written]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return page_html[:at] + meta + REFERRER + page_html[at:]


def policy(hashes: list[str]) -> str:
    """The policy's text, allowing the given `'sha256-…'` inline scripts."""
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def inline_script_hashes(page_html: str) -> list[str]:
    """`'sha256-…'` of each inline script the browser runs, in page order, without repeats."""
    hashes = []
    for attributes, script in scripts(page_html):
        if not runs_inline(attributes):
            continue
        # The browser hashes the script's text as parsed: line breaks normalised to \n.
        text = script.replace("\r\n", "\n").replace("\r", "\n")
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def runs_inline(attributes: dict[str, str]) -> bool:
    """Whether a `<script>` with these attributes runs its own text (not a file, not data)."""
    return "src" not in attributes and attributes.get("type", "").strip().lower() in _RUN_TYPES
