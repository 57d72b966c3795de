"""Prose checks of `make check`: spelling of docs/, and a readability report per article.

Misspellings are problems (`path:line: message`, exit status 1); the readability report
is advice and never fails. Skeleton text left from `make new-article` is the build's to
name (psychoed.articles.placeholders), in every build.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from psychoed.articles.front_matter import ARTICLES_DIR
from psychoed.problems import counted
from psychoed.project_files import read_page
from readability import TARGET_GRADE, readability

ROOT = Path(__file__).resolve().parent.parent

DOCS = "docs"
WORD_LIST = ".codespell-words"
# codespell's report line: `docs/x.md:12: teh ==> the`
_CODESPELL = re.compile(r"^(?P<where>.+?:\d+): (?P<word>.+?) ==> (?P<fixes>.+)$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (holding docs/)")
    args = parser.parse_args(argv)
    texts, unreadable = article_texts(args.project)
    problems = spelling_problems(args.project) + unreadable
    for problem in problems:
        print(problem)
    print(readability_report(texts))
    if problems:
        print(f"prose: {counted(len(problems), 'problem')} to fix", file=sys.stderr)
    return 1 if problems else 0


def spelling_problems(project: Path) -> list[str]:
    """codespell's findings in docs/, each as `path:line: message` with what to do."""
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", DOCS],
        cwd=project,  # where it reads .codespellrc and the word list
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 65):  # 65: misspellings found
        return [f"{project.name}: codespell failed: {result.stderr.strip()}"]
    problems = []
    for line in result.stdout.splitlines():
        match = _CODESPELL.match(line)
        if match is None:
            problems.append(line)
            continue
        fixes = " or ".join(f"'{fix.strip()}'" for fix in match.group("fixes").split(",") if fix.strip())
        problems.append(
            f"{match.group('where')}: spelling: '{match.group('word')}' should probably be {fixes} "
            f"(if '{match.group('word')}' is right, add it to {WORD_LIST})"
        )
    return problems


def readability_report(texts: dict[str, str]) -> str:
    """One line per article: its Flesch–Kincaid grade, words and sentences."""
    lines = [
        f"Readability (Flesch–Kincaid grade; health information reads easily at grade {TARGET_GRADE} or below). Advice, never a failure:"
    ]
    for where, text in texts.items():
        score = readability(text)
        if score is None:
            lines.append(f"  {where}: no prose to score yet")
            continue
        per_sentence = score.words / max(score.sentences, 1)
        advice = "" if score.grade <= TARGET_GRADE else "; shorter sentences and everyday words bring it down"
        lines.append(
            f"  {where}: grade {score.grade:.1f}, {score.words} words in {score.sentences} sentences ({per_sentence:.0f} words a sentence){advice}"
        )
    return "\n".join(lines)


def article_texts(project: Path) -> tuple[dict[str, str], list[str]]:
    """Each article's text by its path from the project (docs/articles/x.md), and the
    problem of each that is not UTF-8 (saved from Word), which is read no further."""
    texts, problems = {}, []
    # Every Markdown file under articles/, in subfolders too, as the build reads articles.
    for path in sorted((project / DOCS / ARTICLES_DIR).rglob("*.md")):
        where = path.relative_to(project).as_posix()
        text, problem = read_page(path, display_path=where)
        if text is None:  # read_page gives the text or its problem
            problems.append(str(problem))
        else:
            texts[where] = text
    return texts, problems


if __name__ == "__main__":
    sys.exit(main())
