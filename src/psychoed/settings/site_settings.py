"""Read and check the `extra:` settings in mkdocs.yml for what readers see around the
Markdown: the articles' call-to-action, crisis help and disclaimer note, the form of the
dates readers see, the footer links and the practice's e-mail address."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from psychoed.articles.reader_dates import DATE_FORMATS, DEFAULT_DATE_FORMAT, date_format_examples
from psychoed.settings.setting_problems import SettingProblem

# Digits with spaces or hyphens between them, optionally after a leading +.
_PHONE = re.compile(r"\+?\d(?:[ -]?\d)*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


@dataclass(frozen=True)
class CallToAction:
    heading: str
    text: str
    button: str
    url: str  # a page of this site relative to docs/ (consultation.md) or an https:// address

    @property
    def page(self) -> str | None:
        """The page of this site the button leads to, or None for an external address."""
        return None if self.url.startswith("https://") else self.url


@dataclass(frozen=True)
class CrisisHelp:
    text: str
    numbers: tuple[str, ...]  # each written in the text, each becomes a tap-to-call link


@dataclass(frozen=True)
class DisclaimerNote:
    text: str
    link: str
    page: str


@dataclass(frozen=True)
class FooterLink:
    title: str
    page: str  # a page of this site relative to docs/ (privacy.md)


@dataclass(frozen=True)
class ArticleSettings:
    cta: CallToAction
    crisis: CrisisHelp
    disclaimer_note: DisclaimerNote
    date_format: str  # a name of reader_dates.DATE_FORMATS


def read_article_settings(
    extra: Mapping[str, Any], *, documents: Collection[str]
) -> tuple[ArticleSettings | None, list[SettingProblem]]:
    """The settings every article page is dressed with, or None with every problem.

    `documents` holds the pages of the site by path relative to docs/ (consultation.md).
    """
    problems: list[SettingProblem] = []
    cta = _call_to_action(extra, documents, problems)
    crisis = _crisis_help(extra, problems)
    note = _disclaimer_note(extra, documents, problems)
    dates, date_problems = read_date_format(extra)
    problems += date_problems
    if cta is None or crisis is None or note is None or dates is None:
        return None, problems
    return ArticleSettings(cta, crisis, note, dates), problems


def read_date_format(extra: Mapping[str, Any]) -> tuple[str | None, list[SettingProblem]]:
    """The form of every date readers see (extra.date_format; the US form when unset),
    or None with its problem."""
    value = extra.get("date_format", DEFAULT_DATE_FORMAT)
    if isinstance(value, str) and value in DATE_FORMATS:
        return value, []
    return None, [
        SettingProblem(
            "extra.date_format",
            f"'{value}' is not a form of date the site writes; write one of {date_format_examples()}",
        )
    ]


def read_footer_links(
    extra: Mapping[str, Any], *, documents: Collection[str]
) -> tuple[list[FooterLink] | None, list[SettingProblem]]:
    """The links every page's footer shows (extra.footer_links), or None with every problem."""
    problems = _footer_link_problems(extra, documents)
    if problems:
        return None, problems
    return [FooterLink(link["title"].strip(), link["page"].strip()) for link in extra["footer_links"]], []


def setting_problems(extra: Mapping[str, Any], *, documents: Collection[str]) -> list[SettingProblem]:
    """Every problem of the settings the pages and their footers are built from."""
    _, problems = read_article_settings(extra, documents=documents)
    _, footer_problems = read_footer_links(extra, documents=documents)
    return problems + footer_problems + _practice_problems(extra)


def number_pattern(numbers: tuple[str, ...]) -> re.Pattern[str]:
    """Where the numbers stand in a text as whole numbers (988, not the 988 in 19880)."""
    alternatives = "|".join(re.escape(number) for number in sorted(numbers, key=len, reverse=True))
    return re.compile(rf"(?<![\w+])(?:{alternatives})(?!\w)")


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def _call_to_action(
    extra: Mapping[str, Any], documents: Collection[str], problems: list[SettingProblem]
) -> CallToAction | None:
    fields = _text_block(
        extra,
        "consultation",
        "heading, text, button and url",
        {
            "heading": "the heading above the call-to-action, e.g. 'Would you like to talk with us?'",
            "text": "the practice's sentence inviting readers to a consultation",
            "button": "the button's label, e.g. 'Request A Consultation'",
            "url": "the site's page consultation.md or an https:// booking address",
        },
        problems,
    )
    if fields is None:
        return None
    fields["url"] = fields["url"] and _url(fields["url"], documents, problems)
    return CallToAction(**complete) if (complete := _complete(fields)) else None


