"""What Material's navigation asks of every page, answered before it asks.

Every page prints the whole navigation, so at 200 articles Material's
`partials/nav-item.html` renders an item some 40,000 times a build: half of a bare
Material build. For each page it reads `pages`, `typeset` and `encrypted`, which Material's
own plugins give some items (the blog's views, the typeset and encryption plugins) and
MkDocs' pages lack, and the front matter's `icon`, `subtitle` and `status` as attributes of
a dict, which most pages lack too. Jinja answers each missing one by raising and catching
two exceptions and returning Undefined. None, given instead, tests as that Undefined does
and Material reads these only under an `if`; but it prints as "None" and is `defined`, so
a template of ours must not read them (the tests check overrides/). Measured at 200
articles: 0.6 s of a bare build's 3.1 (MAINTAINING.md, "Benchmarks").
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any, Protocol

# What partials/nav-item.html reads of a navigation item that MkDocs' Page has not; the
# tests check it against the installed Material's templates.
UNSET_IN_PAGES = ("encrypted", "pages", "typeset")


class NavigationPage(Protocol):
    meta: MutableMapping[str, Any]


def answer_navigation_lookups(pages: Iterable[NavigationPage]) -> None:
    """Give each page, as None, what the navigation reads of it and it lacks, and its
    front matter as a `PageMeta`."""
    for page in pages:
        for name in UNSET_IN_PAGES:
            if not hasattr(page, name):  # a plugin's own value stays
                setattr(page, name, None)
        # A copy (a dict's class cannot change): a change made to the front matter after
        # this (on_env) would not reach the dict `make serve` keeps for its next rebuild.
        if type(page.meta) is dict:  # as MkDocs read it; not a plugin's own mapping
            page.meta = PageMeta(page.meta)


class PageMeta(dict[str, Any]):
    """A page's front matter, a dict, that gives the keys Material's navigation reads of it
    as attributes (None for a key it has not)."""

    icon = property(lambda front_matter: front_matter.get("icon"))
    status = property(lambda front_matter: front_matter.get("status"))
    subtitle = property(lambda front_matter: front_matter.get("subtitle"))
