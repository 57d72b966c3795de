"""Ask the DOI registries about a DOI: Crossref's REST API, then doi.org's content
negotiation for the works of other agencies (DataCite, mEDRA, ...).

Their addresses are settings, so a mirror or a test server can stand in:
`CROSSREF_API` (default https://api.crossref.org/) and `DOI_RESOLVER` (default
https://doi.org/). Politely: a User-Agent naming the project and a contact
(`CROSSREF_MAILTO`, which also puts the requests in Crossref's polite pool), retries with
backoff honouring `Retry-After`, and the online checks' answer cache.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from psychoed.references.doi import DOI_RESOLVER, doi_url
from psychoed.references.registry_check import Work, crossref_work, csl_work
from url_check import RETRY_STATUSES, PoliteClient, connection_problem, tries

CROSSREF_API = "https://api.crossref.org/"
CSL_JSON = "application/vnd.citationstyles.csl+json"
PROJECT = "grow-true-psychoeducation (https://github.com/GrowTrue/psychoeducation)"


@dataclass(frozen=True)
class Answer:
    """A registry's answer: its HTTP status and body, or (status None) why none came."""

    status: int | None
    body: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Lookup:
    """What the registries say of a DOI: its record, that none knows it, or that none answered."""

    registered: bool | None  # None: not known, a registry could not be reached
    work: Work | None = None  # None when registered but the record cannot be compared
    detail: str = ""


def registry_addresses() -> tuple[str, str]:
    """`(DOI_RESOLVER, CROSSREF_API)` from the environment, each ending in '/'."""
    resolver = os.environ.get("DOI_RESOLVER") or DOI_RESOLVER
    crossref = os.environ.get("CROSSREF_API") or CROSSREF_API
    return resolver.rstrip("/") + "/", crossref.rstrip("/") + "/"


def user_agent() -> str:
    """The project and, when set, its contact (`CROSSREF_MAILTO`), as registries ask."""
    mailto = os.environ.get("CROSSREF_MAILTO", "").strip()
    return PROJECT + (f"; mailto:{mailto}" if mailto else "")


class Registries(PoliteClient):
    """Asks the registries, one DOI at a time, as a named client (their polite pool)."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.resolver, self.crossref = registry_addresses()
        self.session.headers["User-Agent"] = user_agent()

    def lookup(self, doi: str) -> Lookup:
        """Crossref's record of `doi`, or else the record doi.org gives as CSL JSON."""
        crossref = self.get(doi_url(doi, resolver=self.crossref + "works/"), accept="application/json")
        if crossref.status == 200:
            try:
                return Lookup(True, crossref_work(json.loads(crossref.body)["message"]))
            except (ValueError, KeyError, TypeError, AttributeError):
                return Lookup(None, detail=f"{self.host(self.crossref)} sent a record that is not Crossref's JSON")
        if crossref.status != 404:  # "Resource not found.": another agency's DOI, or none
            return Lookup(None, detail=f"{self.host(self.crossref)}: {crossref.detail}")
        csl = self.get(doi_url(doi, resolver=self.resolver), accept=CSL_JSON)
        if csl.status == 404:
            return Lookup(False)
        if csl.status != 200:
            return Lookup(None, detail=f"{self.host(self.resolver)}: {csl.detail}")
        try:
            return Lookup(True, csl_work(json.loads(csl.body)))
        except (ValueError, TypeError, AttributeError):
            return Lookup(True)  # registered, with no record to compare (a landing page)

    def get(self, url: str, *, accept: str) -> Answer:
        """GET `url`, retried while the server says "not now" or the network fails; a
        record or a 404 is remembered in the cache."""
        key = f"REGISTRY {accept} {url}"
        if self.cache and (known := self.cache.get_answer(key)):
            return Answer(known["status"], known["body"], known.get("detail", ""))
        answer = self._ask(url, accept)
        if self.cache and answer.status in (200, 404):
            self.cache.put_answer(key, {"status": answer.status, "body": answer.body, "detail": answer.detail})
        return answer

    def host(self, address: str) -> str:
        return urlsplit(address).netloc or address

    def _ask(self, url: str, accept: str) -> Answer:
        attempts = self.retries + 1
        for attempt in range(attempts):
            retry_after = None
            try:
                response = self.session.get(url, headers={"Accept": accept}, timeout=self.timeout)
                retry_after = response.headers.get("Retry-After")
                answer = Answer(
                    response.status_code, response.text, f"{response.status_code} {response.reason}".strip()
                )
            except requests.exceptions.Timeout:
                answer = Answer(None, detail=f"timed out, {tries(attempts)}")
            except requests.exceptions.ConnectionError as error:
                answer = Answer(None, detail=f"{connection_problem(error)}, {tries(attempts)}")
            except requests.exceptions.RequestException as error:
                return Answer(None, detail=f"{type(error).__name__}: {error}")
            else:
                if answer.status not in RETRY_STATUSES:
                    return answer
                answer = Answer(None, detail=f"{answer.detail}, {tries(attempt + 1)}")
            if attempt < attempts - 1:
                self.sleep(self.delay(attempt, retry_after))
        return answer
