"""The online checks' logic against a local HTTP server on 127.0.0.1: never the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import doi_check
import external_links as external_links_module
from external_links import check_external_links, external_links, main, skip_rule
from link_report import report
from url_check import ResultCache, UrlChecker

# ---------------------------------------------------------------------------------------
# A scripted server: each path answers from its list of (status, headers), one per
# request, repeating the last; every request is recorded.
# ---------------------------------------------------------------------------------------


@dataclass
class Script:
    routes: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0

    def answer(self, method: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
        self.requests.append((method, path, headers))
        queue = self.routes.get(path, [(404, {})])
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def methods(self, path: str) -> list[str]:
        return [method for method, asked, _ in self.requests if asked == path]


class LocalServer:
    def __init__(self, script: Script):
        script_ = script

        class Handler(BaseHTTPRequestHandler):
            def _reply(self) -> None:
                status, headers = script_.answer(self.command, self.path, dict(self.headers))
                time.sleep(script_.delay)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = _reply

            def log_message(self, *args) -> None:  # keep pytest's output clean
                pass

        self.script = script
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True  # a slow handler must not hold up the shutdown
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer(Script()) as running:
        yield running


@dataclass
class Sleeps:
    """Records the backoff instead of waiting it out."""

    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def checker(sleeps: Sleeps | None = None, **options) -> UrlChecker:
    return UrlChecker(sleep=sleeps or Sleeps(), timeout=2.0, **options)


# ---------------------------------------------------------------------------------------
# Retries, backoff, HEAD then GET, redirects
# ---------------------------------------------------------------------------------------


def test_429_is_retried_after_the_servers_retry_after_then_ok(server):
    server.script.routes["/busy"] = [(429, {"Retry-After": "7"}), (200, {})]
    sleeps = Sleeps()
    outcome = checker(sleeps, backoff=1.0).check(server.url + "/busy")
    assert (outcome.verdict, outcome.status) == ("ok", 200)
    assert sleeps.delays == [7.0]
    assert server.script.methods("/busy") == ["HEAD", "HEAD"]


def test_rate_limit_that_never_lifts_is_unverified_not_broken(server):
    server.script.routes["/busy"] = [(429, {})]
    sleeps = Sleeps()
    outcome = checker(sleeps, retries=3, backoff=1.0).check(server.url + "/busy")
    assert outcome.verdict == "unverified"
    assert "still rate-limited, 4 attempts" in outcome.detail
    assert sleeps.delays == [1.0, 2.0, 4.0]  # exponential backoff
    assert server.script.methods("/busy") == ["HEAD"] * 4  # no GET to hammer it further


def test_server_errors_are_retried_with_exponential_backoff_capped(server):
    server.script.routes["/flaky"] = [(503, {}), (502, {}), (500, {}), (200, {})]
    sleeps = Sleeps()
    outcome = checker(sleeps, backoff=10.0, max_delay=25.0).check(server.url + "/flaky")
    assert outcome.verdict == "ok"
    assert sleeps.delays == [10.0, 20.0, 25.0]


def test_persistent_server_error_is_broken_after_every_attempt(server):
    server.script.routes["/down"] = [(503, {})]
    outcome = checker(retries=2).check(server.url + "/down")
    assert outcome.verdict == "broken"
    assert outcome.detail == "503 Service Unavailable, 3 attempts"


def test_head_refused_then_get_decides(server):
    server.script.routes["/no-head"] = [(405, {}), (200, {})]
    outcome = checker().check(server.url + "/no-head")
    assert outcome.verdict == "ok"
    assert server.script.methods("/no-head") == ["HEAD", "GET"]


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        (404, "404 Not Found"),
        (410, "410 Gone"),
        (
            403,
            "403 Forbidden: refused; if this host refuses robots, add it to ROBOT_REFUSING_HOSTS in tools/external_links.py with a reason",
        ),
    ],
)
def test_missing_or_refused_page_is_broken_after_head_and_get(server, status, detail):
    server.script.routes["/gone"] = [(status, {})]
    outcome = checker().check(server.url + "/gone")
    assert (outcome.verdict, outcome.detail) == ("broken", detail)
    assert server.script.methods("/gone") == ["HEAD", "GET"]


def test_redirect_is_followed_to_the_working_page(server):
    server.script.routes["/old"] = [(301, {"Location": "/new"})]
    server.script.routes["/new"] = [(200, {})]
    assert checker().check(server.url + "/old").verdict == "ok"
    assert server.script.methods("/new") == ["HEAD"]


def test_redirect_loop_is_broken(server):
    server.script.routes["/a"] = [(302, {"Location": "/b"})]
    server.script.routes["/b"] = [(302, {"Location": "/a"})]
    outcome = checker().check(server.url + "/a")
    assert (outcome.verdict, outcome.detail) == ("broken", "too many redirects (a redirect loop)")


def test_browser_like_user_agent_is_sent(server):
    server.script.routes["/page"] = [(200, {})]
    checker().check(server.url + "/page")
    headers = server.script.requests[0][2]
    assert headers["User-Agent"].startswith("Mozilla/5.0") and "Chrome/" in headers["User-Agent"]
    assert "text/html" in headers["Accept"]


def test_connection_refused_is_broken_after_retries():
    with socket.socket() as probe:  # a port that was free a moment ago and has no server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    outcome = checker(sleeps, retries=2, backoff=1.0).check(f"http://127.0.0.1:{port}/")
    assert (outcome.verdict, outcome.detail) == ("broken", "connection refused, 3 attempts")
    assert sleeps.delays == [1.0, 2.0]


def test_timeout_is_unverified_not_broken(server):
    server.script.routes["/slow"] = [(200, {})]
    server.script.delay = 1.0
    outcome = UrlChecker(sleep=Sleeps(), timeout=0.2, retries=1).check(server.url + "/slow")
    assert (outcome.verdict, outcome.detail) == ("unverified", "timed out, 2 attempts")


def test_retry_after_as_http_date_is_honoured(server):
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    server.script.routes["/busy"] = [(503, {"Retry-After": later}), (200, {})]
    sleeps = Sleeps()
    checker(sleeps, backoff=1.0).check(server.url + "/busy")
    assert 25 <= sleeps.delays[0] <= 31


# ---------------------------------------------------------------------------------------
# The cache: good answers are trusted for max_age, and only good answers
# ---------------------------------------------------------------------------------------


def test_good_answer_is_cached_on_disk_until_max_age(server, tmp_path):
    server.script.routes["/page"] = [(200, {})]
    now = [1_000_000.0]
    path = tmp_path / ".cache" / "online-checks.json"
    first = ResultCache(path, max_age=timedelta(hours=24), clock=lambda: now[0])
    checker(cache=first).check(server.url + "/page")
    first.save()

    now[0] += 23 * 3600  # a later run, within a day: the server is not asked
    second = ResultCache(path, max_age=timedelta(hours=24), clock=lambda: now[0])
    assert checker(cache=second).check(server.url + "/page").verdict == "ok"
    assert len(server.script.requests) == 1

    now[0] += 2 * 3600  # past a day: asked again
    checker(cache=second).check(server.url + "/page")
    assert len(server.script.requests) == 2


def test_broken_answer_is_asked_again_next_run(server, tmp_path):
    server.script.routes["/gone"] = [(404, {})]
    cache = ResultCache(tmp_path / "cache.json")
    checker(cache=cache).check(server.url + "/gone")
    checker(cache=cache).check(server.url + "/gone")
    assert server.script.methods("/gone") == ["HEAD", "GET", "HEAD", "GET"]


def test_damaged_cache_file_is_ignored(tmp_path, server):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    server.script.routes["/page"] = [(200, {})]
    assert checker(cache=ResultCache(path)).check(server.url + "/page").verdict == "ok"


# ---------------------------------------------------------------------------------------
# External links of a built site
# ---------------------------------------------------------------------------------------


def test_fixture_site_external_links_leave_out_its_own_address(fixture_site):
    links = external_links(fixture_site)
    assert "https://doi.org/10.1111/aphw.12127" in links
    assert links["https://doi.org/10.1111/aphw.12127"] == ["articles/how-can-self-compassion-help-me/index.html"]
    assert not [url for url in links if url.startswith("https://psychoeducation.example.org/")]


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://booking.example.org/grow-true-psychology", "reserved example domain"),
        ("https://www.linkedin.com/in/someone", "allow-listed, not asked: answers 999"),
        (
            "https://onlinelibrary.wiley.com/doi/10.1111/aphw.12127",
            "allow-listed, not asked: a Cloudflare bot challenge",
        ),
        ("https://doi.org/10.1111/aphw.12127", None),
        ("https://notexample.org/", None),
        ("https://github.com/GrowTrue/psychoeducation/edit/main/docs/index.md", "the page's edit link"),
        ("https://github.com/GrowTrue/psychoeducation", None),
    ],
)
def test_skip_rules_name_their_reason(url, rule):
    found = skip_rule(url)
    assert (found is None) if rule is None else (found is not None and rule in found)


def test_broken_external_links_are_named_with_their_pages_and_fail(server, tmp_path, capsys):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><link rel="canonical" href="https://psychoeducation.example.org/"></head><body>'
        f'<a href="{server.url}/fine">ok</a> <a href="{server.url}/gone">gone</a>'
        '<a href="https://booking.example.org/x">placeholder</a> <a href="mailto:a@b.c">mail</a>'
        f'<a href="{server.url}/busy">busy</a></body></html>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        f'<html><body><img src="{server.url}/gone" alt=""></body></html>', encoding="utf-8"
    )
    server.script.routes.update({"/fine": [(200, {})], "/gone": [(404, {})], "/busy": [(429, {})]})

    result = check_external_links(site, checker(retries=1))
    markdown = tmp_path / "report.md"
    status = report(result, title="External links", markdown=markdown)

    assert status == 1
    printed = capsys.readouterr().out
    assert f"  a/index.html -> {server.url}/gone (404 Not Found)" in printed
    assert f"  index.html -> {server.url}/gone (404 Not Found)" in printed
    assert f"  index.html -> {server.url}/busy (429 Too Many Requests: still rate-limited, 2 attempts)" in printed
    assert "3 external URLs asked: 2 broken, 1 unverified (not failing), 1 skipped by rule" in printed
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("## External links\n")
    assert f"- `index.html` -> {server.url}/gone (404 Not Found)" in text
    assert "skipped: https://booking.example.org/x: a reserved example domain" in text


def test_a_doi_link_in_a_page_is_asked_at_the_resolver_without_following_it(server, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{server.url}/10.1111/aphw.12127">a study</a>', encoding="utf-8")
    server.script.routes["/10.1111/aphw.12127"] = [(302, {"Location": f"{server.url}/publisher"})]
    # The local server stands in for doi.org.
    monkeypatch.setattr(external_links_module, "is_doi_url", lambda url: url.startswith(f"{server.url}/10."))

    result = check_external_links(site, checker())

    assert report(result, title="External links", markdown=None) == 0
    assert server.script.methods("/10.1111/aphw.12127") == ["HEAD"]
    assert server.script.methods("/publisher") == []  # publishers refuse robots; the redirect is the answer


def test_all_good_exits_zero_and_leaves_no_issue_report(server, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{server.url}/fine">ok</a>', encoding="utf-8")
    server.script.routes["/fine"] = [(200, {})]
    stale = tmp_path / "report.md"
    stale.write_text("## External links\n- last week's breakage\n", encoding="utf-8")
    assert report(check_external_links(site, checker()), title="External links", markdown=stale) == 0
    assert not stale.exists()


def test_no_server_answering_is_a_network_failure_not_broken_links(tmp_path, capsys):
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "".join(f'<a href="http://127.0.0.1:{port}/">x</a>' for port in ports), encoding="utf-8"
    )
    markdown = tmp_path / "report.md"

    result = check_external_links(site, checker(retries=0))
    assert report(result, title="External links", markdown=markdown) == 1
    assert result.broken == [] and len(result.unverified) == 2
    assert not markdown.exists()  # so the workflow opens no issue about the links
    assert "not one of 2 servers answered: the network is down here, not the links" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (lambda tmp_path: main([str(tmp_path / "site")]), "site/index.html not found: run `make build` first"),
        (
            lambda tmp_path: doi_check.main([str(tmp_path / "references.bib")]),
            "references.bib:2: unclosed brace in the entry starting at line 1",
        ),
    ],
    ids=["links-without-a-built-site", "dois-of-an-unreadable-bibliography"],
)
def test_command_that_cannot_start_exits_2_and_says_why(tmp_path, capsys, run, message):
    (tmp_path / "references.bib").write_text(
        "@article{a2020,\n  title = {Open,\n  year = {2020},\n}\n", encoding="utf-8"
    )
    assert run(tmp_path) == 2
    assert message in capsys.readouterr().err


def test_command_keeps_good_answers_in_the_cache_file_and_fails_on_the_broken(server, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<a href="{server.url}/fine">ok</a><a href="{server.url}/gone">x</a>', encoding="utf-8"
    )
    server.script.routes.update({"/fine": [(200, {})], "/gone": [(404, {})]})
    cache, markdown = tmp_path / ".cache" / "online-checks.json", tmp_path / "reports" / "links.md"

    assert main([str(site), "--cache", str(cache), "--report", str(markdown)]) == 1
    assert f"index.html -> {server.url}/gone (404 Not Found)" in capsys.readouterr().out
    assert list(json.loads(cache.read_text(encoding="utf-8"))) == [f"GET {server.url}/fine"]
    assert f"{server.url}/gone" in markdown.read_text(encoding="utf-8")
