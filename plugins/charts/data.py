"""The pieces every chart's data is made of: reported amounts, formatting, filters.

Reported figures keep their min-max range all the way (:class:`Amount`); a figure
a source did not give stays "not reported", never zero. shapes.py groups the
records the way each chart type needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from babel.dates import format_date
from babel.numbers import format_decimal

from .fields import RECORDS, fields_for
from .spec import matches


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


class Formatter:
    """Numbers, dates and values as readers see them (Babel, site locale)."""

    def __init__(self, catalog, locale="en_GB"):
        self.catalog, self.locale = catalog, locale

    def number(self, value):
        return format_decimal(value, locale=self.locale)

    def date(self, value):
        return format_date(value, format="d MMM y", locale=self.locale)

    def place(self, place_id):
        place = self.catalog.places.get(place_id)
        return place.name_en if place else place_id

    def amount(self, a: Amount):
        if not a.reported:
            return "not reported"
        text = self.number(a.lo) if a.exact else f"{self.number(a.lo)}–{self.number(a.hi)}"
        if a.at_least:
            text = f"at least {text}"
        if a.missing:
            text += f" ({a.missing} without a figure)"
        return text

    def value(self, field, raw):
        if raw is None or raw == ():
            return ""
        if field.type == "date":
            return self.date(raw)
        if field.type == "place":
            return self.place(raw)
        if field.type == "places":
            return ", ".join(self.place(p) for p in raw)
        if field.type == "flag":
            return "yes" if raw else "no"
        if field.type == "number":
            return self.number(raw)
        if field.type == "range":
            return self.amount(Amount(raw.min, raw.max, 1))
        return str(field.words(raw))

    def sources(self, records):
        """'Enab Baladi, 17 Mar 2019 (documented by Syrian Civil Defense)' per record group."""
        parts = []
        for record in records:
            for source in record.sources:
                text = source.publisher + (f", {self.date(source.published)}"
                                           if source.published else "")
                documented = getattr(record, "documented_by", None)
                if documented:
                    text += f" (documented by {documented})"
                if text not in parts:
                    parts.append(text)
        return "; ".join(parts)


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


def select(spec, dataset, catalog):
    """The dataset's records that pass every filter, in date order."""
    known = fields_for(dataset.kind)
    chosen = [r for r in dataset.records
              if all(matches(known[name], known[name].get(r, catalog), condition, catalog)
                     for name, condition in spec.filter.items())]
    return sorted(chosen, key=lambda r: (r.sort_date, r.id))


def group(records, key):
    groups: dict = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def amount_row(fmt, a, records, **extra):
    label = fmt.amount(a)
    return {**extra, "lo": a.lo, "hi": a.hi, "label": label, "text": label,
            "reported": bool(a.reported), "source": fmt.sources(records),
            "records": ", ".join(r.id for r in records)}


def distinct_sources(records):
    seen = {}
    for record in records:
        for source in record.sources:
            seen.setdefault((source.publisher, source.title, source.url), source)
    return list(seen.values())
