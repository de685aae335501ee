"""The drawing of a social card: 1200 x 630, its marks laid out here, written as SVG
(card.svg, a Jinja template) that vl-convert's own rasteriser (resvg) turns into a PNG.

Two layouts, both in the story's language and direction (Arabic cards are laid
out from the right; vl-convert shapes and orders the Arabic text itself):

- a chart card: the site's name, the chart's title, the chart (its wide static
  drawing, scaled to fit) and its source line;
- a typographic card, for a story without a chart: the site's name, the
  headline as large as it fits, and the section and date.

The cards were first Vega specs rendered by vl-convert; the SVG is what Vega's
renderer wrote for them (a text mark's baseline "top" is its y plus 0.79 of its
size, rounded, as vega-scenegraph places it; a line too wide for its ``limit``
is cut by Vega itself, see measure.shown), so the pixels are the same, without
a Vega view per card.
"""

from __future__ import annotations

import base64
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .measure import probes, shown, text_width, wrap

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
PAPER, INK, SOFT, ACCENT, RULE = "#ffffff", "#1a1a1a", "#4a4a4a", "#9d2a1f", "#d6d2ca"
# Debian's fonts-noto-core. vl-convert's renderer takes the first family of a
# list for every letter it has and falls back to a default face for the rest,
# so the family of the text's main script comes first: a chart title still in
# English on an Arabic card is set in Noto Sans, an Arabic one in Noto Sans Arabic.
FONTS = {
    "latin": {
        "headline": "Noto Serif, Noto Naskh Arabic, serif",
        "ui": "Noto Sans, Noto Sans Arabic, sans-serif",
    },
    "arabic": {
        "headline": "Noto Naskh Arabic, Noto Serif, serif",
        "ui": "Noto Sans Arabic, Noto Sans, sans-serif",
    },
}


def is_arabic(text) -> bool:
    """Whether most of the letters of ``text`` are Arabic."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return bool(letters) and arabic * 2 > len(letters)


def font(text, role) -> str:
    """The font family list for ``text`` in ``role`` ('headline' or 'ui')."""
    return FONTS["arabic" if is_arabic(text) else "latin"][role]


HEADLINE_SIZES = (76, 68, 60, 52, 46)
HEADLINE_LINES = 4
TITLE_SIZES = (44, 38, 32)
TITLE_LINES = 2
FOOTER_SIZES = (22, 20, 18)  # the source line, on one line


@dataclass(frozen=True)
class CardText:
    """Everything written on a card, already in the story's language."""

    direction: str  # 'ltr' or 'rtl'
    site: str  # the site's name
    headline: str  # the story's headline, or the chart's title
    footer: str  # section and date, or the chart's source (after footer_label)
    footer_label: str = ""  # 'Source:' in the card's language, drawn at the start edge
    chart_svg: str = ""  # the chart's static SVG (empty: a typographic card)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int
    colour: str


@dataclass(frozen=True)
class Text:
    x: int
    baseline: int
    anchor: str  # 'start' or 'end' (SVG's text-anchor)
    text: str  # as drawn: isolated when Arabic, cut with an ellipsis when too long
    font: str
    size: int
    weight: str
    colour: str


@dataclass(frozen=True)
class Image:
    x: float
    y: float
    width: int
    height: int
    url: str


def _x(direction, inset=MARGIN):
    return WIDTH - inset if direction == "rtl" else inset


def _text(direction, text, y, font, size, weight="normal", colour=INK, limit=WIDTH - 2 * MARGIN, x=None):
    """A line whose top is at ``y``, from the start edge (or ``x``)."""
    # vl-convert lays every line out left to right; an isolate (U+2067
    # ... U+2069) gives Arabic text its right-to-left order.
    drawn = f"\u2067{text}\u2069" if is_arabic(text) else text
    return Text(
        _x(direction) if x is None else x,
        y + math.floor(0.79 * size + 0.5),  # Vega's baseline "top" (JavaScript's Math.round)
        "end" if direction == "rtl" else "start",
        shown(drawn.strip(), font, size, weight, limit),
        font,
        size,
        weight,
        colour,
    )


def _rect(x, y, width, height, colour):
    return Rect(x, y, width, height, colour)


def _footer(card, column):
    """The source line: its label in the card's language at the start edge, then the
    source in the font of its own script (vl-convert's renderer sets a line mixing
    Arabic and Latin letters in one fallback face, so the two are drawn apart)."""
    label_font, source_font = font(card.footer_label, "ui"), font(card.footer, "ui")
    label_width = (
        text_width(card.footer_label, label_font, FOOTER_SIZES[0], "bold") + 8 if card.footer_label else 0
    )
    size, lines = wrap(card.footer, source_font, FOOTER_SIZES, "normal", column - label_width, 1)
    marks = []
    if card.footer_label:
        marks.append(
            _text(card.direction, card.footer_label, HEIGHT - 44, label_font, FOOTER_SIZES[0], "bold", SOFT)
        )
    source = _text(
        card.direction,
        " ".join(lines),
        HEIGHT - 44,
        source_font,
        size,
        "normal",
        SOFT,
        column - label_width,
        _x(card.direction, MARGIN + label_width),
    )
    return [*marks, source]


