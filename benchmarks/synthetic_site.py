"""Generate a synthetic copy of the project for the benchmark: the real configuration,
hooks, theme overrides and pages, plus N generated articles citing a generated
bibliography.

The generated articles take their front matter from a real article and the real pages
stay in place, so whatever the full configuration of the checked-out commit requires
(front matter fields, pages the config names, links between pages) the synthetic site
has too. Every generated entry is cited at least once: an uncited entry is a warning,
and the benchmark builds strictly.
"""

from __future__ import annotations

import math
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from psychoed.articles.article_list import fill_nav
from psychoed.articles.front_matter import Article, read_article
from psychoed.markdown_source import FRONT_MATTER
from psychoed.pages.content_rules import DESCRIPTION_MAX

# The project's own nav logic and APA style, for the configurations that run without its hooks.
from psychoed.references.pandoc_runs import apa_style_path
from psychoed.settings.config_file import read_config

ARTICLES_DIR = "articles"
SLUG_PREFIX = "synthetic-"
# Never copied: outputs, environments and the benchmark itself.
SKIPPED_DIRS = {".git", ".venv", "site", "benchmarks", "tests", "node_modules"}

# First authors: mostly distinct family names, as in a real reference list, and one in
# ten from a few common names, so that APA's disambiguation (initials, 2020a/2020b) is
# exercised as often as it is on a real site.
COMMON_SURNAMES = ("Kim", "Lee", "Smith", "Wang", "Zhang", "Chen", "Nguyen", "Garcia", "Müller", "Neff")
SYLLABLES = (
    "ba",
    "ko",
    "ri",
    "den",
    "mal",
    "sor",
    "tu",
    "vin",
    "lo",
    "fe",
    "ga",
    "har",
    "is",
    "jo",
    "ne",
    "pe",
    "sta",
    "win",
)
GIVEN = (
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Luis",
    "Maya",
    "Nils",
    "Olga",
    "Pablo",
    "Rosa",
    "Sami",
    "Tess",
    "Viktor",
)
WORDS = (
    "self-compassion",
    "emotion",
    "regulation",
    "anxiety",
    "depression",
    "shame",
    "stress",
    "attention",
    "mindfulness",
    "avoidance",
    "well-being",
    "kindness",
    "rumination",
    "worry",
    "sleep",
    "resilience",
    "clinical",
    "adults",
    "adolescents",
    "therapy",
    "trial",
    "outcomes",
    "effects",
    "review",
    "study",
    "mechanisms",
    "processing",
    "negative",
    "positive",
    "affect",
    "coping",
    "support",
    "practice",
    "daily",
    "brief",
    "online",
    "intervention",
    "predictors",
    "longitudinal",
    "evidence",
    "mood",
    "criticism",
    "warmth",
    "awareness",
)
JOURNALS = (
    "Journal of Clinical Psychology",
    "Mindfulness",
    "Emotion",
    "Behaviour Research and Therapy",
    "Clinical Psychology Review",
    "Journal of Anxiety Disorders",
    "Cognitive Therapy and Research",
    "Psychological Medicine",
    "Self and Identity",
    "Journal of Happiness Studies",
)
PUBLISHERS = ("Guilford Press", "Routledge", "American Psychological Association", "Oxford University Press")


@dataclass(frozen=True)
class SyntheticSite:
    root: Path
    articles: list[str]  # src_uri of each generated article, e.g. articles/synthetic-0001.md
    entries: int  # generated bibliography entries
    citation_blocks: int  # citation blocks in the generated articles


def generate_site(
    source: Path, destination: Path, *, articles: int, entries: int = 500, blocks: int | None = None, seed: int = 7
) -> SyntheticSite:
    """Copy the project at `source` to `destination` and add the synthetic content: each
    article with `blocks` citation blocks, or 2 to 5."""
    rng = random.Random(seed)
    _copy_project(source, destination)
    docs = destination / "docs"
    bib = destination / "references.bib"
    taken = {
        key.casefold()
        for key in re.findall(r"^\s*@\w+\s*[{(]\s*([^,\s]+)", bib.read_text(encoding="utf-8"), re.MULTILINE)
    }
    keys, bibtex = _bibliography(rng, entries, taken)
    with bib.open("a", encoding="utf-8") as file:
        file.write("\n% Generated for the benchmark.\n\n" + bibtex)

    front_matter = _front_matter_template(docs / ARTICLES_DIR)
    per_article = [blocks or rng.randint(2, 5) for _ in range(articles)]
    article_blocks_list = _citation_blocks(rng, keys, per_article)
    src_uris = []
    for index, article_blocks in enumerate(article_blocks_list, start=1):
        src_uri = f"{ARTICLES_DIR}/{SLUG_PREFIX}{index:04d}.md"
        (docs / src_uri).write_text(_article(rng, index, front_matter, article_blocks), encoding="utf-8")
        src_uris.append(src_uri)
    return SyntheticSite(destination, src_uris, len(keys), sum(len(b) for b in article_blocks_list))


