"""Every word a chart shows a reader, in one place, and the layout a page's
direction decides.

Axis titles, tooltip keys, the chart's own notes, the figure's links: the chart
code never writes a reader-visible literal of its own, it asks here. Each word is
a gettext message (``N_``: theme/translations), translated for the language being
built by :func:`words_for`; :func:`layout` mirrors what a right-to-left page
mirrors and :func:`bidi` keeps a right-to-left label in reading order inside the
SVG. Numbers and dates are formatted by Babel (data.Formatter), never here.
"""

from __future__ import annotations

from i18n import N_  # marks a word for the catalog (theme/translations)

WORDS = {
    # Tooltip keys and table headers
    "date": N_("Date"),
    "source": N_("Source"),
    "series": N_("Series"),
    "figure": N_("Figure"),
    "value": N_("Value"),
    "as_of": N_("As of"),
    "dating": N_("Dating"),
    "date_note": N_("Date note"),
    "place": N_("Place"),
    "event": N_("Event"),
    "by_source": N_("By source"),
    # Values
    "not_reported": N_("not reported"),
    "at_least": N_("at least {figure}"),
    "without_figure": N_("{count} without a figure"),
    "documented_by": N_("documented by {who}"),
    "date_as_reported": N_("date as reported"),
    "date_derived": N_("approximate or derived date"),
    "none": N_("(none)"),
    "yes": N_("yes"),
    "no": N_("no"),
    "big_number_caption": N_("{unit}, as of {day}"),
    # Notes the chart adds under itself
    "note_range_line": N_(
        "Where reports differ, a vertical bar (and a shaded band between dates) runs "
        "from the lowest reported figure to the highest."
    ),
    "note_range_map": N_(
        "Where reports differ, the filled circle shows the lowest reported figure and "
        "the dashed ring the highest."
    ),
    "note_range_bar": N_(
        "Where reports differ, the solid part shows the lowest reported figure and "
        "the lighter part runs to the highest."
    ),
    "note_hollow": N_(
        "Hollow markers: the date is approximate or was worked out from "
        "the report (for example from a weekday); see the data."
    ),
    "note_one_value": N_(
        "Only one figure has been published for this series so far, so it is "
        "shown as a number; a line needs at least two."
    ),
    "note_unreported": N_("No figure was reported for {days}; the line skips it."),
    "note_moved": N_("{place} has no recorded coordinates and is shown at {shown}."),
    "note_unplaced": N_("Not on the map (no coordinates): {ids}; see the data."),
    "note_map_basemap": N_(
        "Boundaries: Natural Earth (public domain), simplified. The "
        "demilitarized zone agreed in 2018 is not drawn: no source Marsad cites gives its line."
    ),
    "scale_km": N_("{km} km"),
    # Downloads and the figure's links
    "download_image": N_("Download image"),
    "download_png": N_("PNG"),
    "download_svg": N_("SVG"),
    "credit": N_("Chart: Marsad"),
    "source_line": N_("Source: {source}"),
    "locator_title": N_("Where {place} is in Syria"),
    "locator_at_parent": N_("{place} has no coordinates of its own; the dot marks {shown}."),
    "locator_desc": N_(
        "Locator map: a dot marks {place} within Syria's governorates; "
        "neighbouring countries are shown in outline."
    ),
}

# The basemap's countries (data/geo/countries.geojson names them in English).
COUNTRIES = {
    "Syria": N_("Syria"),
    "Turkey": N_("Turkey"),
    "Lebanon": N_("Lebanon"),
    "Israel": N_("Israel"),
    "Palestine": N_("Palestine"),
    "Jordan": N_("Jordan"),
    "Iraq": N_("Iraq"),
    "Cyprus": N_("Cyprus"),
}

RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def words_for(translate=None) -> dict:
    """The table of WORDS in the language of ``translate`` (a gettext function)."""
    return {key: translate(text) for key, text in WORDS.items()} if translate else dict(WORDS)


def word(key: str, translate=None, words=None, **values) -> str:
    """The reader's words for ``key``, with ``{placeholders}`` filled; ``words`` (from
    :func:`words_for`) or ``translate`` give them in the page's language."""
    if words is not None:
        text = words[key]
    else:
        text = translate(WORDS[key]) if translate else WORDS[key]
    return text.format(**values) if values else text


def bidi(text: str, direction: str = "ltr") -> str:
    """A label as an SVG text should carry it: in a right-to-left chart each line
    starts with a right-to-left mark, so "13 آذار 2019" reads from the right even
    though the SVG lays text out left to right (vl-convert measures and places it
    so; the browser and the PNG renderer then order the letters by the Unicode
    bidi algorithm). Left-to-right text is returned as it is."""
    if direction != "rtl" or not isinstance(text, str) or not text:
        return text
    text = text.replace(RLM, "")  # marked once, however often it is asked
    return RLM + text.replace("\n", "\n" + RLM).replace(" · ", " · " + RLM)


def layout(direction: str = "ltr") -> dict:
    """Layout choices a right-to-left page mirrors: where labels start, which way
    legends and lane names align, which side the category axis is on and which
    way the value scale runs. One function, so the Arabic edition flips it here."""
    rtl = direction == "rtl"
    return {
        "start": "right" if rtl else "left",  # text align of labels that begin a line
        "end": "left" if rtl else "right",
        "anchor": "end" if rtl else "start",  # title/legend anchor
        "label_side": -1 if rtl else 1,  # dx sign of a label written after its mark
        "category_axis": "right" if rtl else "left",  # bar charts' category labels
        "reverse": rtl,  # bars grow from the right towards the left
        "legend": "right" if rtl else "left",  # legend's direction of reading
    }


def language_of(settings):
    """(datasets.filters.DataText, direction) of the language being built."""
    from datasets.filters import text_for
    from i18n import current_language

    return text_for(settings), current_language(settings).direction


def language_key(settings) -> str:
    """What a figure's words depend on, for its cache key: the language's code,
    locale, digits and direction and its catalog (theme/translations/<code>)."""
    import hashlib

    from i18n import babel_locale, current_language
    from i18n.catalog import po_file

    language = current_language(settings)
    path = po_file(settings, language.code)
    catalog = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return "|".join((language.code, babel_locale(settings), language.digits, language.direction, catalog))
