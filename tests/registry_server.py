"""A stand-in for Crossref's REST API and doi.org on 127.0.0.1, answering from the
recorded answers in tests/fixtures/registry/ (its README says where they came from).

`/crossref/works/<doi>`: the Crossref record, or its 404 `Resource not found.`;
`/resolver/<doi>`: doi.org's content negotiation, CSL JSON or BibTeX by the Accept header.
`script` makes a path answer otherwise a few times (429, 5xx) or slowly (a time-out).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "registry"


def _records(folder: str, doi_of) -> dict[str, str]:
    found = {}
    for path in sorted((FIXTURES / folder).iterdir()):
        text = path.read_text(encoding="utf-8")
        found[doi_of(text).lower()] = text
    return found


CROSSREF = _records("crossref", lambda text: json.loads(text)["message"]["DOI"])
CSL = _records("csl", lambda text: json.loads(text)["DOI"])
BIBTEX = _records("bibtex", lambda text: re.findall(r"doi\s*=\s*\{([^}]*)\}", text, re.IGNORECASE)[0])


@dataclass
class RegistryServer:
    # path -> answers to give first, one per request: (status, headers) or a delay in seconds
    script: dict[str, list[tuple[int, dict[str, str]] | float]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    @property
    def crossref_api(self) -> str:
        return self.url + "/crossref/"

    @property
    def resolver(self) -> str:
        return self.url + "/resolver/"

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
        self.requests.append((path, headers))
        scripted = self.script.get(path)
        if scripted:
            step = scripted.pop(0)
            if isinstance(step, float):
                time.sleep(step)
            else:
                return step[0], step[1], "busy"
        route, _, doi = path.lstrip("/").partition("/")
        doi = unquote(doi)
        if route == "crossref":
            doi = doi.removeprefix("works/")
            if doi.lower() in CROSSREF:
                return 200, {"Content-Type": "application/json"}, CROSSREF[doi.lower()]
            return 404, {"Content-Type": "text/plain"}, "Resource not found."
        accept = headers.get("Accept", "")
        if "csl+json" in accept and doi.lower() in CSL:
            return 200, {"Content-Type": "application/vnd.citationstyles.csl+json"}, CSL[doi.lower()]
        if "x-bibtex" in accept and doi.lower() in BIBTEX:
            return 200, {"Content-Type": "application/x-bibtex; charset=utf-8"}, BIBTEX[doi.lower()]
        if doi.lower() in CROSSREF and "csl+json" in accept:  # doi.org hands Crossref's DOIs to Crossref
            return (
                200,
                {"Content-Type": "application/vnd.citationstyles.csl+json"},
                json.dumps(json.loads(CROSSREF[doi.lower()])["message"]),
            )
        return 404, {"Content-Type": "text/html"}, "<html><title>DOI Not Found</title></html>"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def __enter__(self) -> RegistryServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, headers, body = server.answer(urlsplit(self.path).path, dict(self.headers))
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a time-out test)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
