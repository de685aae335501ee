"""Break a headline into lines that fit, measured by vl-convert itself.

Vega has no text-wrapping, but it measures every text mark it lays out, with the
same fonts and shaping (Arabic included) that vl-convert draws with, and a mark
drawn from another mark's items (Vega's reactive geometry) can read their
bounds. So one SVG rendering writes the width of every text asked for
(:func:`widths`), and a line fits when its width is within the column's: the
same test Vega's ``limit`` makes before it cuts a text with an ellipsis.

Each measurement costs vl-convert one to two milliseconds, so lines are not
measured one by one: each distinct word is measured once per font, size and
weight (kept for the process: a worker drawing hundreds of cards meets the same
words again), and a line's width is the sum of its words and of the spaces
between them (a space measured once per font). vl-convert measures a text's
layout box (the glyphs' advances), so the sum is the line's width to a
thousandth of a pixel when the line is set in one face: a Latin line in a Latin
font, an Arabic line (digits and punctuation included) in an Arabic one
(tests/cards/test_card_lines.py). A line mixing scripts falls back to other
faces, whose spaces differ: it is measured whole, and so is a line within half
a pixel of the column, so the lines are those one measurement per line gives.
"""

from __future__ import annotations

import functools
import html
import math
import re

ELLIPSIS = "…"
TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
LONGEST_LINE = 14  # words; a longer line never fits a card's column at these sizes
BORDER = 0.5  # px: a line estimated this close to its column is measured whole
SPACE_PROBE = {"arabic": "ب", "latin": "n"}  # a letter of the face's own script

_WIDTHS: dict = {}  # (text, font, size, weight) -> width measured by vl-convert
MOST_KEPT = 200_000  # widths kept a process (about 40 MB); then it starts afresh


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


def measured(candidates) -> list[float]:
    """:func:`widths`, each distinct (text, font, size, weight) measured once a process."""
    missing = list(dict.fromkeys(c for c in candidates if c not in _WIDTHS))
    if len(_WIDTHS) + len(missing) > MOST_KEPT:
        _WIDTHS.clear()
        missing = list(dict.fromkeys(candidates))
    if missing:
        _WIDTHS.update(zip(missing, widths(missing), strict=True))
    return [_WIDTHS[c] for c in candidates]


def _script(font) -> str:
    """The script of a family list's first face: the face a line in it is set in."""
    return "arabic" if "Arabic" in font.split(",")[0] else "latin"


def _arabic(character) -> bool:
    return "\u0600" <= character <= "\u06ff" or "\u0750" <= character <= "\u077f"


def _common(character) -> bool:
    """ASCII, Latin-1 signs (the middle dot) or general punctuation (dashes, quotes, the
    isolates): in every face here."""
    return character < "\u00c0" or "\u2000" <= character <= "\u206f"


def _latin(character) -> bool:
    """Latin, Greek and Cyrillic letters and signs (Noto Serif and Noto Sans have them)."""
    return character < "\u0530" or "\u1e00" <= character <= "\u20cf"


def _one_face(line, font) -> bool:
    """Whether ``line`` is set in the family's first face alone, words apart by single
    spaces (so its width is its words' and spaces'): only letters and signs that face
    has; in an Arabic face at least one Arabic letter (a line of Latin words falls
    back to another face, its spaces too)."""
    if not line or line != " ".join(line.split()):
        return False
    if _script(font) == "latin":
        return all(_latin(c) for c in line)
    return any(_arabic(c) for c in line) and all(_arabic(c) or (_common(c) and not c.isalpha()) for c in line)


def probes(font, size, weight) -> list:
    """The two texts a space's width in this face and size is worked out from."""
    probe = SPACE_PROBE[_script(font)]
    return [(probe, font, size, weight), (f"{probe} {probe}", font, size, weight)]


