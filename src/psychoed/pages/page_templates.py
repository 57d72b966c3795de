"""The site's own templates (the theme's custom_dir, overrides/), where a mistake would
stop MkDocs with a traceback: a page's `template:` in its front matter must name one of
its layouts (not a typo, typographic quotes, an invisible character pasted in), and a
Jinja mistake in a template is told at its file and line, with what to do.

A template Jinja cannot read (a tag mistyped or left open, a filter that does not exist)
is found by loading every template of the folder before any page renders
(`template_syntax_problems`); one that stops while it renders (a value that is not there,
a template it names that does not exist) is found as it renders (`template_error_problem`).
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from psychoed.articles.front_matter import read_front_matter
from psychoed.markdown_source import PageSource
from psychoed.pages.navigation_lookups import PageMeta
from psychoed.problems import Problem
from psychoed.project_files import display_path

# What every message of a template's mistake ends with: the fix that always works.
UNDO = "or undo the last edit"


def template_problems(pages: list[PageSource], *, templates: set[str]) -> list[Problem]:
    """The problem of each page whose `template` is not one of `templates` (the layouts a
    page may name, as the theme finds them: `trust-page.html`)."""
    problems = []
    for page in pages:
        front_matter, _ = read_front_matter(page.source, path=page.path)  # its problems are told by the content rules
        if front_matter is None or "template" not in front_matter.fields:
            continue
        name = front_matter.fields["template"]
        if isinstance(name, str) and name in templates:
            continue
        # A typo is close; another site's layout (Jekyll's page.html, post.html) is not one of ours.
        closest = difflib.get_close_matches(str(name), sorted(templates), n=1, cutoff=0.8)
        fix = (
            f"write template: {closest[0]}" if closest else "delete the template line (the page gets the usual layout)"
        )
        problems.append(
            Problem(
                page.path,
                front_matter.lines.get("template", 1),
                f"front matter field 'template' is '{name}', which is no layout of the site; {fix}",
            )
        )
    return problems


def layout_names(theme_dirs: list[str]) -> set[str]:
    """The layouts a page may name: the pages' templates at the top of the theme's folders
    (overrides/ first), not the partials they include nor those that are no page's layout."""
    return {path.name for folder in theme_dirs for path in Path(folder).glob("*.html")} - _NOT_LAYOUTS


# Templates at the top of the theme's folders that a page cannot take: the frame main.html
# fills (a page on it loses the site's additions), the error page's, and those of plugins
# the site does not run (blog, redirects), which lost the page's text or stopped the build
# with a traceback.
_NOT_LAYOUTS = frozenset({"base.html", "404.html", "blog.html", "blog-post.html", "redirect.html"})


def template_syntax_problems(env: Environment, *, folder: Path, config_file: Path) -> list[Problem]:
    """The problem of each template of `folder` (the theme's custom_dir, not the theme's
    own) that Jinja cannot read, loaded into `env` as MkDocs would load it to render; a
    template loaded here is not loaded again (MkDocs' environment keeps it)."""
    problems = []
    for path in sorted(folder.rglob("*.html")):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except TemplateSyntaxError as error:  # Jinja compiles the template alone: at its own line
            problems.append(Problem(display_path(path, config_file), error.lineno, _plain(error, env=env)))
    return problems


def template_error_problem(error: Exception, *, env: Environment, folder: Path, config_file: Path) -> Problem | None:
    """`error`, raised as Jinja read or rendered a template, as the problem of the template
    of `folder` at whose line it stopped (`config_file` names the project it is shown
    from); None when it stopped in no template of `folder` (the theme's own), or, for an
    error not Jinja's, in the Python code a template called (a bug there)."""
    location = _where(error, folder=folder)
    if location is None:
        return None
    path, line = location
    return Problem(display_path(path, config_file), line, _plain(error, env=env))


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


# Jinja's messages this module says plainly (the rest are told as Jinja words them).
_UNCLOSED = re.compile(r"Unexpected end of template\..* The innermost block that needs to be closed is '(?P<tag>\w+)'")
_UNKNOWN_TAG = re.compile(
    r"Encountered unknown tag '(?P<tag>[^']+)'\.(?: Jinja was looking for the following tags: (?P<expected>.+?)\.)?"
)
_OUT_OF_ORDER = re.compile(
    r"Encountered unknown tag '(?P<tag>[^']+)'\. You probably made a nesting mistake\. .* currently looking for (?P<expected>.+?)\."
)
_NO_FILTER = re.compile(r"No (?P<kind>filter|test) named '(?P<name>[^']+)'")
_UNDEFINED_NAME = re.compile(r"'(?P<name>[^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'")
# `page.meta` as a build hands it to the templates (navigation_lookups.py), as Jinja names
# it in a message: told as what the editor wrote it in.
_FRONT_MATTER = f"{PageMeta.__module__}.{PageMeta.__name__} object"


