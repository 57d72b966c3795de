"""The article page as readers get it, from the fixture site's build: crisis help, the article, the
call-to-action, the references, the authorship and review line, the disclaimer note; the
trust pages in every footer; every bad setting or front matter stops the build."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest
from lxml import html as lxml_html
from mkdocs.utils.yaml import yaml_load

from conftest import ARTICLE as ARTICLE_SOURCE
from conftest import FIXTURE_SITE, ROOT, build_site, copy_project, edit_files, line_of
from psychoed.articles.front_matter import REVIEW_CYCLE_YEARS, read_article

ARTICLE = "articles/how-can-self-compassion-help-me/index.html"
NOT_ARTICLES = [
    "index.html",
    "disclaimer/index.html",
    "consultation/index.html",
    "practices/what-do-i-need/index.html",
    "about-our-content/index.html",
    "privacy/index.html",
    "404.html",
]
EXTRA = yaml_load((FIXTURE_SITE / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]


def page(site: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def article(site: Path, path: str = ARTICLE) -> lxml_html.HtmlElement:
    (element,) = page(site, path).xpath("//article")
    return element


def resolves(site: Path, from_page: str, href: str) -> bool:
    """Whether a link of the built page leads to a built page."""
    base = site if href.startswith("/") else (site / from_page).parent
    target = (base / href.lstrip("/").split("#")[0]).resolve()
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def one(element: lxml_html.HtmlElement, css_class: str) -> lxml_html.HtmlElement:
    """The one element with this class inside `element`."""
    found = element.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]")
    assert len(found) == 1, f"{css_class}: {len(found)} found"
    return found[0]


# ---------------------------------------------------------------------------------------
# The fixture's article
# ---------------------------------------------------------------------------------------


def test_article_reads_crisis_help_text_call_to_action_references_review_disclaimer(fixture_site):
    body = article(fixture_site)
    elements = list(body.iter())
    position = {
        "title": elements.index(body.xpath(".//h1")[0]),
        "crisis help": elements.index(one(body, "gt-crisis")),
        "first paragraph": elements.index(body.xpath(".//p[starts-with(., 'Self-compassion is a practice')]")[0]),
        "last section": elements.index(body.xpath(".//h2[@id='how-can-we-practice-self-compassion']")[0]),
        "call-to-action": elements.index(one(body, "gt-cta")),
        "references": elements.index(body.xpath(".//h2[@id='references']")[0]),
        "review line": elements.index(one(body, "gt-review")),
        "disclaimer note": elements.index(one(body, "gt-disclaimer-note")),
    }
    assert sorted(position, key=position.__getitem__) == list(position)
    assert body[-1].get("class") == "gt-disclaimer-note", "the disclaimer note is the article's last element"


def test_call_to_action_appears_once_with_the_configured_words_and_url(fixture_site):
    cta = one(page(fixture_site, ARTICLE), "gt-cta")
    heading = cta.xpath(f".//*[@id='{cta.get('aria-labelledby')}']")
    assert [h.tag for h in heading] == ["h2"] and heading[0].text_content() == EXTRA["consultation"]["heading"]
    source = FIXTURE_SITE / ARTICLE_SOURCE
    front_matter, _ = read_article(
        ARTICLE_SOURCE.removeprefix("docs/"), source.read_text(encoding="utf-8"), path=str(source)
    )
    assert front_matter is not None
    sentence = front_matter.consultation_text or EXTRA["consultation"]["text"]
    assert " ".join(sentence.split()) in " ".join(cta.text_content().split())
    button = one(page(fixture_site, ARTICLE), "gt-cta__button")
    assert button.tag == "a" and button.get("class").split() == ["md-button", "md-button--primary", "gt-cta__button"]
    assert button.text_content() == EXTRA["consultation"]["button"]
    assert EXTRA["consultation"]["url"] == "consultation.md"
    assert button.get("href") == "../../consultation/" and resolves(fixture_site, ARTICLE, button.get("href"))


@pytest.mark.parametrize("path", NOT_ARTICLES)
def test_pages_other_than_articles_carry_no_call_to_action_and_no_article_notes(fixture_site, path):
    html = (fixture_site / path).read_text(encoding="utf-8")
    for marker in ("gt-cta", "gt-crisis", "gt-review", "gt-disclaimer-note"):
        assert marker not in html


def test_crisis_help_gives_the_configured_text_with_tap_to_call_numbers(fixture_site):
    crisis = one(article(fixture_site), "gt-crisis")
    assert crisis.get("role") == "note" and crisis.get("aria-label") == "Crisis help"
    assert " ".join(crisis.text_content().split()) == " ".join(EXTRA["crisis"]["text"].split())
    assert [(a.get("href"), a.text) for a in crisis.iter("a")] == [(f"tel:{n}", n) for n in EXTRA["crisis"]["numbers"]]


def test_disclaimer_note_links_to_the_disclaimer_page(fixture_site):
    note = one(article(fixture_site), "gt-disclaimer-note")
    (link,) = note.iter("a")
    assert link.text == EXTRA["disclaimer_note"]["link"]
    assert link.get("href") == "../../disclaimer/" and resolves(fixture_site, ARTICLE, link.get("href"))
    assert " ".join(EXTRA["disclaimer_note"]["text"].split()) in note.text_content()


def test_review_line_shows_the_front_matter_dates_in_words(fixture_site):
    line = one(article(fixture_site), "gt-review").text_content()
    # The form of extra.date_format; the US form when it is not set.
    form = {
        "month-day-year": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
        "day-month-year": r"\d{1,2} [A-Z][a-z]+ \d{4}",
        "year-month-day": r"\d{4}-\d\d-\d\d",
    }[EXTRA.get("date_format", "month-day-year")]
    assert re.fullmatch(rf"Written by .+ · Page last reviewed: {form} · Next review due: {form}", line), line


def test_every_page_footer_links_disclaimer_about_our_content_and_privacy(fixture_site):
    pages = sorted(str(p.relative_to(fixture_site)) for p in fixture_site.rglob("*.html"))
    assert {"index.html", "404.html", ARTICLE, *NOT_ARTICLES} <= set(pages)
    for path in pages:
        links = page(fixture_site, path).xpath("//footer//nav[contains(@class, 'gt-footer-links')]//a")
        assert [a.text_content().strip() for a in links] == ["Disclaimer", "About our content", "Privacy"], path
        assert all(resolves(fixture_site, path, a.get("href")) for a in links), path


def test_a_footer_link_to_home_or_a_page_in_a_folder_resolves_from_every_page(more_articles):
    site, _ = more_articles  # its footer adds links to Home and to a page in a folder
    for path in ("index.html", "404.html", ARTICLE, "practices/what-do-i-need/index.html"):
        links = page(site, path).xpath("//footer//nav[contains(@class, 'gt-footer-links')]//a")
        assert [a.text_content().strip() for a in links][-2:] == ["Home", "A practice"], path
        assert all(resolves(site, path, a.get("href")) for a in links), path


def test_about_our_content_states_the_review_cycle_the_build_enforces_and_where_to_write(fixture_site):
    text = " ".join(article(fixture_site, "about-our-content/index.html").text_content().split())
    assert f"at least every {['zero', 'one', 'two', 'three', 'four', 'five'][REVIEW_CYCLE_YEARS]} years" in text
    for path in ("about-our-content/index.html", "privacy/index.html"):
        (email,) = article(fixture_site, path).xpath(".//p[@class='gt-email']/a")
        assert email.get("href") == f"mailto:{EXTRA['practice']['email']}" and email.text == EXTRA["practice"]["email"]


# Elements whose src or href the browser fetches as the page loads.
LOADED = "//*[@src] | //link[not(@rel='canonical')][@href] | //object[@data]"


def test_pages_load_nothing_from_other_sites_and_set_no_cookies(fixture_site):
    """What the Privacy page promises, as far as the built files can show it; the
    browser tests watch the requests themselves."""
    for path in fixture_site.rglob("*.html"):
        for element in page(fixture_site, str(path.relative_to(fixture_site))).xpath(LOADED):
            address = element.get("src") or element.get("href") or element.get("data")
            assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", address, re.IGNORECASE) or address.startswith("data:"), (
                f"{path}: {address}"
            )
    for path in fixture_site.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css), path
    for path in [*fixture_site.rglob("*.js"), *fixture_site.rglob("*.html")]:
        assert "document.cookie" not in path.read_text(encoding="utf-8"), path


# ---------------------------------------------------------------------------------------
# A site with more articles: one without references, one opted out, one overdue
# ---------------------------------------------------------------------------------------

MORE_ARTICLES = {
    "without-references.md": """---
