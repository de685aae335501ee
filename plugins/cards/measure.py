"""Break a headline into lines that fit, measured by vl-convert itself.

Vega has no text-wrapping, but it measures every text mark it lays out, with the
same fonts and shaping (Arabic included) that vl-convert draws with, and a mark
drawn from another mark's items (Vega's reactive geometry) can read their
bounds. So one SVG rendering writes the width of every candidate line as text,
and a line fits when that width is within the column's: the same test Vega's
``limit`` makes before it cuts a text with an ellipsis, at one measurement a
line instead of the several ``limit``'s search for a cut point takes.
"""

from __future__ import annotations

import functools
import html
import math
import re

ELLIPSIS = "…"
TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
LONGEST_LINE = 14  # words; a longer line never fits a card's column at these sizes


def widths(candidates) -> list[float]:
    """The width in pixels of each (text, font, size, weight), as Vega measures it."""
    import vl_convert as vlc  # only when a card is drawn

    lines = [
        {"text": text, "font": font, "size": size, "weight": weight}
        for text, font, size, weight in candidates
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": 1,
        "height": 1,
        "data": [{"name": "lines", "values": lines}],
        "marks": [
            {
                "type": "text",
                "name": "measured",
                "from": {"data": "lines"},
                "encode": {
                    "enter": {
                        "text": {"field": "text"},
                        "font": {"field": "font"},
                        "fontSize": {"field": "size"},
                        "fontWeight": {"field": "weight"},
                    }
                },
            },
            {
                "type": "text",
                "from": {"data": "measured"},
                "encode": {"enter": {"text": {"signal": "'' + (datum.bounds.x2 - datum.bounds.x1)"}}},
            },
        ],
    }
    drawn = [html.unescape(t) for t in TEXT.findall(vlc.vega_to_svg(spec))]
    if len(drawn) != 2 * len(candidates):  # should not happen; then nothing fits
        return [math.inf] * len(candidates)
    return [float(width) for width in drawn[len(candidates) :]]


def fitting(candidates, width) -> list[bool]:
    """Whether each (text, font, size, weight) fits in ``width`` pixels."""
    if not candidates:
        return []
    return [
        measured <= width or text.endswith(ELLIPSIS)
        for measured, (text, *_) in zip(widths(candidates), candidates, strict=True)
    ]


@functools.lru_cache(maxsize=256)  # the same label ("Source:") on every chart card
def text_width(text, font, size, weight, widest=1200) -> int:
    """The width of ``text`` in whole pixels (at least 1, at most ``widest``)."""
    (measured,) = widths([(text, font, size, weight)])
    return widest if measured > widest else max(1, math.ceil(measured))


def _greedy(words, font, size, weight, width, max_lines):
    """Fill lines greedily at one size; stops (returns None) past ``max_lines`` lines."""
    # A line narrower than one em per character always fits; one wider than
    # 0.3 em per character never does (no text face is that narrow): neither is measured.
    sure, never = width / size, width / (0.3 * size)
    lines: list[str] = []
    start = 0
    while start < len(words):
        if len(lines) == max_lines:
            return None
        ends = []
        for end in range(start + 2, min(len(words), start + LONGEST_LINE) + 1):
            if len(" ".join(words[start:end])) > never:
                break
            ends.append(end)
        unsure = [e for e in ends if len(" ".join(words[start:e])) > sure]
        measured = (
            fitting([(" ".join(words[start:e]), font, size, weight) for e in unsure], width) if unsure else []
        )
        fits = {e: True for e in ends if e not in unsure} | dict(zip(unsure, measured, strict=True))
        end = start + 1  # one word always takes a line (cut with an ellipsis if too long)
        while fits.get(end + 1):
            end += 1
        lines.append(" ".join(words[start:end]))
        start = end
    return lines


def wrap(text, font, sizes, weight, width, max_lines) -> tuple[int, list[str]]:
    """(size, lines): the largest of ``sizes`` at which ``text`` fits in ``max_lines``
    lines of ``width`` pixels; at the smallest size the lines are cut to ``max_lines``
    (the last one cut with an ellipsis by the card's text mark)."""
    words = text.split()
    if not words:
        return sizes[-1], []
    for size in sizes:
        lines = _greedy(words, font, size, weight, width, max_lines)
        if lines is not None:
            return size, lines
    lines = _greedy(words, font, sizes[-1], weight, width, len(words)) or [text]
    return sizes[-1], lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
