"""One function per chart type, building its Vega-Lite as plain dicts, and the registry.

Every builder takes ``(spec, data, width)`` (a :class:`~charts.spec.ChartSpec`
and the :class:`~charts.data.ChartData` prepared for it) and returns a
Vega-Lite spec (a dict) without configuration; :func:`vega_lite` adds the house
style. The built-in types write their Vega-Lite directly: building them with
Altair's objects cost more than rendering them (its copies and schema lookups,
even without validation). tests/charts/test_charts_schema.py validates what they
write against Vega-Lite's schema.

Data editors who need a chart the types do not cover register a function that
returns an Altair chart (Altair validates it)::

    from charts.build import register

    @register("patrols-by-force")
    def patrols_by_force(records, catalog, spec):
        return alt.Chart(alt.Data(values=[...])).mark_bar()...

and name it in a spec with ``type: custom`` and ``function: patrols-by-force``.
List the module that holds it in the setting ``CHARTS_MODULES``.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import Any

from . import geo
from .registry import CUSTOM, register  # noqa: F401  (editors import register from here)
from .words import bidi, layout

# Okabe-Ito hues, each at least 3:1 against both papers (white and the dark
# theme's #141414, WCAG 2.1 non-text contrast): its orange, sky blue and yellow
# are too light on white, so a darker ochre and a purple stand in for them.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#A67C00", "#7E6BC4", "#C2185B"]
ACCENT = "#D55E00"  # map circles
# The interactive view measures text in the browser: the site's UI fonts. The
# static SVG is laid out by vl-convert, which measures with Liberation Sans; a
# font with the same metrics (Arial's) keeps labels inside the SVG everywhere.
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
STATIC_FONT = '"Liberation Sans", Arial, Helvetica, sans-serif'
# Right-to-left charts name Arabic-capable fonts (Debian's fonts-noto-core has both
# Noto families; Tahoma, Segoe UI and Geeza Pro are Windows' and Apple's). The static
# stack keeps Liberation Sans first, so Latin text and digits keep the metrics
# vl-convert lays out with; Arabic letters fall back to the first Arabic face.
ARABIC_FONTS = '"Noto Sans Arabic", "Noto Naskh Arabic", Tahoma, "Segoe UI", "Geeza Pro", sans-serif'
FONT_RTL = f"system-ui, -apple-system, {ARABIC_FONTS}"
STATIC_FONT_RTL = f'"Liberation Sans", Arial, {ARABIC_FONTS}'
INK = "currentColor"  # the SVG takes the page's text colour: light and dark themes
# The Vega-Lite the specs are written for: Altair's (altair.SCHEMA_URL, a test checks),
# which vl-convert renders (render.VL_VERSION) and the browser bundle runs.
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

BUILDERS: dict = {}


def chart_type(name):
    """Decorator: the function that builds chart type ``name``'s Vega-Lite."""

    def wrap(function):
        BUILDERS[name] = function
        return function

    return wrap


def config(font):
    """The house style: page text colour, system fonts, Okabe-Ito palette."""
    return {
        "background": "transparent",
        "font": font,
        "padding": 10,
        # Altair's default theme's view size (custom charts get it from Altair).
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "axis": {
            "labelColor": INK,
            "titleColor": INK,
            "domainColor": INK,
            "tickColor": INK,
            "gridColor": INK,
            "gridOpacity": 0.15,
            "domainOpacity": 0.6,
            "tickOpacity": 0.6,
            "labelFontSize": 13,
            "titleFontSize": 13,
            "titleFontWeight": "normal",
            "labelLimit": 220,
            "titlePadding": 8,
        },
        "legend": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 13,
            "titleFontSize": 13,
            "titleFontWeight": "normal",
            "orient": "top",
            "labelLimit": 260,
            "symbolOpacity": 1,
        },
        "text": {"color": INK, "fontSize": 13},
        "range": {"category": PALETTE},
    }


NARROW = "narrow"  # the static rendering for phones (CHARTS_WIDTH)
WIDE = "wide"  # the one for wider columns (CHARTS_WIDE_WIDTH); CSS picks one


