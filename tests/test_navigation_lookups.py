"""Material's navigation reads what most pages lack; each page answers it (None), and the
navigation prints as before (psychoed.pages.navigation_lookups)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation

from conftest import ROOT
from psychoed.pages.navigation_lookups import UNSET_IN_PAGES, PageMeta, answer_navigation_lookups

# Material's templates of a navigation item: the sidebar's and the tabs'.
NAVIGATION_TEMPLATES = ("partials/nav-item.html", "partials/tabs-item.html")
# Each item of Material's navigation, rendered as partials/nav.html renders it.
NAVIGATION = '{% import "partials/nav-item.html" as item with context %}{% for nav_item in nav.items %}{{ item.render(nav_item, "__nav_" ~ loop.index, 1) }}{% endfor %}'


def test_everything_materials_navigation_reads_of_a_page_is_answered(tmp_path):
    page, env = _navigation(tmp_path).pages[0], _config(tmp_path).theme.get_env()
    assert env.loader is not None
    templates = "".join(env.loader.get_source(env, name)[0] for name in NAVIGATION_TEMPLATES)
    lacking = {name for name in re.findall(r"\bnav_item\.(\w+)", templates) if not hasattr(page, name)}
    front_matter = set(re.findall(r"\bnav_item\.meta\.(\w+)", templates))

    assert lacking == set(UNSET_IN_PAGES), "UNSET_IN_PAGES must be what Material's nav-item.html reads and a Page lacks"
    assert front_matter == _properties(PageMeta)

    answer_navigation_lookups([page])

    assert all(getattr(page, name) is None for name in UNSET_IN_PAGES)
    assert isinstance(page.meta, PageMeta) and page.meta.subtitle is None


# None prints as "None" and is `defined`, where Material's Undefined printed nothing and
# was not: the site's own templates must not read what the pages answer.
def test_no_template_of_the_site_reads_what_the_pages_answer():
    answered = "|".join([*UNSET_IN_PAGES, *(rf"meta\.{name}" for name in _properties(PageMeta))])
    readers = [
        f"{path.relative_to(ROOT)}: {found.group(0)}"
        for path in sorted((ROOT / "overrides").rglob("*.html"))
        # Of a page or a navigation item (`nav.pages`, the navigation's list, is another thing).
        for found in re.finditer(rf"\b(?:page|\w*item)\.(?:{answered})\b", path.read_text(encoding="utf-8"))
    ]

    assert readers == []


def test_a_value_a_plugin_gave_a_page_stays(tmp_path):
    page = _navigation(tmp_path).pages[0]
    page.typeset = {"title": "Self-compassion"}  # type: ignore[attr-defined]  # as Material's typeset plugin gives it

    answer_navigation_lookups([page])

    assert page.typeset == {"title": "Self-compassion"}  # type: ignore[attr-defined]


def test_the_front_matter_stays_a_dict_with_its_keys(tmp_path):
    page = _navigation(tmp_path).pages[0]
    page.meta = {"title": "Sleep", "status": "new"}

    answer_navigation_lookups([page])

    assert page.meta == {"title": "Sleep", "status": "new"} and isinstance(page.meta, PageMeta)
    assert (page.meta.status, page.meta.icon) == ("new", None)
    assert json.loads(json.dumps(page.meta)) == {"title": "Sleep", "status": "new"}


# A plugin's own front matter, and the one `make serve` kept from the last build, stay the
# very objects they are.
def test_front_matter_that_is_not_mkdocs_plain_dict_stays_as_it_is(tmp_path):
    class PluginsFrontMatter(dict):
        pass

    first, second, _ = _navigation(tmp_path).pages
    first.meta, second.meta = PluginsFrontMatter(title="Sleep"), PageMeta(title="Worry")
    kept = (first.meta, second.meta)

    answer_navigation_lookups([first, second])

    assert (first.meta, second.meta) == kept and first.meta is kept[0] and second.meta is kept[1]


def test_the_navigation_prints_as_before_on_every_page(tmp_path):
    nav, config = _navigation(tmp_path), _config(tmp_path)
    nav.pages[2].meta = {"subtitle": "A practice", "status": "new"}  # printed under the title
    template = config.theme.get_env().from_string(NAVIGATION)

    def printed() -> list[str]:
        pages = []
        for page in nav.pages:
            page.active = True  # as MkDocs marks the page it renders, and its sections
            pages.append(template.render(nav=nav, page=page, features=[], config=config, base_url=".", lang={"t": str}))
            page.active = False
        return pages

    before = printed()
    answer_navigation_lookups(nav.pages)

    assert printed() == before
    first_article = before[1]
    assert 'href="../a-second-article/"' in first_article and "<small>A practice</small>" in first_article
    assert first_article.count("md-nav__link--active") == 1 and "md-nav__item--active" in first_article


def _properties(cls: type) -> set[str]:
    return {name for name, value in vars(cls).items() if isinstance(value, property)}


def _config(folder: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "Practice",
            "docs_dir": str(folder),
            "theme": {"name": "material"},
            "nav": [{"Home": "index.md"}, {"Articles": ["a-first-article.md", "a-second-article.md"]}],
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


def _navigation(folder: Path) -> Navigation:
    config = _config(folder)
    names = ("index.md", "a-first-article.md", "a-second-article.md")
    files = Files(
        [File(name, src_dir=str(folder), dest_dir=str(folder / "site"), use_directory_urls=True) for name in names]
    )
    navigation = get_navigation(files, config)
    for page in navigation.pages:
        page.meta = {}  # as MkDocs reads a page without front matter
    return navigation
