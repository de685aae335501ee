"""The pieces every chart's data is made of: reported amounts, formatting, filters.

Reported figures keep their min-max range all the way (:class:`Amount`); a figure
a source did not give stays "not reported", never zero. shapes.py groups the
records the way each chart type needs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from articles.filters import format_day, number  # plugins/articles: memoised Babel formatting
from datasets.filters import DataText
from datasets.labels import attack_text

from .fields import RECORDS, fields_for
from .spec import matches, parse_day
from .words import word, words_for


def _rtl(locale):
    from babel import Locale

    return Locale.parse(locale).character_order == "right-to-left"


class ChartDataError(Exception):
    """A spec that cannot be charted with this data (key, message)."""

    def __init__(self, key, message):
        super().__init__(message)
        self.key, self.message = key, message


@dataclass
class Amount:
    """An aggregated figure: lowest and highest reported, and what is missing."""

    lo: int = 0
    hi: int = 0
    reported: int = 0
    missing: int = 0
    at_least: bool = False

    @property
    def exact(self):
        return self.lo == self.hi


@dataclass
class ChartData:
    """Everything a chart builder and the figure need."""

    rows: list
    columns: list  # (key, label); the first column holds row headers
    table: list  # dicts of display strings keyed like columns
    records: list
    sources: list
    notes: list = dc_field(default_factory=list)
    domain: tuple = ()  # (first day, last day) of the dataset's period, ISO
    references: list = dc_field(default_factory=list)  # map: labelled reference places
    box: tuple = ()  # map: (west, south, east, north) shown
    basemap: dict = dc_field(default_factory=dict)  # map: GeoJSON features near the area
    direction: str = "ltr"  # the page's writing direction (words.layout mirrors for "rtl")
    words: dict = dc_field(default_factory=words_for)  # WORDS in the page's language
    vega_locale: dict | None = None  # Vega's number and time locale (months, separators) if not English
    drawn_as: str = ""  # the type actually drawn, when not the spec's (one value: big-number)

    def word(self, key, **values):
        """The reader's words for ``key`` in the chart's language (words.WORDS)."""
        return word(key, words=self.words, **values)


class Formatter:
    """Numbers, dates, places and words as readers see them, in the language being
    built: Babel in its locale and digits, its gettext catalog, the gazetteer's
    names in it and the records' own ``<field>_<code>`` texts (datasets.filters.DataText)."""

    def __init__(self, catalog, text="en_GB", direction=None):
        if isinstance(text, str):  # a bare locale: English words
            text = DataText(text)
        self.catalog, self.text = catalog, text
        self.locale, self.digits = text.locale, text.digits
        self.direction = direction or ("rtl" if text.code != text.main_code and _rtl(text.locale) else "ltr")
        self.words = words_for(text._)
        rtl = self.direction == "rtl"
        self.dash = "-" if rtl else "\u2013"  # a hyphen keeps "3-5" in reading order right to left
        self.comma, self.semicolon = ("\u060c ", "\u061b ") if rtl else (", ", "; ")

    def word(self, key, **values):
        return word(key, words=self.words, **values)

    def label(self, text):
        """A field's label (fields.py) or another catalog message in this language."""
        return self.text._(text) if text else text

    def number(self, value):
        return number(value, self.locale, self.digits)

    def date(self, value):
        return format_day(value, "d MMM y", self.locale, self.digits)

    def place(self, place_id):
        place = self.catalog.places.get(place_id)
        return self.text.place_name(place) if place else place_id

    def place_name(self, place):
        return self.text.place_name(place)

    def range(self, lo, hi):
        return self.number(lo) if lo == hi else f"{self.number(lo)}{self.dash}{self.number(hi)}"

    def amount(self, a: Amount, *more):
        """A figure as readers read it: '15', '3–5', 'at least 89', with what is
        missing and ``more`` (e.g. who documented it) in one pair of brackets."""
        if not a.reported:
            return self.word("not_reported")
        text = self.range(a.lo, a.hi)
        if a.at_least:
            text = self.word("at_least", figure=text)
        extras = ([self.word("without_figure", count=self.number(a.missing))] if a.missing else []) + [
            m for m in more if m
        ]
        return f"{text} ({self.semicolon.join(extras)})" if extras else text

    def localized(self, record, name):
        """A record's text field in this language (``force_ar``...), else as written."""
        return self.text.localized(record, name)

    def documented(self, records):
        """Who documented the records' figures: 'Syrian Civil Defense' (distinct, in order)."""
        return self.semicolon.join(
            dict.fromkeys(
                self.localized(r, "documented_by") for r in records if getattr(r, "documented_by", None)
            )
        )

    def reports(self, records, name):
        """What each source reported for field ``name`` when a record lists figures per
        source (Airwars style): 'Source A: 15; Source B: 17' ("" if none does)."""
        parts = []
        for record in records:
            for report in getattr(record, "reports", ()) or ():
                figure = getattr(report, name, None)
                if figure is not None:
                    parts.append(f"{report.source}: {self.range(figure.min, figure.max)}")
        return self.semicolon.join(dict.fromkeys(parts))

    def publishers(self, records):
        """'Enab Baladi, 17 Mar 2019' for each distinct published source of the records."""
        parts = []
        for record in records:
            for source in record.sources:
                text = source.publisher + (
                    f"{self.comma}{self.date(source.published)}" if source.published else ""
                )
                if text not in parts:
                    parts.append(text)
        return self.semicolon.join(parts)

    def value(self, field, raw, record=None):
        """A field's value in words; ``record`` gives text fields in this language."""
        if raw is None or raw == ():
            return ""
        if field.type == "date":
            return self.date(raw)
        if field.type == "place":
            return self.place(raw)
        if field.type == "places":
            return self.comma.join(self.place(p) for p in raw)
        if field.type == "flag":
            return self.word("yes") if raw else self.word("no")
        if field.type == "number":
            return self.number(raw)
        if field.type == "range":
            return self.amount(Amount(raw.min, raw.max, 1))
        if field.choices:
            return self.label(field.words(raw))
        if field.name == "attack_type":
            return attack_text(raw, self.text)
        if record is not None:
            return str(self.localized(record, field.name) or raw)
        return str(raw)

    def sources(self, records):
        """'Enab Baladi, 17 Mar 2019 (documented by Syrian Civil Defense)' per record group."""
        parts = []
        for record in records:
            for source in record.sources:
                text = source.publisher + (
                    f"{self.comma}{self.date(source.published)}" if source.published else ""
                )
                documented = getattr(record, "documented_by", None) and self.localized(
                    record, "documented_by"
                )
                if documented:
                    text += f" ({self.word('documented_by', who=documented)})"
                if text not in parts:
                    parts.append(text)
        return self.semicolon.join(parts)