def _custom_vega_lite(spec, chart, font, validate):
    """An editor's Altair chart as a Vega-Lite dict in house style (Altair validates it)."""
    from altair.utils.schemapi import debug_mode

    with debug_mode(False):
        chart = chart.properties(description=spec.alt).configure(**config(font))
        return chart.to_dict(validate=validate)


def vega_lite(spec, chart, width, validate=True, data=None) -> tuple[dict, dict]:
    """(static, interactive) Vega-Lite dicts of a chart in house style.

    ``chart``: what :func:`build` returned (a built-in type's Vega-Lite dict, or a
    custom function's Altair chart). The static one is laid out for ``width`` CSS
    pixels in all (axes and padding included: the SVG is shown at about that width,
    so its text keeps its size) in fonts with the metrics vl-convert lays text out
    with; the interactive one fills its container in the site's fonts.
    ``validate``: custom charts only, Altair's check against the Vega-Lite schema
    (slow: about 30 ms a chart); the built-in types are validated by the tests
    (tests/charts/test_charts_schema.py).
    ``data`` (charts.data.ChartData): its language's number and month names
    (``vega_locale``) and direction (right to left: fonts with Arabic letters).
    """
    rtl = data is not None and data.direction == "rtl"
    font = STATIC_FONT_RTL if rtl else STATIC_FONT
    if isinstance(chart, dict):
        static = {"$schema": SCHEMA_URL, "config": config(font), **chart, "description": spec.alt}
    else:
        static = _custom_vega_lite(spec, chart, font, validate)
    static["width"] = width
    static["autosize"] = {"type": "fit-x", "contains": "padding"}
    if data is not None and data.vega_locale:
        static["config"]["locale"] = data.vega_locale
    if rtl:  # a legend above the chart starts on the right, where the reader starts
        static["config"].setdefault("legend", {})["layout"] = {"top": {"anchor": "end"}}
    # The interactive spec shares the static one's layers and data (nothing changes
    # them after this): only the top level, its config and projection differ.
    interactive = {**static, "config": {**static["config"]}}
    interactive["width"] = "container"  # Vega-Lite then fits the width (autosize fit-x)
    del interactive["autosize"]
    interactive["config"]["font"] = FONT_RTL if rtl else FONT
    if isinstance(static.get("projection"), dict) and isinstance(static.get("height"), int):
        # The static map's paths are cut to its plot, so the SVG carries only what shows.
        static["projection"] = {
            **static["projection"],
            "clipExtent": [[0, 0], [width - 2 * PADDING, static["height"]]],
        }
    return static, interactive


def build(spec, data, catalog, width):
    """The Vega-Lite of a built-in type (a dict), or a custom function's Altair chart
    (custom functions get the typed records)."""
    if spec.type == "custom":
        return CUSTOM[spec.function](data.records, catalog, spec)
    return BUILDERS[spec.type](spec, data, width)


# Vega-Lite pieces, written as Altair's shorthands would be (``"lo:Q"``).
TYPES = {"Q": "quantitative", "N": "nominal", "T": "temporal", "O": "ordinal"}


def field(shorthand, **properties) -> dict:
    """An encoding channel: ``field("lo:Q", title=None)``; ``field("hi")`` for x2/y2."""
    name, _, code = shorthand.partition(":")
    channel = {"field": name, **({"type": TYPES[code]} if code else {})}
    return {**channel, **properties}


def value(constant) -> dict:
    return {"value": constant}


def mark(kind, **properties) -> dict:
    return {"type": kind, **properties}


def unit(kind, encoding=None, transform=(), data=None, **properties) -> dict:
    """One layer: its mark (``properties`` go to the mark), encoding and filters."""
    layer: dict[str, Any] = {} if data is None else {"data": data}
    layer["mark"] = mark(kind, **properties)
    if encoding:
        layer["encoding"] = encoding
    if transform:
        layer["transform"] = [{"filter": test} for test in transform]
    return layer


def _values(data):
    return {"values": data.rows}


TIP = {"expr": "datum.tip"}  # each row's tooltip, in the reader's words (shapes.py)