def write_config(site: SyntheticSite, name: str, *, variant: str) -> Path:
    """A config file beside the real mkdocs.yml that inherits it and changes only what
    `variant` needs: "full" (the project as is), "bare" (no bibliography plugin, no
    hooks), "bibtex-only" (mkdocs-bibtex alone with the APA style, no hooks), "capture"
    (full, writing each page's Markdown as the hooks leave it to content-docs/) or
    "content" (bare, building content-docs/: the same text without the site's code)."""
    raw = read_config(site.root / "mkdocs.yml")
    overrides: dict = {"INHERIT": "mkdocs.yml"}
    if variant == "capture":
        overrides["hooks"] = [*(raw.get("hooks") or []), str(Path(__file__).with_name("keep_markdown.py"))]
    elif variant == "content":
        overrides["docs_dir"] = "content-docs"
    if variant in ("bare", "bibtex-only", "content"):
        overrides["hooks"] = []
        if raw.get("nav") is not None:
            # The nav as hooks/article_list.py would fill it: the same entries, the same order.
            overrides["nav"] = fill_nav(raw["nav"], _articles(site.root / "docs"))
        plugins = _plugin_list(raw.get("plugins") or [])
        if variant in ("bare", "content"):
            plugins = [p for p in plugins if _plugin_name(p) != "bibtex"]
        else:
            plugins = [
                {"bibtex": {**_plugin_options(p), "csl_file": apa_style_path()}} if _plugin_name(p) == "bibtex" else p
                for p in plugins
            ]
        overrides["plugins"] = plugins
    elif variant not in ("full", "capture"):
        raise ValueError(f"unknown variant {variant!r}")
    path = site.root / name
    path.write_text(yaml.safe_dump(overrides, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# Tracked and untracked-but-not-ignored files, so uncommitted work is measured too.
def _copy_project(source: Path, destination: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=source,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        raise SystemExit(
            f"{source} is not a git checkout ({listed.stderr.strip()}); give --project a clone of the project"
        )
    for relative in listed.stdout.split("\0"):
        if relative and relative.split("/")[0] not in SKIPPED_DIRS and (source / relative).is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / relative, target)


def _bibliography(rng: random.Random, count: int, taken: set[str]) -> tuple[list[str], str]:
    keys: list[str] = []
    chunks: list[str] = []
    while len(keys) < count:
        authors = [(_surname(rng), rng.choice(GIVEN)) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))]
        if rng.random() < 0.1:
            authors[0] = (rng.choice(COMMON_SURNAMES), rng.choice(GIVEN[:4]))
        year = rng.randint(1995, 2025)
        base = re.sub(r"\W", "", authors[0][0].lower().replace("ü", "u")) + str(year)
        key = next(
            f"{base}{suffix}" for suffix in ("", *"abcdefghijklmnopqrstuvwxyz") if f"{base}{suffix}" not in taken
        )
        taken.add(key)
        keys.append(key)
        author = " and ".join(f"{surname}, {given}" for surname, given in authors)
        title = _sentence(rng, 6, 12).rstrip(".")
        kind = rng.choices(("article", "book", "incollection"), weights=(7, 1.5, 1.5))[0]
        first_page = rng.randint(1, 900)
        pages = f"{first_page}--{first_page + rng.randint(5, 30)}"
        fields = {"author": author, "title": title, "year": str(year)}
        if kind == "article":
            fields |= {
                "journal": rng.choice(JOURNALS),
                "volume": str(rng.randint(1, 80)),
                "number": str(rng.randint(1, 12)),
                "pages": pages,
                "doi": f"10.{rng.randint(1000, 99999)}/{key}.{rng.randint(100, 9999)}",
            }
        elif kind == "book":
            fields |= {"publisher": rng.choice(PUBLISHERS)}
        else:
            fields |= {
                "booktitle": _sentence(rng, 3, 6).rstrip("."),
                "editor": f"{_surname(rng)}, {rng.choice(GIVEN)}",
                "publisher": rng.choice(PUBLISHERS),
                "pages": pages,
            }
        body = "".join(f"  {name:<9} = {{{value}}},\n" for name, value in fields.items())
        chunks.append(f"@{kind}{{{key},\n{body}}}\n")
    return keys, "\n".join(chunks)


