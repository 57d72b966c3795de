"""Editors' slips, made at random in the fixture site's real pages and entries: every
mutant either stops the build with a problem at the line it changed (a moved file: at
its path), or builds a page identical to the original; never a traceback, never a
silently different page.

Each mutant is checked in process by `psychoed.site_checks.site_problems`, the checks
the build's hook runs, in milliseconds; a sample of each kind goes through real builds
too, to prove the in-process verdict is the build's. The mutants that pass the checks
are built, several of different files to one build, and their pages compared with the
fixture site's.
"""

from __future__ import annotations

import functools
import os
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import FIXTURE_SITE, REAL_BUILD_ENV, build_checks, build_site, copy_project
from psychoed.articles.front_matter import read_front_matter
from psychoed.articles.structured_data import plain_text
from psychoed.characters import invisible
from psychoed.markdown_source import PageSource
from psychoed.pages.page_templates import template_problems
from psychoed.problems import Problem
from psychoed.references.bibliography import check_bibliography

SEED = 21
# Mutants of each kind: enough to reach every line of every file over the kinds.
PER_KIND = 20
BIB = "references.bib"
# What pasting from the web, Word or a PDF brings in and no one sees.
INVISIBLE = ("\u200b", "\u00a0", "\u00ad", "\ufeff", "\u200e", "\u200f")


@dataclass(frozen=True)
class Mutant:
    kind: str
    path: str  # the file changed, as the editor finds it: docs/articles/x.md or references.bib
    text: str  # its new text
    lines: tuple[int, ...]  # where the build must tell it; () for a moved file: at its new path
    moved_to: str | None = None  # the file's new path, for a moved file

    def __str__(self) -> str:
        where = self.moved_to or f"{self.path}:{','.join(map(str, self.lines))}"
        return f"{self.kind} at {where}"


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def test_every_mutant_stops_at_its_line_or_passes_the_checks(verdicts: dict[Mutant, list[Problem]]):
    wrong = {mutant: problems for mutant, problems in verdicts.items() if problems and not _told_at(mutant, problems)}
    assert not wrong, "\n".join(f"{mutant}: {[str(p) for p in problems]}" for mutant, problems in wrong.items())
    assert len(verdicts) == 105
    # How many stop at their line; the other 48 pass the checks, and must build the same page.
    assert sum(bool(problems) for problems in verdicts.values()) == 57


def test_the_build_stops_where_the_checks_in_process_stop(verdicts: dict[Mutant, list[Problem]], tmp_path: Path):
    """One mutant of each kind that stops, on files of their own, made together: the real
    build tells every problem the in-process checks told."""
    chosen: dict[str, Mutant] = {}
    # An entry references.bib cannot read last: it takes the file from the other kinds.
    in_order = sorted(verdicts.items(), key=lambda item: any(problem.fatal for problem in item[1]))
    for mutant, problems in in_order:
        files = {m.path for m in chosen.values()} | {m.moved_to or m.path for m in chosen.values()}
        if problems and mutant.kind not in chosen and not {mutant.path, mutant.moved_to or mutant.path} & files:
            chosen[mutant.kind] = mutant
    assert len(chosen) >= 5
    project = copy_project(tmp_path / "project")
    for mutant in chosen.values():
        _mutated(project, mutant).__enter__()
    expected = {str(problem) for problem in build_checks(project, load_config(str(project / "mkdocs.yml")))}
    build = build_site(project, env=REAL_BUILD_ENV)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert {line for line in expected if line not in build.stderr} == set()


# The builds `make test` makes of the mutants that pass, one test each (so they share the
# cores): enough that every kind is among them. MUTANT_BUILDS=all builds every one.
SAMPLE_BUILDS = 4


@pytest.mark.parametrize("batch", range(SAMPLE_BUILDS))
def test_a_mutant_that_passes_the_checks_builds_the_same_page(
    batch: int, verdicts: dict[Mutant, list[Problem]], fixture_site: Path, tmp_path: Path
):
    """The mutants that pass, several of different pages to a build: each page as the
    fixture site's."""
    passing = _round_robin([m for m, problems in verdicts.items() if not problems])
    groups = batches(passing)
    assert {m.kind for group in groups[:SAMPLE_BUILDS] for m in group} == {m.kind for m in passing}
    last = len(groups) if os.environ.get("MUTANT_BUILDS") == "all" and batch == SAMPLE_BUILDS - 1 else batch + 1
    different = []
    for group in groups[batch:last]:
        for mutant, html in build_batch(tmp_path / "project", group, tmp_path / "site").items():
            if _normalised(html) != _normalised((fixture_site / built_page(mutant)).read_text(encoding="utf-8")):
                different.append(str(mutant))
    assert different == [], "\n".join(different)


