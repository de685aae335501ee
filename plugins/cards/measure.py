"""Break a headline into lines that fit, measured by vl-convert itself.

Vega has no text-wrapping, but its text mark's ``limit`` cuts a text that is
wider than the limit and ends it with an ellipsis, measuring with the same fonts
and shaping (Arabic included) that vl-convert draws with. So one SVG rendering
of every candidate line, each limited to the column's width, says which lines
fit: those that come back whole.
"""

from __future__ import annotations

import functools
import html
import re

ELLIPSIS = "…"
TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
LONGEST_LINE = 14  # words; a longer line never fits a card's column at these sizes


def fitting(candidates, width) -> list[bool]:
    """Whether each (text, font, size, weight) fits in ``width`` pixels."""
    import vl_convert as vlc  # only when a card is drawn

    marks = [
        {
            "type": "text",
            "encode": {
                "enter": {
                    "text": {"value": text},
                    "font": {"value": font},
                    "fontSize": {"value": size},
                    "fontWeight": {"value": weight},
                    "limit": {"value": width},
                }
            },
        }
        for text, font, size, weight in candidates
    ]
    spec = {"$schema": "https://vega.github.io/schema/vega/v5.json", "width": 1, "height": 1, "marks": marks}
    drawn = [html.unescape(t) for t in TEXT.findall(vlc.vega_to_svg(spec))]
    if len(drawn) != len(candidates):  # should not happen; assume nothing fits
        return [False] * len(candidates)
    return [
        not (d.endswith(ELLIPSIS) and not text.endswith(ELLIPSIS))
        for d, (text, *_) in zip(drawn, candidates, strict=True)
    ]


@functools.lru_cache(maxsize=256)  # the same label ("Source:") on every chart card
def text_width(text, font, size, weight, widest=1200) -> int:
    """The width of ``text`` in whole pixels (at most ``widest``), found by halving."""
    low, high = 0, widest
    if fitting([(text, font, size, weight)], widest) == [True]:
        while high - low > 1:
            middle = (low + high) // 2
            if fitting([(text, font, size, weight)], middle) == [True]:
                high = middle
            else:
                low = middle
    return high


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