TEXT = re.compile(r'<text([^>]*?)transform="translate\(([-\d.]+),([-\d.]+)\)"([^>]*)>(.*?)</text>', re.S)
LINE = re.compile(r'<tspan(?: x="0" dy="([-\d.]+)")?>(.*?)</tspan>', re.S)


def one_text_per_line(svg) -> str:
    """The SVG with each multi-line label (tspans with ``x="0" dy=...``) split into one
    <text> per line: vl-convert's renderer draws a right-to-left label's later lines
    on its first line's baseline, over it."""

    def split(match):
        before, x, y, after, body = match.groups()
        lines = LINE.findall(body)
        if len(lines) < 2 or LINE.sub("", body).strip():
            return match.group(0)
        texts, offset = [], 0.0
        for dy, line in lines:
            offset += float(dy or 0)
            texts.append(
                f'<text{before}transform="translate({x},{float(y) + offset:g})"{after}>{line}</text>'
            )
        return "".join(texts)

    return TEXT.sub(split, svg)


def chart_image_url(svg) -> str:
    """The chart's SVG as a data: URL, in the card's fixed colours (it left the page's theme)."""
    printed = one_text_per_line(svg).replace("currentColor", INK)
    return "data:image/svg+xml;base64," + base64.b64encode(printed.encode("utf-8")).decode("ascii")


def card_marks(card: CardText) -> list:
    """The marks of ``card``, in drawing order (text is measured here, by vl-convert)."""
    column = WIDTH - 2 * MARGIN
    marks = [
        _rect(0, 0, WIDTH, 12, ACCENT),
        _text(card.direction, card.site, 44, font(card.site, "ui"), 30, "bold", ACCENT),
    ]
    if card.chart_svg:
        title_font = font(card.headline, "ui")
        size, lines = wrap(card.headline, title_font, TITLE_SIZES, "bold", column, TITLE_LINES)
        line_height = round(size * 1.25)
        top = 100
        for number, line in enumerate(lines):
            marks.append(_text(card.direction, line, top + number * line_height, title_font, size, "bold"))
        chart_top = top + len(lines) * line_height + 20
        chart_bottom = HEIGHT - 70
        # Centred in the column, scaled to fit with its aspect kept.
        marks.append(
            Image(MARGIN, chart_top, column, chart_bottom - chart_top, chart_image_url(card.chart_svg))
        )
        marks.append(_rect(MARGIN, HEIGHT - 58, column, 2, RULE))
        marks += _footer(card, column)
    else:
        headline_font = font(card.headline, "headline")
        size, lines = wrap(card.headline, headline_font, HEADLINE_SIZES, "bold", column, HEADLINE_LINES)
        line_height = round(size * (1.45 if headline_font.startswith("Noto Naskh") else 1.2))
        # The headline's block sits in the middle of the room between name and rule.
        room_top, room_bottom = 100, HEIGHT - 120
        top = max(room_top, room_top + (room_bottom - room_top - len(lines) * line_height) // 2)
        for number, line in enumerate(lines):
            marks.append(_text(card.direction, line, top + number * line_height, headline_font, size, "bold"))
        marks.append(_rect(MARGIN, HEIGHT - 100, column, 2, RULE))
        marks.append(
            _text(card.direction, card.footer, HEIGHT - 78, font(card.footer, "ui"), 28, "normal", SOFT)
        )
    return marks


def first_measures(card: CardText) -> list:
    """The (word, font, size, weight) the layout of ``card`` measures when its headline
    and footer fit at their first size (most do), with the faces' space probes: a
    batch of cards measures them all in one Vega view (measure.measured) instead of one
    view a card. What else a card needs is measured as it is laid out."""
    site = (card.site, font(card.site, "ui"), 30, "bold")
    if card.chart_svg:
        texts = [
            site,
            (card.headline, font(card.headline, "ui"), TITLE_SIZES[0], "bold"),
            (card.footer, font(card.footer, "ui"), FOOTER_SIZES[0], "normal"),
        ]
        wholes = [(card.footer_label, font(card.footer_label, "ui"), FOOTER_SIZES[0], "bold")]
    else:
        texts = [
            site,
            (card.headline, font(card.headline, "headline"), HEADLINE_SIZES[0], "bold"),
            (card.footer, font(card.footer, "ui"), 28, "normal"),
        ]
        wholes = []
    keys = [(word, *face) for text, *face in texts for word in text.split()]
    keys += [key for key in wholes if key[0]]
    return keys + [key for _, *face in texts for key in probes(*face)]


@functools.cache
def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("card.svg")


def card_svg(card: CardText) -> str:
    """The SVG of ``card``, 1200 x 630."""
    return _template().render(width=WIDTH, height=HEIGHT, paper=PAPER, marks=card_marks(card))