# A table of the slips the mutants found, as each check now tells them.
FOUND = [
    (
        "closing '---' with an invisible character",
        "docs/consultation.md",
        "---\ntitle: Request\n---\u200b\n\n# Request\n",
        "docs/consultation.md:3: this '---', meant to close the front matter, has an invisible character beside it (U+200B ZERO WIDTH SPACE); delete the line and type '---' again",
    ),
    (
        "comma left out after a field",
        BIB,
        "@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-Compassion}\n  publisher = {William Morrow},\n  year = {2011},\n}\n",
        "references.bib:3: the value of this field ends without a comma, so the next field cannot begin; add a comma at the end of this line",
    ),
    (
        "opening brace of a value left out",
        BIB,
        "@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-Compassion},\n  year = 2011},\n  publisher = {William Morrow},\n}\n",
        "references.bib:4: this '}' ends the entry, so the fields after it are left out; put back the '{' that opens the value of year",
    ),
    (
        "PubMed name with accented initials",
        BIB,
        "@book{neff2011,\n  author = {Neff, Kristin and Gómez-Martínez MÁ},\n  title = {Self-Compassion},\n  publisher = {William Morrow},\n  year = {2011},\n}\n",
        "references.bib:2: entry 'neff2011': the author field has a name in PubMed's form ('Gómez-Martínez MÁ'), which BibTeX reads as the given name 'Gómez-Martínez' and the family name 'MÁ'; write author = {Neff, Kristin and Gómez-Martínez, M. Á.}",
    ),
    (
        "colon left out after a front matter field's name",
        "docs/privacy.md",
        "---\ntitle Privacy\ndescription: What this site collects.\n---\n\n# Privacy\n",
        "docs/privacy.md:2: front matter line 'title Privacy' has no ':' after the name of the field; write title: Privacy",
    ),
    (
        "comma left out between family name and initials",
        BIB,
        "@book{neff2011,\n  author = {Neff, Kristin and Sánchez-Zaballos E.},\n  title = {Self-Compassion},\n  publisher = {William Morrow},\n  year = {2011},\n}\n",
        "references.bib:2: entry 'neff2011': the author field has a name with no comma after the family name ('Sánchez-Zaballos E.'), which BibTeX reads as the given name 'Sánchez-Zaballos' and the family name 'E.'; write author = {Neff, Kristin and Sánchez-Zaballos, E.}",
    ),
    (
        "template in typographic quotes",
        "docs/about-our-content.md",
        "---\ntitle: About\ntemplate: \u2018trust-page.html\u2019\n---\n\n# About\n",
        "docs/about-our-content.md:3: front matter field 'template' is '\u2018trust-page.html\u2019', which is no layout of the site; write template: trust-page.html",
    ),
]


@pytest.mark.parametrize("path, source, expected", [row[1:] for row in FOUND], ids=[row[0] for row in FOUND])
def test_a_slip_the_mutants_found_is_told_at_its_line(path: str, source: str, expected: str):
    if path == BIB:
        problems = check_bibliography(source, display_path=BIB).problems
    else:
        page = PageSource(path, source)
        problems = template_problems([page], templates={"main.html", "trust-page.html", "consultation.html"})
        problems += read_front_matter(source, path=path)[1]
    assert expected in [str(problem) for problem in problems]


def test_structured_data_prints_no_invisible_character():
    assert plain_text("Applied Ps\u200fychology:\u00a0Health") == "Applied Psychology: Health"


# ---------------------------------------------------------------------------------------
# The mutants
# ---------------------------------------------------------------------------------------


def content() -> dict[str, str]:
    """The fixture site's pages and bibliography, by path."""
    files = [FIXTURE_SITE / BIB, *sorted((FIXTURE_SITE / "docs").rglob("*.md"))]
    return {str(path.relative_to(FIXTURE_SITE)): path.read_text(encoding="utf-8") for path in files}


def mutants(seed: int = SEED) -> list[Mutant]:
    rng = random.Random(seed)
    texts = content()
    made = []
    for kind, mutate in KINDS.items():
        for _ in range(PER_KIND):
            mutant = Mutant(kind, *mutate(rng, texts))
            if mutant not in made:  # a kind with few places to mutate repeats itself
                made.append(mutant)
    return made


Made = tuple[str, str, tuple[int, ...]] | tuple[str, str, tuple[int, ...], str]


