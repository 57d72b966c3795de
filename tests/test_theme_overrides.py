"""Our copies of Material's templates stay Material's, but for the change each exists for."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, build_site, line_of
from psychoed.markdown_source import PageSource
from psychoed.pages.navigation_lookups import PageMeta
from psychoed.pages.page_templates import (
    layout_names,
    template_error_problem,
    template_problems,
    template_syntax_problems,
)
from psychoed.references import citation_cache

_MATERIAL = find_spec("material")
assert _MATERIAL is not None and _MATERIAL.origin is not None  # the site's theme, installed
MATERIAL_TEMPLATES = Path(_MATERIAL.origin).parent / "templates"
_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def body(path: Path) -> str:
    return _HEADER.sub("", path.read_text(encoding="utf-8"), count=1)


def test_search_partial_is_materials_with_a_named_dialog():
    # On failure after a Material upgrade: copy its partials/search.html over ours again,
    # keep our header comment, and put the aria-label back on the dialog.
    ours = body(ROOT / "overrides/partials/search.html")
    theirs = body(MATERIAL_TEMPLATES / "partials/search.html")
    named = theirs.replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert named != theirs, "Material's search dialog changed shape; recheck the override"
    assert ours == named


# A layout from another site's front matter (Jekyll's post.html) or one of Material's that
# is no page's layout (blog-post.html stopped the build with a traceback; 404.html and
# redirect.html published the page without its text) is told, with a layout to write.
@pytest.mark.parametrize(
    ("named", "fix"),
    [
        ("blog-post.html", "delete the template line (the page gets the usual layout)"),
        ("404.html", "delete the template line (the page gets the usual layout)"),
        ("post.html", "delete the template line (the page gets the usual layout)"),
        ("trustpage.html", "write template: trust-page.html"),
    ],
)
def test_a_template_that_is_no_pages_layout_is_told_with_the_fix(tmp_path, named, fix):
    for name in ("main.html", "trust-page.html", "404.html"):
        (tmp_path / name).write_text("{% extends 'base.html' %}", encoding="utf-8")
    layouts = layout_names([str(tmp_path), str(MATERIAL_TEMPLATES)])
    page = PageSource("docs/articles/a.md", f"---\ntitle: A\ntemplate: {named}\n---\n# A\n")
    assert layouts == {"main.html", "trust-page.html"}
    assert [str(problem) for problem in template_problems([page], templates=layouts)] == [
        f"docs/articles/a.md:3: front matter field 'template' is '{named}', which is no layout of the site; {fix}"
    ]


def test_toc_partial_is_materials_with_the_toggle_label_only_where_the_toggle_is():
    # On failure after a Material upgrade: copy its partials/toc.html over ours again, keep
    # our header comment, and guard the label's for="__toc" again.
    ours = body(ROOT / "overrides/partials/toc.html")
    theirs = body(MATERIAL_TEMPLATES / "partials/toc.html")
    guarded = theirs.replace(
        '<label class="md-nav__title" for="__toc">',
        '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
        1,
    )
    assert guarded != theirs, "Material's table of contents changed shape; recheck the override"
    assert ours == guarded


# Templates are compiled once, kept in .cache/templates/ (hooks/template_cache.py), and a
# template edited since is compiled again: the page shows the edit.
def test_a_build_compiles_no_page_template_a_build_before_compiled_unless_it_was_edited(site_copy, monkeypatch):
    monkeypatch.delenv(citation_cache.FOLDER_SETTING, raising=False)
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    page = site_copy / "site" / "disclaimer" / "index.html"

    assert build_site(site_copy).returncode == 0
    assert "main.html" in compiled and list((site_copy / ".cache" / "templates").iterdir())
    first = page.read_text(encoding="utf-8")
    compiled.clear()

    assert build_site(site_copy).returncode == 0
    # but the language partial, which Material's plugins read with environments of their own
    assert set(compiled) <= {"partials/language.html", "partials/languages/en.html"}
    assert page.read_text(encoding="utf-8") == first
    compiled.clear()

    main = site_copy / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}<!-- edited -->", 1),
        encoding="utf-8",
    )
    assert build_site(site_copy).returncode == 0
    assert "main.html" in compiled and "base.html" not in compiled
    assert "<!-- edited -->" in page.read_text(encoding="utf-8")


# A checkout where the cache cannot be written builds as before, compiling every template.
def test_a_build_that_cannot_write_the_template_cache_compiles_its_templates_and_builds(site_copy, monkeypatch):
    monkeypatch.setenv(citation_cache.FOLDER_SETTING, str(site_copy / "cache" / "citations"))
    (site_copy / "cache").mkdir()
    (site_copy / "cache" / "templates").write_text("a file where the folder would be", encoding="utf-8")
    result = build_site(site_copy)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (site_copy / "site" / "disclaimer" / "index.html").is_file()


# ---------------------------------------------------------------------------------------
# A Jinja mistake in a template of overrides/: one message at its line, never a traceback
# ---------------------------------------------------------------------------------------

# A template of the site's, the line its block holds replaced by a mistake (line 3).
MAIN = '{% extends "base.html" %}\n{% block content %}\n<p>{{ page.title }}</p>\n{% endblock %}\n'
# (the mistake, the line Jinja stops at, the message there)
TEMPLATE_MISTAKES = [
    (
        "{% if %}",
        3,
        "Jinja cannot read this line: expected an expression, got 'end of statement block'; check its tags "
        "against the syntax of Jinja ({% tag %}, {{ value }}), or undo the last edit",
    ),
    (
        "{{ page.title | strptags }}",
        3,
        "no filter is named 'strptags'; write the name of a filter of Jinja or MkDocs (did you mean "
        "'striptags'?), or undo the last edit",
    ),
    (
        "{% block notes %}",
        4,
        "'{% block %}' is never closed: the template ends before its '{% endblock %}'; write '{% endblock %}' "
        "where it should end, or undo the last edit",
    ),
    (
        "{% endblok %}",
        3,
        "Jinja knows no tag '{% endblok %}' here (it expects '{% endblock %}'); correct the name of the tag, or undo "
        "the last edit",
    ),
    (
        "{% if page %}{% for item in page.meta %}{% endif %}{% endfor %}",
        3,
        "'{% endif %}' is out of order: the tag opened last needs '{% endfor %}' or '{% else %}' first; move "
        "the end tags so that each closes the tag opened last, or undo the last edit",
    ),
    (
        "{% for item in page.meta %}{% endif %}",
        3,
        "Jinja knows no tag '{% endif %}' here (it expects '{% endfor %}' or '{% else %}'); correct the name of "
        "the tag, or undo the last edit",
    ),
    # Found only as the page renders:
    (
        "{% if page %}{{ page.title | nosuchfilter }}{% endif %}",
        3,
        "no filter is named 'nosuchfilter'; write the name of a filter of Jinja or MkDocs, or undo the last edit",
    ),
    (
        "{{ page.meta.review.date }}",
        3,
        "'review' is not there (the front matter it is read from has no 'review'); check each name at this "
        "line, write {% if ... is defined %} around a value some pages lack, or undo the last edit",
    ),
    (
        "{{ page.parent.meta.title }}",
        3,
        "'meta' is not there (it is read from a value this page does not have); check each name at this line, "
        "write {% if ... is defined %} around a value some pages lack, or undo the last edit",
    ),
    (
        "{{ share_links() }}",
        3,
        "'share_links' is not there (no value, macro or function has that name here); check each name at this "
        "line, write {% if ... is defined %} around a value some pages lack, or undo the last edit",
    ),
    (
        "{{ super() }}{% block notes %}{{ super() }}{% endblock %}",
        3,
        "a value is not there: there is no parent block called 'notes'; check each name at this line, write "
        "{% if ... is defined %} around a value some pages lack, or undo the last edit",
    ),
    (
        "{% for line in page.meta.lines or 3 %}{{ line }}{% endfor %}",
        3,
        "the template stops at this line: 'int' object is not iterable; check the values it uses, or undo the "
        "last edit",
    ),
    (
        '{% include "partials/sharing.html" %}',
        3,
        "there is no template 'partials/sharing.html' in the site or its theme; write the name of "
        "one that is, or undo the last edit",
    ),
]
# A page as a build hands it to the templates: its front matter as navigation_lookups.py makes it.
PAGE = {"title": "Sleep", "meta": PageMeta(), "parent": None}
MISSING_PARENT = (
    "there is no template 'bse.html' in the site or its theme; write the name of one that is "
    "(did you mean 'base.html'?), or undo the last edit"
)


def theme(tmp_path: Path, main: str) -> tuple[jinja2.Environment, Path]:
    """An environment as MkDocs makes the theme's (overrides/ first, then the theme's own
    templates), with `main` as overrides/main.html; and overrides/."""
    overrides, own = tmp_path / "overrides", tmp_path / "theme"
    (overrides / "partials").mkdir(parents=True)
    own.mkdir()
    (overrides / "main.html").write_text(main, encoding="utf-8")
    (own / "base.html").write_text("<html>{% block content %}{% endblock %}</html>\n", encoding="utf-8")
    return jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), str(own)])), overrides


def told(env: jinja2.Environment, overrides: Path) -> list[str]:
    """What the build tells of overrides/: its templates' syntax before any page renders,
    then main.html's rendering of a page."""
    config_file = overrides.parent / "mkdocs.yml"
    if problems := template_syntax_problems(env, folder=overrides, config_file=config_file):
        return [str(problem) for problem in problems]
    try:
        env.get_template("main.html").render(page=PAGE)
    except Exception as error:
        return [str(template_error_problem(error, env=env, folder=overrides, config_file=config_file))]
    return []


