"""Our copies of Material's templates stay Material's, but for the change each exists for."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import jinja2

from conftest import ROOT, build_site
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
