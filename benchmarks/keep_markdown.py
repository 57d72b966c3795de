"""Bench-only MkDocs hook: each page's Markdown as the site's hooks hand it to Python-Markdown
(citations formatted, References section, Home's article list), with its front matter,
written to `content-docs/` beside `docs/`. The bench's `content` variant builds those
pages with the bare configuration: what rendering the same text costs Material, without
any of the site's code.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FOLDER = "content-docs"


# Last: after every hook that changes the page's text.
@event_priority(-1000)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    target = Path(config.config_file_path).parent / FOLDER / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front_matter = yaml.safe_dump(page.meta, sort_keys=False, allow_unicode=True) if page.meta else ""
    target.write_text(f"---\n{front_matter}---\n\n{markdown}" if front_matter else markdown, encoding="utf-8")
    return markdown
