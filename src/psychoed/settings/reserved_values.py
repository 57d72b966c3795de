"""Nothing fake goes live: the reserved example values mkdocs.yml ships with (addresses at
example.org, a 555-01xx phone number, the example site_url) stop the build of the
published site, at their line in mkdocs.yml, until the practice's real details replace
them. Pull request previews and local builds still build with them, so the site can be
written and reviewed before the practice has given its details.

Reserved by RFC 2606 and RFC 6761: example.com, example.net, example.org and every name
under them, and the top-level names .example, .invalid and .test. Reserved for fiction by
the North American Numbering Plan: 555-0100 to 555-0199."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from psychoed.settings.setting_problems import SettingProblem

# A host name where an address puts one: after `//` or `@`, or as the whole value.
_RESERVED_HOST = re.compile(
    r"(?:^|(?<=//)|(?<=@))(?P<host>(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|invalid|test)))\.?(?![\w.-])",
    re.IGNORECASE,
)
_RESERVED_NUMBER = re.compile(r"(?<!\d)555[-. ]?01\d\d(?!\d)")
# What each setting holds, in the words of the fix.
_WHAT = {
    "extra.practice.email": "e-mail address",
    "extra.practice.phone": "phone number",
    "extra.practice.booking_url": "booking address",
}


def is_production(environ: Mapping[str, str]) -> bool:
    """A build of the published site: CI's build on a push to main. Pull request previews,
    other branches and an editor's own builds are not."""
    return environ.get("GITHUB_EVENT_NAME") == "push" and environ.get("GITHUB_REF") == "refs/heads/main"


def reserved_value_problems(
    *, site_url: str | None, site_url_variable: bool, extra: Mapping[str, Any]
) -> list[SettingProblem]:
    """Each setting holding a reserved example value: site_url as MkDocs resolved it
    (`site_url_variable`: from the environment's SITE_URL), and every text under extra."""
    settings = [("site_url", site_url), *_texts(extra, "extra")]
    problems = []
    for setting, value in settings:
        if not isinstance(value, str):
            continue
        if host := _RESERVED_HOST.search(value.strip()):
            reserved = f"is an address at {host.group('host')}, a name reserved for examples"
        elif number := _RESERVED_NUMBER.search(value):
            reserved = f"holds {number.group(0)}, a number reserved for fiction (555-0100 to 555-0199)"
        else:
            continue
        if setting == "site_url":
            fix = (
                "set the repository variable SITE_URL to the real address of the published site, or remove it"
                if site_url_variable
                else "write the real address of the published site in site_url"
            )
        else:
            fix = f"write the real {_WHAT.get(setting, 'value')} of the practice"
        problems.append(
            SettingProblem(setting, f"'{value.strip()}' {reserved}: the published site is not built with it; {fix}")
        )
    return problems


# Every text under `value`, by its dotted setting name (extra.practice.phone, extra.footer_links[0].url).
def _texts(value: Any, name: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, f"{name}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{name}[{index}]")
    else:
        yield name, value
