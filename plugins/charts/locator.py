"""Locator maps: a small static SVG on every place page showing where the place
lies in Syria (its governorates, the neighbouring borders and coast, a dot).

The map of Syria is one Vega-Lite drawing rendered once by vl-convert (and kept
in the SVG cache); each place adds its dot, projected with the same Mercator fit
(geo.Frame). Readable without JavaScript; it takes the page's colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import geo
from .render import render_svg
from .svg import inline_svg
from .words import word

WIDTH, HEIGHT = 260, 230
INK = "currentColor"  # the page's text colour: light and dark themes
ACCENT = "#D55E00"  # the dot: 3:1 or more on both papers, as the maps' circles (build.ACCENT)
# Syria's extent (west, south, east, north) with sea to the west and room on every
# side, so its coast and borders never run into the map's edge; the neighbours'
# outlines run on to the frame, which shows where the map is cut.
SYRIA_BOX = (34.7, 31.9, 43.0, 37.8)


def _base_spec(countries, governorates, frame):
    """Vega-Lite of the map of Syria (written out: three layers need no Altair)."""

    def layer(features, **mark):
        return {
            "data": {"values": features},
            "mark": {"type": "geoshape", "clip": True, "aria": False, **mark},
        }

    syria = [f for f in countries if f["properties"]["name"] == "Syria"]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH,
        "height": HEIGHT,
        "autosize": {"type": "none"},
        "padding": 0,
        "background": "transparent",
        "config": {"view": {"stroke": None}},
        "projection": {"type": "mercator", "fit": frame.corners()},
        "layer": [
            layer(syria, fill=INK, fillOpacity=0.1, stroke=None),
            layer(governorates, fill=None, stroke=INK, strokeOpacity=0.45, strokeWidth=0.6),
            layer(countries, fill=None, stroke=INK, strokeOpacity=0.8, strokeWidth=1),
        ],
    }


@dataclass(frozen=True)
class Locator:
    """A place page's locator map, and its note when the dot is a parent's."""

    svg: Markup
    note: str = ""
    caption: str = ""  # "Where Saraqib is in Syria", shown under the map


def _located(place, catalog):
    for candidate in [place, *catalog.ancestors(place.id)]:
        if candidate.lat is not None and candidate.lon is not None:
            return candidate
    return None


def locator_maps(catalog, basemap_folder, cache_dir, text=None) -> dict:
    """{place id: Locator} for every place that has coordinates, or a parent that has;
    ``text`` (datasets.filters.DataText) gives the words and names in the page's language."""
    name = text.place_name if text else (lambda place: place.name_en)
    translate = text._ if text else None
    if not catalog.places:
        return {}
    countries, governorates = geo.load(str(basemap_folder))
    frame = geo.Frame(SYRIA_BOX, WIDTH, HEIGHT)
    near = geo.overlapping(countries, SYRIA_BOX)
    base = None
    maps = {}
    for place in catalog.places.values():
        shown = _located(place, catalog)
        if shown is None:
            continue
        x, y = frame.project(shown.lon, shown.lat)
        if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
            continue  # outside Syria's map: no locator rather than a dot off the edge
        if base is None:
            spec = _base_spec([geo.plain(f) for f in near], [geo.plain(f) for f in governorates], frame)
            base, _ = render_svg(spec, cache_dir)
        dot = (
            f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" fill="none" '
            f'stroke="{INK}" stroke-opacity="0.35"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="none" stroke="{ACCENT}" stroke-width="2"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACCENT}"/></svg>'
        )
        caption = word("locator_title", translate, place=name(place))
        svg = inline_svg(
            base.replace("</svg>", dot),
            f"locator-{place.id}",
            caption,
            word("locator_desc", translate, place=name(place)),
        )
        svg = svg.replace('class="chart__svg"', f'class="locator__svg" width="{WIDTH}" height="{HEIGHT}"', 1)
        note = (
            word("locator_at_parent", translate, place=name(place), shown=name(shown))
            if shown is not place
            else ""
        )
        maps[place.id] = Locator(Markup(svg), note, caption)
    return maps
