"""Debian's chromium through Playwright, and a local server for a built site.

Never a downloaded browser: /usr/bin/chromium (or $MARSAD_CHROMIUM). Each visit
records console errors, uncaught exceptions, Content-Security-Policy violations
(as the page sees them) and every request to another host (blocked).
"""

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def __init__(self, *args, served, **kwargs):
        self.served = served
        super().__init__(*args, directory=str(served.root), **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        self.served.requests.append(self.path)
        return super().send_head()


class Server:
    """A built site on http://127.0.0.1:<free port>/, one thread per request."""

    def __init__(self, root):
        self.root = root
        self.requests = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                          functools.partial(_Quiet, served=self))
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path):
        return f"{self.origin}/{path.lstrip('/')}"

    def __enter__(self):
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@dataclass
class Visit:
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)

    def problems(self):
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"request to another host: {u}" for u in self.foreign_requests]
                + [f"CSP violation: {v}" for v in self.csp_violations])


def _console_error(record, message):
    url = (message.location or {}).get("url", "")
    if message.type != "error" or url.endswith("/favicon.ico"):
        return  # the browser asks for a favicon the site does not publish (not a chart matter)
    record.console_errors.append(f"{message.text} ({url})")


def open_page(browser, url, viewport="desktop", scheme="light", javascript=True):
    """(context, page, Visit) for ``url``; close the context when done."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme,
                                  java_script_enabled=javascript)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    record = Visit()
    local = urlsplit(url).netloc

    def route(handle):
        if urlsplit(handle.request.url).netloc == local:
            handle.continue_()
        else:
            record.foreign_requests.append(handle.request.url)
            handle.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("console", lambda message: _console_error(record, message))
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    page.goto(url, wait_until="load")
    return context, page, record


def finish(page, record):
    """Collect the CSP violations the page saw."""
    page.wait_for_timeout(100)
    record.csp_violations = page.evaluate("window.__cspViolations || []")
    return record