def _lines(text: str, pattern: str) -> list[int]:
    """The (1-based) numbers of the lines matching `pattern`."""
    return [number for number, line in enumerate(text.split("\n"), 1) if re.search(pattern, line)]


def _edit_line(text: str, number: int, edit: Callable[[str], str]) -> str:
    lines = text.split("\n")
    lines[number - 1] = edit(lines[number - 1])
    return "\n".join(lines)


def _front_matter_lines(text: str) -> list[int]:
    if not text.startswith("---\n"):
        return []
    end = text.split("\n").index("---", 1)
    return list(range(2, end + 1))


def invisible_character(rng: random.Random, texts: dict[str, str]) -> Made:
    path = rng.choice(sorted(texts))
    number = rng.choice(_lines(texts[path], r"\S"))
    character = rng.choice(INVISIBLE)

    def insert(line: str) -> str:
        # A no-break space shows as a space: it comes in where a space was.
        spaces = [column for column, char in enumerate(line) if char == " "]
        if character == "\u00a0" and spaces:
            column = rng.choice(spaces)
            return line[:column] + character + line[column + 1 :]
        column = rng.randrange(len(line) + 1)
        return line[:column] + character + line[column:]

    return path, _edit_line(texts[path], number, insert), (number,)


def curly_quotes(rng: random.Random, texts: dict[str, str]) -> Made:
    """A value wrapped in typographic quotes: in front matter, or for a BibTeX field's braces."""
    opening, closing = rng.choice((("\u201c", "\u201d"), ("\u2018", "\u2019")))
    if rng.random() < 0.5:
        path = rng.choice([path for path in sorted(texts) if _front_matter_lines(texts[path])])
        number = rng.choice([n for n in _front_matter_lines(texts[path]) if ": " in texts[path].split("\n")[n - 1]])
        return (
            path,
            _edit_line(texts[path], number, lambda line: re.sub(r": (.*)", rf": {opening}\1{closing}", line, count=1)),
            (number,),
        )
    number = rng.choice(_lines(texts[BIB], r"^\s+\w+\s*= \{"))
    return (
        BIB,
        _edit_line(texts[BIB], number, lambda line: re.sub(r"\{(.*)\}", rf"{opening}\1{closing}", line)),
        (number,),
    )


def dropped_punctuation(rng: random.Random, texts: dict[str, str]) -> Made:
    """A comma or brace gone from BibTeX, a colon from front matter, a bracket, @ or ; from a citation."""
    where = rng.choice(("bibtex", "front matter", "citation"))
    if where == "bibtex":
        number = rng.choice(_lines(texts[BIB], r"[,{}]"))
        line = texts[BIB].split("\n")[number - 1]
        column = rng.choice([i for i, c in enumerate(line) if c in ",{}"])
        return BIB, _edit_line(texts[BIB], number, lambda line: line[:column] + line[column + 1 :]), (number,)
    if where == "front matter":
        path = rng.choice([path for path in sorted(texts) if _front_matter_lines(texts[path])])
        number = rng.choice([n for n in _front_matter_lines(texts[path]) if ": " in texts[path].split("\n")[n - 1]])
        return path, _edit_line(texts[path], number, lambda line: line.replace(": ", " ", 1)), (number,)
    path, number, citation, text = _citation(rng, texts, join=True)
    keys = re.findall(r"@\w+", citation)
    slips = [citation.replace("[", "", 1), citation.replace("]", ""), citation.replace("@", "", 1)]
    if len(keys) > 1:
        slips.append(citation.replace(";", "", 1))
    slip = rng.choice(slips)
    return path, _edit_line(text, number, lambda line: line.replace(citation, slip, 1)), (number,)


def _citation(rng: random.Random, texts: dict[str, str], *, join: bool = False) -> tuple[str, int, str, str]:
    """A citation of a page, at its line, and the page's text; with `join`, now and then two
    of them joined as `[@a; @b]`, as an article cites two works for one sentence (a text
    of its own, so only a mutant that stops may be made of it)."""
    found = [
        (path, number, match.group(0))
        for path in sorted(texts)
        if path != BIB
        for number in _lines(texts[path], r"\[@")
        for match in re.finditer(r"\[@[^\]]*\]", texts[path].split("\n")[number - 1])
    ]
    path, number, citation = rng.choice(found)
    text = texts[path]
    if join and rng.random() < 0.5:
        others = sorted({key for _, _, other in found for key in re.findall(r"@\w+", other)} - {citation[1:-1]})
        joined = f"[{citation[1:-1]}; {rng.choice(others)}]"
        text = _edit_line(text, number, lambda line: line.replace(citation, joined, 1))
        citation = joined
    return path, number, citation, text


