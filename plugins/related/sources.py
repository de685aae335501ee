"""Read a story's Markdown source for what Pelican does not keep: lines.

The line of each metadata key (and of each value of a list key), and every link
target in the body with its line, so that a bad reference names file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.reader import source_text  # each source is read once a build

METADATA_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s")
# A link target: Markdown inline links and images, reference definitions, and
# the href/src attributes of raw HTML.
LINK = re.compile(
    r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:[ \t]*<?|\b(?:href|src)\s*=\s*["'])"""
    r"""(?P<target>[^\s)"'<>]+)"""
)


@dataclass
class Link:
    line: int
    target: str


@dataclass
class Source:
    """Where things are in one source file (lines are 1-based)."""

    shown: str  # path as shown in messages
    key_lines: dict = field(default_factory=dict)  # key -> line of "key:"
    value_lines: dict = field(default_factory=dict)  # key -> [(line, text)]
    links: list = field(default_factory=list)  # [Link]

    def line_of(self, key, value=None):
        """Line of ``value`` within ``key``'s lines, else of the key, else 1."""
        if value is not None:
            for number, text in self.value_lines.get(key, ()):
                if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text):
                    return number
        return self.key_lines.get(key, 1)


def read_source(path, shown, markdown=True):
    """Scan a source file; unreadable files give an empty :class:`Source`."""
    source = Source(shown)
    try:
        lines = source_text(path).splitlines()
    except (OSError, UnicodeDecodeError):
        return source
    start = _read_metadata(lines, source) if markdown else 0
    fence, blank_before, in_list, in_code = None, True, False, False
    for number, line in enumerate(lines[start:], start=start + 1):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if not line.strip():
            blank_before = True
            continue
        indented = line.startswith(("    ", "\t"))
        if not indented:
            in_list = bool(LIST_ITEM.match(line))
            in_code = False
        elif blank_before and not in_list:
            in_code = True  # an indented code block
        blank_before = False
        if in_code:
            continue
        text = INLINE_CODE.sub("", line)
        for match in LINK.finditer(text):
            source.links.append(Link(number, match.group("target")))
    return source


def _read_metadata(lines, source):
    """Fill key and value lines from the metadata block; return the body's first index."""
    key = None
    for index, line in enumerate(lines):
        if not line.strip():
            return index + 1
        match = METADATA_KEY.match(line)
        if match:
            key = match.group(1).lower()
            source.key_lines.setdefault(key, index + 1)
            source.value_lines.setdefault(key, []).append((index + 1, match.group(2)))
        elif key and line[:1] in (" ", "\t"):
            source.value_lines[key].append((index + 1, line))
        elif index == 0:
            return 0  # no metadata block
    return len(lines)
