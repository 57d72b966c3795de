"""Our copies of Material's templates stay Material's, but for the change each exists for."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

from conftest import ROOT

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
