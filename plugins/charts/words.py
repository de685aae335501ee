"""Every word a chart shows a reader, in one place, and the layout a page's
direction decides.

Axis titles, tooltip keys, the chart's own notes, the figure's links: the chart
code never writes a reader-visible literal of its own, it asks here. An Arabic
edition translates this table (gettext, later) and :func:`layout` mirrors what a
right-to-left page mirrors. Numbers and dates are formatted by Babel through
plugins/articles/filters (data.Formatter), never here.
"""

from __future__ import annotations

from i18n import N_  # marks a word for the catalog (theme/translations)

WORDS = {
    # Tooltip keys and table headers
    "date": "Date",
    "source": "Source",
    "series": "Series",
    "figure": "Figure",
    "value": "Value",
    "as_of": "As of",
    "dating": "Dating",
    "date_note": "Date note",
    "place": "Place",
    "event": "Event",
    # Values
    "not_reported": "not reported",
    "at_least": "at least {figure}",
    "without_figure": "{count} without a figure",
    "documented_by": "documented by {who}",
    "date_as_reported": "date as reported",
    "date_derived": "approximate or derived date",
    "none": "(none)",
    "yes": "yes",
    "no": "no",
    "big_number_caption": "{unit}, as of {day}",
    # Notes the chart adds under itself
    "note_range_line": "Where reports differ, a vertical bar (and a shaded band between dates) runs "
    "from the lowest reported figure to the highest.",
    "note_range_map": "Where reports differ, the filled circle shows the lowest reported figure and "
    "the dashed ring the highest.",
    "note_range_bar": "Where reports differ, the solid part shows the lowest reported figure and "
    "the lighter part runs to the highest.",
    "note_hollow": "Hollow markers: the date is approximate or was worked out from "
    "the report (for example from a weekday); see the data.",
    "note_one_value": "Only one figure has been published for this series so far, so it is "
    "shown as a number; a line needs at least two.",
    "note_unreported": "No figure was reported for {days}; the line skips it.",
    "note_moved": "{place} has no recorded coordinates and is shown at {shown}.",
    "note_unplaced": "Not on the map (no coordinates): {ids}; see the data.",
    "note_map_basemap": "Boundaries: Natural Earth (public domain), simplified. The "
    "demilitarized zone agreed in 2018 is not drawn: no source Marsad cites gives its line.",
    "scale_km": "{km} km",
    # Downloads and the figure's links
    "download_image": "Download image",
    "download_png": "PNG",
    "download_svg": "SVG",
    "credit": "Chart: Marsad",
    "source_line": "Source: {source}",
    "locator_title": N_("Where {place} is in Syria"),
    "locator_at_parent": N_("{place} has no coordinates of its own; the dot marks {shown}."),
    "locator_desc": N_(
        "Locator map: a dot marks {place} within Syria's governorates; "
        "neighbouring countries are shown in outline."
    ),
}


def word(key: str, translate=None, **values) -> str:
    """The reader's words for ``key``, with ``{placeholders}`` filled; ``translate``
    (a gettext function) gives them in the page's language where the catalog has them."""
    text = translate(WORDS[key]) if translate else WORDS[key]
    return text.format(**values) if values else text


def layout(direction: str = "ltr") -> dict:
    """Layout choices a right-to-left page mirrors: where labels start, which way
    legends and lane names align. One function, so the Arabic edition flips it here."""
    rtl = direction == "rtl"
    return {
        "start": "right" if rtl else "left",  # text align of labels that begin a line
        "end": "left" if rtl else "right",
        "anchor": "end" if rtl else "start",  # title/legend anchor
        "label_side": -1 if rtl else 1,  # dx sign of a label written after its mark
    }