# Blocks of one to four keys, some with a prefix or a locator; while entries remain
# uncited a block takes enough of them that every entry is cited by the last block.
def _citation_blocks(rng: random.Random, keys: list[str], per_article: list[int]) -> list[list[str]]:
    uncited = keys[:]
    rng.shuffle(uncited)
    total = sum(per_article)
    seen = 0
    articles = []
    for count in per_article:
        blocks = []
        for _ in range(count):
            size = max(rng.randint(1, 4), math.ceil(len(uncited) / (total - seen)))
            chosen = uncited[:size]
            del uncited[:size]
            while len(chosen) < size:
                key = rng.choice(keys)
                if key not in chosen:
                    chosen.append(key)
            blocks.append("[" + "; ".join(_citation_item(rng, key) for key in chosen) + "]")
            seen += 1
        articles.append(blocks)
    return articles


def _citation_item(rng: random.Random, key: str) -> str:
    prefix = rng.choice(("", "", "", "", "see ", "e.g., "))
    page = rng.randint(1, 400)
    locator = rng.choice(
        ("", "", "", f", p. {page}", f", pp. {page}-{page + rng.randint(1, 9)}", f", chapter {rng.randint(1, 12)}")
    )
    return f"{prefix}@{key}{locator}"


def _front_matter_template(articles: Path) -> dict:
    for path in sorted(articles.glob("*.md")):
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        if match:
            return yaml.safe_load(match.group("yaml") or "")
    raise SystemExit(f"{articles} holds no article with front matter to copy")


def _article(rng: random.Random, index: int, front_matter: dict, blocks: list[str]) -> str:
    title = f"Synthetic article {index}: {_sentence(rng, 3, 6).rstrip('.')}"
    meta = {**front_matter, "title": title, "description": _description(_sentence(rng, 10, 20))}
    paragraphs = [_sentence(rng, 12, 25) + " " + _sentence(rng, 10, 20) for _ in range(max(5, len(blocks) + 2))]
    for number, block in enumerate(blocks):
        target = 1 + number * (len(paragraphs) - 1) // len(blocks)
        paragraphs[target] = paragraphs[target].rstrip(".") + f" {block}. " + _sentence(rng, 8, 16)
    sections = [
        f"# {title}",
        paragraphs[0],
        "## What the research says",
        *paragraphs[1:-1],
        "## In short",
        paragraphs[-1],
    ]
    return (
        "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + "\n\n".join(sections) + "\n"
    )


# Cut to the length the build allows, at a word; cutting, not drawing fewer words, keeps
# every other generated word where it was, so results stay comparable across versions.
def _description(sentence: str) -> str:
    if len(sentence) <= DESCRIPTION_MAX:
        return sentence
    return sentence[: sentence.rfind(" ", 0, DESCRIPTION_MAX - 1)] + "."


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, shortest: int, longest: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(shortest, longest))]
    return " ".join(words).capitalize() + "."


# The real nav with the generated articles appended where the real articles are listed.
def _articles(docs: Path) -> list[Article]:
    found = []
    for path in sorted((docs / ARTICLES_DIR).glob("*.md")):
        article, _ = read_article(path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"), path=str(path))
        if article is not None:
            found.append(article)
    return found


def _plugin_list(plugins: list | dict) -> list:
    if isinstance(plugins, dict):
        return [{name: options or {}} for name, options in plugins.items()]
    return [p if isinstance(p, (str, dict)) else str(p) for p in plugins]


def _plugin_name(plugin: str | dict) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def _plugin_options(plugin: str | dict) -> dict:
    return {} if isinstance(plugin, str) else dict(plugin[_plugin_name(plugin)] or {})