# The template's file and line where Jinja stopped: the innermost line of a template in
# the traceback (Jinja writes each template's lines into it), or, for a template it could
# not read, the line it names.
def _where(error: Exception, *, folder: Path) -> tuple[str, int] | None:
    if isinstance(error, TemplateSyntaxError) and error.filename and _inside(error.filename, folder):
        return error.filename, error.lineno
    frames = traceback.extract_tb(error.__traceback__)
    templates = [frame for frame in frames if not frame.filename.endswith(".py")]
    if not templates or templates[-1].lineno is None or not _inside(templates[-1].filename, folder):
        return None
    if not isinstance(error, TemplateError) and frames[-1] is not templates[-1]:
        return None
    return templates[-1].filename, templates[-1].lineno


def _inside(filename: str, folder: Path) -> bool:
    return Path(filename).resolve().is_relative_to(folder.resolve())


def _plain(error: Exception, *, env: Environment) -> str:
    said = str(error.message or "") if isinstance(error, TemplateError) else str(error)
    if isinstance(error, TemplateNotFound):
        return (
            f"there is no template '{error.name}' in the site or its theme; "
            f"write the name of one that is{_did_you_mean(str(error.name), env.list_templates(extensions=['html']))}, {UNDO}"
        )
    if isinstance(error, UndefinedError):
        attribute, undefined = _NO_ATTRIBUTE.search(said), _UNDEFINED_NAME.search(said)
        if attribute and attribute["owner"] == "None":
            what = f"'{attribute['name']}' is not there (it is read from a value this page does not have)"
        elif attribute:
            owner = "front matter" if attribute["owner"] == _FRONT_MATTER else attribute["owner"]
            what = f"'{attribute['name']}' is not there (the {owner} it is read from has no '{attribute['name']}')"
        elif undefined:
            what = f"'{undefined['name']}' is not there (no value, macro or function has that name here)"
        else:
            what = f"a value is not there: {said.rstrip('.')}"
        return f"{what}; check each name at this line, write {{% if ... is defined %}} around a value some pages lack, {UNDO}"
    if found := _NO_FILTER.search(said):
        kind, name = found["kind"], found["name"]
        known = env.filters if kind == "filter" else env.tests
        return f"no {kind} is named '{name}'; write the name of a {kind} of Jinja or MkDocs{_did_you_mean(name, known)}, {UNDO}"
    if found := _UNCLOSED.search(said):
        tag = found["tag"]
        return f"'{{% {tag} %}}' is never closed: the template ends before its '{{% end{tag} %}}'; write '{{% end{tag} %}}' where it should end, {UNDO}"
    if found := _OUT_OF_ORDER.search(said):
        return (
            f"'{{% {found['tag']} %}}' is out of order: the tag opened last needs {_tags(found['expected'])} first; "
            f"move the end tags so that each closes the tag opened last, {UNDO}"
        )
    if found := _UNKNOWN_TAG.search(said):
        expected = f" (it expects {_tags(found['expected'])})" if found["expected"] else ""
        return f"Jinja knows no tag '{{% {found['tag']} %}}' here{expected}; correct the name of the tag, {UNDO}"
    plain = re.sub(r"\btoken ", "", said).rstrip(".")  # Jinja's own words, without the parser's
    plain = plain[:1].lower() + plain[1:]
    if isinstance(error, TemplateSyntaxError):
        return f"Jinja cannot read this line: {plain}; check its tags against the syntax of Jinja ({{% tag %}}, {{{{ value }}}}), {UNDO}"
    return f"the template stops at this line: {plain}; check the values it uses, {UNDO}"


# Jinja's "'endblock' or 'endif'" as the tags an editor writes: '{% endblock %}' or '{% endif %}'.
def _tags(jinja_names: str) -> str:
    return re.sub(r"'([^']+)'", lambda name: f"'{{% {name[1]} %}}'", jinja_names)


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    closest = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{closest[0]}'?)" if closest else ""
