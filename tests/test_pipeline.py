"""The pipeline is the table in ARCHITECTURE.md ("The pipeline"): every hook's events and
priorities, in the order MkDocs runs them; the checks come first, and the later hooks take
what they checked instead of asserting that an earlier hook stopped the build."""

from __future__ import annotations

import ast
import importlib.util
import re
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.plugins import EVENTS

from conftest import FIXTURE_SITE, ROOT
from psychoed.problems import Problem, Unchecked, checked
from psychoed.settings.config_file import read_config
from psychoed.settings.setting_problems import SettingProblem

MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
# The site's settings as the tests own them; its `hooks:` and `plugins:` are the live ones.
SETTINGS = read_config(FIXTURE_SITE / "mkdocs.yml")
# The plugins by their names in mkdocs.yml, as MkDocs finds them (Material's theme brings
# its own `search`).
_PLUGINS = entry_points(group="mkdocs.plugins")
PLUGINS = {"search": _PLUGINS["material/search"].load(), "bibtex": _PLUGINS["bibtex"].load()}
# The order MkDocs 1.6 runs its events in a build (mkdocs/commands/build.py), then serve's.
RUN_ORDER = (
    "startup",
    "config",
    "pre_build",
    "files",
    "nav",
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "env",
    "pre_template",
    "template_context",
    "post_template",
    "page_context",
    "post_page",
    "post_build",
    "build_error",
    "serve",
    "shutdown",
)
# One row of the table: (event, priority, hook file or plugin name).
Row = tuple[str, float, str]


def test_the_table_is_every_hook_event_in_the_order_mkdocs_runs_them():
    rows = table_rows(MAP)

    assert rows == in_run_order(hook_rows() + plugin_rows(rows)), (
        "ARCHITECTURE.md's pipeline table must list each hook's events and priorities as the code has them"
    )


def test_a_table_that_drifts_from_the_code_is_caught():
    code = in_run_order(hook_rows() + plugin_rows(table_rows(MAP)))
    moved = MAP.replace("| on_files | 50 | `hooks/article_list.py`", "| on_files | 60 | `hooks/article_list.py`")
    missing = re.sub(r"^\| on_post_page .*\n", "", MAP, flags=re.M)
    lines = MAP.splitlines(keepends=True)
    first, second, *_ = [index for index, line in enumerate(lines) if line.startswith("| on_env ")]
    lines[first], lines[second] = lines[second], lines[first]
    swapped = "".join(lines)

    assert len(code) > 20
    for text in (moved, missing, swapped):
        assert table_rows(text) != code


def test_every_event_mkdocs_runs_has_its_place_in_the_run_order():
    assert sorted(RUN_ORDER) == sorted(EVENTS)


@pytest.mark.parametrize("event", ["config", "files"])
def test_the_checks_run_first_where_they_stop_the_build(event):
    first = hook_modules()["hooks/site_checks.py"]
    others = [
        priority(getattr(source, f"on_{event}"))
        for name, source in [*hook_modules().items(), *((name, PLUGINS[name]) for name in plugin_names())]
        if name != "hooks/site_checks.py" and hasattr(source, f"on_{event}")
    ]

    assert others and priority(getattr(first, f"on_{event}")) > max(others)


def test_no_hook_asserts_what_the_checks_checked():
    asserting = {
        name: [
            node.lineno
            for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8")))
            if isinstance(node, ast.Assert)
        ]
        for name in hook_names()
    }

    assert {name: lines for name, lines in asserting.items() if lines} == {}, (
        "take a reader's value with psychoed.problems.checked (ARCHITECTURE.md, 'The contract')"
    )


def test_checked_input_is_the_readers_value():
    assert checked("month-day-year", []) == "month-day-year"
    # An empty list is a value the reader read, not a problem.
    assert checked([], [SettingProblem("extra.footer_links", "is missing")]) == []


def test_input_the_checks_let_through_names_the_contract_and_the_readers_problems():
    problems = [
        Problem("docs/articles/a.md", 3, "date_reviewed: '2026-13-01' is not a date"),
        SettingProblem("extra.date_format", "'sometime' is not a form of date the site writes"),
    ]

    with pytest.raises(Unchecked) as raised:
        checked(None, problems)

    assert str(raised.value) == (
        "hooks/site_checks.py should have stopped this build: docs/articles/a.md:3: date_reviewed: '2026-13-01' "
        "is not a date; extra.date_format: 'sometime' is not a form of date the site writes"
    )


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def table_rows(text: str) -> list[Row]:
    """The rows of the pipeline table in `text`, as (event, priority, file or plugin)."""
    section = text.split("## The pipeline\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if match := re.match(r"\| on_(\w+) \| (-?\d+) \| `([^`]+)`", line):
            rows.append((match[1], float(match[2]), match[3]))
    return rows


def hook_names() -> list[str]:
    return list(SETTINGS["hooks"])


def plugin_names() -> list[str]:
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in SETTINGS["plugins"]]


def hook_modules() -> dict[str, ModuleType]:
    """Each hook's module, loaded from the repository as MkDocs loads it (by its path)."""
    return {name: _load(ROOT / name) for name in hook_names()}


def hook_rows() -> list[Row]:
    """Every event of every hook, with its priority."""
    return [
        (event, priority(getattr(module, f"on_{event}")), name)
        for name, module in hook_modules().items()
        for event in EVENTS
        if hasattr(module, f"on_{event}")
    ]


def plugin_rows(rows: list[Row]) -> list[Row]:
    """The plugins' events the table names, with the priorities their code gives."""
    return [
        (event, priority(getattr(PLUGINS[name], f"on_{event}")), name) for event, _, name in rows if name in PLUGINS
    ]


def in_run_order(rows: list[Row]) -> list[Row]:
    """As MkDocs calls them: by event, then highest priority first, then plugins in
    mkdocs.yml's order before hooks in theirs."""
    registered = plugin_names() + hook_names()
    return sorted(rows, key=lambda row: (RUN_ORDER.index(row[0]), -row[1], registered.index(row[2])))


def priority(event_handler: object) -> float:
    return getattr(event_handler, "mkdocs_priority", 0)


_loaded: dict[Path, ModuleType] = {}


def _load(path: Path) -> ModuleType:
    if path not in _loaded:
        spec = importlib.util.spec_from_file_location(f"pipeline_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _loaded[path] = module
    return _loaded[path]