def _ticks(width, narrow=4, wide=7):
    """How many ticks an axis of this width has room for."""
    return narrow if width < 480 else wide


def _count_axis(width, title=None, **extra):
    """A value axis for counts: whole numbers only, thinned to what fits."""
    return {
        "title": title,
        "format": ",d",
        "tickMinStep": 1,
        "tickCount": _ticks(width),
        "labelOverlap": True,
        **extra,
    }


def _x_time(data, width, title=None, grid=True):
    """A day axis over the dataset's period, in UTC so no reader sees a shifted day.
    Time runs left to right in every language (as Arabic newsrooms draw it); a
    right-to-left chart's day labels ("16 آذار") are marked to read from the right."""
    extra: dict[str, Any] = {}
    label = "datum.label"
    numerals = ((data.vega_locale or {}).get("number") or {}).get("numerals")
    if numerals:  # Vega's time format writes 0-9 whatever the locale: the language's digits
        for digit, glyph in enumerate(numerals):
            label = f"replace({label}, regexp('{digit}', 'g'), '{glyph}')"
    if data.direction == "rtl":
        label = f"'\u200f' + {label}"
    if label != "datum.label":
        extra["labelExpr"] = label
    # Ticks on whole days (labels are days: hourly ticks would repeat them), thinned
    # to what fits.
    first, last = (dt.date.fromisoformat(day) for day in data.domain)
    step = max(1, math.ceil((last - first).days / max(1, _ticks(width, 4, 8) - 1)))
    return field(
        "date:T",
        title=title,
        scale={"type": "utc", "domain": list(data.domain)},
        axis={
            "format": "%-d %b",
            "labelOverlap": True,
            "labelFlush": True,
            "tickCount": {"interval": "day", "step": step},
            "grid": grid,
            **extra,
        },
    )


def _series_color(data):
    """Series colours in data order; right to left, the legend lists them from the
    right (its order reversed, each series keeping its colour)."""
    names = list(dict.fromkeys(row["series"] for row in data.rows if row["series"]))
    if data.direction != "rtl":
        return field("series:N", title=None, sort=None)
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(names))]
    return field("series:N", title=None, scale={"domain": names[::-1], "range": colours[::-1]}, sort=None)


def _measure_title(data):
    return data.rows[0].get("measure") if data.rows else None


def _text_px(text, size=13):
    """About how wide ``text`` is in the chart font (Arial metrics: ~0.56 em a character)."""
    return len(text) * size * 0.56


def _category_px(data):
    """Width of the widest category label line on the bar axis."""
    lines = [line for row in data.rows for line in str(row["category"]).split(" · ")]
    return min(180, max((_text_px(line) for line in lines), default=0)) + 12


