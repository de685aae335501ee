"""One Altair function per chart type, and the registry of chart functions.

Every builder takes ``(spec, data, width)`` (a :class:`~charts.spec.ChartSpec`
and the :class:`~charts.data.ChartData` prepared for it) and returns an Altair
chart without configuration; :func:`vega_lite` adds the house style.

Data editors who need a chart the types do not cover register a function::

    from charts.build import register

    @register("patrols-by-force")
    def patrols_by_force(records, catalog, spec):
        return alt.Chart(alt.Data(values=[...])).mark_bar()...

and name it in a spec with ``type: custom`` and ``function: patrols-by-force``.
List the module that holds it in the setting ``CHARTS_MODULES``.
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt

from .registry import CUSTOM, register  # noqa: F401  (editors import register from here)

# Okabe-Ito, without black: readable on light and dark paper, colour-blind safe.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
# The interactive view measures text in the browser: the site's UI fonts. The
# static SVG is laid out by vl-convert, which measures with Liberation Sans; a
# font with the same metrics (Arial's) keeps labels inside the SVG everywhere.
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
STATIC_FONT = '"Liberation Sans", Arial, Helvetica, sans-serif'
INK = "currentColor"  # the SVG takes the page's text colour: light and dark themes

LABEL_LIMIT = 170  # pixels of a label written on the chart

BUILDERS: dict = {}


def chart_type(name):
    """Decorator: the Altair function that builds chart type ``name``."""

    def wrap(function):
        BUILDERS[name] = function
        return function

    return wrap


def config(font):
    """The house style: page text colour, system fonts, Okabe-Ito palette."""
    axis: dict[str, Any] = dict(
        labelColor=INK,
        titleColor=INK,
        domainColor=INK,
        tickColor=INK,
        gridColor=INK,
        gridOpacity=0.15,
        domainOpacity=0.6,
        tickOpacity=0.6,
        labelFontSize=13,
        titleFontSize=13,
        titleFontWeight="normal",
        labelLimit=220,
        titlePadding=8,
    )
    return dict(
        background="transparent",
        font=font,
        padding=10,
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(**axis),
        legend=alt.LegendConfig(
            labelColor=INK,
            titleColor=INK,
            labelFontSize=13,
            titleFontSize=13,
            titleFontWeight="normal",
            orient="top",
            labelLimit=260,
            symbolOpacity=1,
        ),
        text=alt.MarkConfig(color=INK, fontSize=13),
        range=alt.RangeConfig(category=PALETTE),
    )


def vega_lite(spec, chart, width, validate=True) -> tuple[dict, dict]:
    """(static, interactive) Vega-Lite dicts of a chart in house style.

    The static one has a fixed width and fonts with the metrics vl-convert lays
    text out with; the interactive one fills its container in the site's fonts.
    ``validate``: check against the Vega-Lite schema (slow: about 30 ms a chart).
    Builds validate custom charts; the built-in types are validated by the tests
    (tests/charts/test_charts_schema.py), so builds skip it for them.
    """
    chart = chart.properties(description=spec.alt).configure(**config(STATIC_FONT))
    static = chart.to_dict(validate=validate)
    static["width"] = width
    static["autosize"] = {"type": "pad"}
    interactive = copy.deepcopy(static)
    interactive["width"] = "container"  # Vega-Lite then fits the width (autosize fit-x)
    del interactive["autosize"]
    interactive["config"]["font"] = FONT
    return static, interactive


def build(spec, data, catalog, width):
    """The Altair chart of a spec (custom functions get the typed records)."""
    if spec.type == "custom":
        return CUSTOM[spec.function](data.records, catalog, spec)
    return BUILDERS[spec.type](spec, data, width)


def _values(data):
    return alt.Data(values=data.rows)


def _tooltip(*fields):
    return [alt.Tooltip(f"{name}:N", title=title) for name, title in fields if title]


def _x_time(data, title=None):
    """A day axis over the dataset's period, in UTC so no reader sees a shifted day."""
    return alt.X(
        "date:T",
        title=title,
        scale=alt.Scale(type="utc", domain=list(data.domain)),
        axis=alt.Axis(format="%-d %b", labelOverlap=True, tickCount=6),
    )


def _measure_title(data):
    return data.rows[0].get("measure") if data.rows else None


