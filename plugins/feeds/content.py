"""Rewrite feed entries: absolute links, charts as links, ids that are addresses.

An entry's HTML is read with the standard library's ``html.parser`` and written
again as it streams (:class:`FeedEntry`), the way Beautiful Soup's ``html.parser``
tree builder and its default ("minimal") formatter write it back, byte for byte:
attributes sorted, values in double quotes (single when they hold a double
quote), ``& < >`` escaped, void elements as ``<br/>``, class-like attribute
values split on white space and joined by one space. Beautiful Soup did this
job before; it was dropped from the build because importing it (with soupsieve,
chardet, html5lib and lxml, which it loads) cost every build about 9 MB of
memory for this one rewrite (tests/feeds/test_feed_entries.py checks that the
two write the same).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urljoin

URL_ATTRIBUTES = ("href", "src", "poster")
# Parts of a chart figure (theme/templates/partials/figure.html) a feed leaves out:
# (tag or None for any, class or None) as the CSS selectors
# ".chart__view", "details.chart__data" and "script" select them.
CHART_PARTS = ((None, "chart__view"), ("details", "chart__data"), ("script", None))
CHART_TITLE = "chart__title"
VOID = frozenset(
    "area base br col embed hr img input keygen link menuitem meta param source track wbr "
    "basefont bgsound command frame image isindex nextid spacer".split()
)
RAW_TEXT = frozenset(("script", "style"))  # their text is written as it came
KEEP_SPACES = frozenset(("pre", "textarea"))  # elsewhere a run of spaces alone becomes one
ASCII_SPACES = frozenset("\x20\x0a\x09\x0c\x0d")
# Attributes whose value is a list of words (Beautiful Soup's cdata_list_attributes).
WORD_LISTS = {"*": {"class", "accesskey", "dropzone"}, "a": {"rel", "rev"}, "link": {"rel", "rev"}}
WORD_LISTS.update({"td": {"headers"}, "th": {"headers"}, "form": {"accept-charset"}, "object": {"archive"}})
WORD_LISTS.update({"area": {"rel"}, "icon": {"sizes"}, "iframe": {"sandbox"}, "output": {"for"}})
SPECIAL = re.compile(r"[&<>]")
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(text: str) -> str:
    return SPECIAL.sub(lambda match: ESCAPES[match.group()], text)


def _quoted(value: str) -> str:
    value = _escape(value)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _absolute_srcset(value: str, base: str) -> str:
    parts = []
    for candidate in value.split(","):
        url, *size = candidate.strip().split(maxsplit=1)
        parts.append(" ".join([urljoin(base, url), *size]))
    return ", ".join(parts)


class _Element:
    __slots__ = ("name", "classes", "left_out", "figure", "linked")

    def __init__(self, name, classes, left_out, figure=None, linked=False):
        self.name, self.classes, self.left_out = name, classes, left_out
        self.figure = figure  # the chart figure's {"id", "titled"} when this is one
        self.linked = linked  # a chart's title: its contents are wrapped in a link


class FeedEntry(HTMLParser):
    """One entry's HTML, rewritten for feeds as it is parsed (see the module's doc)."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.out: list[str] = []
        self.open: list[_Element] = []
        self.text_so_far: list[str] = []  # text since the last tag or comment

    def _text(self, text) -> str:
        """White space alone is one newline (if it has one) or one space, outside <pre>."""
        if text and set(text) <= ASCII_SPACES and not any(e.name in KEEP_SPACES for e in self.open):
            return "\n" if "\n" in text else " "
        return text

    def _flush(self):
        if not self.text_so_far:
            return
        text = self._text("".join(self.text_so_far))
        self.text_so_far = []
        if not self._left_out():
            raw = bool(self.open) and self.open[-1].name in RAW_TEXT
            self.out.append(text if raw else _escape(text))

    def _left_out(self) -> bool:
        return bool(self.open) and self.open[-1].left_out

    def _figure(self):
        return next((element.figure for element in reversed(self.open) if element.figure), None)

    def _attributes(self, tag, attrs) -> dict:
        values: dict = {}
        lists = WORD_LISTS["*"] | WORD_LISTS.get(tag, set())
        for key, value in attrs:
            value = "" if value is None else value
            values[key] = " ".join(value.split()) if key in lists else value
        return values

    def _start(self, tag, attrs, void):
        self._flush()
        values = self._attributes(tag, attrs)
        classes = set(values.get("class", "").split())
        figure = self._figure()
        left_out = self._left_out() or (
            figure is not None
            and any((name in (None, tag)) and (cls is None or cls in classes) for name, cls in CHART_PARTS)
        )
        element = _Element(tag, classes, left_out)
        if tag == "figure" and "chart" in classes:
            element.figure = {"id": values.get("id"), "titled": False}
            for attribute in ("data-chart-spec", "aria-labelledby"):
                values.pop(attribute, None)
        if left_out:
            return element
        for attribute in URL_ATTRIBUTES:
            if attribute in values:
                values[attribute] = urljoin(self.base, values[attribute])
        if "srcset" in values:
            values["srcset"] = _absolute_srcset(values["srcset"], self.base)
        written = "".join(f" {key}={_quoted(value)}" for key, value in sorted(values.items()))
        self.out.append(f"<{tag}{written}{'/' if void else ''}>")
        if figure is not None and CHART_TITLE in classes and not figure["titled"]:
            figure["titled"] = True
            if figure["id"]:
                element.linked = True
                address = urljoin(self.base, self.base + "#" + figure["id"])
                self.out.append(f"<a href={_quoted(address)}>")
        return element

    def handle_starttag(self, tag, attrs):
        element = self._start(tag, attrs, tag in VOID)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, tag in VOID)
        if tag not in VOID and not self._left_out():
            self.out.append(f"</{tag}>")

    def _close(self, element):
        if not element.left_out:
            self.out.append(("</a>" if element.linked else "") + f"</{element.name}>")

    def handle_endtag(self, tag):
        self._flush()
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].name == tag:
                while len(self.open) > depth:
                    self._close(self.open.pop())
                return

    def handle_data(self, data):
        self.text_so_far.append(data)

    def handle_comment(self, data):
        self._flush()
        if not self._left_out():
            self.out.append(f"<!--{self._text(data)}-->")

    def text(self) -> str:
        self.close()
        self._flush()
        while self.open:
            self._close(self.open.pop())
        return "".join(self.out)


@lru_cache(maxsize=1024)  # a story is in the site's feeds and its category's, Atom and RSS
def feed_html(fragment: str | None, base: str) -> str | None:
    """An entry's HTML for feeds: charts as linked captions, every URL absolute.

    ``base`` is the story's absolute address; relative links in the page are
    resolved against it, as a browser on the page would.
    """
    if not fragment:
        return fragment
    entry = FeedEntry(base)
    entry.feed(fragment)
    return entry.text()


def adjust_feed(context, feed):
    """feed_generated handler: rewrite every entry of one Atom or RSS feed."""
    for entry in feed.items:
        link = entry["link"]
        entry["description"] = feed_html(entry.get("description"), link)
        entry["content"] = feed_html(entry.get("content"), link)
        entry["unique_id"] = link
