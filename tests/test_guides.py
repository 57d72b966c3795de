"""The guides stay sized for their readers: MAINTAINING.md is short enough to read through,
and says nothing CONTRIBUTING.md already says (it links there instead)."""

from __future__ import annotations

import re

from conftest import ROOT

MAINTAINING = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
# Seven words in a row make a shared sentence; six may be a shared phrase ("the site would
# publish by mistake").
SHARED_RUN = 7


def prose_words(guide: str) -> list[str]:
    """A guide's own words: code, comments and quoted names (a check's title, a message)
    left out, as both guides may quote them."""
    for quoted in (r"^```.*?^```\n", r"<!--.*?-->", r"`[^`\n]*`", r'"[^"\n]*"'):
        guide = re.sub(quoted, " ", guide, flags=re.MULTILINE | re.DOTALL)
    return re.findall(r"[\w'’-]+", guide.lower())


def runs(words: list[str], length: int) -> set[str]:
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_maintaining_stays_within_450_lines():
    assert len(MAINTAINING.splitlines()) <= 450


def test_maintaining_repeats_no_sentence_of_contributing():
    shared = runs(prose_words(MAINTAINING), SHARED_RUN) & runs(prose_words(CONTRIBUTING), SHARED_RUN)
    assert shared == set(), "MAINTAINING.md repeats CONTRIBUTING.md; link to it instead"


def test_a_repeated_sentence_is_found_and_a_quoted_name_is_not():
    sentence = "Every work in references.bib must be cited by at least one page, so add it with its citation."
    assert runs(prose_words(sentence), SHARED_RUN) & runs(prose_words(f"As said: {sentence}"), SHARED_RUN)
    quoted = 'Require "Lint, tests, and the same pages under ProperDocs" and one review.'
    assert not runs(prose_words(quoted), SHARED_RUN) & runs(prose_words(f"The check {quoted}"), SHARED_RUN)