@chart_type("bar")
@chart_type("grouped-bar")
@chart_type("stacked-bar")
def bars(spec, data, width):
    """Horizontal bars. A range is a solid bar to the lowest figure and a lighter
    extension to the highest; "not reported" is written out, never drawn as zero."""
    series = any(row["series"] for row in data.rows)
    stacked = spec.type == "stacked-bar"
    y = alt.Y(
        "category:N",
        title=None,
        sort=alt.EncodingSortField("order", op="min"),
        axis=alt.Axis(labelExpr="split(datum.label, ' · ')", labelLimit=180),
    )
    color = alt.Color("series:N", title=None, sort=None) if series else alt.value(PALETTE[0])
    tips = _tooltip(
        ("category", data.columns[0][1]),
        ("series", "Series" if series else None),
        ("label", "Figure"),
        ("source", "Source"),
    )
    extra: dict[str, Any] = {"yOffset": alt.YOffset("series:N", sort=None)} if series and not stacked else {}
    base = alt.Chart(_values(data)).encode(y=y, tooltip=tips, **extra)
    x_title = None if series else _measure_title(data)
    solid = base.mark_bar(cornerRadiusEnd=1).encode(
        x=alt.X(
            "lo:Q",
            title=x_title,
            stack="zero" if stacked else None,
            axis=alt.Axis(labelOverlap=True, tickMinStep=1),
        ),
        color=color,
    )
    # A fixed height, not a step: the interactive view fits the width ("fit-x"),
    # which Vega-Lite refuses to combine with a stepped height (console warning).
    categories = len({row["category"] for row in data.rows})
    bands = len({row["series"] for row in data.rows}) if series and not stacked else 1
    height = spec.height or categories * (bands * 22 + 10 if bands > 1 else 30)
    if stacked:
        return solid.properties(height=height)
    extent = (
        base.transform_filter("datum.hi > datum.lo")
        .mark_bar(opacity=0.35, aria=False)
        .encode(x="lo:Q", x2="hi:Q", color=color)
    )
    labels = base.mark_text(align="left", dx=4, baseline="middle", aria=False).encode(x="hi:Q", text="text:N")
    return alt.layer(solid, extent, labels).properties(height=height)


@chart_type("line")
@chart_type("area")
def over_time(spec, data, width):
    """Figures over time on the dataset's whole period; ranges as a band plus both bounds."""
    series = len({row["series"] for row in data.rows}) > 1
    color = alt.Color("series:N", title=None) if series else alt.value(PALETTE[0])
    tips = _tooltip(
        ("day", "Date"), ("series", "Series" if series else None), ("label", "Figure"), ("source", "Source")
    )
    # A date without a reported figure is left out of the drawing (never a zero);
    # the figure's note and table say so.
    base = alt.Chart(_values(data)).transform_filter("datum.reported").encode(x=_x_time(data), tooltip=tips)
    y = alt.Y(
        "lo:Q", title=None if series else _measure_title(data), stack="zero" if spec.type == "area" else None
    )
    layers = []
    if spec.type == "area":
        layers.append(base.mark_area(opacity=0.6).encode(y=y, color=color))
    else:
        layers.append(
            base.transform_filter("datum.hi > datum.lo")
            .mark_area(opacity=0.25, aria=False)
            .encode(y="lo:Q", y2="hi:Q", color=color)
        )
        layers.append(
            base.mark_line(strokeDash=[4, 3], aria=False)
            .encode(y="hi:Q", color=color)
            .transform_filter("datum.hi > datum.lo")
        )
        layers.append(
            base.transform_filter("datum.hi > datum.lo")
            .mark_rule(strokeWidth=2.5, aria=False)
            .encode(y="lo:Q", y2="hi:Q", color=color)
        )
        layers.append(base.mark_line(point=True).encode(y=y, color=color))
    if len(data.rows) <= 12 and not series:
        layers += _anchored_labels(base, "text", dy=-12, y="hi:Q")
    return alt.layer(*layers).properties(height=spec.height or 260)


def _anchored_labels(base, field, dy=0, dx=8, weight="normal", **encode):
    """Text beside a point, on whichever side keeps it inside the plot (the row's
    'anchor': 'left' writes to the right of the point, 'right' to its left).
    Long labels are cut with an ellipsis (the tooltip and the table have them
    whole): text reaching past the plot would shrink it on a phone."""
    layers = []
    for side, shift in (("left", dx), ("right", -dx)):
        layers.append(
            base.transform_filter(f"datum.anchor == '{side}'")
            .mark_text(
                align=side,
                dx=shift,
                dy=dy,
                baseline="middle",
                fontWeight=weight,
                limit=LABEL_LIMIT,
                aria=False,
            )
            .encode(text=f"{field}:N", **encode)
        )
    return layers