title: Without references
description: An article that cites no work but has a footnote to explain a point.
author: Grow True Psychology
reviewed_by: A Clinician, PsyD
published: 2026-01-15
last_reviewed: 2026-03-02
review_due: 2029-03-01
---

# Without references

Text with a footnote.[^1]

[^1]: The footnote.
""",
    "opted-out.md": """---
title: Opted out
description: An article that opts out of the call-to-action after its text.
author: Grow True Psychology
published: 2026-01-15
last_reviewed: 2026-01-15
review_due: 2029-01-15
consultation_cta: false
---

# Opted out

Text.
""",
    "own-sentence.md": """---
title: Own sentence
description: An article that gives the call-to-action a sentence of its own, about sleep.
author: Grow True Psychology
published: 2026-01-15
last_reviewed: 2026-01-15
review_due: 2029-01-15
consultation_text: If sleep is hard for you, talk with us in a free 15-minute call.
---

# Own sentence

Text.
""",
    "overdue.md": """---
title: Overdue
description: An article whose review date has passed, so a notice is shown.
author: Grow True Psychology
published: 2020-01-02
last_reviewed: 2020-01-02
review_due: 2023-01-02
---

# Overdue

Text.
""",
}


@pytest.fixture(scope="module")
def more_articles(tmp_path_factory: pytest.TempPathFactory):
    """The fixture site with MORE_ARTICLES, dates in another form, footer links to Home and
    to a page in a folder, and a booking address as the call-to-action's link: one build."""
    project = copy_project(tmp_path_factory.mktemp("more-articles"))
    for name, source in MORE_ARTICLES.items():
        (project / "docs/articles" / name).write_text(source, encoding="utf-8")
    # Dates in another form than the site's: the setting reaches every date readers see.
    config = project / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").split("\n") if not line.startswith("  date_format:")]
    config.write_text(
        "\n".join(lines).replace("\nextra:\n", "\nextra:\n  date_format: day-month-year\n", 1), encoding="utf-8"
    )
    edit_files(
        project,
        [
            (
                "mkdocs.yml",
                "    - title: Privacy\n      page: privacy.md\n",
                "    - title: Privacy\n      page: privacy.md\n    - title: Home\n      page: index.md\n"
                "    - title: A practice\n      page: practices/what-do-i-need.md\n",
            ),
            ("mkdocs.yml", "    url: consultation.md\n", "    url: https://booking.example.org/grow-true-psychology\n"),
        ],
    )
    # No nav edit: hooks/article_list.py lists every file in docs/articles/.
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site", result


