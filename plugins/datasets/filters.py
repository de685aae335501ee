"""Jinja filters that turn data values into newsroom text (templates only format).

Each site language gets its own :class:`DataText` (:func:`text_for`): Babel
dates and numbers in its locale and digits, and its gettext catalog for the
words (plugins/i18n). The module-level functions are the English ones.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal
from babel.support import NullTranslations

from articles.filters import (
    LATIN_DIGITS,
    format_day,
    number,
    with_digits,
)  # plugins/articles: Babel formatting
from i18n import N_, babel_locale, current_language, languages, translation
from i18n import digits as language_digits

from .model import Range

LOCALE = "en_GB"
NOT_GIVEN = N_("not reported")
ZONES = {
    "inside-dmz": N_("inside the demilitarized zone"),
    "border-area": N_("border area, outside the zone"),
}
PLACE_KINDS = {
    "governorate": N_("governorate"),
    "district": N_("district"),
    "subdistrict": N_("subdistrict"),
    "city": N_("city"),
    "town": N_("town"),
    "village": N_("village"),
    "camp": N_("camp"),
    "military-site": N_("military site"),
    "area": N_("area"),
}


@lru_cache(maxsize=16)
def _direction(code):
    try:
        return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"


class DataText:
    """Dates, figures and labels of data values in one language."""

    def __init__(self, locale=LOCALE, digits=LATIN_DIGITS, messages=None, code="en", main_code="en"):
        self.locale = locale
        self.digits = digits
        self.code = code
        self.main_code = main_code
        self.messages = messages or NullTranslations()
        self._ = self.messages.gettext

    def number(self, value):
        return number(value, self.locale, self.digits)

    def coordinate(self, value):
        """A latitude or longitude as given (up to 6 decimals), in the language's digits:
        '36.20124' ('٣٦٫٢٠١٢٤' with digits 'arab')."""
        shown = format_decimal(value, format="0.######", locale=self.locale, numbering_system=self.digits)
        return with_digits(shown, self.digits, self.locale)

    def figure_text(self, value, missing=NOT_GIVEN):
        """'15', '15-17', '17,467' or 'not reported' for None."""
        if value is None:
            return self._(missing)
        if isinstance(value, Range):
            low = self.number(value.min)
            return low if value.exact else f"{low}-{self.number(value.max)}"
        return self.number(value)

    def day_text(self, value):
        """'13 March 2019' ('13 آذار 2019')."""
        return format_day(value, "long", self.locale, self.digits) if value else ""

    def record_date(self, record):
        """A record's date as reported: 'about 15 March 2019', 'March 2019', ..."""
        day = getattr(record, "date", None)
        if day is None:
            return self.period_text(getattr(record, "date_from", None), getattr(record, "date_to", None))
        precision = getattr(record, "date_precision", "day")
        if precision == "month":
            return format_day(day, "MMMM y", self.locale, self.digits)
        text = self.day_text(day)
        return self._("about %(date)s") % {"date": text} if precision == "approximate" else text

    def period_text(self, start: dt.date | None, end: dt.date | None):
        """'8-15 March 2019', '28 February - 3 March 2019', 'to 16 March 2019'."""
        if start is None and end is None:
            return ""
        if start is None:
            return self._("to %(date)s") % {"date": self.day_text(end)}
        if end is None or start == end:
            return self.day_text(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{self.number(start.day)}-{self.day_text(end)}"
        if start.year == end.year:
            return f"{format_day(start, 'd MMMM', self.locale, self.digits)} - {self.day_text(end)}"
        return f"{self.day_text(start)} - {self.day_text(end)}"

    def zone_label(self, zone):
        """'inside the demilitarized zone' for 'inside-dmz'."""
        return self._(ZONES[zone]) if zone in ZONES else zone

    def place_kind(self, kind):
        return self._(PLACE_KINDS[kind]) if kind in PLACE_KINDS else kind.replace("-", " ")

    def year_text(self, year):
        return format_day(dt.date(int(year), 1, 1), "y", self.locale, self.digits)

    def localized(self, obj, field):
        """``obj``'s ``field`` in this language: ``<field>_<code>`` when the data has it."""
        if self.code != self.main_code and hasattr(obj, "in_language"):
            value = obj.in_language(field, self.code)
            if value:
                return value
        return getattr(obj, field, None)

    def place_name(self, place):
        """The place's name in this language (the gazetteer's name_<code>), else its English name."""
        if place is None:
            return ""
        if self.code == "en":
            return place.name_en
        return place.in_language("name", self.code) or place.name_en

    def other_names(self, place):
        """The place's names in the gazetteer's other languages: [{code, direction, name}]."""
        shown = self.place_name(place)
        names = [("en", place.name_en), ("ar", place.name_ar)]
        names += [
            (key.rsplit("_", 1)[1], text) for key, text in place.translations if key.startswith("name_")
        ]
        return [
            {"code": code, "direction": _direction(code), "name": name}
            for code, name in names
            if code != self.code and name and name != shown
        ]


ENGLISH = DataText()
figure_text = ENGLISH.figure_text
day_text = ENGLISH.day_text
record_date = ENGLISH.record_date
period_text = ENGLISH.period_text
zone_label = ENGLISH.zone_label


def text_for(settings) -> DataText:
    """The DataText of the language being built."""
    every = languages(settings)
    return DataText(
        babel_locale(settings),
        language_digits(settings),
        translation(settings),
        current_language(settings).code,
        every[0].code,
    )


def make_filters(settings) -> dict:
    """The data filters of the language being built."""
    from . import labels  # labels uses DataText

    text = text_for(settings)
    return {
        "record_label": lambda record, catalog: labels.record_label(record, catalog, text),
        "record_when_text": lambda record: labels.record_when(record, text),
        "zone_label": text.zone_label,
        "figure_text": text.figure_text,
        "day_text": text.day_text,
        "coordinate": text.coordinate,
        "record_date": text.record_date,
        "period_text": text.period_text,
        "place_kind": text.place_kind,
        "place_name": text.place_name,
        "other_names": text.other_names,
        "localized": text.localized,
        "year_text": text.year_text,
        "attack_text": lambda attack_type: labels.attack_text(attack_type, text),
        "data_text": lambda value, *args: text._(value) % args[0] if args else text._(value),
    }


# The English filters, for a bare build (benchmarks/) that sets JINJA_FILTERS itself.
FILTERS = make_filters({"DEFAULT_LANG": "en", "PATH": "."})
