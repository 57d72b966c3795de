"""The problem matcher CI registers (.github/problem-matcher.json), applied to the real
output of a failing build, `make links` and `make prose`: every problem becomes an
annotation at a file of the repository and its line, errors and warnings apart; and the
run summary lists them all.

GitHub runs the patterns with .NET's regular expressions; problem_summary.matchers reads
them with Python's, which agree on the syntax they use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ARTICLE, build_site, copy_project, line_of, run_make
from problem_summary import MATCHER, Annotation, annotations_in, main, matchers, summary

# A line of make new-article's skeleton, left in an article.
SKELETON_LINE = "Give the reader one or two things to try, in short steps. (Replace this.)"
# Any line naming a file of the project with a line number: what must not go unannotated.
LOCATED = re.compile(r"(?:docs/\S+\.md|references\.bib|mkdocs\.yml):\d+")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


UNUSED_ENTRY = "\n@book{neff2011,\n  author = {Neff, Kristin},\n  title = {Self-Compassion},\n  publisher = {William Morrow},\n  year = {2011},\n}\n"


@pytest.fixture(scope="module")
def failing_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A build stopped by mistakes in an article's front matter and citations, and by
    skeleton text left from make new-article."""
    project = copy_project(tmp_path_factory.mktemp("errors"))
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("[@inwood2018]", "[@inwod2018]", 1).replace(
            "last_reviewed: 2026-11-25", "last_reviewed: 25/11/2026", 1
        )
        + f"\n{SKELETON_LINE}\n",
        encoding="utf-8",
    )
    # An entry no page cites: a warning, and so an error of the strict build.
    append(project / "references.bib", UNUSED_ENTRY)
    build = build_site(project)
    assert build.returncode == 1
    return project, build.stdout + build.stderr


@pytest.fixture(scope="module")
def checked_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site with broken links and a typo: the build's, `make links`' and `make prose`'s output."""
    project = copy_project(tmp_path_factory.mktemp("links"), tooling=True)
    append(
        project / ARTICLE,
        "\nSee [the practice](../practices/what-i-need.md).\n\n"
        'A handout: <a href="../../handouts/self-compassion.pdf">the worksheet</a>.\n',
    )
    append(project / "docs/privacy.md", "\nWe keep teh notes private.\n")
    outputs = {"build": build_site(project)}
    outputs |= {target: run_make(project, target) for target in ("links", "prose")}
    assert all(completed.returncode != 0 for completed in outputs.values()), outputs
    return project, {name: completed.stdout + completed.stderr for name, completed in outputs.items()}


def test_failing_build_gives_each_problem_at_its_file_and_line(failing_build):
    project, output = failing_build
    found = annotations_in(output, matchers(MATCHER))
    # The uncited entry fails the strict build as the others do: an error too.
    assert [(a.file, a.line, a.severity) for a in found] == [
        (ARTICLE, line_of(project / ARTICLE, "last_reviewed:"), "error"),
        (ARTICLE, line_of(project / ARTICLE, "[@inwod2018]"), "error"),
        (ARTICLE, line_of(project / ARTICLE, SKELETON_LINE), "error"),
        ("references.bib", line_of(project / "references.bib", "{neff2011,"), "error"),
    ]
    assert (
        found[0].message
        == "front matter field 'last_reviewed' is '25/11/2026', not a date; write it as YYYY-MM-DD: last_reviewed: 2026-11-25 for 25 November"
    )
    assert found[1].message == "unknown citation key 'inwod2018'; did you mean 'inwood2018'?"
    assert (
        found[2].message == "this text is still the example text of the article template; write your own in its place"
    )
    assert (
        found[3].message
        == "entry 'neff2011' is not cited by any page; cite it as [@neff2011] in the article on this branch, or remove it"
    )
    assert all((project / a.file).is_file() for a in found)


