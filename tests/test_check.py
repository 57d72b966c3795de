"""`make check`: strict build and prose checks, every problem named with its path:line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import textstat

from conftest import ARTICLE, FIXTURE_SITE, build_checks, run_make
from prose import main as prose_main
from readability import prose_text, readability, syllable_count


def test_a_checkable_copy_leaves_out_lighthouses_npm_install(checkable_copy):
    # 100 MB after `make lighthouse`, copied for every test of a check, and read by none.
    assert (checkable_copy / "tools/lighthouse/package.json").is_file()
    assert not (checkable_copy / "tools/lighthouse/node_modules").exists()


def make_check(project: Path) -> subprocess.CompletedProcess[str]:
    return run_make(project, "check")


def add_lines(path: Path, *lines: str) -> int:
    """Append lines to a page; return the line number of the first."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return text.count("\n") + 2


def test_check_passes_on_the_fixture_site(checkable_copy):
    result = make_check(checkable_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make check: no problems found" in result.stdout
    assert f"{ARTICLE}: grade " in result.stdout


def test_check_fails_on_a_misspelling_and_a_broken_link_and_names_both(checkable_copy):
    line = add_lines(
        checkable_copy / ARTICLE,
        "Teh research is clear.",
        "",
        "Read [the missing page](missing-page.md) too.",
    )

    result = make_check(checkable_copy)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert f"{ARTICLE}:{line}: spelling: 'Teh' should probably be 'The'" in output
    assert (
        f"{ARTICLE}:{line + 2}: Doc file 'articles/how-can-self-compassion-help-me.md' contains a link 'missing-page.md'"
        in output
    )
    assert "make check: fix the problems above" in output
    # Both steps ran: the prose report follows the failed build.
    assert "Readability (Flesch–Kincaid grade" in output


def test_check_runs_the_link_check_on_what_the_build_wrote(checkable_copy):
    # Raw HTML: MkDocs' own validation does not read it; `make links` checks the result.
    line = add_lines(checkable_copy / ARTICLE, '<p><a href="../nowhere/">A link to no page</a></p>')

    result = make_check(checkable_copy)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    # At its line in the Markdown, where the editor fixes it.
    assert (
        f"  {ARTICLE}:{line} -> ../nowhere/ (no file articles/nowhere in the site: correct the address, or add the file)"
        in output
    )
    assert "make check: fix the problems above" in output


# `make check` runs the build, then `make prose` (the runs above): the
# build names skeleton text, at every build, and the prose check leaves it to the build,
# so it is listed once.
def test_skeleton_text_left_from_new_article_is_named_once_by_the_build(checkable_copy, capsys):
    subprocess.run(
        [sys.executable, str(checkable_copy / "tools/new_article.py"), "Sleep Well", "--today", "2026-06-01"],
        check=True,
        capture_output=True,
    )

    told = [str(problem) for problem in build_checks(checkable_copy) if not problem.notice]
    prose_main(["--project", str(checkable_copy)])
    prose = capsys.readouterr().out

    for skeleton in (
        "docs/articles/sleep-well.md:3: the description is still the example from make new-article",
        "docs/articles/sleep-well.md:12: this text is still the example text of the article template",
    ):
        assert sum(problem.startswith(skeleton) for problem in told) == 1, told
        assert skeleton.split(": ", 1)[0] not in prose


def test_an_article_in_a_subfolder_is_in_the_readability_report(checkable_copy, capsys):
    subprocess.run(
        [sys.executable, str(checkable_copy / "tools/new_article.py"), "Sleep Well"], check=True, capture_output=True
    )
    (checkable_copy / "docs/articles/sleep").mkdir()
    (checkable_copy / "docs/articles/sleep-well.md").rename(checkable_copy / "docs/articles/sleep/sleep-well.md")

    assert prose_main(["--project", str(checkable_copy)]) == 0

    assert "  docs/articles/sleep/sleep-well.md: grade " in capsys.readouterr().out


def test_an_article_saved_from_word_is_a_problem_at_its_line_not_a_traceback(checkable_copy, capsys):
    article = checkable_copy / ARTICLE
    text = article.read_text(encoding="utf-8")
    typed = text + "\nBreathe in \u2013 and out.\n"
    article.write_bytes(typed.encode("cp1252", errors="replace"))

    assert prose_main(["--project", str(checkable_copy)]) == 1

    # The first line whose text Windows-1252 writes in bytes UTF-8 cannot read.
    line = next(number for number, row in enumerate(typed.split("\n"), start=1) if not row.isascii())
    assert f"{ARTICLE}:{line}: not UTF-8 text; save the file as UTF-8" in capsys.readouterr().out


def test_word_list_accepts_a_word_codespell_would_flag(checkable_copy, capsys):
    add_lines(checkable_copy / ARTICLE, "Several doctoral theses agree.", "Results of the recieve study.")
    assert prose_main(["--project", str(checkable_copy)]) == 1
    out = capsys.readouterr().out
    assert "'theses'" not in out  # in the shipped .codespell-words
    assert "'recieve' should probably be 'receive' (if 'recieve' is right, add it to .codespell-words)" in out

    with (checkable_copy / ".codespell-words").open("a", encoding="utf-8") as words:
        words.write("recieve\n")
    assert prose_main(["--project", str(checkable_copy)]) == 0


def test_readability_is_reported_and_never_fails(checkable_copy, capsys):
    hard = "Notwithstanding considerable methodological heterogeneity, contemporary investigations substantiate multidimensional psychotherapeutic conceptualizations."
    add_lines(checkable_copy / ARTICLE, hard)
    assert prose_main(["--project", str(checkable_copy)]) == 0
    report = capsys.readouterr().out
    assert f"{ARTICLE}: grade " in report
    assert "shorter sentences and everyday words bring it down" in report


def test_readability_counts_prose_only():
    source = (
        "---\ntitle: T\n---\n\n# A Heading Without A Full Stop\n\n"
        "One short sentence [@inwood2018].\n\n"
        "- A list item\n- Another list item\n\n"
        # A blank line inside a fenced block: without fenced_code, both halves read as prose.
        "```text\nCode is not prose at all,\n\nhowever long it is.\n```\n\n"
        "<!-- A comment for editors. -->\n"
    )
    assert prose_text(source) == "One short sentence. A list item. Another list item."
    score = readability(source)
    assert score is not None
    assert (score.words, score.sentences) == (9, 3)


def test_plain_words_score_a_lower_grade_than_jargon():
    plain = "---\ntitle: T\n---\n\nBe kind to yourself. Take a rest when you need it. Ask a friend for help.\n"
    jargon = "---\ntitle: T\n---\n\nSelf-compassionate attitudinal orientations facilitate emotional regulation capabilities, diminishing psychopathological symptomatology considerably.\n"
    plain_score, jargon_score = readability(plain), readability(jargon)
    assert plain_score and jargon_score
    assert plain_score.grade < 4 < jargon_score.grade


# Counted from the CMU dictionary's lines of the page's words only, as textstat counts:
# contractions, possessives, hyphenated words, numbers, accents and words the dictionary lacks.
def test_grade_is_textstats_flesch_kincaid_grade():
    fixture_article = (FIXTURE_SITE / ARTICLE).read_text(encoding="utf-8")
    typed = (
        "---\ntitle: T\n---\n\nDon't judge yourself; you're doing your best. Neff's self-compassion "
        "scale has 26 items, scored 1 to 5. A naïve 'inner critic' isn't the whole story. Mindfulnessy "
        "wordlings aren't in any dictionary. Since COVID-19, e.g. in 2020\u20132021, it\u2019s \u201cnormal\u201d.\n"
    )
    for source in (fixture_article, typed):
        text = prose_text(source)
        assert syllable_count(textstat.remove_punctuation(text).lower().split()) == textstat.syllable_count(text)
        score = readability(source)
        assert score is not None and score.grade == round(textstat.flesch_kincaid_grade(text), 1)


def test_page_without_prose_has_no_score():
    assert readability("---\ntitle: T\n---\n\n# Only a heading\n") is None
    assert readability("---\ntitle: T\n---\n\n# A heading\n\n\u2014\n\n- \u2026\n") is None


# Cut short in the browser's editor: the theme stopped with a traceback, no check having run.
def test_make_build_names_a_mkdocs_yml_that_lost_the_sites_hooks(checkable_copy):
    config = checkable_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\nhooks:")] + "\n", encoding="utf-8")

    result = run_make(checkable_copy, "build")

    assert result.returncode != 0
    lines = config.read_text(encoding="utf-8").count("\n")
    assert f"  mkdocs.yml:{lines}: hooks: does not list hooks/site_checks.py" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_make_build_names_a_mkdocs_yml_that_is_not_yaml_at_its_line(checkable_copy):
    config = checkable_copy / "mkdocs.yml"
    line = add_lines(config, "extra_javascript:", "   - one.js", "  - two.js")

    result = run_make(checkable_copy, "build")

    assert result.returncode != 0
    # PyYAML stops at the line after the indented one, where the list goes on unindented.
    assert f"  mkdocs.yml:{line + 2}: not valid YAML; check this line" in result.stdout
    assert (
        "Traceback" not in result.stdout + result.stderr and "MkDocs encountered" not in result.stdout + result.stderr
    )