def test_article_without_references_ends_its_body_with_the_call_to_action_before_footnotes(more_articles):
    site, _ = more_articles
    body = article(site, "articles/without-references/index.html")
    elements = list(body.iter())
    order = [
        elements.index(one(body, "gt-crisis")),
        elements.index(body.xpath(".//p[starts-with(., 'Text with a footnote')]")[0]),
        elements.index(one(body, "gt-cta")),
        elements.index(one(body, "footnote")),
        elements.index(one(body, "gt-review")),
        elements.index(one(body, "gt-disclaimer-note")),
    ]
    assert order == sorted(order)


def test_review_line_names_the_reviewer_and_writes_dates_in_words(more_articles):
    site, _ = more_articles
    line = one(article(site, "articles/without-references/index.html"), "gt-review")
    assert (
        line.text_content()
        == "Written by Grow True Psychology · Reviewed by A Clinician, PsyD · Page last reviewed: 2 March 2026 · Next review due: 1 March 2029"
    )
    assert [time.get("datetime") for time in line.iter("time")] == ["2026-03-02", "2029-03-01"]


def test_dates_readers_see_are_in_the_form_of_the_setting_on_home_too(more_articles):
    site, _ = more_articles
    home = page(site, "index.html")
    (time,) = home.xpath('//a[@href="articles/without-references/"]/following-sibling::small/time')
    assert (time.get("datetime"), time.text) == ("2026-03-02", "2 March 2026")


def test_an_articles_own_sentence_replaces_the_sites_in_its_call_to_action_only(more_articles):
    site, _ = more_articles
    own = one(article(site, "articles/own-sentence/index.html"), "gt-cta")
    assert own.xpath(".//p")[0].text_content() == "If sleep is hard for you, talk with us in a free 15-minute call."
    other = one(article(site, "articles/without-references/index.html"), "gt-cta")
    assert other.xpath(".//p")[0].text_content() == " ".join(EXTRA["consultation"]["text"].split())


def test_opted_out_article_has_no_call_to_action_but_keeps_its_other_notes(more_articles):
    site, _ = more_articles
    body = article(site, "articles/opted-out/index.html")
    assert not body.xpath(".//*[contains(@class, 'gt-cta')]")
    for css_class in ("gt-crisis", "gt-review", "gt-disclaimer-note"):
        one(body, css_class)


def test_overdue_review_is_a_notice_at_the_review_due_line_and_the_strict_build_passes(more_articles):
    site, result = more_articles
    assert re.search(
        r"INFO\s+-\s+docs/articles/overdue\.md:7: review was due on 2023-01-02; review the page, then update last_reviewed and review_due",
        result.stderr,
    ), result.stderr
    assert "WARNING" not in result.stderr
    assert (
        "Next review due: 2 January 2023"
        in one(article(site, "articles/overdue/index.html"), "gt-review").text_content()
    )