def test_link_warnings_broken_links_and_prose_problems_each_at_their_markdown_line(checked_site):
    project, outputs = checked_site
    patterns = matchers(MATCHER)
    article = project / ARTICLE
    link_line = line_of(article, "what-i-need.md")
    missing = (
        "Doc file 'articles/how-can-self-compassion-help-me.md' contains a link '../practices/what-i-need.md', but the target "
        "'practices/what-i-need.md' is not found among documentation files. The page nearest that name is "
        "'practices/what-do-i-need.md': link to it as '../practices/what-do-i-need.md'."
    )
    # It fails the strict build: an error, at its line.
    assert annotations_in(outputs["build"], patterns) == [Annotation(ARTICLE, link_line, "error", missing)]
    assert sorted(annotations_in(outputs["links"], patterns), key=lambda a: a.line or 0) == [
        Annotation(
            ARTICLE,
            link_line,
            "error",
            "../practices/what-i-need.md (no file articles/practices/what-i-need.md in the site: correct the address, or add the file)",
        ),
        Annotation(
            ARTICLE,
            line_of(article, "handouts"),
            "error",
            "../../handouts/self-compassion.pdf (no file handouts/self-compassion.pdf in the site: correct the address, or add the file)",
        ),
    ]
    assert annotations_in(outputs["prose"], patterns) == [
        Annotation(
            "docs/privacy.md",
            line_of(project / "docs/privacy.md", "teh"),
            "error",
            "spelling: 'teh' should probably be 'the' (if 'teh' is right, add it to .codespell-words)",
        ),
    ]


def test_every_located_line_is_annotated_and_nothing_else(failing_build, checked_site):
    output = failing_build[1] + "".join(checked_site[1].values())
    patterns = matchers(MATCHER)
    located = [line for line in output.splitlines() if LOCATED.search(line)]
    annotated = [line for line in output.splitlines() if any(regexp.match(line) for regexp, _ in patterns)]
    # The same lines, not only as many: a stray annotation cannot make up for a missed one.
    assert annotated == located and len(located) == 8, located
    found = annotations_in(output, patterns)
    # The readability report names articles without a line: advice, never an annotation.
    assert "grade" in checked_site[1]["prose"] and not any("grade" in a.message for a in found)


def test_run_summary_lists_every_problem_errors_first(failing_build, checked_site, tmp_path, capsys):
    logs = [tmp_path / "build.log", tmp_path / "checks.log"]
    logs[0].write_text(failing_build[1], encoding="utf-8")
    logs[1].write_text("".join(checked_site[1].values()), encoding="utf-8")

    assert main([str(log) for log in logs]) == 0

    table = capsys.readouterr().out
    assert table.startswith("### Problems: 8 errors, 0 warnings\n")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == 8
    assert [row.split(" | ")[1] for row in rows] == ["error"] * 8
    assert f"| `{ARTICLE}:" in rows[0] and "not a date" in table


def test_summary_reads_each_log_whole_when_one_ends_without_a_newline(tmp_path, capsys):
    logs = [tmp_path / "build.log", tmp_path / "prose.log"]
    logs[0].write_text("  docs/a.md:3: first problem", encoding="utf-8")
    logs[1].write_text("docs/b.md:5: second problem\n", encoding="utf-8")

    assert main([str(log) for log in logs]) == 0

    table = capsys.readouterr().out
    assert (
        "| `docs/a.md:3` | error | first problem |" in table and "| `docs/b.md:5` | error | second problem |" in table
    )


def test_summary_escapes_what_would_break_the_table():
    lines = summary([Annotation("docs/a.md", 3, "error", "link 'a|b' to <script>")]).splitlines()
    assert lines[0] == "### Problems: 1 error, 0 warnings"
    assert lines[-1] == "| `docs/a.md:3` | error | link 'a\\|b' to &lt;script> |"


def test_summary_without_problems_says_so(tmp_path, capsys):
    assert main([str(tmp_path / "never-written.log")]) == 0
    assert (
        capsys.readouterr().out
        == "### Problems\n\nThe build, `make links` and `make prose` printed no problem at a file and line. A failed step's log says why it failed.\n\n"
    )


def test_summary_names_a_file_without_a_line_when_the_file_itself_is_the_problem():
    found = annotations_in(
        "  docs/articles/how-can-i-sleep-better: the file is named without .md at the end, so ...\n", matchers(MATCHER)
    )
    assert found == [
        Annotation(
            "docs/articles/how-can-i-sleep-better", None, "error", "the file is named without .md at the end, so ..."
        )
    ]
    assert (
        summary(found).splitlines()[-1]
        == "| `docs/articles/how-can-i-sleep-better` | error | the file is named without .md at the end, so ... |"
    )
