"""Find what a page would load from another site: an embed, or an image with a remote address.

The Content-Security-Policy (content_security.py) would block it in the reader's browser,
leaving a blank box; the editor hears of it first, at its line, with what to do instead.
Code (fenced, indented, inline) is skipped: a page may show such markup; so are HTML
comments, which the browser never reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from psychoed.html_elements import start_tags
from psychoed.markdown_source import INLINE_IMAGE, REFERENCE_IMAGE, PageSource
from psychoed.problems import Problem

FIX = "the site loads nothing from other sites; link to it instead: [title]({url})"

# Elements that always frame or run another document: the policy allows none of them.
_EMBED_TAGS = ("iframe", "frame", "embed", "object", "portal")
# The attributes whose address the browser loads (read by name, so an address quoted in
# alt or title, or a lazy loader's data-src, is no load).
_LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "href")
# An address on another host: http(s):// or protocol-relative //host.
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]\n]+)\]:\s*<?(?P<url>[^\s>]+)", re.MULTILINE)


def remote_content_problems(pages: list[PageSource]) -> list[Problem]:
    """One problem per embed or remote image, at its line, on every page."""
    return located_findings(pages, find=_findings)


def located_findings(pages: list[PageSource], *, find: Callable[[str], list[tuple[int, str]]]) -> list[Problem]:
    """A problem at its line for each (offset, message) `find` gives in a page's Markdown
    with its code and HTML comments blanked (blank_code), on every page."""
    problems = []
    for page in pages:
        for offset, message in find(page.masked):
            problems.append(Problem(page.path, page.line_at(offset), message))
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


# (offset, message) of each thing in code-blanked Markdown that loads from another site.
def _findings(masked: str) -> list[tuple[int, str]]:
    found = []
    tags = start_tags(masked)
    for embed in tags:
        if embed.name in _EMBED_TAGS:
            url = _loaded_url(embed.attributes, remote_only=False)
            what = f"<{embed.name}> embeds " + (f"'{url}': " if url else "another page: ")
            found.append((embed.start, what + FIX.format(url=url or "url")))
    for tag in tags:
        # A link (<a href>) only leads elsewhere when followed, which is what we ask for.
        if tag.name in ("a", *_EMBED_TAGS):
            continue
        url = _loaded_url(tag.attributes, remote_only=True)
        if url:
            found.append((tag.start, f"<{tag.name}> loads '{url}' from another site: " + FIX.format(url=url)))
    definitions = {_label(d.group("ref")): d.group("url") for d in _DEFINITION.finditer(masked)}
    for image in INLINE_IMAGE.finditer(masked):
        if _REMOTE.match(image.group("url")):
            found.append((image.start(), _image_message(image.group("url"))))
    for image in REFERENCE_IMAGE.finditer(masked):
        url = definitions.get(_label(image.group("ref") or image.group("alt")), "")
        if _REMOTE.match(url):
            found.append((image.start(), _image_message(url)))
    return found


def _image_message(url: str) -> str:
    return f"image '{url}' is on another site: " + FIX.format(url=url)


# The address a tag would load: its first remote one, or (remote_only=False) its first at all.
def _loaded_url(attributes: dict[str, str], *, remote_only: bool) -> str | None:
    for name, value in attributes.items():
        if name not in _LOADING_ATTRIBUTES:
            continue
        # srcset lists "url width, url width": any remote candidate loads from elsewhere.
        candidates = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
        for candidate in candidates:
            if not remote_only or _REMOTE.match(candidate):
                return candidate.strip()
    return None


# Reference labels match ignoring case and runs of white space, as in Markdown.
def _label(text: str) -> str:
    return " ".join(text.split()).casefold()