def line_widths(lines, font, size, weight, limit=None) -> list[float]:
    """The width of each line in one face and size: summed from its words' widths where
    that is exact, else (a line mixing faces, or within BORDER of ``limit``) measured whole."""
    alike = [_one_face(line, font) for line in lines]
    words = [line.split(" ") if one else [] for line, one in zip(lines, alike, strict=True)]
    keys = [(w, font, size, weight) for line in words for w in line] + probes(font, size, weight)
    measured(keys)  # every word in one call (those not met before)
    space = _WIDTHS[keys[-1]] - 2 * _WIDTHS[keys[-2]]
    estimates = [
        sum(_WIDTHS[(w, font, size, weight)] for w in line) + space * (len(line) - 1) if line else math.inf
        for line in words
    ]
    whole = [
        line
        for line, estimate, one in zip(lines, estimates, alike, strict=True)
        if not one or (limit is not None and abs(estimate - limit) <= BORDER)
    ]
    exact = dict(zip(whole, measured([(line, font, size, weight) for line in whole]), strict=True))
    return [exact.get(line, estimate) for line, estimate in zip(lines, estimates, strict=True)]


def fitting(candidates, width) -> list[bool]:
    """Whether each (text, font, size, weight) fits in ``width`` pixels (one face and
    size per call: the candidate lines of one headline)."""
    if not candidates:
        return []
    _, font, size, weight = candidates[0]
    assert all(c[1:] == (font, size, weight) for c in candidates), "one face and size a call"
    lines = [text for text, *_ in candidates]
    found = line_widths(lines, font, size, weight, width)
    return [w <= width or text.endswith(ELLIPSIS) for w, text in zip(found, lines, strict=True)]


@functools.lru_cache(maxsize=256)  # the same label ("Source:") on every chart card
def text_width(text, font, size, weight, widest=1200) -> int:
    """The width of ``text`` in whole pixels (at least 1, at most ``widest``)."""
    (width,) = measured([(text, font, size, weight)])
    return widest if width > widest else max(1, math.ceil(width))


def shown(text, font, size, weight, limit) -> str:
    """``text`` as a Vega text mark with this ``limit`` draws it: whole when it fits,
    else cut with an ellipsis (by Vega itself, which the cards always used)."""
    (width,) = line_widths([text], font, size, weight, limit)
    if width < limit:  # Vega's own test (vega-scenegraph's truncate)
        return text
    import vl_convert as vlc

    spec = {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": 1,
        "height": 1,
        "marks": [
            {
                "type": "text",
                "encode": {
                    "enter": {
                        "text": {"value": text},
                        "font": {"value": font},
                        "fontSize": {"value": size},
                        "fontWeight": {"value": weight},
                        "limit": {"value": limit},
                    }
                },
            }
        ],
    }
    (drawn,) = TEXT.findall(vlc.vega_to_svg(spec))
    return html.unescape(drawn)


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
        verdicts = (
            fitting([(" ".join(words[start:e]), font, size, weight) for e in unsure], width) if unsure else []
        )
        fits = {e: True for e in ends if e not in unsure} | dict(zip(unsure, verdicts, strict=True))
        end = start + 1  # one word always takes a line (cut with an ellipsis if too long)
        while fits.get(end + 1):
            end += 1
        lines.append(" ".join(words[start:end]))
        start = end
    return lines


def wrap(text, font, sizes, weight, width, max_lines) -> tuple[int, list[str]]:
    """(size, lines): the largest of ``sizes`` at which ``text`` fits in ``max_lines``
    lines of ``width`` pixels; at the smallest size the lines are cut to ``max_lines``
    (the last one cut with an ellipsis when it is drawn, see :func:`shown`)."""
    words = text.split()
    if not words:
        return sizes[-1], []
    for size in sizes:
        lines = _greedy(words, font, size, weight, width, max_lines)
        if lines is not None:
            return size, lines
    lines = _greedy(words, font, sizes[-1], weight, width, len(words)) or [text]
    return sizes[-1], lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
