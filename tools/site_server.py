"""Serve a built site on 127.0.0.1 the way its production host does: gzip for text.

The browser tests and `make lighthouse` open the site through this server, so what they
measure (requests, bytes transferred) is what a reader's browser gets from a static host
such as GitHub Pages, which compresses HTML, CSS, JavaScript, JSON and XML.

    python tools/site_server.py site/        # serves until Ctrl-C, prints the address
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

# Types worth compressing; images and fonts are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@contextlib.contextmanager
def serve(site_dir: Path, *, port: int = 0) -> Iterator[str]:
    """The site served in a background thread; yields its base URL, `http://127.0.0.1:PORT/`."""
    handler = functools.partial(_Handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    """A port nothing listens on now, for a site that must know its address before it is built."""
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as probe:
        return probe.server_port


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real host offers: one connection serves a page's files.
    protocol_version = "HTTP/1.1"

    # Static hosts answer a missing page with the site's own 404 page.
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send(404, page.read_bytes(), "text/html; charset=utf-8")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the redirect to the address with a trailing slash
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        content_type = self.guess_type(str(path))
        if content_type.startswith("text/") and "charset" not in content_type:
            content_type += "; charset=utf-8"
        self._send(200, path.read_bytes(), content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        compress = content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: tests and benchmarks report what matters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    with serve(args.site_dir, port=args.port) as url:
        print(f"Serving {args.site_dir} at {url} (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
