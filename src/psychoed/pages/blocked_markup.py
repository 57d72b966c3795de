"""Find what a page writes that the reader's browser would refuse under the site's policy.

The Content-Security-Policy (content_security.py) allows only the site's own style sheets
and the theme's scripts, sends no form and plays no audio or video (media falls to
default-src 'none'). A style or script typed into a page (raw HTML, or attr_list's
`{: style="…" }`), a `javascript:` link, a form or a player would be dropped without a
word on the reader's screen; the editor hears of it first, at its line, with what to do
instead. What loads from another site is remote_content.py's. Code and HTML comments are skipped.
"""

from __future__ import annotations

import re

from psychoed.html_elements import start_tags, tag_attributes
from psychoed.markdown_source import PageSource
from psychoed.pages.content_security import runs_inline
from psychoed.pages.remote_content import located_findings
from psychoed.problems import Problem

STYLE_FIX = (
    "the site security policy blocks styles written in a page; use a class from "
    "docs/stylesheets/extra.css, written {: .name } after the paragraph, or ask a maintainer to add one"
)
SCRIPT_FIX = "the site security policy blocks scripts written in a page; link instead: [title](url)"
FORM_FIX = "the site security policy lets no page send a form; link to the form instead: [title]({url})"
MEDIA_FIX = "the site security policy plays no audio or video in a page; link to the file instead: [title]({url})"

# attr_list's attributes after a paragraph, heading or link: `{: #id .class key="value" }`.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<attributes>[^{}\n]+)\}")
# A Markdown link or reference definition whose address is a script: `[Print](javascript:…)`.
_SCRIPT_LINK = re.compile(
    r"(?:\]\(|^ {0,3}\[[^\]\n]+\]:)[ \t]*<?(?P<url>javascript:(?:[^\s()<>]|\([^\s()]*\))*)",
    re.IGNORECASE | re.MULTILINE,
)
# The attributes that hold an address a browser would follow or load.
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
# What a browser strips from an address before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20]")


def blocked_markup_problems(pages: list[PageSource]) -> list[Problem]:
    """One problem per inline style or script, form or player, at its line, on every page."""
    return located_findings(pages, find=_findings)


# (offset, message) of each thing in code-blanked Markdown the policy would block.
def _findings(masked: str) -> list[tuple[int, str]]:
    found = []
    for tag in start_tags(masked):
        found += [(tag.start, message) for message in _tag_messages(tag.name, tag.attributes)]
    for attr_list in _ATTR_LIST.finditer(masked):
        found += [
            (attr_list.start(), message)
            for message in _attribute_messages(tag_attributes(attr_list.group("attributes")))
        ]
    found += [
        (link.start(), f"'{link.group('url')}' is blocked: {SCRIPT_FIX}") for link in _SCRIPT_LINK.finditer(masked)
    ]
    return found


# What the policy refuses in one start tag: the element itself, then its attributes.
def _tag_messages(tag: str, attributes: dict[str, str]) -> list[str]:
    messages = []
    if tag == "style":
        messages.append(f"<style> is blocked: {STYLE_FIX}")
    elif tag == "script" and runs_inline(attributes):
        messages.append(f"<script> is blocked: {SCRIPT_FIX}")
    elif tag == "form":
        messages.append("<form> is blocked: " + FORM_FIX.format(url=attributes.get("action") or "url"))
    elif tag in ("audio", "video"):
        messages.append(f"<{tag}> is blocked: " + MEDIA_FIX.format(url=attributes.get("src") or "url"))
    return messages + _attribute_messages(attributes)


# Inline styles, event handlers and script addresses among a tag's or attr_list's attributes.
def _attribute_messages(attributes: dict[str, str]) -> list[str]:
    messages = []
    for name, value in attributes.items():
        if name == "style":
            messages.append(f"style '{value}' is blocked: {STYLE_FIX}")
        elif name.startswith("on") and len(name) > 2:
            messages.append(f"{name} '{value}' is blocked: {SCRIPT_FIX}")
        elif name in _URL_ATTRIBUTES and _URL_NOISE.sub("", value).lower().startswith("javascript:"):
            messages.append(f"'{value.strip()}' is blocked: {SCRIPT_FIX}")
    return messages
