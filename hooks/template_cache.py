"""MkDocs hook: the theme's templates compiled once, not in every build.

MkDocs compiles Material's templates anew for every build and every `make serve` rebuild
(about a tenth of a second, and most of a small site's build). Jinja's own bytecode cache
keeps them in `.cache/templates/` beside the citation cache: one file per template name,
holding the code of its source as last compiled; a changed template, or another Jinja or
Python, is compiled again.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from psychoed.references.citation_cache import cache_folder

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before any template is loaded: MkDocs renders the theme's templates only after on_env.
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    folder = cache_folder(config.config_file_path).parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds as before, compiling each template
    env.bytecode_cache = _ByName(str(folder))
    return env


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


class _ByName(FileSystemBytecodeCache):
    """One file per template name, not per name and path: the builds that share a cache
    (the tests' copies of the project) reuse each other's, and the folder does not grow
    with every copy's path. The source's checksum, which Jinja checks, keeps it right."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name)
