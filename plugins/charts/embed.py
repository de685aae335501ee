"""Find chart shortcodes in article HTML and put the figures in their place.

An author writes, alone in a paragraph::

    {chart: targeted-locations-by-governorate}

or a one-off chart in a fenced block with the same keys as a named chart::

    ```chart
    type: bar
    dataset: casualties
    ...
    ```

Markdown turns them into ``<p>{chart: NAME}</p>`` and
``<pre><code class="language-chart">...</code></pre>``. The articles plugin has
sanitised that HTML by now; the figures inserted here are the charts plugin's own
markup, rendered from partials/figure.html.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from articles.reader import source_text  # each source is read once a build

SHORTCODE = re.compile(r"<p>\s*\{chart:\s*(?P<name>[^{}<]*?)\s*\}\s*</p>")
FENCE = re.compile(r'<pre><code class="language-chart">(?P<body>.*?)</code></pre>', re.S)
STRAY = re.compile(r"\{chart:")
CODE = re.compile(r"<code[^>]*>.*?</code>", re.S)  # shortcodes shown as code stay text
SOURCE_SHORTCODE = re.compile(r"\{chart:")
SOURCE_CODE_SPAN = re.compile(r"(`+).+?\1")
SOURCE_FENCE = re.compile(r"^\s*(```|~~~)\s*\{?\s*\.?chart\s*\}?\s*$")
ANY_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Placement:
    """One chart an article asks for: its span in the HTML and its source line."""

    start: int
    end: int
    line: int
    name: str | None = None  # a named chart
    body: str | None = None  # the YAML of an inline chart


def source_lines(path):
    """(lines of '{chart:' shortcodes, lines of ```chart fences) in a Markdown file."""
    shortcodes: list[int] = []
    fences: list[int] = []
    try:
        lines = source_text(path).splitlines()
    except OSError:
        return shortcodes, fences
    inside = False
    for number, text in enumerate(lines, start=1):
        if not inside and ANY_FENCE.match(text):
            if SOURCE_FENCE.match(text):
                fences.append(number)
            inside = True
        elif inside and text.strip() in ("```", "~~~"):
            inside = False
        elif not inside:
            plain = SOURCE_CODE_SPAN.sub("", text)
            shortcodes += [number] * len(SOURCE_SHORTCODE.findall(plain))
    return shortcodes, fences


def metadata_line(path, key):
    """Line of a metadata key ('charts:') in a Markdown file's header, else 1."""
    try:
        text = source_text(path)
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        if line.lower().startswith(f"{key}:"):
            return number
    return 1


def find(content, source_path):
    """Placements in an article's HTML, plus problems for malformed shortcodes."""
    shortcode_lines, fence_lines = source_lines(source_path)
    placements, problems = [], []
    for index, match in enumerate(FENCE.finditer(content)):
        line = fence_lines[index] if index < len(fence_lines) else 1
        placements.append(
            Placement(match.start(), match.end(), line, body=html.unescape(match.group("body")))
        )
    taken = [(p.start, p.end) for p in placements]
    taken += [(m.start(), m.end()) for m in CODE.finditer(content)]
    good = [m for m in SHORTCODE.finditer(content) if not any(s <= m.start() < e for s, e in taken)]
    # Number every '{chart:' outside chart blocks in order, to match source lines.
    stray = [m for m in STRAY.finditer(content) if not any(s <= m.start() < e for s, e in taken)]
    for position, match in enumerate(stray):
        line = shortcode_lines[position] if position < len(shortcode_lines) else 1
        owner = next((g for g in good if g.start() <= match.start() < g.end()), None)
        if owner is None:
            problems.append((line, "expected '{chart: name}' alone in its own paragraph"))
            continue
        placements.append(Placement(owner.start(), owner.end(), line, name=owner.group("name")))
    placements.sort(key=lambda p: p.start)
    return placements, problems


def replace(content, placements, markup):
    """Swap each placement's span for markup[i] (same order); None leaves it out."""
    parts, last = [], 0
    for placement, figure_html in zip(placements, markup, strict=True):
        parts.append(content[last : placement.start])
        parts.append(figure_html or "")
        last = placement.end
    parts.append(content[last:])
    return "".join(parts)


def shown_path(path, base):
    """A source path as error messages show it (relative to the project)."""
    try:
        return os.path.relpath(path, base)
    except ValueError:
        return path