def reordered_name(rng: random.Random, texts: dict[str, str]) -> Made:
    """`Inwood, Elisa` written `Elisa Inwood`, or as PubMed prints it, `Inwood E`."""
    number = rng.choice(_lines(texts[BIB], r"^\s+author\s*="))
    line = texts[BIB].split("\n")[number - 1]
    found = re.search(r"\{(.*)\}", line)
    assert found  # every author line of the fixture is braced
    names = found.group(1).split(" and ")
    index = rng.randrange(len(names))
    last, first = (part.strip() for part in names[index].split(",", 1))
    if rng.random() < 0.5:
        names[index] = f"{first} {last}"
    else:
        initials = "".join(part[0] for part in re.split(r"[\s.-]+", first) if part)
        names[index] = f"{last} {initials}"
    return (
        BIB,
        _edit_line(texts[BIB], number, lambda line: re.sub(r"\{.*\}", "{" + " and ".join(names) + "}", line)),
        (number,),
    )


def wrapped_address(rng: random.Random, texts: dict[str, str]) -> Made:
    """A line break inside a link's address or a DOI, as a narrow editor window wraps it."""
    targets = [(BIB, n) for n in _lines(texts[BIB], r"^\s+(doi|url)\s*=")]
    targets += [(path, n) for path in sorted(texts) if path != BIB for n in _lines(texts[path], r"\]\([^)]+\)")]
    path, number = rng.choice(targets)
    line = texts[path].split("\n")[number - 1]
    match = re.search(r"\]\(([^)]+)\)", line) or re.search(r"\{(.+)\}", line)
    assert match  # the lines were chosen for holding one
    column = rng.randrange(match.start(1) + 1, match.end(1))
    return (
        path,
        _edit_line(texts[path], number, lambda line: line[:column] + "\n" + line[column:]),
        (number, number + 1),
    )


def title_case(rng: random.Random, texts: dict[str, str]) -> Made:
    """A reference's title with its small words capitalised, as a journal's page prints it.
    (A page's own title is the editor's to case; a reference's is APA's, which the site prints.)"""
    number = rng.choice(_lines(texts[BIB], r"^\s+title\s*="))
    capitalised = lambda line: re.sub(r"\b([a-z])(\w*)", lambda m: m.group(1).upper() + m.group(2), line)  # noqa: E731
    title = texts[BIB].split("\n")[number - 1].split("=", 1)[1]
    return BIB, _edit_line(texts[BIB], number, lambda line: line.replace(title, capitalised(title))), (number,)


def moved_file(rng: random.Random, texts: dict[str, str]) -> Made:
    """A page saved one folder too high: an article into docs/ instead of docs/articles/."""
    path = rng.choice([path for path in sorted(texts) if path.count("/") > 1])
    return path, texts[path], (), "docs/" + path.rsplit("/", 1)[1]


def wrapped_citation(rng: random.Random, texts: dict[str, str]) -> Made:
    path, number, citation, text = _citation(rng, texts)
    column = rng.choice([i for i, c in enumerate(citation) if c in "[@ ;]"][1:] or [1])
    wrapped = citation[:column].rstrip(" ") + "\n" + citation[column:].lstrip(" ")
    return path, _edit_line(text, number, lambda line: line.replace(citation, wrapped, 1)), (number, number + 1)


def pasted_from_word(rng: random.Random, texts: dict[str, str]) -> Made:
    """The file saved with Windows line ends and a byte-order mark: it must build the same."""
    path = rng.choice(sorted(texts))
    return path, "\ufeff" + texts[path].replace("\n", "\r\n"), (1,)


KINDS: dict[str, Callable[[random.Random, dict[str, str]], Made]] = {
    "invisible character": invisible_character,
    "curly quotes": curly_quotes,
    "dropped punctuation": dropped_punctuation,
    "reordered name": reordered_name,
    "wrapped address": wrapped_address,
    "Title Case": title_case,
    "moved file": moved_file,
    "wrapped citation": wrapped_citation,
    "pasted from Word": pasted_from_word,
}


# ---------------------------------------------------------------------------------------
# The checks, as the build runs them
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[Mutant, list[Problem]]:
    project = copy_project(tmp_path_factory.mktemp("mutants") / "project")
    return {mutant: check_mutant(project, mutant) for mutant in mutants()}


def check_mutant(project: Path, mutant: Mutant) -> list[Problem]:
    """The problems the build's checks find in `project` with `mutant` made: the errors
    and warnings (a strict build stops on either), not the notices. The project is put
    back as it was."""
    with _mutated(project, mutant):
        return [problem for problem in build_checks(project, _config(project)) if not problem.notice]


