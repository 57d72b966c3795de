"""Previews of pull requests: which build is one, and what keeps them out of search results.

CI builds a pull request with PREVIEW_PR set to its number and publishes it under
pr-preview/pr-N/ beside the live site; the live site's robots.txt keeps crawlers out of
that folder, and every preview page says `noindex` and shows a banner.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

PREVIEW_DIR = "pr-preview/"


def preview_number(value: str | None) -> tuple[int | None, str | None]:
    """The pull request number PREVIEW_PR names (None: the published site), or a problem."""
    if value is None or not value.strip():
        return None, None
    if re.fullmatch(r"[0-9]+", value.strip()) and int(value) > 0:
        return int(value), None
    return (
        None,
        f"PREVIEW_PR is '{value}', not a pull request number; set it to the number alone (PREVIEW_PR=12), or unset it to build the published site",
    )


def banner_text(number: int) -> str:
    return f"Preview of pull request #{number} — not the published site"


def robots_txt(site_url: str) -> str:
    """Crawlers may read the site but not the previews under it; the sitemap lists its pages."""
    previews = urlsplit(urljoin(site_url, PREVIEW_DIR)).path
    return f"User-agent: *\nDisallow: {previews}\nAllow: /\n\nSitemap: {urljoin(site_url, 'sitemap.xml')}\n"
