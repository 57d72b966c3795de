"""Nothing fake goes live: the published site's build (CI on a push to main) stops on each
reserved example value mkdocs.yml holds, at its line, and builds with real-looking ones;
pull request previews and local builds still build with the example values."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, build_checks, build_site, line_of
from psychoed.settings.reserved_values import is_production, reserved_value_problems

PUSH_TO_MAIN = {"GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main"}
FIXTURE_CONFIG = (FIXTURE_SITE / "mkdocs.yml").read_text(encoding="utf-8")
STOPPED = "the published site is not built with it"
# site_url's messages: from mkdocs.yml, and from the SITE_URL CI builds with.
SITE_URL_EXAMPLE = "site_url: 'https://psychoeducation.example.org/' is an address at psychoeducation.example.org, a name reserved for examples: the published site is not built with it; write the real address of the published site in site_url"
SITE_URL_VARIABLE = "site_url: 'https://preview.example.com/' is an address at preview.example.com, a name reserved for examples: the published site is not built with it; set the repository variable SITE_URL to the real address of the published site, or remove it"


@pytest.mark.parametrize(
    "environ, production",
    [
        (PUSH_TO_MAIN, True),
        ({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REF": "refs/pull/12/merge"}, False),
        ({"GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/fix-typo"}, False),
        ({"GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_REF": "refs/heads/main"}, False),
        ({}, False),  # an editor's own build
    ],
)
def test_only_a_push_to_main_builds_the_published_site(environ, production):
    assert is_production(environ) is production


# (setting, value, the exact message; None: the value is reserved, like the one above it)
RESERVED = [
    (
        "extra.practice.phone",
        "+1 555-0142",
        "'+1 555-0142' holds 555-0142, a number reserved for fiction (555-0100 to 555-0199): the published site is not built with it; write the real phone number of the practice",
    ),
    ("extra.practice.phone", "(212) 555 0199", None),
    ("extra.practice.phone", "5550100", None),
    (
        "extra.practice.email",
        "hello@example.org",
        "'hello@example.org' is an address at example.org, a name reserved for examples: the published site is not built with it; write the real e-mail address of the practice",
    ),
    ("extra.practice.email", "care@practice.example", None),
    ("extra.practice.email", "office@clinic.invalid", None),
    (
        "extra.practice.booking_url",
        "https://booking.example.org/grow-true-psychology",
        "'https://booking.example.org/grow-true-psychology' is an address at booking.example.org, a name reserved for examples: the published site is not built with it; write the real booking address of the practice",
    ),
    ("extra.practice.booking_url", "https://www.example.com:8443/book", None),
    ("extra.practice.booking_url", "https://clinic.test/book", None),
    ("extra.consultation.url", "https://example.net/", None),
]


@pytest.mark.parametrize("setting, value, message", RESERVED)
def test_each_reserved_value_is_named_with_what_to_write(setting, value, message):
    _, group, name = setting.split(".")
    [problem] = reserved_value_problems(site_url=None, site_url_variable=False, extra={group: {name: value}})
    assert problem.setting == setting
    assert problem.message == message if message else STOPPED in problem.message


@pytest.mark.parametrize(
    "value",
    [
        "+1 555-0200",  # 555 numbers beyond 0100-0199 are real ones
        "+1 212-555-1234",
        "+44 20 7946 0958",
        "hello@growtruepsychology.com",
        "hello@notexample.org",
        "https://growtruepsychology.com/book",
        "https://book.examples.org/",
        "https://example.org.au/",
    ],
)
def test_a_real_looking_value_is_not_reserved(value):
    assert reserved_value_problems(site_url=value, site_url_variable=False, extra={"practice": {"phone": value}}) == []


def test_site_url_from_the_sites_variable_says_to_set_the_variable():
    [problem] = reserved_value_problems(site_url="https://preview.example.com/", site_url_variable=True, extra={})
    assert f"{problem.setting}: {problem.message}" == SITE_URL_VARIABLE


def test_the_published_sites_build_stops_at_each_example_value_in_mkdocs_yml(site_copy):
    config = site_copy / "mkdocs.yml"
    build = build_site(site_copy, env=PUSH_TO_MAIN)

    assert build.returncode == 1 and "Traceback" not in build.stderr
    located = [line.strip() for line in build.stderr.splitlines() if line.startswith("  mkdocs.yml:")]
    assert located == [
        f"mkdocs.yml:{line_of(config, 'site_url:')}: {SITE_URL_EXAMPLE}",
        f"mkdocs.yml:{line_of(config, 'phone:')}: extra.practice.phone: '+1 555-0142' holds 555-0142, a number reserved for fiction (555-0100 to 555-0199): the published site is not built with it; write the real phone number of the practice",
        f"mkdocs.yml:{line_of(config, 'email:')}: extra.practice.email: 'hello@example.org' is an address at example.org, a name reserved for examples: the published site is not built with it; write the real e-mail address of the practice",
        f"mkdocs.yml:{line_of(config, 'booking_url:')}: extra.practice.booking_url: 'https://booking.example.org/grow-true-psychology' is an address at booking.example.org, a name reserved for examples: the published site is not built with it; write the real booking address of the practice",
    ]


def test_the_published_sites_checks_read_the_site_url_ci_sets(site_copy, monkeypatch):
    real_details(site_copy)
    environ = {**PUSH_TO_MAIN, "SITE_URL": "https://www.example.com/"}
    monkeypatch.setenv("SITE_URL", environ["SITE_URL"])  # mkdocs.yml's site_url: !ENV [SITE_URL, ...]

    problems = [str(problem) for problem in build_checks(site_copy, environ=environ) if not problem.notice]

    [problem] = problems
    config = site_copy / "mkdocs.yml"
    assert problem.startswith(
        f"mkdocs.yml:{line_of(config, 'site_url:')}: site_url: 'https://www.example.com/' is an address at www.example.com"
    )


# The published site with real details, and a pull request's preview with the example
# ones: nothing stops either build (the examples stop the published site's build only).
@pytest.mark.parametrize(
    "env",
    [
        {**PUSH_TO_MAIN, "SITE_URL": "https://growtrue.github.io/psychoeducation/"},
        {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REF": "refs/pull/12/merge"},
    ],
    ids=["published-with-real-details", "preview-with-example-details"],
)
def test_real_details_pass_the_published_sites_checks_and_previews_pass_with_examples(site_copy, monkeypatch, env):
    if env["GITHUB_EVENT_NAME"] == "push":
        real_details(site_copy)
        monkeypatch.setenv("SITE_URL", env["SITE_URL"])

    problems = [problem for problem in build_checks(site_copy, environ=env) if not problem.notice]

    assert problems == []


# What the practice gives when it is ready to publish.
def real_details(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for example, real in {
        '"+1 555-0142"': '"+1 212-555-2368"',
        "hello@example.org": "hello@growtruepsychology.com",
        "https://booking.example.org/": "https://booking.growtruepsychology.com/",
    }.items():
        assert example in text
        text = text.replace(example, real)
    config.write_text(text, encoding="utf-8")