@chart_type("bar")
@chart_type("grouped-bar")
@chart_type("stacked-bar")
def bars(spec, data, width):
    """Horizontal bars. A range is a solid bar to the lowest figure and a lighter
    extension to the highest; "not reported" is written out, never drawn as zero.
    Bars that carry their figure as a label have no value axis (it would repeat them)."""
    series = any(row["series"] for row in data.rows)
    stacked = spec.type == "stacked-bar"
    side = layout(data.direction)
    # On a phone, grouped bars take the whole width: each group's name is written
    # above its bars (in slots of its own) instead of in an axis beside them.
    headings, slots = _group_headings(data, width) if series and not stacked and width < 480 else ([], [])
    # Right to left, the category labels stand on the right and the bars grow leftwards.
    y = field(
        "category:N",
        title=None,
        sort={"field": "order", "op": "min"},
        axis=None
        if headings
        else {"labelExpr": "split(datum.label, ' · ')", "labelLimit": 180, "orient": side["category_axis"]},
    )
    color = _series_color(data) if series else value(PALETTE[0])
    order = list(dict.fromkeys(row["series"] for row in data.rows if row["series"]))
    slots += order
    base: dict[str, Any] = {"y": y}
    if series and not stacked:
        base["yOffset"] = field("series:N", sort=slots, scale={"domain": slots})
    x_title = None if series else _measure_title(data)
    top = max((row["hi"] for row in data.rows), default=0) or 1
    if stacked:
        x = field(
            "lo:Q",
            title=x_title,
            stack="zero",
            axis=_count_axis(width, x_title),
            scale={"reverse": side["reverse"]},
        )
    else:
        # Room after each bar for its label: the plot is what is left of the width
        # once the category labels are drawn; the scale ends where the bar whose
        # end and label reach farthest still fits ("not reported" labels start at 0).
        plot = max(80, width - 20 - (0 if headings else _category_px(data)))
        end = max(
            (row["hi"] * plot / max(plot - _text_px(str(row["text"])) - 8, plot * 0.25) for row in data.rows),
            default=top,
        )
        # Not stacked (one bar a slot): Vega-Lite would otherwise round a stack's end by
        # clipping it with a group of its own, which costs the rasterised images a mask
        # the size of the image per bar; unstacked, the bar's own corners are rounded.
        x = field(
            "lo:Q",
            title=None,
            axis=None,
            stack=None,
            scale={"domain": [0, max(end, top)], "nice": False, "reverse": side["reverse"]},
        )
    solid = unit("bar", {**base, "x": x, "color": color}, cornerRadiusEnd=1, tooltip=TIP)
    # A fixed height, not a step: the interactive view fits the width ("fit-x"),
    # which Vega-Lite refuses to combine with a stepped height (console warning).
    categories = len({row["category"] for row in data.rows})
    bands = len(slots) if series and not stacked else 1
    slot = 25 if headings else 22  # a line of Arabic text, marks above and below, needs 24
    height = spec.height or categories * (bands * slot + 10 if bands > 1 else 30)
    if stacked:
        return {"data": _values(data), **solid, "height": height}
    extent = unit(
        "bar",
        {**base, "x": field("lo:Q"), "x2": field("hi"), "color": color},
        ["datum.hi > datum.lo"],
        opacity=0.35,
        aria=False,
        tooltip=TIP,
    )
    labels = unit(
        "text",
        {**base, "x": field("hi:Q"), "text": field("text:N")},
        align=side["start"],
        dx=4 * side["label_side"],
        baseline="middle",
        aria=False,
    )
    layers = [solid, extent, labels]
    if headings:
        start_x = {"expr": "width"} if side["start"] == "right" else 0
        layers.append(
            unit(
                "text",
                {**base, "text": field("heading:N")},
                data={"values": headings},
                align=side["start"],
                baseline="middle",
                fontWeight="bold",
                lineBreak="\n",
                x=start_x,
            )
        )
    if headings:  # layers of two data sets: each names its own
        return {
            "layer": [{"data": _values(data), **one} for one in layers[:3]] + layers[3:],
            "height": height,
        }
    return {"data": _values(data), "layer": layers, "height": height}


HEADING = "\u2063"  # the series value of a group's heading slots (an invisible separator)


def _group_headings(data, width):
    """(rows, slots) of a grouped bar chart's group names: one row per category, its
    name wrapped to the width, written in the first of its heading ``slots`` (the
    series values that make room above the bars: one a line)."""
    rows: dict = {}
    for row in data.rows:
        if row["category"] not in rows:
            text = _wrap(str(row["category"]), width - 2 * PADDING, 13, data.direction)
            rows[row["category"]] = {
                "category": row["category"],
                "order": row["order"],
                "heading": text,
                "series": HEADING,
            }
    lines = max((r["heading"].count("\n") + 1 for r in rows.values()), default=1)
    return list(rows.values()), [HEADING * (i + 1) for i in range(lines)]