def _url(url: str, documents: Collection[str], problems: list[SettingProblem]) -> str | None:
    setting = "extra.consultation.url"
    parts = urlsplit(url)
    if parts.scheme == "https":
        if not parts.hostname or any(char.isspace() for char in url):
            problems.append(
                SettingProblem(setting, f"'{url}' is not a complete address; write it as https://host/path")
            )
            return None
        return url
    if parts.scheme == "http":
        problems.append(
            SettingProblem(
                setting,
                f"'{url}' is not https; readers' booking details must travel encrypted, so write https://{url[len('http://') :]} or use a page of this site such as consultation.md",
            )
        )
        return None
    if parts.scheme or parts.netloc:
        problems.append(
            SettingProblem(
                setting, f"'{url}' is neither a page of this site (such as consultation.md) nor an https:// address"
            )
        )
        return None
    return url if _page_exists(url, setting, documents, problems) else None


def _crisis_help(extra: Mapping[str, Any], problems: list[SettingProblem]) -> CrisisHelp | None:
    fields = _text_block(
        extra,
        "crisis",
        "text and numbers",
        {
            "text": "the sentence telling readers in crisis whom to call, e.g. 'If you are in crisis ... call or text 988 (US and Canada) or your local emergency number.'",
        },
        problems,
    )
    if fields is None:
        return None
    text = fields["text"]
    setting = "extra.crisis.numbers"
    numbers = extra["crisis"].get("numbers")
    if not isinstance(numbers, list) or not numbers:
        problems.append(
            SettingProblem(
                setting,
                'is missing or empty; list the numbers written in extra.crisis.text, e.g. numbers: ["988"], so readers can tap to call them',
            )
        )
        return None
    number_problems = [
        SettingProblem(setting, message) for number in numbers if (message := _number_problem(number, text))
    ]
    problems += number_problems
    if text is None or number_problems:
        return None
    return CrisisHelp(text, tuple(number.strip() for number in numbers))


def _number_problem(number: object, text: str | None) -> str | None:
    if not isinstance(number, str):
        return f'{number} is not in quotes; write it as "{number}" so a leading 0 or + is kept'
    if not _PHONE.fullmatch(number.strip()):
        return f"'{number}' is not a phone number; use digits, spaces and hyphens, with + first for an international number"
    if text is not None and not number_pattern((number.strip(),)).search(text):
        return f"'{number}' does not appear in extra.crisis.text; write it in the text as readers should see it"
    return None


def _disclaimer_note(
    extra: Mapping[str, Any], documents: Collection[str], problems: list[SettingProblem]
) -> DisclaimerNote | None:
    fields = _text_block(
        extra,
        "disclaimer_note",
        "text, link and page",
        {
            "text": "one sentence saying the article is educational and no substitute for professional care",
            "link": "the words linking to the full disclaimer, e.g. 'Read the full disclaimer'",
            "page": "the disclaimer page, e.g. disclaimer.md",
        },
        problems,
    )
    if fields is None:
        return None
    if fields["page"] and not _page_exists(fields["page"], "extra.disclaimer_note.page", documents, problems):
        fields["page"] = None
    return DisclaimerNote(**complete) if (complete := _complete(fields)) else None