def test_an_https_booking_url_becomes_the_buttons_link(more_articles):
    site, _ = more_articles
    (button,) = article(site).xpath(".//a[contains(@class, 'gt-cta__button')]")
    assert button.get("href") == "https://booking.example.org/grow-true-psychology"


def test_two_builds_in_one_process_give_the_same_html(tmp_path, monkeypatch):
    """As `mkdocs serve` rebuilds: the hooks stay loaded, the notes never pile up."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"

    def build_once(command: Literal["serve"] | None = None) -> dict[str, str]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if command:
            config.plugins.on_startup(command=command, dirty=False)
        build(config)
        return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}

    first = build_once("serve")
    second = build_once()
    assert first == second
    assert second[ARTICLE].count('class="gt-cta"') == 1
    assert second[ARTICLE].count('class="gt-crisis"') == 1


# ---------------------------------------------------------------------------------------
# Every bad setting and front matter stops the build, naming file, line and fix (each
# mistake at its line, in process: tests/test_build_errors.py's CASES)
# ---------------------------------------------------------------------------------------


def test_bad_settings_and_front_matter_stop_the_build_listed_together_each_at_its_line(site_copy):
    edit_files(
        site_copy,
        [
            ("mkdocs.yml", "    url: consultation.md\n", "    url: http://booking.example.org/x\n"),
            ("mkdocs.yml", 'numbers: ["988"]', 'numbers: ["911"]'),
            (ARTICLE_SOURCE, "author: Grow True Psychology\n", ""),
        ],
    )
    line = line_of(site_copy / "mkdocs.yml", "url: http://booking.example.org/x")
    result = build_site(site_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert not (site_copy / "site" / ARTICLE).exists()
    assert "3 problems to fix before the site can build" in result.stderr, result.stderr
    assert f"mkdocs.yml:{line}: extra.consultation.url: " in result.stderr
    for setting in ("extra.crisis.numbers", "front matter field 'author'"):
        assert setting in result.stderr


# ---------------------------------------------------------------------------------------
# Colours: WCAG AA in both colour schemes
# ---------------------------------------------------------------------------------------

# Material 9.8's page backgrounds: white, and slate's hsl(225deg 15% 14%).
PAGE_BACKGROUND = {"default": "#ffffff", "slate": "#1e2129"}
# (foreground, background, least contrast): 4.5:1 for text, 3:1 for focus rings and the
# button's edge against its panel (WCAG 1.4.3, 1.4.11).
COLOUR_PAIRS = [
    ("panel-fg", "panel-bg", 4.5),  # crisis help and call-to-action text
    ("link", "panel-bg", 4.5),  # the crisis numbers
    ("button-fg", "button-bg", 4.5),
    ("button-fg", "button-hover-bg", 4.5),
    ("quiet-fg", "page", 4.5),  # review line and disclaimer note
    ("link", "page", 4.5),  # their links
    ("button-bg", "panel-bg", 3.0),
    ("focus", "panel-bg", 3.0),
    ("focus", "page", 3.0),
]


def scheme_colours() -> dict[str, dict[str, str]]:
    css = (ROOT / "docs/stylesheets/article.css").read_text(encoding="utf-8")
    schemes = {
        scheme: dict(re.findall(r"--gt-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))
        for scheme, block in re.findall(r'\[data-md-color-scheme="(\w+)"\]\s*\{([^}]*)\}', css)
    }
    for scheme, colours in schemes.items():
        colours["page"] = PAGE_BACKGROUND[scheme]
    return schemes


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_measured_correctly():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#009485", "#ffffff"), 2) == 3.77  # the theme's teal: why we use our own


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_note_and_button_colours_meet_wcag_aa(scheme):
    colours = scheme_colours()[scheme]
    for foreground, background, least in COLOUR_PAIRS:
        ratio = contrast(colours[foreground], colours[background])
        assert ratio >= least, f"{scheme}: --gt-{foreground} on --gt-{background} is {ratio:.2f}:1, below {least}:1"


def test_every_colour_the_stylesheet_uses_is_set_in_both_schemes():
    css = (ROOT / "docs/stylesheets/article.css").read_text(encoding="utf-8")
    used = set(re.findall(r"var\(--gt-([\w-]+)\)", css))
    for scheme, colours in scheme_colours().items():
        assert used <= set(colours), f"{scheme} lacks {used - set(colours)}"
