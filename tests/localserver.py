"""Serve a built site on 127.0.0.1 the way a static host would.

- a random free port, one thread per request;
- ``dir/`` serves ``dir/index.html``; a missing file gets ``404.html`` with status 404
  (under a language's folder, that language's 404 page, by the site's ``_redirects``);
- the rules of the site's ``_headers`` file (Netlify/Cloudflare format) are sent,
  so the browser tests see the Content-Security-Policy header as readers will;
- every request path is recorded;
- LinkChecker is told (by its own response header) not to throttle itself.
"""

import functools
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))  # i18n.notfound


def read_headers_file(path):
    """Parse a ``_headers`` file into [(path pattern, [(name, value), ...])]."""
    rules = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and line.strip().startswith("!"):
            # Cloudflare Pages' detach: drop the header an earlier rule set.
            rules[-1][1].append(("!", line.strip()[1:].strip()))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def rule_matches(pattern, path):
    """Whether a _headers path rule matches ``path``: ``*`` is any text (slashes too),
    ``:name`` one path segment, as Cloudflare Pages and Netlify read them."""
    parts = re.split(r"(\*|:[A-Za-z]\w*)", pattern)
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") and len(part) > 1 else re.escape(part)
        for part in parts
    )
    return re.fullmatch(regex, path) is not None


def headers_for(rules, path):
    """[(name, value)] a host sends for ``path``: every matching rule in order, a
    detach line ('! Name', Cloudflare Pages) dropping what earlier rules set."""
    sent = []
    for pattern, headers in rules:
        if rule_matches(pattern, path):
            for name, value in headers:
                if name == "!":
                    sent = [(n, v) for n, v in sent if n.lower() != value.lower()]
                else:
                    sent.append((name, value))
    return sent


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".xml": "application/xml",
        ".csv": "text/csv; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".webmanifest": "application/manifest+json",
    }

    def __init__(self, *args, site, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 (signature of the base class)
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for name, value in headers_for(self.site.rules, path):
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        if "LinkChecker" in self.headers.get("User-Agent", ""):
            # LinkChecker's documented opt-in for its per-host rate limit.
            self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def translate_path(self, path):
        prefix = self.site.prefix
        if prefix and (path + "/").startswith(prefix + "/"):
            path = path[len(prefix) :] or "/"
        return super().translate_path(path)

    def send_head(self):
        self.site.requests.append(self.path)
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # redirect to the slash URL
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        from i18n.notfound import not_found_page  # the site's _redirects, as the dev servers read it

        page = not_found_page(self.site.root, self.path.split("?", 1)[0], self.site.prefix)
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


class SiteServer:
    """A running server for one output directory; use as a context manager."""

    def __init__(self, root, prefix=""):
        self.root = Path(root)
        self.prefix = prefix.rstrip("/")  # serve the site under a sub-path, as a project site is
        self.rules = read_headers_file(self.root / "_headers")
        self.requests = []
        handler = functools.partial(_Handler, site=self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self.origin = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, relative=""):
        """Full URL of an output path; ``dir/index.html`` becomes ``dir/``."""
        relative = str(relative)
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return f"{self.origin}{self.prefix}/{relative.lstrip('/')}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
