"""Shared fixtures: the real site built once per session, and mutable copies of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; a copy of these is a complete project.
PROJECT_FILES = ("mkdocs.yml", "references.bib", "docs", "hooks", "overrides")
# What the Makefile's checks (`make check`, `links`, `prose`, `review-due`) need beside it.
TOOLING = ("Makefile", "tools", ".codespellrc", ".codespell-words", "requirements.lock")
# The repository the session's build links its edit buttons to, as GitHub Actions names it.
EDIT_REPOSITORY = "GrowTrue/psychoeducation"

# What `make build` exports as SOURCE_DATE_EPOCH: the time of the last commit.
EPOCH = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "1764028800"
# The environment of the session's build of the real site (`built_site`).
REAL_BUILD_ENV = {"GITHUB_REPOSITORY": EDIT_REPOSITORY, "PREVIEW_PR": "", "SOURCE_DATE_EPOCH": EPOCH}


def build_site(
    project: Path, *, site_dir: Path | None = None, env: dict[str, str] | None = None, config_file: Path | None = None,
    program: str = "mkdocs",
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` (with its mkdocs.yml, or `config_file`), as an
    editor or CI runs it; `program="properdocs"` builds with ProperDocs instead."""
    site_dir = site_dir or project / "site"
    config = ["--config-file", str(config_file)] if config_file else []
    return subprocess.run(
        [sys.executable, "-m", program, "build", "--strict", "--clean", *config, "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(destination: Path, *, tooling: bool = False) -> Path:
    """A copy of what a build needs; `tooling` adds what the Makefile's checks need."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES + (TOOLING if tooling else ()):
        source = ROOT / name
        if source.is_dir():
            # Not Lighthouse's npm install (tools/lighthouse/node_modules, 100 MB): no check runs it.
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, destination / name)  # keeps the lock older than .venv's stamp
    return destination


def run_make(project: Path, target: str, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET` in `project`, as an editor or CI types it, with the test run's own virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    return subprocess.run(
        ["make", "--no-print-directory", target, f"VENV={sys.prefix}", *variables],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist declares the mark too; this keeps a run without it (-p no:xdist) valid.
    config.addinivalue_line("markers", "xdist_group(name): tests sharing what a fixture made once per worker")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `xdist_group(name)` share what a fixture made once per worker (a build,
    a page load): they run one after another, where the first of them was collected, so
    that `make test`, which hands each worker a run of consecutive tests (`--dist
    worksteal`), gives them one worker and one build."""
    first: dict[str, int] = {}

    def place(numbered: tuple[int, pytest.Item]) -> int:
        index, item = numbered
        group = item.get_closest_marker("xdist_group")
        return first.setdefault(group.args[0], index) if group else index

    items[:] = [item for _, item in sorted(enumerate(items), key=place)]


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real project, for a test to break and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def checkable_copy(tmp_path: Path) -> Path:
    """A copy of the project with what the Makefile's checks need, for `make check` to run in."""
    return copy_project(tmp_path / "project", tooling=True)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The strict build of the real site, once per session, as CI builds the published site:
    GitHub's repository named (so every page has its edit link), no preview, the sitemap's
    dates from the last commit as `make build` sets them."""
    return build_site(ROOT, site_dir=tmp_path_factory.mktemp("site"), env=REAL_BUILD_ENV)


@pytest.fixture(scope="session")
def built_site(real_build: subprocess.CompletedProcess[str]) -> Path:
    """The real site's output folder; tests only read it."""
    assert real_build.returncode == 0, real_build.stdout + real_build.stderr
    return Path(real_build.args[real_build.args.index("--site-dir") + 1])