@pytest.mark.parametrize(("mistake", "line", "message"), TEMPLATE_MISTAKES)
def test_a_jinja_mistake_in_a_template_is_told_at_its_line_with_what_to_do(tmp_path, mistake, line, message):
    env, overrides = theme(tmp_path, MAIN.replace("<p>{{ page.title }}</p>", mistake))
    assert told(env, overrides) == [f"overrides/main.html:{line}: {message}"]


def test_a_template_extending_one_that_does_not_exist_is_told_at_the_extends_line(tmp_path):
    env, overrides = theme(tmp_path, MAIN.replace('"base.html"', '"bse.html"'))
    assert told(env, overrides) == [f"overrides/main.html:1: {MISSING_PARENT}"]


def test_every_template_jinja_cannot_read_is_told_at_once_partials_too(tmp_path):
    env, overrides = theme(tmp_path, MAIN.replace("<p>{{ page.title }}</p>", "{% if %}"))
    (overrides / "partials" / "share.html").write_text("<p>\n{% endblok %}\n</p>\n", encoding="utf-8")
    assert [problem.split(": ", 1)[0] for problem in told(env, overrides)] == [
        "overrides/main.html:3",
        "overrides/partials/share.html:2",
    ]


# A Python function a template calls (a hook's, a filter) that fails has a bug to fix
# there: its traceback is kept.
def test_an_error_raised_in_python_a_template_calls_is_not_told_as_the_templates(tmp_path):
    def share_links() -> str:
        raise KeyError("facebook")

    env, overrides = theme(tmp_path, MAIN.replace("{{ page.title }}", "{{ share_links() }}"))
    with pytest.raises(KeyError) as raised:
        env.get_template("main.html").render(page=PAGE, share_links=share_links)
    assert template_error_problem(raised.value, env=env, folder=overrides, config_file=tmp_path / "mkdocs.yml") is None