@chart_type("timeline")
def timeline(spec, data, width):
    """Events on a day axis, one lane per force (or other field); hollow markers for
    dates that are approximate or worked out from the report."""
    tips = _tooltip(
        ("day", "Date"),
        ("lane", "Lane"),
        ("label", "Event"),
        ("dating", "Dating"),
        ("note", "Date note"),
        ("source", "Source"),
    )
    lanes = len({row["lane"] for row in data.rows})
    # Lane names sit above their lane (not in a left axis), so on a phone the
    # day axis keeps the whole width.
    y = alt.Y("lane:N", title=None, sort=None, axis=None, scale=alt.Scale(paddingOuter=0.6))
    base = alt.Chart(_values(data)).encode(x=_x_time(data), y=y, tooltip=tips)
    names = (
        alt.Chart(_values(data))
        .transform_aggregate(groupby=["lane"])
        .mark_text(align="left", baseline="bottom", dy=-14, fontWeight="bold", x=0, aria=False)
        .encode(y=y, text="lane:N")
    )
    reported = "datum.dating == 'date as reported'"
    points = base.mark_point(size=160, strokeWidth=2.5, opacity=1).encode(
        stroke=alt.Stroke("lane:N", legend=None, sort=None),
        fill=alt.condition(reported, alt.Fill("lane:N", legend=None, sort=None), alt.value("transparent")),
        shape=alt.condition(reported, alt.value("circle"), alt.value("diamond")),
    )
    labels = _anchored_labels(base.encode(tooltip=alt.value(None)), "label")
    return alt.layer(names, points, *labels).properties(height=spec.height or max(100, 70 * lanes))


@chart_type("map")
def place_map(spec, data, width):
    """Circles on the gazetteer's coordinates (area shows the figure), on a light
    graticule, with optional labelled reference places."""
    points = data.rows + data.references
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    pad = max(0.25, (max(lons) - min(lons)) * 0.2, (max(lats) - min(lats)) * 0.2)
    box = [[min(lons) - pad, min(lats) - pad], [max(lons) + pad, max(lats) + pad]]
    projection = alt.Projection(
        type="mercator",
        fit={"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": box}},
    )
    height = spec.height or int(width * 0.8)
    # The grid reaches well past the fitted box so it fills a wide container; clipped.
    wide = [[box[0][0] - 4, box[0][1] - 3], [box[1][0] + 4, box[1][1] + 3]]
    grid = alt.Chart(alt.graticule(step=[0.5, 0.5], extent=wide)).mark_geoshape(
        stroke=INK, strokeOpacity=0.12, fill=None, clip=True, aria=False
    )
    layers = [grid]
    if data.references:
        ref = alt.Chart(alt.Data(values=data.references)).encode(longitude="lon:Q", latitude="lat:Q")
        layers += [
            ref.mark_circle(size=20, color=INK, opacity=0.45, aria=False),
            ref.mark_text(dx=6, align="left", opacity=0.75, fontSize=12, aria=False).encode(text="place:N"),
        ]
    tips = _tooltip(("place", "Place"), ("label", _measure_title(data)), ("source", "Source"))
    base = alt.Chart(_values(data)).encode(longitude="lon:Q", latitude="lat:Q", tooltip=tips)
    top = max(row["hi"] for row in data.rows) or 1
    size = alt.Scale(domain=[0, top], range=[0, 1400], zero=True)
    layers += [
        base.mark_circle(color=PALETTE[5], opacity=0.7, stroke=PALETTE[5], strokeWidth=1.5).encode(
            size=alt.Size("lo:Q", scale=size, legend=None)
        ),
        base.transform_filter("datum.hi > datum.lo")
        .mark_circle(fill=None, stroke=PALETTE[5], strokeWidth=1.5, strokeDash=[3, 2], aria=False)
        .encode(size=alt.Size("hi:Q", scale=size, legend=None)),
    ]
    layers += _anchored_labels(base.encode(tooltip=alt.value(None)), "text", dy=-18, dx=-6, weight="bold")
    return alt.layer(*layers).properties(height=height, projection=projection)


@chart_type("big-number")
def big_number(spec, data, width):
    """One figure, large, with its unit and date underneath."""
    base = alt.Chart(_values(data))
    figure = base.mark_text(fontSize=52, fontWeight="bold", align="left", baseline="top", x=0, y=4).encode(
        text="label:N"
    )
    unit = base.mark_text(fontSize=16, align="left", baseline="top", x=2, y=68, aria=False).encode(
        text=alt.Text("caption:N")
    )
    return (
        alt.layer(figure, unit)
        .transform_calculate(caption="datum.unit + ', as of ' + datum.day")
        .properties(height=96)
    )
