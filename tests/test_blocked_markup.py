"""A style or script typed into a page, a form or a player, which the site's security
policy would silently block in the reader's browser, fails the build at its line with what
to do instead; classes, links, local style sheets and code are not reported."""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import pytest
from mkdocs.config import load_config

from conftest import ROOT, build_site
from psychoed.markdown_source import PageSource
from psychoed.pages.blocked_markup import SCRIPT_FIX, STYLE_FIX, blocked_markup_problems
from psychoed.pages.content_security import with_privacy_meta
from test_content_security import sha256

PAGE = "docs/disclaimer.md"

# What Mailchimp's "Embedded form" (classic) gives an editor to paste, shortened.
MAILCHIMP_FORM = """<!-- Begin Mailchimp Signup Form -->
<link href="//cdn-images.mailchimp.com/embedcode/classic-061523.css" rel="stylesheet" type="text/css">
<style type="text/css">
	#mc_embed_signup{background:#fff; false;clear:left; font:14px Helvetica,Arial,sans-serif; width: 600px;}
</style>
<div id="mc_embed_signup">
    <form action="https://growtrue.us21.list-manage.com/subscribe/post?u=5b1e2f&amp;id=9c0a7d&amp;f_id=00a1b2" method="post" id="mc-embedded-subscribe-form" name="mc-embedded-subscribe-form" class="validate" target="_blank">
        <div id="mc_embed_signup_scroll"><h2>Subscribe</h2>
            <div class="mc-field-group"><label for="mce-EMAIL">Email Address <span class="asterisk">*</span></label><input type="email" name="EMAIL" class="required email" id="mce-EMAIL" required="" value=""></div>
        <div aria-hidden="true" style="position: absolute; left: -5000px;"><input type="text" name="b_5b1e2f_9c0a7d" tabindex="-1" value=""></div>
            <div class="clear"><input type="submit" name="subscribe" id="mc-embedded-subscribe" class="button" value="Subscribe"></div>
        </div>
    </form>
</div>
<script type="text/javascript" src="//s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js"></script><script type="text/javascript">(function($) {window.fnames = new Array(); window.ftypes = new Array();fnames[0]='EMAIL';ftypes[0]='email';}(jQuery));var $mcj = jQuery.noConflict(true);</script>
<!-- End mc_embed_signup -->"""
MAILCHIMP_SCRIPT = "(function($) {window.fnames = new Array(); window.ftypes = new Array();fnames[0]='EMAIL';ftypes[0]='email';}(jQuery));var $mcj = jQuery.noConflict(true);"
FORM_ACTION = "https://growtrue.us21.list-manage.com/subscribe/post?u=5b1e2f&id=9c0a7d&f_id=00a1b2"


@dataclass
class Row:
    id: str
    markdown: str
    expected: list[tuple[str, str]]  # (text on the named line, the whole message)
    blocked_by: str  # how the policy refuses it (see blocks_in_browser)


ROWS = [
    Row(
        "style-attribute-in-html",
        '<p style="color: red">Call us today.</p>',
        [('<p style="color', f"style 'color: red' is blocked: {STYLE_FIX}")],
        "inline style",
    ),
    Row(
        "style-through-attr-list",
        'Call us today.\n{: style="color: #c00; font-weight: bold" }',
        [("{: style", f"style 'color: #c00; font-weight: bold' is blocked: {STYLE_FIX}")],
        "inline style",
    ),
    Row(
        "style-on-a-heading",
        '## Getting help now { style="text-align: center" }',
        [("## Getting help now", f"style 'text-align: center' is blocked: {STYLE_FIX}")],
        "inline style",
    ),
    Row(
        "style-element",
        "<style>\n.md-typeset h2 { color: teal; }\n</style>",
        [("<style>", f"<style> is blocked: {STYLE_FIX}")],
        "inline style",
    ),
    Row(
        "print-button",
        '<button onclick="window.print()">Print this worksheet</button>',
        [("<button", f"onclick 'window.print()' is blocked: {SCRIPT_FIX}")],
        "event handler",
    ),
    Row(
        "handler-through-attr-list",
        '[Back to top](#){: onclick="window.scrollTo(0, 0); return false;" }',
        [("[Back to top]", f"onclick 'window.scrollTo(0, 0); return false;' is blocked: {SCRIPT_FIX}")],
        "event handler",
    ),
    Row(
        "onload-on-an-image",
        '<img src="../stylesheets/calm.png" alt="" onload="this.classList.add(\'shown\')">',
        [("<img src", f"onload 'this.classList.add('shown')' is blocked: {SCRIPT_FIX}")],
        "event handler",
    ),
    Row(
        "javascript-link-in-markdown",
        "[Print this page](javascript:window.print())",
        [("[Print this page]", f"'javascript:window.print()' is blocked: {SCRIPT_FIX}")],
        "javascript url",
    ),
    Row(
        "javascript-link-in-html",
        '<a href="JavaScript:history.back()">Go back</a>',
        [('<a href="JavaScript', f"'JavaScript:history.back()' is blocked: {SCRIPT_FIX}")],
        "javascript url",
    ),
    Row(
        "inline-script",
        "<script>\ndocument.write(new Date().getFullYear());\n</script>",
        [("<script>", f"<script> is blocked: {SCRIPT_FIX}")],
        "inline script",
    ),
    Row(
        "audio-player",
        '<audio controls src="../assets/breathing-space.mp3"></audio>',
        [
            (
                "<audio",
                "<audio> is blocked: the site security policy plays no audio or video in a page; link to the file instead: [title](../assets/breathing-space.mp3)",
            )
        ],
        "media",
    ),
    Row(
        "mailchimp-signup-form",
        MAILCHIMP_FORM,
        [
            (
                "<link href",
                "<link> loads '//cdn-images.mailchimp.com/embedcode/classic-061523.css' from another site: the site loads nothing from other sites; link to it instead: [title](//cdn-images.mailchimp.com/embedcode/classic-061523.css)",
            ),
            ('<style type="text/css">', f"<style> is blocked: {STYLE_FIX}"),
            (
                "<form action",
                f"<form> is blocked: the site security policy lets no page send a form; link to the form instead: [title]({FORM_ACTION})",
            ),
            ('style="position: absolute', f"style 'position: absolute; left: -5000px;' is blocked: {STYLE_FIX}"),
            (
                "<script type",
                "<script> loads '//s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js' from another site: the site loads nothing from other sites; link to it instead: [title](//s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js)",
            ),
            ("<script type", f"<script> is blocked: {SCRIPT_FIX}"),
        ],
        "form",
    ),
]


