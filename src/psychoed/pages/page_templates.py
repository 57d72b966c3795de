"""A page's `template:` in its front matter names a layout of the site (overrides/): one
that names none (a typo, typographic quotes, an invisible character pasted in) would stop
MkDocs with a traceback while it renders the page."""

from __future__ import annotations

import difflib
from pathlib import Path

from psychoed.articles.front_matter import read_front_matter
from psychoed.markdown_source import PageSource
from psychoed.problems import Problem


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
        closest = difflib.get_close_matches(str(name), sorted(templates), n=1, cutoff=0.5)
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
    (overrides/ first), not the partials they include."""
    return {path.name for folder in theme_dirs for path in Path(folder).glob("*.html")}
