"""Jinja filters that turn data values into newsroom text (templates only format)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from .model import Range


@lru_cache(maxsize=8192, typed=True)
def _number(value):
    return format_decimal(value, locale=LOCALE)


@lru_cache(maxsize=8192, typed=True)
def _date(value, pattern):
    return format_date(value, pattern, locale=LOCALE)

LOCALE = "en_GB"
NOT_GIVEN = "not reported"


def figure_text(value, missing=NOT_GIVEN):
    """'15', '15-17', '17,467' or 'not reported' for None."""
    if value is None:
        return missing
    if isinstance(value, Range):
        low = _number(value.min)
        return low if value.exact else f"{low}-{_number(value.max)}"
    return _number(value)


def day_text(value):
    """'13 March 2019'."""
    return _date(value, "long") if value else ""


def record_date(record):
    """A record's date as reported: 'about 15 March 2019', 'March 2019', ..."""
    day = getattr(record, "date", None)
    if day is None:
        return period_text(getattr(record, "date_from", None), getattr(record, "date_to", None))
    precision = getattr(record, "date_precision", "day")
    if precision == "month":
        return _date(day, "MMMM y")
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
        return f"{_date(start, 'd MMMM')} - {day_text(end)}"
    return f"{day_text(start)} - {day_text(end)}"


ZONES = {"inside-dmz": "inside the demilitarized zone",
         "border-area": "border area, outside the zone"}


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
