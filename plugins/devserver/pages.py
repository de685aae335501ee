"""The pages open in browsers, and what to tell each of them (server-sent events)."""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

MISSING = "missing"


def output_file(url_path: str) -> str:
    """The output file (relative to output/) a URL path shows: '/2019/03/x/' -> '2019/03/x/index.html'."""
    path = unquote(urlsplit(url_path).path).lstrip("/")
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    relative = "/".join(parts)
    if path == "" or path.endswith("/"):
        return f"{relative}/index.html".lstrip("/")
    return relative


def version_of(body: bytes) -> str:
    """A short hash of a page's bytes: what a browser shows, compared with output/."""
    return hashlib.sha256(body).hexdigest()[:16]


class Browser:
    """One open page: its output file, the version it shows, and its message queue."""

    def __init__(self, page: str, version: str):
        self.page, self.version = page, version
        self.messages: queue.Queue[tuple[str, str]] = queue.Queue()


class Pages:
    """Every open page; tells them when their page changed or the build has problems."""

    def __init__(self, output: Path):
        self.output = Path(output)
        self._browsers: set[Browser] = set()
        self._lock = threading.Lock()
        self.problems: list[str] = []

    def version(self, page: str) -> str:
        """A short hash of the page's file as output/ holds it now ('missing' if none)."""
        try:
            return version_of((self.output / page).read_bytes())
        except OSError:
            return MISSING

    def open(self, url_path: str, version: str) -> Browser:
        browser = Browser(output_file(url_path), version)
        with self._lock:
            self._browsers.add(browser)
            problems = list(self.problems)
        if problems:
            browser.messages.put(("problems", json.dumps(problems)))
        if self.version(browser.page) != version:
            browser.messages.put(("reload", browser.page))  # it changed while the page loaded
        return browser

    def close(self, browser: Browser):
        with self._lock:
            self._browsers.discard(browser)

    def in_view(self) -> set[str]:
        """Output files (relative) some browser shows: a preview renders these first."""
        with self._lock:
            return {browser.page for browser in self._browsers}

    def announce(self, reload_all: bool = False):
        """Tell each browser whose page's file changed (or every one) to reload."""
        with self._lock:
            browsers = list(self._browsers)
        for browser in browsers:
            current = self.version(browser.page)
            if reload_all or current != browser.version:
                browser.version = current
                browser.messages.put(("reload", browser.page))

    def show_problems(self, problems: list[str]):
        with self._lock:
            self.problems = list(problems)
            browsers = list(self._browsers)
        for browser in browsers:
            browser.messages.put(("problems", json.dumps(self.problems)))

    def clear_problems(self):
        with self._lock:
            had, self.problems = bool(self.problems), []
            browsers = list(self._browsers)
        if had:
            for browser in browsers:
                browser.messages.put(("ok", ""))
