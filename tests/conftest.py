"""Shared fixtures: the tests' own site (tests/fixtures/site) built once per test run, and
mutable copies of it; the live site built once, for the `live` tests only.

The tests of the machinery (hooks, overrides, src/, tools/) own their content: the
fixture site, a frozen copy of the pages, bibliography and settings run by the
repository's machinery. The live `docs/`, `references.bib` and `mkdocs.yml`, which
editors change every week, are read only by the tests marked `live`: invariants that
every valid content keeps, over whatever pages and entries exist.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from in_process import run_mkdocs
from psychoed.problems import Problem
from psychoed.references.bibliography import load_bibliography
from psychoed.references.citation_cache import FOLDER_SETTING

ROOT = Path(__file__).resolve().parent.parent
# The tests' own content: pages, bibliography and settings, as editors would write them.
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
# Its one article, as a path in a copy of the project (and in CI's messages).
ARTICLE = "docs/articles/how-can-self-compassion-help-me.md"
# What editors write; a copy of these from FIXTURE_SITE ...
CONTENT = ("mkdocs.yml", "references.bib", "docs")
# ... with these from the repository is a complete project.
MACHINERY = ("hooks", "overrides", "docs/stylesheets")
# What the Makefile's checks (`make check`, `links`, `prose`, `review-due`) need beside it.
TOOLING = ("Makefile", "tools", ".codespellrc", ".codespell-words", "requirements.lock")
# The repository the session's build links its edit buttons to, as GitHub Actions names it.
EDIT_REPOSITORY = "GrowTrue/psychoeducation"

# What `make build` exports as SOURCE_DATE_EPOCH: the time of the last commit.
EPOCH = (
    subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    or "1764028800"
)
# What makes a build the published site's (psychoed.settings.reserved_values), and its
# address: CI sets them for the tests too on a push to main, and a shell may. Removed from
# the tests' environment (pytest_configure), so every build in a test, in this process or
# another, is an editor's at the fixture's own site_url, unless the test sets them.
NOT_INHERITED = ("GITHUB_EVENT_NAME", "GITHUB_REF", "SITE_URL")
# The environment of the session's builds (`fixture_site`, `live_site`).
REAL_BUILD_ENV = {"GITHUB_REPOSITORY": EDIT_REPOSITORY, "PREVIEW_PR": "", "SOURCE_DATE_EPOCH": EPOCH}


def build_site(
    project: Path,
    *,
    site_dir: Path | None = None,
    env: dict[str, str] | None = None,
    config_file: Path | None = None,
    program: str = "mkdocs",
    new_process: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` (with its mkdocs.yml, or `config_file`), as an
    editor or CI runs it; `program="properdocs"` builds with ProperDocs instead.

    Run in this process (tests/in_process.py: half the CPU time), unless `new_process`:
    `python -m mkdocs` itself, as CI runs it. ProperDocs always gets its own: importing it
    sends every later `mkdocs.*` import of the process to its modules."""
    site_dir = site_dir or project / "site"
    config = ["--config-file", str(config_file)] if config_file else []
    args = ["build", "--strict", "--clean", *config, "--site-dir", str(site_dir)]
    build_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if program == "mkdocs" and not new_process:
        return run_mkdocs(args, cwd=project, env=build_env)
    return subprocess.run(
        [sys.executable, "-m", program, *args], cwd=project, env=build_env, capture_output=True, text=True, timeout=300
    )


def copy_project(destination: Path, *, tooling: bool = False) -> Path:
    """A project of the fixture site's content and the repository's machinery (hooks,
    overrides, stylesheets); `tooling` adds what the Makefile's checks need."""
    destination.mkdir(parents=True, exist_ok=True)
    for source, names in ((FIXTURE_SITE, CONTENT), (ROOT, MACHINERY + (TOOLING if tooling else ()))):
        for name in names:
            if (source / name).is_dir():
                # Not Lighthouse's npm install (tools/lighthouse/node_modules, 100 MB): no check runs it.
                shutil.copytree(
                    source / name, destination / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules")
                )
            else:
                shutil.copy2(source / name, destination / name)  # keeps the lock older than .venv's stamp
    return destination


