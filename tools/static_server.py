"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, a cache lifetime,
the site's 404 page. Used by the browser tests and by `make bench` (Lighthouse)."""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
CACHE_SECONDS = 600  # what GitHub Pages sends


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    cache: dict[Path, bytes]

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._serve(body=True)

    def do_HEAD(self):
        self._serve(body=False)

    def _serve(self, body: bool):
        root = Path(self.directory)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, root / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        data = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = self.cache.get(path) or self.cache.setdefault(path, gzip.compress(data, 6))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving ``site`` in a background thread; returns the server and its base URL."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"cache": {}}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
