"""MkDocs hook: the theme's templates compiled once, not in every build, and a mistake in
the site's own (overrides/) told at its line, never as a traceback.

MkDocs compiles Material's templates anew for every build and every `make serve` rebuild
(about a tenth of a second, and most of a small site's build). Jinja's own bytecode cache
keeps them in `.cache/templates/` beside the citation cache: one file per template name,
holding the code of its source as last compiled; a changed template, or another Jinja or
Python, is compiled again.

A Jinja mistake in a template of the theme's custom_dir stops the build with
`overrides/main.html:6: ...` (psychoed.pages.page_templates): one Jinja cannot read, for
every such template at once, before any page renders; one that stops as it renders, as
it does.
"""

from __future__ import annotations

from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, Template
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from psychoed.pages.page_templates import template_error_problem, template_syntax_problems
from psychoed.problems import report
from psychoed.references.citation_cache import cache_folder

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


# Before any template is loaded: MkDocs renders the theme's templates only after on_env.
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    folder = cache_folder(config.config_file_path).parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = _ByName(str(folder))
    except OSError:
        pass  # a read-only checkout builds as before, compiling each template
    if config.theme.custom_dir:
        overrides, config_file = Path(config.theme.custom_dir), Path(config.config_file_path)
        env.template_class = _told_at_their_line(overrides, config_file)
        if problems := template_syntax_problems(env, folder=overrides, config_file=config_file):
            raise PluginError(report(problems))
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

    # The code holds the file name of the copy that compiled it, which Jinja shows for a
    # template's lines (and a mistake's, psychoed.pages.page_templates): this copy's, then.
    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is not None and filename is not None and bucket.code.co_filename != filename:
            bucket.code = _in_file(bucket.code, filename)
        return bucket


def _in_file(code: CodeType, filename: str) -> CodeType:
    consts = tuple(_in_file(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


# The class of every template the environment loads (Jinja's `template_class`): MkDocs
# renders each page and theme page with `render`, which stops, at a mistake in a
# template of `overrides`, with the build's error (MkDocs prints it, without a traceback).
def _told_at_their_line(overrides: Path, config_file: Path) -> type[Template]:
    class ToldAtTheirLine(Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            try:
                return super().render(*args, **kwargs)
            except Exception as error:
                problem = template_error_problem(error, env=self.environment, folder=overrides, config_file=config_file)
                if problem is None:
                    raise  # in the theme's own templates or in Python: not a mistake in ours
                raise PluginError(report([problem])) from None

    return ToldAtTheirLine
