"""Create a new article: `make new-article TITLE="How Can Self-Compassion Help Me?"`.

Writes docs/articles/<slug>.md with complete front matter and a skeleton to write over,
then prints what to do next. Never overwrites a file. Every build stops at each skeleton
line until it is written over (psychoed.articles.placeholders), so none is published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from psychoed.articles.front_matter import ARTICLES_DIR, REVIEW_CYCLE_YEARS, read_article, years_later
from psychoed.articles.placeholders import (
    DESCRIPTION,
    INTRODUCTION,
    MARK,
    RESEARCH_CITED,
    RESEARCH_UNCITED,
    TRY,
    skeleton,
)
from psychoed.project_files import bib_path, read_page
from psychoed.references.bibliography import load_bibliography
from psychoed.settings.config_file import read_config

ROOT = Path(__file__).resolve().parent.parent

MAX_SLUG_LENGTH = 60


# Front matter as an editor writes it: the same date twice, not a YAML anchor and alias.
class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


# Text an editor rewrites in place (the title, the description), in double quotes: any
# title survives them, and an apostrophe or a ': ' the editor adds later still reads as typed.
class _Text(str):
    pass


_PlainDumper.add_representer(
    _Text, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


class ArticleError(Exception):
    """A title the tool refuses, with the reason in the editor's words."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("title", nargs="?", default="", help="the article's title, as readers will see it")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (holding mkdocs.yml)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the date published, YYYY-MM-DD (default: today)",
    )
    args = parser.parse_args(argv)
    try:
        path = create_article(args.project, args.title, today=args.today)
    except ArticleError as error:
        print(f"new-article: {error}", file=sys.stderr)
        return 1
    print(next_steps(path.relative_to(args.project).as_posix(), slug=path.stem))
    return 0


def create_article(project: Path, title: str, *, today: dt.date) -> Path:
    """Write docs/articles/<slug>.md for `title` and return its path."""
    title = " ".join(title.split())
    if not title:
        raise ArticleError('give the article\'s title: make new-article TITLE="How Can Self-Compassion Help Me?"')
    slug = slugify(title)
    if not slug:
        raise ArticleError(
            f"the title '{title}' has no letters or digits to name the file with; use a title with Latin letters or digits"
        )
    config = read_config(project / "mkdocs.yml")
    docs = project / config.get("docs_dir", "docs")
    folder = docs / ARTICLES_DIR
    path = folder / f"{slug}.md"
    if existing := same_article(folder, slug=slug, title=title, docs=docs):
        raise ArticleError(
            f"{existing.relative_to(project).as_posix()} already exists with this title or file name; nothing was written. Open that file, or choose another title"
        )
    author = (config.get("extra") or {}).get("default_author")
    if not isinstance(author, str) or not author.strip():
        raise ArticleError("mkdocs.yml: extra.default_author is not set; add 'default_author: <name>' under extra:")
    bib = bib_path(project)
    keys = list(load_bibliography(bib, display_path=bib.name).entries)

    source = article_source(title, author=author.strip(), today=today, cite_key=keys[0] if keys else None)
    _, problems = read_article(f"{ARTICLES_DIR}{slug}.md", source, path=str(path))
    assert not problems, problems  # the template itself is wrong, not the editor's title
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": fail rather than overwrite
        file.write(source)
    return path


def slugify(title: str) -> str:
    """The file name for a title: lower-case ASCII words joined by '-', at most 60 characters."""
    text = unicodedata.normalize("NFKD", title.replace("&", " and "))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['\u2019]", "", text.lower())  # what's -> whats, not what-s
    slug = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def article_source(title: str, *, author: str, today: dt.date, cite_key: str | None) -> str:
    """The new file: front matter, then a skeleton whose every sentence is to be written over."""
    front_matter = yaml.dump(
        {
            "title": _Text(title),
            "description": _Text(skeleton(DESCRIPTION)),
            "author": author,
            "published": today,
            "last_reviewed": today,
            "review_due": years_later(today, REVIEW_CYCLE_YEARS),
        },
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        width=10**6,
    )
    research = RESEARCH_CITED.format(key=cite_key) if cite_key else RESEARCH_UNCITED
    return f"""---
{front_matter}---

# {title}

{skeleton(INTRODUCTION)}

## What the research says

{skeleton(research)}

## What you can try

{skeleton(TRY)}
"""


def next_steps(path: str, *, slug: str) -> str:
    return f"""Created {path}

Next:
  1. Open {path} and write the article: replace each text marked
     "{MARK}", the description at the top too (it shows on the Home page).
     Until then the build stops at each of those lines, so none is ever published:
     make serve lists them, in the terminal and, until the site builds, in the browser.
  2. Cite research as [@key], with a key from references.bib. To add a work:
       make new-reference DOI=10.xxxx/yyyy ONLINE=1
  3. Preview: make serve, then open http://127.0.0.1:8000/{ARTICLES_DIR}{slug}/
     once the build stops naming lines of it.
  4. Before you open a pull request: make check"""


# The first article file with this slug (any case) or this title, if there is one.
def same_article(folder: Path, *, slug: str, title: str, docs: Path) -> Path | None:
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem.casefold() == slug.casefold():
            return path
        source, _ = read_page(path, display_path=str(path))  # one not UTF-8 is the build's to name
        article, _ = (
            read_article(path.relative_to(docs).as_posix(), source, path=str(path))
            if source is not None
            else (None, [])
        )
        if article is not None and article.title.casefold() == title.casefold():
            return path
    return None


if __name__ == "__main__":
    sys.exit(main())
