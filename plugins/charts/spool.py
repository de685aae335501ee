"""The large parts of a build's figures, kept in a file until a page prints them.

A figure's drawings (two SVGs), its interactive specs (two JSON texts) and its
data table are a few hundred KB, and a site has hundreds of figures: held in
memory for the whole build, with the stories that embed them, they were most of
the build's memory. Once a figure is finished (read back from the chart cache
and checked, or drawn), its parts are written here, each part's place is kept
(:class:`Part`: an offset and a length, a few bytes), and a page that prints one
reads it back (``os.pread``: no seek, so the processes plugins/press forks to
write pages read the same file safely).

The spool is an unnamed temporary file in CHARTS_CACHE_PATH, written only by the
build's own process from values it has checked (cache.py, svg.py), so what is
read back is exactly what was written; it is gone when the build ends.

Stories embed their figures with the parts left out (:func:`cut`: each part is
replaced by a marker holding its place in the spool), so a story's HTML stays a
few KB in memory, in Pelican's caches and in feeds (which drop those parts
anyway, plugins/feeds); :func:`with_charts`, the templates' filter on a story's
content, puts them back as the page is written.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import tempfile
import weakref
from dataclasses import dataclass

from markupsafe import Markup

_NUMBERS = itertools.count(1)
_SPOOLS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # number -> Spool
MARKER = re.compile(r"<!--chart-part (\d+) (\d+) (\d+)-->")
TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)


class Spool:
    """An append-only temporary file of figure parts (one per batch of charts)."""

    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)
        self._end = 0
        self._issued: set = set()  # (offset, length) of every part written
        self._by_digest: dict = {}  # digest of a text -> its Part (keep_once)
        self._owner = os.getpid()
        self.number = next(_NUMBERS)
        _SPOOLS[self.number] = self

    def keep(self, text: str) -> Part | None:
        """Write ``text``; its Part, or None when this process may not write here
        (a forked page writer: the build's process alone appends)."""
        return self.keep_bytes(text.encode("utf-8"))

    def keep_bytes(self, data: bytes | memoryview) -> Part | None:
        """:meth:`keep` for a text already encoded (UTF-8): a kept figure's parts (cache.py)."""
        if os.getpid() != self._owner:
            return None
        os.pwrite(self._file.fileno(), data, self._end)
        part = Part(self, self._end, len(data))
        self._issued.add((part.offset, part.length))
        self._end += len(data)
        return part

    def keep_once(self, text: str) -> Part | None:
        """:meth:`keep`, but a text already written (a figure's table rows, embedded
        in every story that shows it) is written once and its Part given again."""
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        part = self._by_digest.get(digest)
        if part is None:
            part = self.keep(text)
            if part is not None:
                self._by_digest[digest] = part
        return part

    def issued(self, offset: int, length: int) -> bool:
        return (offset, length) in self._issued

    def read(self, offset: int, length: int) -> str:
        return os.pread(self._file.fileno(), length, offset).decode("utf-8")


@dataclass(frozen=True)
class Part:
    """Where one part of a figure is in its spool."""

    spool: Spool
    offset: int
    length: int

    def text(self) -> str:
        return self.spool.read(self.offset, self.length)

    def marker(self) -> str:
        """What a story's HTML holds in the part's place until its page is written."""
        return f"<!--chart-part {self.spool.number} {self.offset} {self.length}-->"


# A figure's large parts: (name, value when empty, how it is stored).
MARKUP, JSON = "markup", "json"
PARTS = {
    "svg": (Markup(""), MARKUP),
    "svg_wide": (Markup(""), MARKUP),
    "spec_json": (Markup("{}"), MARKUP),
    "spec_wide_json": (Markup(""), MARKUP),
    "table": ([], JSON),
    "static_wide": (None, JSON),
}


class FigureParts:
    """A figure's large parts: in memory until :meth:`spool` writes them out."""

    __slots__ = ("_held",)

    def __init__(self):
        self._held: dict = {}

    def get(self, name):
        empty, kind = PARTS[name]
        value = self._held.get(name, empty)
        if isinstance(value, Part):
            text = value.text()
            return Markup(text) if kind == MARKUP else json.loads(text)
        return value

    def put(self, name, value):
        self._held[name] = value

    def has(self, name) -> bool:
        """True when the part is not empty (without reading it back)."""
        return bool(self._held.get(name))

    def text_of(self, name) -> str | None:
        """The text :meth:`spool` writes for a part held in memory; None when it is empty."""
        value = self._held.get(name)
        if isinstance(value, Part):
            return value.text()
        if not value:
            return None
        return str(value) if PARTS[name][1] == MARKUP else json.dumps(value, ensure_ascii=False)

    def keep_bytes(self, name, data: bytes | memoryview, spool: Spool):
        """Hold a part already written as text (UTF-8 ``data``, checked): put in ``spool``."""
        part = spool.keep_bytes(data)
        if part is None:  # not the build's process: keep the text in memory
            kind = PARTS[name][1]
            text = str(data, "utf-8")
            self._held[name] = Markup(text) if kind == MARKUP else json.loads(text)
        else:
            self._held[name] = part

    def part(self, name) -> Part | None:
        """The spooled place of a part, or None (in memory, or empty)."""
        value = self._held.get(name)
        return value if isinstance(value, Part) else None

    def spool(self, spool: Spool):
        """Write every part that is not empty to ``spool`` and keep only their places."""
        for name, value in list(self._held.items()):
            text = None if isinstance(value, Part) else self.text_of(name)
            if text is None:
                continue
            part = spool.keep(text)
            if part is not None:
                self._held[name] = part


def cut(html: str, figure) -> str:
    """A figure's rendered HTML with its drawings, interactive specs and table rows
    replaced by markers (the same text comes back through :func:`with_charts`);
    unchanged when the figure's parts are in memory."""
    spans, spool = [], None
    for name in ("svg", "svg_wide", "spec_json", "spec_wide_json"):
        part = figure.parts.part(name)
        if part is None:
            continue
        spool = part.spool
        text = part.text()
        start = html.find(text)
        if start >= 0:
            spans.append((start, start + len(text), part))
    if spool is None:
        return html
    rows = TBODY.search(html)
    if rows and rows.group(1):
        part = spool.keep_once(rows.group(1))
        if part is not None:
            spans.append((rows.start(1), rows.end(1), part))
    spans.sort(key=lambda span: span[0])
    pieces, last = [], 0
    for start, end, part in spans:
        if start < last:  # overlapping (cannot happen with partials/figure.html): keep inline
            continue
        pieces += [html[last:start], part.marker()]
        last = end
    pieces.append(html[last:])
    return "".join(pieces)


def _fill(match) -> str:
    spool = _SPOOLS.get(int(match.group(1)))
    offset, length = int(match.group(2)), int(match.group(3))
    if spool is None or not spool.issued(offset, length):  # not a part this build wrote
        return match.group(0)
    return spool.read(offset, length)


def with_charts(html):
    """Jinja filter on a story's or page's content, its figures' parts put back:
    ``{% filter with_charts %}{{ article.content | safe }}{% endfilter %}`` (the
    reviewed ``|safe`` stays as it was, docs/security.md). Markup stays Markup."""
    if not html or "<!--chart-part " not in html:
        return html
    filled = MARKER.sub(_fill, str(html))
    return Markup(filled) if isinstance(html, Markup) else filled
