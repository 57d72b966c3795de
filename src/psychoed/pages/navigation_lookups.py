"""What Material's navigation asks of every page, answered before it asks.

Every page prints the whole navigation, so at 200 articles Material's
`partials/nav-item.html` renders an item some 40,000 times a build: half of a bare
Material build. For each page it reads `pages`, `typeset` and `encrypted`, which Material's
own plugins give some items (the blog's views, the typeset and encryption plugins) and
MkDocs' pages lack. Jinja answers a missing attribute by raising and catching two
exceptions and returning Undefined; None prints and tests as that Undefined does, without
them. Measured at 200 articles: a tenth of the build (MAINTAINING.md, "Build time").
"""

from __future__ import annotations

from collections.abc import Iterable

# What partials/nav-item.html reads of a navigation item that MkDocs' Page has not; the
# tests check it against the installed Material's template.
UNSET_IN_PAGES = ("encrypted", "pages", "typeset")


def answer_navigation_lookups(pages: Iterable[object]) -> None:
    """Give each page, as None, what the navigation reads of it and it lacks."""
    for page in pages:
        for name in UNSET_IN_PAGES:
            if not hasattr(page, name):  # a plugin's own value stays
                setattr(page, name, None)
