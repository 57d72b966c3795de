"""Ask a web server whether a URL works, patiently and politely, and remember good answers.

Used by the scheduled online checks (`make links-external`, `make check-dois`, whose
registries share its retries and cache), never by
`make test` or the build. Each URL gets a HEAD, then a GET when the HEAD was not answered
with success (many servers refuse HEAD); 429 and 5xx answers, time-outs and dropped
connections are retried with exponential backoff, honouring `Retry-After`.
"""

from __future__ import annotations

import argparse
import email.utils
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

import requests

# Some servers answer robots with 403; a current desktop browser's headers get the page.
BROWSER_HEADERS = {
    "User-Agent": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    ),
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
}
# Answers that say "not now" rather than "not here".
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_CACHE = Path(".cache/online-checks.json")
DEFAULT_MAX_AGE = timedelta(days=1)

Verdict = Literal["ok", "broken", "unverified"]
T = TypeVar("T")
C = TypeVar("C", bound="PoliteClient")


@dataclass(frozen=True)
class Outcome:
    url: str
    # ok: it works. broken: a reader would hit a dead end. unverified: the server would not
    # say (still rate-limited, or timing out), so it is reported but fails nothing.
    verdict: Verdict
    detail: str
    status: int | None = None


class ResultCache:
    """Good answers from earlier runs, trusted for `max_age`, so reruns spare the servers.

    Only `ok` outcomes, and registries' definite answers (a record, or "no such DOI"), are
    kept: a broken or unverified link is asked again every run.
    """

    def __init__(self, path: Path, *, max_age: timedelta = DEFAULT_MAX_AGE, clock: Callable[[], float] = time.time):
        self.path = path
        self.max_age = max_age
        self.clock = clock
        self.entries: dict[str, dict] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            self.entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: start afresh

    def get(self, key: str) -> Outcome | None:
        entry = self._fresh(key)
        try:
            return Outcome(**entry["outcome"]) if entry else None
        except (KeyError, TypeError):
            return None

    def put(self, key: str, outcome: Outcome) -> None:
        if outcome.verdict == "ok":
            self.entries[key] = {"checked_at": self.clock(), "outcome": asdict(outcome)}

    # A registry's answer (its status and body), kept as the outcomes are; one damaged is
    # asked again, as a damaged outcome is.
    def get_answer(self, key: str) -> dict | None:
        answer = (self._fresh(key) or {}).get("answer")
        return answer if isinstance(answer, dict) and {"status", "body"} <= answer.keys() else None

    def put_answer(self, key: str, answer: dict) -> None:
        self.entries[key] = {"checked_at": self.clock(), "answer": answer}

    def _fresh(self, key: str) -> dict | None:
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or self.clock() - entry.get("checked_at", 0) > self.max_age.total_seconds():
            return None
        return entry

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)