def measure(records, name, kind, aggregate="sum") -> Amount:
    """Add up one measured field over records (or count them)."""
    if aggregate == "latest" and records:
        latest = max(r.sort_date for r in records)
        records = [r for r in records if r.sort_date == latest]
    if name == RECORDS:
        return Amount(len(records), len(records), len(records))
    get = fields_for(kind)[name].get
    total = Amount()
    for record in records:
        raw = get(record, None)
        if raw is None:
            total.missing += 1
            continue
        lo, hi = (raw.min, raw.max) if hasattr(raw, "min") else (raw, raw)
        total.lo, total.hi, total.reported = total.lo + lo, total.hi + hi, total.reported + 1
        total.at_least = total.at_least or getattr(record, "qualifier", "") == "at-least"
    return total


class RecordColumns:
    """One build's lookups of record field values, made once per dataset and field.

    Hundreds of charts filter the same dataset; reading every record's field
    for every chart was most of the chart phase on a large site.
    """

    def __init__(self, catalog):
        self.catalog = catalog
        self._values: dict = {}
        self._ordered: dict = {}

    def values(self, dataset, name):
        """Each record's raw value of field ``name``, in the dataset's order."""
        key = (dataset.id, name)
        if key not in self._values:
            get = fields_for(dataset.kind)[name].get
            self._values[key] = [get(record, self.catalog) for record in dataset.records]
        return self._values[key]

    def between(self, dataset, name, low, high):
        """Positions of the records whose ``name`` lies in [low, high] (None: open)."""
        key = (dataset.id, name)
        if key not in self._ordered:
            pairs = sorted((v, i) for i, v in enumerate(self.values(dataset, name)) if v is not None)
            self._ordered[key] = ([v for v, _ in pairs], [i for _, i in pairs])
        ordered, positions = self._ordered[key]
        start = 0 if low is None else bisect.bisect_left(ordered, low)
        end = len(ordered) if high is None else bisect.bisect_right(ordered, high)
        return positions[start:end]


def _is_range(field, condition):
    return isinstance(condition, dict) and "within" not in condition and field.type in ("date", "number")


def select(spec, dataset, catalog, columns=None):
    """The dataset's records that pass every filter, in date order."""
    known = fields_for(dataset.kind)
    columns = columns or RecordColumns(catalog)
    positions = None
    # Ranges first: a sorted column answers them without reading every record.
    conditions = sorted(spec.filter.items(), key=lambda c: not _is_range(known[c[0]], c[1]))
    for name, condition in conditions:
        field = known[name]
        if _is_range(field, condition):
            low, high = condition.get("from"), condition.get("to")
            if field.type == "date":
                low, high = (parse_day(v) if v is not None else None for v in (low, high))
            found = columns.between(dataset, name, low, high)
            positions = sorted(found) if positions is None else sorted(set(found) & set(positions))
            continue
        values = columns.values(dataset, name)
        candidates = range(len(values)) if positions is None else positions
        positions = [i for i in candidates if matches(field, values[i], condition, catalog)]
    chosen = dataset.records if positions is None else [dataset.records[i] for i in positions]
    return sorted(chosen, key=lambda r: (r.sort_date, r.id))


def group(records, key):
    groups: dict = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def tip(title, *pairs):
    """A tooltip in the reader's words: a heading and (key, text) lines, empty ones left out.
    vega-tooltip shows 'title' as the heading and the rest as a two-column table."""
    return {"title": title, **{key: text for key, text in pairs if key and text}}


def amount_row(fmt, a, records, **extra):
    label = fmt.amount(a)
    return {
        **extra,
        "lo": a.lo,
        "hi": a.hi,
        "label": label,
        "text": label,
        "reported": bool(a.reported),
        "source": fmt.sources(records),
        "records": ", ".join(r.id for r in records),
    }


def distinct_sources(records):
    seen: dict[Any, Any] = {}
    for record in records:
        for source in record.sources:
            seen.setdefault((source.publisher, source.title, source.url), source)
    return list(seen.values())