def _footer_link_problems(extra: Mapping[str, Any], documents: Collection[str]) -> list[SettingProblem]:
    links = extra.get("footer_links")
    if not isinstance(links, list) or not links:
        return [
            SettingProblem(
                "extra.footer_links",
                "is missing or empty; list the pages every footer links to, each as '- title: Disclaimer' with 'page: disclaimer.md'",
            )
        ]
    problems: list[SettingProblem] = []
    for index, link in enumerate(links):
        setting = f"extra.footer_links[{index}]"
        if not isinstance(link, Mapping):
            problems.append(
                SettingProblem(setting, "must be a title and a page, e.g. '- title: Privacy' with 'page: privacy.md'")
            )
            continue
        _text(link, f"{setting}.title", "the link's words, e.g. 'Privacy'", problems)
        page = _text(link, f"{setting}.page", "the page it links to, e.g. privacy.md", problems)
        if page is not None:
            _page_exists(page, f"{setting}.page", documents, problems)
    return problems


# The contact details the consultation page prints as links (overrides/consultation.html).
def _practice_problems(extra: Mapping[str, Any]) -> list[SettingProblem]:
    practice = extra.get("practice")
    practice = practice if isinstance(practice, Mapping) else {}
    problems = []
    email, phone, booking = (practice.get(name) for name in ("email", "phone", "booking_url"))
    if not (isinstance(email, str) and _EMAIL.fullmatch(email.strip())):
        state = "is missing" if email is None else f"'{email}' is not an e-mail address"
        problems.append(
            SettingProblem(
                "extra.practice.email",
                f"{state}; readers report errors to it from 'About our content', so write the practice's address, e.g. hello@example.org",
            )
        )
    if not (isinstance(phone, str) and _PHONE.fullmatch(phone.strip())):
        state = "is missing" if phone is None else f"'{phone}' is not a phone number"
        problems.append(
            SettingProblem(
                "extra.practice.phone",
                f'{state}; write the practice\'s number in quotes with digits, spaces and hyphens, + first for an international number, e.g. "+1 555-0142"',
            )
        )
    if not (
        isinstance(booking, str)
        and (parts := urlsplit(booking)).scheme == "https"
        and parts.hostname
        and not any(char.isspace() for char in booking)
    ):
        state = "is missing" if booking is None else f"'{booking}' is not a complete https:// address"
        problems.append(
            SettingProblem(
                "extra.practice.booking_url",
                f"{state}; write the booking page's address, e.g. https://booking.example.org/grow-true-psychology",
            )
        )
    return problems


# The block extra.<name> with each text setting (None where missing), or None without the block.
def _text_block(
    extra: Mapping[str, Any], name: str, fields: str, hints: dict[str, str], problems: list[SettingProblem]
) -> dict[str, str | None] | None:
    block = extra.get(name)
    if not isinstance(block, Mapping):
        state = "is missing" if block is None else "is not a block of settings"
        problems.append(
            SettingProblem(
                f"extra.{name}", f"{state}; add it under extra: with {fields} (see MAINTAINING.md, 'The article page')"
            )
        )
        return None
    return {field: _text(block, f"extra.{name}.{field}", hint, problems) for field, hint in hints.items()}


# A block's fields when every one has its value, or None.
def _complete(fields: dict[str, str | None]) -> dict[str, str] | None:
    given = {field: value for field, value in fields.items() if value}
    return given if len(given) == len(fields) else None


def _text(block: Mapping[str, Any], setting: str, what: str, problems: list[SettingProblem]) -> str | None:
    value = block.get(setting.rsplit(".", 1)[1])
    if not isinstance(value, str) or not value.strip():
        problems.append(SettingProblem(setting, f"is missing or empty; write {what}"))
        return None
    return value.strip()


def _page_exists(page: str, setting: str, documents: Collection[str], problems: list[SettingProblem]) -> bool:
    pages = [document for document in documents if document.endswith(".md")]
    if not page.endswith(".md") or page.startswith("/"):
        # `privacy`, `/privacy/`: the page's file is the one whose name is closest.
        meant = difflib.get_close_matches(page.strip("/").removesuffix(".html") + ".md", pages, n=1, cutoff=0.6)
        example = meant[0] if meant else "consultation.md"
        problems.append(
            SettingProblem(
                setting, f"'{page}' is not a page's file; name the Markdown file relative to docs/, e.g. {example}"
            )
        )
        return False
    if page in documents:
        return True
    close = difflib.get_close_matches(page, pages, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"create docs/{page} or correct the name"
    problems.append(SettingProblem(setting, f"'{page}' is not a page in docs/; {hint}"))
    return False
