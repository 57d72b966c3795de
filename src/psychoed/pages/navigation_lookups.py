"""What Material's navigation asks of every page, answered before it asks.

Every page prints the whole navigation, so at 200 articles Material's
`partials/nav-item.html` renders an item some 40,000 times a build: half of a bare
Material build. For each page it reads `pages`, `typeset` and `encrypted`, which Material's
own plugins give some items (the blog's views, the typeset and encryption plugins) and
MkDocs' pages lack, and the front matter's `icon`, `subtitle` and `status` as attributes of
a dict, which most pages lack too. Jinja answers each missing one by raising and catching
two exceptions and returning Undefined; None prints and tests as that Undefined does where
the template reads it (always under an `if`), without them. Measured at 200 articles: a
fifth of a bare build's CPU (MAINTAINING.md, "Benchmarks").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# What partials/nav-item.html reads of a navigation item that MkDocs' Page has not; the
# tests check it against the installed Material's template.
UNSET_IN_PAGES = ("encrypted", "pages", "typeset")


def answer_navigation_lookups(pages: Iterable[Any]) -> None:
    """Give each page, as None, what the navigation reads of it and it lacks, and its
    front matter as a `FrontMatter`."""
    for page in pages:
        for name in UNSET_IN_PAGES:
            if not hasattr(page, name):  # a plugin's own value stays
                setattr(page, name, None)
        if type(page.meta) is dict:  # as MkDocs read it; not a plugin's own mapping
            page.meta = FrontMatter(page.meta)


def _key(name: str) -> property:
    return property(lambda front_matter: front_matter.get(name))


class FrontMatter(dict[str, Any]):
    """A page's front matter, a dict, that gives the keys partials/nav-item.html reads of it
    as attributes (None for a key it has not)."""

    icon = _key("icon")
    status = _key("status")
    subtitle = _key("subtitle")