def test_a_mistake_in_the_themes_own_templates_is_not_told_as_the_sites(tmp_path):
    env, overrides = theme(tmp_path, MAIN)
    (tmp_path / "theme" / "base.html").write_text("<html>{{ page.meta.review.date }}</html>\n", encoding="utf-8")
    assert template_syntax_problems(env, folder=overrides, config_file=tmp_path / "mkdocs.yml") == []
    with pytest.raises(jinja2.UndefinedError) as raised:
        env.get_template("main.html").render(page=PAGE)
    assert template_error_problem(raised.value, env=env, folder=overrides, config_file=tmp_path / "mkdocs.yml") is None


# The build: a template Jinja cannot read stops it before any page renders; one that stops
# as a page renders stops it there. Each with its message, no traceback.
@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("{% if %}", "Jinja cannot read this line: expected an expression, got 'end of statement block'"),
        ("{{ share_links() }}", "'share_links' is not there (no value, macro or function has that name here)"),
    ],
    ids=["unreadable", "stops rendering"],
)
def test_a_broken_overrides_main_html_stops_the_build_with_its_line_and_no_traceback(site_copy, mistake, message):
    main = site_copy / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}" + mistake, 1),
        encoding="utf-8",
    )
    result = build_site(site_copy)
    assert result.returncode == 1
    assert f"overrides/main.html:{line_of(main, mistake)}: {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
