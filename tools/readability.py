"""How hard an article is to read: the Flesch–Kincaid grade of its prose (textstat).

Only what a reader reads as sentences counts: paragraphs and list items, without front
matter, headings, code, citation keys or HTML comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import textstat
from lxml import html

from psychoed.markdown_source import strip_front_matter, without_comments
from psychoed.references.citation_syntax import find_citation_blocks

ROOT = Path(__file__).resolve().parent.parent

# Health information reads easily for most adults at this grade or below.
TARGET_GRADE = 8
# mkdocs.yml's markdown_extensions and those MkDocs always adds (toc, tables, fenced_code):
# without fenced_code a code block holding a blank line would be scored as prose.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "admonition", "toc", "tables", "fenced_code"]
_SKIPPED = ("pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "table", "sup", "script", "style")
_BLOCKS = ("p", "li", "dd", "blockquote", "ul", "ol", "div")

textstat.set_lang("en_US")


@dataclass(frozen=True)
class Readability:
    grade: float  # Flesch–Kincaid grade level
    words: int
    sentences: int


def readability(source: str) -> Readability | None:
    """The scores of a page's prose, or None when it has no prose to score."""
    text = prose_text(source)
    if not text:
        return None
    return Readability(
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
    )


def prose_text(source: str) -> str:
    """The page's sentences as plain text, one block after another."""
    body, _ = strip_front_matter(source)
    for block in find_citation_blocks(body):
        body = re.sub(r"[ \t]*" + re.escape(block.text), "", body)
    root = html.fragment_fromstring(
        markdown.markdown(without_comments(body), extensions=MARKDOWN_EXTENSIONS), create_parent="div"
    )
    for element in list(root.iter(*_SKIPPED)):
        element.drop_tree()  # its tail, the text after it, stays
    sentences = []
    for element in root.iter("p", "li", "dd"):
        text = " ".join(_own_text(element).split())
        if text:
            # A list item or a paragraph without a full stop still ends a sentence.
            sentences.append(text if text[-1] in '.!?:;\u2026"\u201d)' else text + ".")
    return " ".join(sentences)


# The text of an element without that of the blocks inside it, which are counted alone.
def _own_text(element: html.HtmlElement) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _BLOCKS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)
