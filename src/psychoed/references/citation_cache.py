"""Pandoc's output for each page, and the checked bibliography, kept on disk (the project's
`.cache/citations/`), so a build whose bibliography and pages' citations have not changed
since an earlier one (a second `make build`, a `mkdocs serve` restart, a CI run with the
cache restored) starts no pandoc and parses no BibTeX.

A page's entry is named by a hash of all that pandoc's output for it depends on: the
page's citation blocks in order, the entries they cite as handed to pandoc, the CSL
style's text, pandoc's version, and the code that runs pandoc and reads its output. The
bibliography's is named by its text, its name as messages show it, pybtex's version and
all of the site's code. When any of them changes there is a new entry; an entry no build
has used for PRUNE_AFTER_DAYS is removed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pybtex

from psychoed.problems import Problem
from psychoed.project_files import display_path
from psychoed.references.bibliography import Bibliography, Entry, check_bibliography, read_bibliography
from psychoed.references.pandoc_runs import Formatted, PandocError

# How pandoc is asked and read, and what is stored: this module's and pandoc_runs.py's
# own text, so no build reads an entry that other code wrote.
_CODE = "".join(
    Path(__file__).with_name(name).read_text(encoding="utf-8") for name in ("citation_cache.py", "pandoc_runs.py")
)
PRUNE_AFTER_DAYS = 30
# The folder `CITATION_CACHE_DIR` names instead of the project's: the tests share one.
FOLDER_SETTING = "CITATION_CACHE_DIR"


def cache_folder(config_file: str) -> Path:
    """Where the build of the project whose mkdocs.yml is `config_file` keeps its cache."""
    return Path(os.environ.get(FOLDER_SETTING) or Path(config_file).parent / ".cache" / "citations")


def project_bibliography(path: Path, *, config_file: str) -> Bibliography:
    """The bibliography at `path` as each hook reads it: named in messages by its path from
    mkdocs.yml's folder, cached in the project's cache folder."""
    return cached_bibliography(path, display_path=display_path(path, config_file), folder=cache_folder(config_file))


def cached_bibliography(path: Path, *, display_path: str, folder: Path) -> Bibliography:
    """The bibliography at `path` as `load_bibliography` reads and checks it, from `folder`
    when an earlier build checked the same text with the same code."""
    source = read_bibliography(path, display_path=display_path)
    return source if isinstance(source, Bibliography) else _checked(source, display_path, folder)


# The hooks each load the bibliography (checks, citations, structured data), and `serve`
# rebuilds until it changes: read from disk once per content, then only read.
@functools.lru_cache(maxsize=4)
def _checked(source: str, display_path: str, folder: Path) -> Bibliography:
    key = hashlib.sha256(json.dumps([_site_code(), pybtex.__version__, display_path, source]).encode()).hexdigest()
    stored = folder / "bibliography" / f"{key}.json"
    try:
        bibliography = _bibliography_from(json.loads(stored.read_text(encoding="utf-8")))
        os.utime(stored)  # used: not pruned
    except (OSError, ValueError, KeyError, TypeError):
        bibliography = check_bibliography(source, display_path=display_path)
        _keep(stored, json.dumps(dataclasses.asdict(bibliography), default=sorted))
    return bibliography


class CitationCache:
    """Each page's Formatted, by the key `key()` gives it."""

    def __init__(self, folder: Path, *, csl: str, pandoc: str):
        self._folder = folder
        # What every page shares, hashed once: the style is long.
        shared = [_CODE, pandoc_version(pandoc, folder=folder), csl]
        self._shared = hashlib.sha256(json.dumps(shared, ensure_ascii=False).encode()).hexdigest()

    def key(self, blocks: list[str], bibtex: str) -> str:
        """The key of a page citing `blocks` (as written, in order) of the entries `bibtex`."""
        parts = [self._shared, bibtex, blocks]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()

    def get(self, key: str) -> Formatted | None:
        path = self._path(key)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            formatted = Formatted(dict(stored["inline"]), dict(stored["references"]))
            os.utime(path)  # used: not pruned
        except (OSError, ValueError, KeyError, TypeError):
            return None  # not there, half written by a build killed then, or not ours
        return formatted

    def put(self, key: str, formatted: Formatted) -> None:
        _keep(self._path(key), json.dumps({"inline": formatted.inline, "references": formatted.references}))

    def prune(self) -> None:
        """Remove the entries no build has used for PRUNE_AFTER_DAYS."""
        oldest = time.time() - PRUNE_AFTER_DAYS * 86400
        for path in [*self._folder.glob("??/*.json"), *self._folder.glob("bibliography/*.json")]:
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink()
            except OSError:
                continue  # another build pruned it

    # Two hundred files in one folder list slowly on some file systems: 256 folders.
    def _path(self, key: str) -> Path:
        return self._folder / key[:2] / f"{key}.json"


def pandoc_version(pandoc: str, *, folder: Path) -> str:
    """`pandoc --version`'s first line, asked once per pandoc binary (its path, size and
    modification time) and remembered in `folder`, so a warm build starts no pandoc."""
    try:
        stat = os.stat(pandoc)
    except OSError as error:
        raise _not_running(pandoc, error) from error
    binary = f"{os.path.realpath(pandoc)} {stat.st_size} {stat.st_mtime_ns}"
    memo = folder / "pandoc-versions.json"
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if isinstance(known, dict) and isinstance(known.get(binary), str):
        return known[binary]
    try:
        completed = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise _not_running(pandoc, error) from error
    version = completed.stdout.partition("\n")[0].strip()
    _keep(memo, json.dumps({**(known if isinstance(known, dict) else {}), binary: version}))
    return version


# The checks' code, all of it: what a checked bibliography holds depends on most modules.
@functools.cache
def _site_code() -> str:
    package = Path(__file__).resolve().parent.parent
    return "".join(path.read_text(encoding="utf-8") for path in sorted(package.rglob("*.py")))


def _bibliography_from(stored: dict) -> Bibliography:
    return Bibliography(
        stored["path"],
        {key: Entry(**entry) for key, entry in stored["entries"].items()},
        [Problem(**problem) for problem in stored["problems"]],
        frozenset(stored["written"]),
        dict(stored["written_dois"]),
    )


def _not_running(pandoc: str, error: Exception) -> PandocError:
    return PandocError(
        f"pandoc '{pandoc}' does not run ({error}); set PYPANDOC_PANDOC to a working pandoc, "
        "or unset it to use the one in .venv"
    )


# Written whole or not at all, so builds running at once (the tests, two terminals) never
# read half a file; a cache that cannot be written (a read-only checkout) costs only speed.
def _keep(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as file:
            file.write(text)
        os.replace(file.name, path)
    except OSError:
        pass