@chart_type("line")
@chart_type("area")
def over_time(spec, data, width):
    """Figures over time on the dataset's whole period; ranges as a band plus both bounds."""
    series = len({row["series"] for row in data.rows}) > 1
    side = layout(data.direction)
    color = _series_color(data) if series else value(PALETTE[0])
    # A date without a reported figure is left out of the drawing (never a zero);
    # the figure's note and table say so.
    reported, ranged = "datum.reported", "datum.hi > datum.lo"
    x = _x_time(data, width)
    title = None if series else _measure_title(data)
    y = field(
        "lo:Q",
        title=title,
        stack="zero" if spec.type == "area" else None,
        axis=_count_axis(
            width,
            title,
            titleAngle=0,
            titleAlign=side["start"],
            titleY=-12,
            titleX=0,
            orient=side["category_axis"],  # the value axis on the reader's starting side
        ),
    )
    layers = []
    if spec.type == "area":
        layers.append(unit("area", {"x": x, "y": y, "color": color}, [reported], opacity=0.85, tooltip=TIP))
    else:
        layers.append(
            unit(
                "area",
                {"x": x, "y": field("lo:Q"), "y2": field("hi"), "color": color},
                [reported, ranged],
                opacity=0.25,
                aria=False,
            )
        )
        layers.append(
            unit(
                "line",
                {"x": x, "y": field("hi:Q"), "color": color},
                [reported, ranged],
                strokeDash=[4, 3],
                aria=False,
            )
        )
        layers.append(
            unit(
                "rule",
                {"x": x, "y": field("lo:Q"), "y2": field("hi"), "color": color},
                [reported, ranged],
                strokeWidth=2.5,
                aria=False,
                tooltip=TIP,
            )
        )
        layers.append(
            unit(
                "line",
                {"x": x, "y": y, "color": color},
                [reported],
                point={"size": 60, "tooltip": TIP},
                tooltip=TIP,
            )
        )
    if len(data.rows) <= 12 and not series:
        layers += _anchored_labels({"x": x}, "text", [reported], dy=-12, y=field("hi:Q"))
    return {"data": _values(data), "layer": layers, "height": spec.height or 260}


def _anchored_labels(encoding, text_field, transform=(), dy=0, dx=8, weight="normal", **encode):
    """Text beside a point, on whichever side keeps it inside the plot (the row's
    'anchor': 'left' writes to the right of the point, 'right' to its left).
    Long labels come already broken into lines (shapes.py wraps them for the
    room beside the point), so nothing is cut. ``encoding``, ``transform``: the
    layers' shared ones."""
    layers = []
    for side, shift in (("left", dx), ("right", -dx)):
        layers.append(
            unit(
                "text",
                {**encoding, "text": field(f"{text_field}:N"), **encode},
                [*transform, f"datum.anchor == '{side}'"],
                align=side,
                dx=shift,
                dy=dy,
                baseline="middle",
                fontWeight=weight,
                lineBreak="\n",
                aria=False,
            )
        )
    return layers


@chart_type("timeline")
def timeline(spec, data, width):
    """Events on a day axis, one lane per force (or other field); hollow markers for
    dates that are approximate or worked out from the report."""
    lanes = len({row["lane"] for row in data.rows})
    side = layout(data.direction)
    # Lane names sit above their lane (not in a left axis), so on a phone the
    # day axis keeps the whole width.
    y = field("lane:N", title=None, sort=None, axis=None, scale={"paddingOuter": 0.6})
    plot_w = width - 2 * PADDING
    rows = []
    for row in data.rows:
        room = (row["position"] if row["anchor"] == "right" else 1 - row["position"]) * plot_w - 22
        rows.append({**row, "wrapped": _wrap(row["label"], room, direction=data.direction)})
    events = {"values": rows}
    # No day grid: its lines would run through the events' labels.
    both = {"x": _x_time(data, width, grid=False), "y": y}
    names = {
        "data": _values(data),
        "mark": mark(
            "text",
            align=side["start"],
            baseline="bottom",
            dy=-18,
            fontWeight="bold",
            x={"expr": "width"} if side["start"] == "right" else 0,
            aria=False,
        ),
        "encoding": {"y": y, "text": field("lane:N")},
        "transform": [{"aggregate": [], "groupby": ["lane"]}],
    }
    reported = "datum.reported_date"
    points = unit(
        "point",
        {
            **both,
            "stroke": field("lane:N", legend=None, sort=None),
            "fill": {
                "condition": {"test": reported, **field("lane:N", legend=None, sort=None)},
                "value": "transparent",
            },
            "shape": {"condition": {"test": reported, "value": "circle"}, "value": "diamond"},
        },
        data=events,
        size=160,
        strokeWidth=2.5,
        opacity=1,
        tooltip=TIP,
    )
    labels = [{"data": events, **one} for one in _anchored_labels(both, "wrapped", dx=14)]
    return {"layer": [names, points, *labels], "height": spec.height or max(110, 80 * lanes)}


