"""ARCHITECTURE.md stays the map: every module is named there, and the layout's rules it
states hold (the logic imports no MkDocs, hooks/ holds only the hooks, nothing edits
sys.path). README.md stays a front door."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT
from psychoed.settings.config_file import read_config

MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Where the map names every module.
MAPPED = ("hooks", "src/psychoed", "tools", "benchmarks")
MKDOCS_PACKAGES = {"mkdocs", "material", "mkdocs_bibtex"}


def test_every_module_is_named_in_the_map():
    assert unnamed(MAP, modules(ROOT)) == [], "name each module in ARCHITECTURE.md with what it owns"


def test_a_module_the_map_does_not_name_is_found():
    text = "- `hooks/site_checks.py`: the checks.\n`src/psychoed/articles/`: articles.\n"
    found = [Path("hooks/site_checks.py"), Path("hooks/new_hook.py"), Path("src/psychoed/articles/__init__.py")]

    # A package is named by its folder; a module mentioned only in passing, unquoted, is not named.
    assert unnamed(text + "hooks/new_hook.py is new\n", found) == [Path("hooks/new_hook.py")]


def test_the_logic_imports_nothing_from_mkdocs():
    offending = {
        str(path.relative_to(ROOT)): sorted(imported(path.read_text(encoding="utf-8")) & MKDOCS_PACKAGES)
        for path in (ROOT / "src/psychoed").rglob("*.py")
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_imports_of_mkdocs_material_and_mkdocs_bibtex_are_all_seen():
    source = "from mkdocs.plugins import event_priority\nimport material.extensions.emoji\nfrom mkdocs_bibtex import plugin\nfrom psychoed import mkdocs_like\nfrom . import mkdocs\n"

    assert imported(source) & MKDOCS_PACKAGES == MKDOCS_PACKAGES


def test_hooks_folder_holds_exactly_the_hooks_mkdocs_yml_lists():
    listed = set(read_config(ROOT / "mkdocs.yml")["hooks"])
    present = {str(path.relative_to(ROOT)) for path in (ROOT / "hooks").glob("*.py")}

    assert present == listed
    assert not [path for path in (ROOT / "hooks").iterdir() if path.is_dir() and path.name != "__pycache__"]


def test_no_module_edits_sys_path():
    edits = {
        str(path): lines
        for path in modules(ROOT)
        if (lines := sys_path_lines((ROOT / path).read_text(encoding="utf-8")))
    }
    assert edits == {}, "import the logic as `from psychoed... import`; the Makefile's .pth puts src/ on the path"


def test_every_way_of_reaching_sys_path_is_found():
    source = 'import sys\nsys.path.insert(0, "hooks")\nfrom sys import path\nimport os.path\nos.path.join("a")\n'

    assert sys_path_lines(source) == [2, 3]


def test_no_module_imports_another_modules_private_name():
    private = {
        str(path): names
        for path in [*modules(ROOT), *(ROOT / "tests").rglob("*.py")]
        if (names := private_imports((ROOT / path).read_text(encoding="utf-8")))
    }
    assert private == {}, "make the name public where it belongs (a shared helper), or keep it in its module"


def test_every_import_of_a_private_name_is_found():
    source = (
        "from __future__ import annotations\n"
        "from psychoed.references.apa import _pandoc, Style\n"
        "from . import _shared\n"
        "from psychoed.markdown_source import blank_code as _blank_code\n"
        "import psychoed._internal\n"
    )

    assert private_imports(source) == ["_pandoc", "_shared", "psychoed._internal"]


def test_readme_is_a_front_door_with_the_two_commands_first():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]

    assert len(README.splitlines()) <= 200
    assert [line.split("#")[0].strip() for line in first_block.splitlines()] == ["make serve", "make test"]
    for guide in ("CONTRIBUTING.md", "ARCHITECTURE.md", "MAINTAINING.md"):
        assert f"]({guide})" in README


def test_readme_names_every_make_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {name for line in re.findall(r"^\.PHONY:(.*)$", makefile, flags=re.M) for name in line.split()}

    assert sorted(name for name in targets if f"| `make {name}" not in README) == []


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def modules(root: Path) -> list[Path]:
    """Every Python module the map must name, relative to `root`."""
    return sorted(
        path.relative_to(root)
        for folder in MAPPED
        for path in (root / folder).rglob("*.py")
        if not {"node_modules", "__pycache__", "results"} & set(path.parts)
    )


def unnamed(text: str, paths: list[Path]) -> list[Path]:
    """The modules `text` does not name in backticks; a package is named by its folder."""

    def named(path: Path) -> bool:
        names = [str(path)] + ([f"{path.parent}/"] if path.name == "__init__.py" else [])
        return any(f"`{name}`" in text for name in names)

    return [path for path in paths if not named(path)]


def imported(source: str) -> set[str]:
    """The top-level packages `source` imports (relative imports left out)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def private_imports(source: str) -> list[str]:
    """The names `source` imports that another module keeps private (`_name`, dunders aside)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [alias.name for alias in node.names if _private(alias.name)]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if any(_private(part) for part in alias.name.split("."))]
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def sys_path_lines(source: str) -> list[int]:
    """The lines of `source` that reach `sys.path`, the way to edit it."""
    lines = set()
    for node in ast.walk(ast.parse(source)):
        # `sys.path`, or `from sys import path`
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "path"
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ) or (
            isinstance(node, ast.ImportFrom)
            and node.module == "sys"
            and any(alias.name == "path" for alias in node.names)
        ):
            lines.add(node.lineno)
    return sorted(lines)


# `make test` hands each worker a run of consecutive tests from the front of its share: the
# browser tests first give them all to one worker, with one Chromium (tests/conftest.py).
def test_the_browser_tests_are_collected_first(request):
    placed = [index for index, item in enumerate(request.session.items) if item.path.name == "test_browser.py"]
    assert placed == list(range(len(placed)))
