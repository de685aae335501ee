"""Jinja filters that turn data values into newsroom text (templates only format)."""

from __future__ import annotations

import datetime as dt

from articles.filters import format_day, number  # plugins/articles: memoised Babel formatting

from .model import Range

LOCALE = "en_GB"
NOT_GIVEN = "not reported"


def figure_text(value, missing=NOT_GIVEN):
    """'15', '15-17', '17,467' or 'not reported' for None."""
    if value is None:
        return missing
    if isinstance(value, Range):
        low = number(value.min, LOCALE)
        return low if value.exact else f"{low}-{number(value.max, LOCALE)}"
    return number(value, LOCALE)


def day_text(value):
    """'13 March 2019'."""
    return format_day(value, "long", LOCALE) if value else ""


def record_date(record):
    """A record's date as reported: 'about 15 March 2019', 'March 2019', ..."""
    day = getattr(record, "date", None)
    if day is None:
        return period_text(getattr(record, "date_from", None), getattr(record, "date_to", None))
    precision = getattr(record, "date_precision", "day")
    if precision == "month":
        return format_day(day, "MMMM y", LOCALE)
    text = day_text(day)
    return f"about {text}" if precision == "approximate" else text


def period_text(start: dt.date | None, end: dt.date | None):
    """'8-15 March 2019', '28 February - 3 March 2019', 'to 16 March 2019'."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"to {day_text(end)}"
    if end is None or start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{day_text(end)}"
    if start.year == end.year:
        return f"{format_day(start, 'd MMMM', LOCALE)} - {day_text(end)}"
    return f"{day_text(start)} - {day_text(end)}"


ZONES = {"inside-dmz": "inside the demilitarized zone", "border-area": "border area, outside the zone"}


def zone_label(zone):
    """'inside the demilitarized zone' for 'inside-dmz'."""
    return ZONES.get(zone, zone)


def _record_label(record, catalog):
    from .labels import record_label  # labels uses the filters above

    return record_label(record, catalog)


FILTERS = {
    "record_label": _record_label,
    "zone_label": zone_label,
    "figure_text": figure_text,
    "day_text": day_text,
    "record_date": record_date,
    "period_text": period_text,
}