# mkdocs.yml is read once: no mutant changes it.
@functools.cache
def _config(project: Path) -> MkDocsConfig:
    return load_config(str(project / "mkdocs.yml"))


class _mutated:
    """The mutant made in `project` for the length of a `with`, then undone."""

    def __init__(self, project: Path, mutant: Mutant) -> None:
        self.project, self.mutant = project, mutant
        self.original = (project / mutant.path).read_bytes()

    def __enter__(self) -> None:
        target = self.project / (self.mutant.moved_to or self.mutant.path)
        if self.mutant.moved_to:
            (self.project / self.mutant.path).unlink()
        target.write_bytes(self.mutant.text.encode("utf-8"))

    def __exit__(self, *exc: object) -> None:
        if self.mutant.moved_to:
            (self.project / self.mutant.moved_to).unlink()
        (self.project / self.mutant.path).write_bytes(self.original)


def _told_at(mutant: Mutant, problems: list[Problem]) -> bool:
    if mutant.moved_to:
        return any(problem.path == mutant.moved_to for problem in problems)
    return any(problem.path == mutant.path and problem.line in mutant.lines for problem in problems)


# ---------------------------------------------------------------------------------------
# The builds
# ---------------------------------------------------------------------------------------


def built_page(mutant: Mutant) -> str:
    """The output file of the page a mutant changes; an entry of references.bib shows on the
    article that cites it."""
    path = "docs/articles/how-can-self-compassion-help-me.md" if mutant.path == BIB else mutant.path
    page = path.removeprefix("docs/").removesuffix(".md")
    return "index.html" if page == "index" else f"{page.removesuffix('/index')}/index.html"


def batches(passing: list[Mutant]) -> list[list[Mutant]]:
    """The mutants in groups of one per file (and one per built page), each group one build."""
    groups: list[list[Mutant]] = []
    for mutant in passing:
        group = next((g for g in groups if all(built_page(m) != built_page(mutant) for m in g)), None)
        if group is None:
            groups.append(group := [])
        group.append(mutant)
    return groups


def build_batch(project: Path, batch: list[Mutant], site: Path) -> dict[Mutant, str]:
    """Each mutant's page as a strict build of `project` with the whole batch made renders
    it. A mutant that MkDocs' own checks stop (a link's address with an invisible
    character) must be told at its line; the rest are built again without it."""
    if project.exists():
        shutil.rmtree(project)
    copy_project(project)
    for mutant in batch:
        _mutated(project, mutant).__enter__()
    build = build_site(project, env=REAL_BUILD_ENV, site_dir=site)
    if build.returncode == 0:
        return {mutant: (site / built_page(mutant)).read_text(encoding="utf-8") for mutant in batch}
    assert "Traceback" not in build.stderr, build.stderr
    stopped = [m for m in batch if any(f"{m.path}:{line}:" in build.stderr for line in m.lines)]
    assert stopped, build.stderr
    return build_batch(project, [m for m in batch if m not in stopped], site) if len(stopped) < len(batch) else {}


# Each kind in turn, so the first builds hold every kind that passes. The article's page
# shows both its own mutants and references.bib's, one a build: the kinds that change
# nothing else come first, and the others give their mutants of other pages first.
def _round_robin(passing: list[Mutant]) -> list[Mutant]:
    article = built_page(Mutant("", BIB, "", ()))
    by_kind: dict[str, list[Mutant]] = {}
    for mutant in sorted(passing, key=lambda m: built_page(m) == article):
        by_kind.setdefault(mutant.kind, []).append(mutant)
    kinds = sorted(by_kind.values(), key=lambda ms: -sum(built_page(m) == article for m in ms) / len(ms))
    rounds = max(map(len, kinds), default=0)
    return [kind[i] for i in range(rounds) for kind in kinds if i < len(kind)]


_STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">.*?</script>', re.DOTALL)


def _normalised(html: str) -> str:
    """A page as readers and search engines take it. An invisible character typed in the
    prose stays there, invisible (the editor's text, as typed): it is dropped outside the
    structured data. The structured data carries each cited work's title as typed (search
    engines read either case; the reference list prints APA's): compared without case."""
    parts, last = [], 0
    for script in _STRUCTURED_DATA.finditer(html):
        parts += [_visible(html[last : script.start()]), script.group().casefold()]
        last = script.end()
    return "".join([*parts, _visible(html[last:])])


# HTML shows a run of white space (a line break in a paragraph, a no-break space) as one space.
def _visible(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(char if char.isspace() or not invisible(char) else "" for char in text))
