"""Every message the build can print gives advice an editor can follow in the browser:
it names what to write or do, it does not send the editor to a program alone, and it
speaks no parser's language.

The messages are those of CONTRIBUTING.md's catalogue ("What the messages mean, and how
to fix them"); tests/test_contributing.py checks that every message has its row there.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
# The Makefile's targets: a message naming one (`make check-dois`) sends an editor to a terminal.
TARGETS = re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)

# What a fix says: a verb of what to do, a suggestion ("did you mean 'inwood2018'"), an
# example ("e.g."), or, for a note that fails nothing, that there is nothing to fix.
FIX = re.compile(
    r"\b(write|add|remove|delete|move|rename|copy|put|replace|cite|save|fix|give|use|set|type|keep|end|"
    r"check|quote|change|list|link|ask|leave|split|retype|correct|lengthen|shorten|describe|indent|name|"
    r"open|choose|make this|did you mean|nothing to fix)\b|\be\.g\. ",
    re.IGNORECASE,
)
# The words of YAML's, pybtex's and Python's own errors, which tell an editor nothing.
JARGON = re.compile(
    r"scanner|scanning|scalar|token|mapping values|block mapping|flow sequence|Traceback|NoneType|KeyError|"
    r"yaml\.|pybtex|<block end>",
    re.IGNORECASE,
)


def catalogue() -> list[str]:
    """The first column of every table in the guide's messages section."""
    start = GUIDE.index("## What the messages mean, and how to fix them")
    end = GUIDE.find("\n## ", start + 3)
    section = GUIDE[start : end if end > 0 else None]
    return re.findall(r"^\| `(.+?)` \|", section, re.MULTILINE)


# `make check-dois`, make new-reference DOI=...: a program an editor in the browser cannot run.
_TARGET_NAMES = "|".join(map(re.escape, sorted(TARGETS, key=len, reverse=True)))
PROGRAM = re.compile(rf"`?\bmake (?:{_TARGET_NAMES})\b[^`;,)]*`?")


MESSAGES = catalogue()


def test_the_catalogue_is_read_whole():
    assert len(MESSAGES) >= 140


@pytest.mark.parametrize("message", MESSAGES)
def test_a_message_says_what_to_write_or_do(message: str):
    assert FIX.search(message), f"no fix an editor can act on: {message}"


@pytest.mark.parametrize("message", MESSAGES)
def test_a_message_that_names_a_program_also_says_what_to_do_in_the_browser(message: str):
    # The program's name may be said (where a page came from: "the skeleton from make
    # new-article"); the fix must stand without it.
    without_programs = PROGRAM.sub("", message)
    assert FIX.search(without_programs), f"only a program to run: {message}"


@pytest.mark.parametrize("message", MESSAGES)
def test_a_message_speaks_no_parser_language(message: str):
    assert not JARGON.search(message), f"parser words: {message}"
