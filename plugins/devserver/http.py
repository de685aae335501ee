"""Serve output/ for the author: the site's 404 page, no caching, and the reload script.

Every HTML response gets one ``<script src="/_marsad/devserver.js">`` before
``</body>``: a file of the server's own origin, which the site's
Content-Security-Policy (``script-src 'self'``, ``connect-src 'self'``) already
allows, so neither the policy nor the pages on disk differ from ``make build``.
"""

from __future__ import annotations

import json
import os
import queue
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pelican.server import ComplexHTTPRequestHandler

from i18n.notfound import not_found_page  # plugins/i18n: each language's own 404 page

from .pages import Pages, output_file, version_of

STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/_marsad/"
ASSETS = {"devserver.js": "text/javascript; charset=utf-8", "devserver.css": "text/css; charset=utf-8"}
KEEPALIVE_SECONDS = 15


def with_script(html: bytes, version: str) -> bytes:
    """The page with the dev server's script tag added (before </body>, else at the end)."""
    tag = f'<script src="{PREFIX}devserver.js" data-version="{version}" defer></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def handler_for(output: Path, pages: Pages, status):
    """A request handler class serving ``output`` and the dev server's own files."""

    class DevRequestHandler(ComplexHTTPRequestHandler):
        base_path = str(output)
        protocol_version = "HTTP/1.1"

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")  # a reload always shows the newest page
            super().end_headers()

        def do_GET(self):
            address = urlsplit(self.path)
            if address.path.startswith(PREFIX):
                return self._dev(address.path[len(PREFIX) :], parse_qs(address.query))
            page = output_file(address.path)
            target = output / page
            if target.is_dir() and not address.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", address.path + "/")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            if target.name.endswith(".html") and target.is_file():
                return self._html(200, target, page)
            if not target.is_file():  # the language's own 404 page under /ar/ (the site's _redirects)
                return self._html(404, not_found_page(output, address.path), page)
            return super().do_GET()

        def _html(self, code, target, page):
            try:
                body = target.read_bytes()
            except OSError:
                body = b"<!doctype html><title>Not found</title><h1>Not found</h1><p>No build yet.</p></body>"
            version = pages.version(page) if code == 404 else version_of(body)
            self._send(code, "text/html; charset=utf-8", with_script(body, version))

        def _send(self, code, content_type, body):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _dev(self, name, query):
            if name in ASSETS:
                return self._send(200, ASSETS[name], (STATIC / name).read_bytes())
            if name == "status":
                with status.status_lock:
                    state = {**status.status, "problems": pages.problems, "in_view": sorted(pages.in_view())}
                return self._send(200, "application/json", json.dumps(state).encode())
            if name == "events":
                return self._events(query.get("page", ["/"])[0], query.get("version", [""])[0])
            return self._html(404, output / "404.html", "404.html")

        def _events(self, url_path, version):
            """Server-sent events for one open page: reload, problems, ok."""
            browser = pages.open(url_path, version)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while True:
                    try:
                        event, data = browser.messages.get(timeout=KEEPALIVE_SECONDS)
                        lines = "".join(f"data: {line}\n" for line in (data.splitlines() or [""]))
                        self.wfile.write(f"event: {event}\n{lines}\n".encode())
                    except queue.Empty:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                pages.close(browser)

        def log_message(self, msg_format, *args):
            if os.environ.get("MARSAD_DEVSERVER_LOG"):
                super().log_message(msg_format, *args)

    return DevRequestHandler


class DevServer(ThreadingHTTPServer):
    """The HTTP server of ``make serve`` (threads: each open page keeps one event stream)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, output: Path, pages: Pages, status):
        super().__init__(address, handler_for(Path(output), pages, status))

    def handle_error(self, request, client_address):
        """A browser that closed its tab or a client that gave up: not worth a traceback."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)
