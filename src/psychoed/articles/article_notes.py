"""The notes around an article's text, as HTML: crisis help at the top, the consultation
call-to-action after the body, the authorship and review line and the disclaimer note
at the end.

Inserted into the rendered page rather than its Markdown, so the notes stay out of the
table of contents and no editor's Markdown can break them.
"""

from __future__ import annotations

import re
from html import escape

from psychoed.articles.front_matter import Article
from psychoed.articles.reader_dates import time_html
from psychoed.settings.site_settings import CallToAction, CrisisHelp, DisclaimerNote, number_pattern

_H1_END = "</h1>"
# Where the body ends: the References section (written by reference_list.py) or the
# Markdown footnotes extension's list, whichever comes first; both are the build's own
# HTML, always written so.
_END_MATTER = ('<h2 id="references"', '<div class="footnote">')


def dress_article(content: str, *, top: str, after_body: str, end: str) -> str:
    """The rendered article with `top` after its title, `after_body` before the references
    (or footnotes) and `end` after everything else."""
    title_end = content.find(_H1_END)
    at = title_end + len(_H1_END) if title_end >= 0 else 0
    content = f"{content[:at]}\n{top}\n{content[at:]}"
    at = min((found for marker in _END_MATTER if (found := content.find(marker)) >= 0), default=len(content))
    content = f"{content[:at].rstrip()}\n{after_body}\n{content[at:]}"
    return f"{content.rstrip()}\n{end}\n"


def crisis_html(crisis: CrisisHelp) -> str:
    """The crisis help, each of its numbers a tap-to-call link."""
    text = number_pattern(crisis.numbers).sub(lambda match: _phone_link(match.group()), escape(crisis.text))
    return f'<aside class="gt-crisis" role="note" aria-label="Crisis help">\n<p>{text}</p>\n</aside>'


def cta_html(cta: CallToAction, *, article: Article, href: str) -> str:
    """The call-to-action: a heading, the practice's sentence (the article's own, when its
    front matter gives one in consultation_text) and a link styled as a button."""
    return (
        '<aside class="gt-cta" aria-labelledby="gt-cta-heading">\n'
        f'<h2 id="gt-cta-heading">{escape(cta.heading)}</h2>\n'
        f"<p>{escape(article.consultation_text or cta.text)}</p>\n"
        f'<p><a class="md-button md-button--primary gt-cta__button" href="{escape(href)}">{escape(cta.button)}</a></p>\n'
        "</aside>"
    )


def review_html(article: Article, *, date_format: str) -> str:
    """Who wrote and reviewed the article, when it was last reviewed and when it is due."""
    parts = [f"Written by {escape(article.author)}"]
    if article.reviewed_by:
        parts.append(f"Reviewed by {escape(article.reviewed_by)}")
    parts.append(f"Page last reviewed: {time_html(article.last_reviewed, date_format=date_format)}")
    parts.append(f"Next review due: {time_html(article.review_due, date_format=date_format)}")
    return f'<p class="gt-review">{" · ".join(parts)}</p>'


def disclaimer_html(note: DisclaimerNote, *, href: str) -> str:
    return f'<p class="gt-disclaimer-note">{escape(note.text)} <a href="{escape(href)}">{escape(note.link)}</a></p>'


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _phone_link(number: str) -> str:
    return f'<a href="tel:{re.sub(r"[ -]", "", number)}">{number}</a>'