PADDING = 10  # config padding on each side


def _map_height(spec, box, plot_w, width):
    if spec.height:
        return spec.height
    x0, y1 = geo._mercator(box[0], box[1])
    x1, y0 = geo._mercator(box[2], box[3])
    ratio = (y1 - y0) / (x1 - x0)
    most = 1.15 if width < 480 else 0.75  # a wide column shows more land around the area
    return int(min(max(plot_w * ratio, plot_w * 0.6), plot_w * most))


def _radius(value, top, most=1400):
    return math.sqrt(most * value / top / math.pi) if top else 0


def _geo_layer(features, **properties):
    return unit("geoshape", data={"values": features}, clip=True, aria=False, **properties)


def _map_texts(rows, size, weight="normal", opacity=1.0):
    return unit(
        "text",
        {"longitude": field("lon:Q"), "latitude": field("lat:Q"), "text": field("text:N")},
        data={"values": rows},
        lineBreak="\n",
        align={"expr": "datum.align"},
        dx={"expr": "datum.dx"},
        dy={"expr": "datum.dy"},
        baseline="middle",
        fontSize=size,
        fontWeight=weight,
        opacity=opacity,
        aria=False,
    )


@chart_type("map")
def place_map(spec, data, width):
    """Circles (area shows the figure) on the gazetteer's coordinates over Natural
    Earth's borders, coast and governorates, with reference towns, the countries' and
    governorates' names, and a scale bar. No label covers another or a circle."""
    plot_w = width - 2 * PADDING
    side = layout(data.direction)
    height = _map_height(spec, data.box, plot_w, width)
    frame = geo.Frame(data.box, plot_w, height)
    labels = geo.Labels(
        frame,
        geo.Lines(frame, data.basemap.get("countries", [])),
        geo.Lines(frame, data.basemap.get("governorates", [])),
    )
    top = max(row["hi"] for row in data.rows) or 1
    for row in data.rows:
        x, y = frame.project(row["lon"], row["lat"])
        r = _radius(row["hi"], top)
        labels.block((x - r, y - r, x + r, y + r))
    for ref in data.references:
        x, y = frame.project(ref["lon"], ref["lat"])
        labels.block((x - 3, y - 3, x + 3, y + 3))
    km, bar = geo.scale_bar(frame, lines=labels.lines, label=data.word("scale_km", km=100))
    bar_label = bidi(data.word("scale_km", km=km), data.direction)
    x0, y0 = frame.project(*bar[0])
    x1, _ = frame.project(*bar[1])
    labels.block((x0 - 2, y0 - 8, x1 + 8 + geo.text_box(0, 0, bar_label, "left", 12)[2], y0 + 8))
    placed = []
    for row in data.rows:
        x, y = frame.project(row["lon"], row["lat"])
        text = _wrap(row["text"], max(120, plot_w * 0.45), 13, data.direction)
        spot = labels.place(x, y, text, _radius(row["hi"], top), 13, start=side["start"], must=True)
        placed.append({**row, "text": text, "align": spot[0], "dx": spot[1], "dy": spot[2]})
    towns = []
    spots = labels.place_all(
        [
            (*frame.project(r["lon"], r["lat"]), r["place"], 3, geo.FONT_PX, side["start"])
            for r in data.references
        ]
    )
    for ref, spot in zip(data.references, spots, strict=True):
        if spot:
            towns.append({**ref, "text": ref["place"], "align": spot[0], "dx": spot[1], "dy": spot[2]})
    areas = []
    for feature in data.basemap.get("countries", []):
        if feature["properties"]["name"] == "Syria":
            continue
        name = (feature["properties"].get("label") or feature["properties"]["name"]).upper()
        where = geo.label_spot(feature, frame, labels, name)
        if where:
            areas.append(
                {"lon": where[0], "lat": where[1], "text": name, "align": "center", "dx": 0, "dy": 0}
            )
    for feature in data.basemap.get("governorates", []):
        name = feature["properties"].get("label") or feature["properties"]["name"]
        where = geo.label_spot(feature, frame, labels, name)
        if where:
            areas.append(
                {"lon": where[0], "lat": where[1], "text": name, "align": "center", "dx": 0, "dy": 0}
            )
    countries = data.basemap.get("countries", [])
    layers = [
        _geo_layer(
            [f for f in countries if f["properties"]["name"] == "Syria"],
            fill=INK,
            fillOpacity=0.07,
            stroke=None,
        ),
        _geo_layer(
            [f for f in countries if f["properties"]["name"] != "Syria"],
            fill=INK,
            fillOpacity=0.025,
            stroke=None,
        ),
        _geo_layer(
            data.basemap.get("governorates", []),
            fill=None,
            stroke=INK,
            strokeOpacity=0.4,
            strokeWidth=0.8,
            strokeDash=[3, 2],
        ),
        _geo_layer(countries, fill=None, stroke=INK, strokeOpacity=0.75, strokeWidth=1.2),
        _geo_layer(
            [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": bar}}],
            fill=None,
            stroke=INK,
            strokeWidth=2,
        ),
        _map_texts(
            [{"lon": bar[1][0], "lat": bar[1][1], "text": bar_label, "align": "left", "dx": 5, "dy": 0}], 12
        ),
    ]
    at = {"longitude": field("lon:Q"), "latitude": field("lat:Q")}
    if areas:
        layers.append(_map_texts(areas, geo.FONT_PX, opacity=0.8))
    if towns:
        layers += [
            unit("circle", at, data={"values": towns}, size=28, color=INK, opacity=0.8, aria=False),
            _map_texts(towns, geo.FONT_PX),
        ]
    circles = {"values": placed}
    size = {"domain": [0, top], "range": [0, 1400], "zero": True}
    layers += [
        unit(
            "circle",
            {**at, "size": field("lo:Q", scale=size, legend=None)},
            data=circles,
            color=ACCENT,
            opacity=0.85,
            stroke=ACCENT,
            strokeWidth=1.5,
            tooltip=TIP,
        ),
        unit(
            "circle",
            {**at, "size": field("hi:Q", scale=size, legend=None)},
            ["datum.hi > datum.lo"],
            data=circles,
            fill=None,
            stroke=ACCENT,
            strokeWidth=1.5,
            strokeDash=[3, 2],
            aria=False,
        ),
        _map_texts(placed, 13, weight="bold"),
    ]
    projection = {"type": "mercator", "fit": frame.corners()}
    return {"layer": layers, "height": height, "projection": projection}


@chart_type("big-number")
def big_number(spec, data, width):
    """One figure, large, with its unit and date underneath (wrapped to the width)."""
    rows = [
        {
            **row,
            "caption": _wrap(
                data.word("big_number_caption", unit=row["unit"], day=row["day"]),
                width - 24,
                16,
                data.direction,
            ),
        }
        for row in data.rows
    ]
    lines = max((row["caption"].count("\n") + 1 for row in rows), default=1)
    side = layout(data.direction)
    start_x = {"expr": "width"} if side["start"] == "right" else 0
    figure = unit(
        "text",
        {"text": field("label:N")},
        fontSize=52,
        fontWeight="bold",
        align=side["start"],
        baseline="top",
        x=start_x,
        y=14,
        tooltip=TIP,
    )
    caption = unit(
        "text",
        {"text": field("caption:N")},
        fontSize=16,
        align=side["start"],
        baseline="top",
        x=start_x,
        y=80,
        lineBreak="\n",
        aria=False,
    )
    return {"data": {"values": rows}, "layer": [figure, caption], "height": 88 + 20 * lines}


def _wrap(text, room_px, size=13, direction="ltr"):
    """``text`` broken into lines that fit ``room_px`` pixels (joined by newlines),
    each line marked to read from the right in a right-to-left chart (words.bidi)."""
    chars = max(8, int(room_px / (size * 0.56)))
    return bidi("\n".join(textwrap.wrap(text.replace("\u200f", ""), chars)) or text, direction)
