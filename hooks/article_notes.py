"""MkDocs hook: dress every article (docs/articles/) with crisis help, the consultation
call-to-action (the article's own sentence when its front matter gives one), its
authorship and review line (dates in the form of extra.date_format) and the disclaimer note.

The notes come from `extra:` in mkdocs.yml and the article's front matter, read with the
readers hooks/site_checks.py checked them with before any page rendered. The hook keeps no
state between builds: each build renders every page afresh, so `mkdocs serve` never shows
a note twice.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from psychoed.articles.article_notes import crisis_html, cta_html, disclaimer_html, dress_article, review_html
from psychoed.articles.front_matter import is_article, read_article
from psychoed.problems import checked
from psychoed.settings.site_settings import read_article_settings

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_article(page.file.src_uri):
        return html
    settings = checked(*read_article_settings(config.extra, documents=files.src_uris))
    article = checked(*read_article(page.file.src_uri, page.file.content_string, path=page.file.src_uri))

    cta = settings.cta
    call_to_action = (
        cta_html(cta, article=article, href=page_url(cta.page, page, files) if cta.page else cta.url)
        if article.consultation_cta
        else ""
    )
    note = settings.disclaimer_note
    return dress_article(
        html,
        top=crisis_html(settings.crisis),
        after_body=call_to_action,
        end=review_html(article, date_format=settings.date_format)
        + "\n"
        + disclaimer_html(note, href=page_url(note.page, page, files)),
    )


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The link from `page` to another page of the site, named by its path under docs/, which
# read_article_settings found among these very files.
def page_url(src_uri: str, page: Page, files: Files) -> str:
    return files.src_uris[src_uri].url_relative_to(page.file)