def test_each_blocked_markup_fails_one_real_build_at_its_line_with_its_fix(site_copy):
    source = (site_copy / PAGE).read_text(encoding="utf-8")
    expected = []
    for row in ROWS:
        source += "\n"
        first_line = source.count("\n") + 1
        expected += [
            f"{PAGE}:{first_line + row.markdown[: row.markdown.index(anchor)].count(chr(10))}: {message}"
            for anchor, message in row.expected
        ]
        source += row.markdown + "\n"
    (site_copy / PAGE).write_text(source, encoding="utf-8")

    build = build_site(site_copy)

    output = build.stdout + build.stderr
    assert build.returncode == 1 and "Traceback" not in output, output
    assert [line.strip() for line in build.stderr.splitlines() if line.startswith(f"  {PAGE}:")] == expected


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_policy_of_a_built_page_blocks_what_is_reported(fixture_site, row):
    # The page as the build writes it with the row's Markdown in it, without the check.
    rendered = render(row.markdown)
    page = re.sub(
        r'<meta http-equiv="Content-Security-Policy"[^>]*><meta name="referrer"[^>]*>',
        "",
        (fixture_site / "disclaimer" / "index.html").read_text(encoding="utf-8"),
    )
    page = page.replace("</article>", rendered + "</article>", 1)
    protected = with_privacy_meta(page, page_content=rendered)
    assert protected is not None
    directives = directives_of(protected)
    assert blocks_in_browser(row.blocked_by, directives, rendered)


def test_classes_links_local_files_code_and_comments_are_not_reported():
    source = (
        "---\ntitle: Page\n---\n"
        "Call us today.\n{: .call-to-action #call }\n\n"
        '<div markdown class="grid" data-columns="2"><a href="https://example.org/help" title="Javascript: a guide">help</a></div>\n\n'
        '<link rel="stylesheet" href="../stylesheets/worksheet.css">\n\n'
        '<script src="../javascripts/worksheet.js"></script>\n\n'
        '<script type="application/ld+json">{"@type": "Article"}</script>\n\n'
        "Learn javascript: it helps. The set {a, b} holds two. One online course.\n\n"
        '`<p style="color: red">` shows an inline style, and `[x](javascript:void(0))` a script link:\n\n'
        '```html\n<button onclick="window.print()">Print</button>\n<style>p { color: red }</style>\n```\n\n'
        '    <form action="https://example.org/send"></form>\n\n'
        '<!-- In red until the holidays: <p style="color: red">We are closed from 24 December.</p> -->\n'
    )
    assert blocked_markup_problems([PageSource("docs/page.md", source)]) == []


def render(text: str) -> str:
    """The row's HTML, by Python-Markdown with the site's own extensions."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.markdown(text, extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def directives_of(page_html: str) -> dict[str, list[str]]:
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page_html)
    assert meta, "the page has no policy"
    policy = meta.group(1)
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


# CSP Level 3's verdict on what the row renders to, under the page's directives: the
# markup must reach the HTML, and the directive that governs it (or default-src, which
# it falls back to) must refuse it.
def blocks_in_browser(blocked_by: str, directives: dict[str, list[str]], rendered: str) -> bool:
    def governing(name: str) -> list[str]:
        return directives.get(name, directives["default-src"])

    if blocked_by == "inline style":
        present = re.search(r"<style\b|\sstyle=", rendered)
        return bool(present) and not {"'unsafe-inline'", "'unsafe-hashes'"} & set(governing("style-src"))
    if blocked_by in ("event handler", "javascript url"):
        present = re.search(r"\son[a-z]+=|=\"javascript:", rendered, re.IGNORECASE)
        return bool(present) and not {"'unsafe-inline'", "'unsafe-hashes'"} & set(governing("script-src"))
    if blocked_by == "inline script":
        found = re.search(r"<script>(.*?)</script>", rendered, re.DOTALL)
        assert found, rendered
        script = found.group(1)
        return "'unsafe-inline'" not in governing("script-src") and sha256(script) not in governing("script-src")
    if blocked_by == "media":
        return "<audio" in rendered and governing("media-src") == ["'none'"]
    if blocked_by == "form":
        return (
            "<form" in rendered
            and directives["form-action"] == ["'none'"]
            and sha256(MAILCHIMP_SCRIPT) not in governing("script-src")
        )
    raise ValueError(blocked_by)