class PoliteClient:
    """What every online check shares: its answer cache, and retries that wait as long as
    the server asks (`Retry-After`), else longer each time; `sleep` and `session` are
    injectable for tests."""

    def __init__(
        self,
        *,
        cache: ResultCache | None = None,
        retries: int = 4,
        backoff: float = 2.0,
        max_delay: float = 60.0,
        timeout: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ):
        self.cache = cache
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.timeout = timeout
        self.sleep = sleep
        self.session = session or requests.Session()

    def delay(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff, or longer if the server asked for it, capped at max_delay."""
        wanted = self.backoff * 2**attempt
        asked = retry_after_seconds(retry_after, now=time.time())
        return min(self.max_delay, max(wanted, asked or 0.0))


class UrlChecker(PoliteClient):
    """Asks one URL at a time, as a reader's browser would."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.session.headers.update(BROWSER_HEADERS)
        self.session.max_redirects = 10

    def check(self, url: str, *, follow_redirects: bool = True) -> Outcome:
        """Whether `url` works. Without following redirects, a redirect is the answer
        (doi.org: a registered DOI redirects to its publisher)."""
        key = f"{'GET' if follow_redirects else 'GET-no-redirect'} {url}"
        if self.cache and (known := self.cache.get(key)):
            return known
        outcome = self._ask("HEAD", url, follow_redirects)
        # Many servers answer HEAD wrongly (405, 403, 404); a GET is what a reader sends.
        # Not after a rate limit or a network failure, which a GET would only repeat.
        if outcome.verdict != "ok" and outcome.status not in (None, 429):
            outcome = self._ask("GET", url, follow_redirects)
        if self.cache:
            self.cache.put(key, outcome)
        return outcome

    # One method, retried while the server says "not now" or the network drops.
    def _ask(self, method: str, url: str, follow_redirects: bool) -> Outcome:
        attempts = self.retries + 1
        for attempt in range(attempts):
            retry_after = None
            try:
                # stream=True: the headers are the answer; the body is never downloaded.
                with self.session.request(
                    method, url, allow_redirects=follow_redirects, timeout=self.timeout, stream=True
                ) as response:
                    status, reason = response.status_code, response.reason
                    location, retry_after = response.headers.get("Location"), response.headers.get("Retry-After")
            except requests.exceptions.TooManyRedirects:
                return Outcome(url, "broken", "too many redirects (a redirect loop)")
            except requests.exceptions.SSLError:
                return Outcome(url, "broken", "TLS certificate problem: browsers will warn readers")
            except requests.exceptions.Timeout:
                failure = Outcome(url, "unverified", f"timed out, {tries(attempts)}")
            except requests.exceptions.ConnectionError as error:
                failure = Outcome(url, "broken", f"{connection_problem(error)}, {tries(attempts)}")
            except requests.exceptions.RequestException as error:  # an invalid URL or header
                return Outcome(url, "broken", f"{type(error).__name__}: {error}")
            else:
                if status not in RETRY_STATUSES or attempt == attempts - 1:
                    return verdict(
                        url, status, reason, location, follow_redirects=follow_redirects, attempts=attempt + 1
                    )
            if attempt < attempts - 1:
                self.sleep(self.delay(attempt, retry_after))
        return failure


def add_online_arguments(parser: argparse.ArgumentParser) -> None:
    """The options both online checks take."""
    parser.add_argument("--report", type=Path, help="write the broken links as Markdown here, for the GitHub issue")
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help=f"answers kept between runs (default: {DEFAULT_CACHE})"
    )
    parser.add_argument(
        "--max-age-hours",
        type=float,
        default=DEFAULT_MAX_AGE.total_seconds() / 3600,
        help="how long a good answer is trusted (default: %(default)s)",
    )


def with_cached_client(args: argparse.Namespace, client: Callable[..., C], check: Callable[[C], T]) -> T:
    """Run `check` with a `client` (a PoliteClient's class) whose cache file, the one `args`
    name, is saved even if the run is interrupted."""
    cache = ResultCache(args.cache, max_age=timedelta(hours=args.max_age_hours))
    try:
        return check(client(cache=cache))
    finally:
        cache.save()


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def verdict(
    url: str, status: int, reason: str, location: str | None, *, follow_redirects: bool, attempts: int
) -> Outcome:
    answer = f"{status} {reason}".strip()
    if 200 <= status < 300:
        return Outcome(url, "ok", answer, status)
    if 300 <= status < 400 and not follow_redirects and location:
        return Outcome(url, "ok", f"{answer}, resolves to {location}", status)
    if status == 429:
        return Outcome(url, "unverified", f"{answer}: still rate-limited, {tries(attempts)}", status)
    if status >= 500:
        return Outcome(url, "broken", f"{answer}, {tries(attempts)}", status)
    if status in (401, 403):
        return Outcome(
            url,
            "broken",
            f"{answer}: refused; if this host refuses robots, add it to ROBOT_REFUSING_HOSTS in tools/external_links.py with a reason",
            status,
        )
    return Outcome(url, "broken", answer, status)


def tries(attempts: int) -> str:
    return "1 attempt" if attempts == 1 else f"{attempts} attempts"


def retry_after_seconds(value: str | None, *, now: float) -> float | None:
    """`Retry-After` as seconds: either a number or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def connection_problem(error: requests.exceptions.ConnectionError) -> str:
    text = str(error)
    if "NameResolution" in text or "Name or service not known" in text or "nodename nor servname" in text:
        return "host not found (DNS)"
    if "Connection refused" in text:
        return "connection refused"
    return "connection failed"