def run_make(project: Path, target: str, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET` in `project`, as an editor or CI types it, with the test run's own virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    return subprocess.run(
        ["make", "--no-print-directory", target, f"VENV={sys.prefix}", *variables],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edit_files(project: Path, edits: list[tuple[str, str, str]]) -> None:
    """An editor's edits to `project`: (file, old text, new text), each replacing the first
    `old`; an empty `old` appends `new` (to a new file too)."""
    for name, old, new in edits:
        path = project / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""  # a new page
        assert old == "" or old in text, f"{old!r} not in {name}"
        path.write_text(text + new if old == "" else text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The line of `path` where `text` first starts: where a message about it must point."""
    source = path.read_text(encoding="utf-8")
    assert text in source, f"{text!r} not in {path.name}"
    return source[: source.index(text)].count("\n") + 1


def build_checks(
    project: Path,
    config: MkDocsConfig | None = None,
    *,
    today: dt.date = dt.date(2026, 12, 1),
    environ: Mapping[str, str] | None = None,
) -> list[Problem]:
    """What the build's checks (hooks/site_checks.py) find in `project`, in process and in
    milliseconds: the bibliography read as on_config reads it (a missing one, or one not
    UTF-8, stops there), then every file as on_files hands them over, notices included; each problem's
    text is the line the build prints. A pull request's or a local build unless `environ`
    says otherwise. For a message, not a build: one real build proves the hook prints them."""
    config = config or load_config(str(project / "mkdocs.yml"))
    bibliography = load_bibliography(project / "references.bib", display_path="references.bib")
    if not bibliography.pages_checkable:
        return bibliography.problems
    # The hook's own translation of MkDocs' files (what on_files hands the checks).
    hook = config.hooks["hooks/site_checks.py"]  # type: ignore[call-overload]  # MkDocs declares a list; it is a dict of modules
    return hook.site_problems_of(
        get_files(config), config, bibliography=bibliography, today=today, environ=environ or {}
    )


def pytest_configure(config: pytest.Config) -> None:
    for name in NOT_INHERITED:
        os.environ.pop(name, None)
    # Every build of the run shares the project's citation cache: content-keyed, so a page
    # is formatted once (tests of the cache, and of pandoc failing, use their own).
    os.environ.setdefault(FOLDER_SETTING, str(ROOT / ".cache" / "citations"))
    # pytest-xdist declares the mark too; this keeps a run without it (-p no:xdist) valid.
    config.addinivalue_line("markers", "xdist_group(name): tests sharing what a fixture made once per worker")
    config.addinivalue_line(
        "markers",
        "live: an invariant of the live docs/, references.bib and mkdocs.yml that every valid content keeps (`pytest -m live`)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `xdist_group(name)` share what a fixture made once per worker (a build,
    a page load): they run one after another, where the first of them was collected, so
    that `make test`, which hands each worker a run of consecutive tests (`--dist
    worksteal`), gives them one worker and one build. The browser tests come first: the
    first worker runs them all from the front of its run, with one Chromium, while the
    others take work from the back of it."""
    first: dict[str, int] = {}

    def place(numbered: tuple[int, pytest.Item]) -> tuple[bool, int]:
        index, item = numbered
        group = item.get_closest_marker("xdist_group")
        return item.path.name != "test_browser.py", first.setdefault(group.args[0], index) if group else index

    items[:] = [item for _, item in sorted(enumerate(items), key=place)]


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project, for a test to break and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def checkable_copy(tmp_path: Path) -> Path:
    """A copy of the project with what the Makefile's checks need, for `make check` to run in."""
    return copy_project(tmp_path / "project", tooling=True)


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, once per session, for tests that build it again; never changed."""
    return copy_project(tmp_path_factory.mktemp("fixture") / "project")


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, run: Callable[[], subprocess.CompletedProcess[str]]
) -> subprocess.CompletedProcess[str]:
    """`run()` once for the whole test run: the first of pytest-xdist's workers to ask runs
    it, the others wait for it and take what it gave (its output folder too: they only read it)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return run()
    shared = tmp_path_factory.getbasetemp().parent  # the run's own folder, above each worker's
    record = shared / f"{name}.json"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            done = run()
            record.write_text(json.dumps([done.args, done.returncode, done.stdout, done.stderr]), encoding="utf-8")
        args, returncode, stdout, stderr = json.loads(record.read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(args, returncode, stdout, stderr)


@pytest.fixture(scope="session")
def fixture_build(fixture_project: Path, tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The strict build of the fixture site, once per test run, as CI builds the published
    site: GitHub's repository named (so every page has its edit link), no preview, the
    sitemap's dates from the last commit as `make build` sets them; by `python -m mkdocs`
    in a process of its own, as CI runs it, so that every test of its pages reads a real one."""
    return once_per_run(
        tmp_path_factory, "fixture-build", lambda: build_site(fixture_project, env=REAL_BUILD_ENV, new_process=True)
    )


@pytest.fixture(scope="session")
def fixture_site(fixture_build: subprocess.CompletedProcess[str]) -> Path:
    """The fixture site's output folder, for the tests of the machinery; they only read it."""
    return site_dir(fixture_build)


@pytest.fixture(scope="session")
def live_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The strict build of the live site (this checkout's docs/, references.bib and
    mkdocs.yml), once per test run, as CI builds it; only `live` tests use it."""
    return once_per_run(
        tmp_path_factory,
        "live-build",
        lambda: build_site(ROOT, site_dir=tmp_path_factory.mktemp("live") / "site", env=REAL_BUILD_ENV),
    )


@pytest.fixture(scope="session")
def live_site(live_build: subprocess.CompletedProcess[str]) -> Path:
    """The live site's output folder, for the `live` tests; they only read it."""
    return site_dir(live_build)


def site_dir(build: subprocess.CompletedProcess[str]) -> Path:
    assert build.returncode == 0, build.stdout + build.stderr
    return Path(build.args[build.args.index("--site-dir") + 1])
