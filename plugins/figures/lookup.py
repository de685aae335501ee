"""Find what a shortcode names in the datasets catalog.

A ``{figure:}`` names one record and one of its figure fields; a ``{total:}``
names a dataset, a field and filters, and is added up exactly as the dataset
page adds its totals (datasets.views.range_sum: ranges summed as ranges, records
without a figure counted and said). Cumulative displacement counts and published
counts are never added up, as on the dataset pages.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass

from datasets.model import Catalog, Count, Range
from datasets.views import range_sum

RECORDS = "records"  # {total: <dataset> records ...}: how many records match
NOT_ADDED = {
    "displacement": "displacement counts are cumulative and are never added up; "
    "use {figure: <record-id> <field>} for one count",
    "counts": "published counts cover different periods and are never added up; "
    "use {figure: <record-id> count} for one count",
}


@dataclass(frozen=True)
class Found:
    """A figure ready to format: its value and the page that shows where it comes from."""

    value: Range | int
    url: str  # site-relative address of the record, place or dataset page
    at_least: bool = False  # the source published it as "no less than"
    missing: int = 0  # records of a total that give no figure
    records: tuple = ()  # the records it comes from


def figure_fields(record_type) -> list[str]:
    """Names of the fields of a record type that hold a figure (int or Range)."""
    names = []
    for name, info in record_type.model_fields.items():
        kinds, queue = set(), [info.annotation]
        while queue:
            kind = queue.pop()
            args = typing.get_args(kind)
            if typing.get_origin(kind) is typing.Annotated:
                queue.append(args[0])
            elif args:
                queue.extend(args)
            else:
                kinds.add(kind)
        if (Range in kinds or int in kinds) and bool not in kinds:
            names.append(name)
    return names


def _choices(names):
    return ", ".join(sorted(names)) or "(none: this kind of record holds no figure)"


def find_figure(catalog: Catalog, shortcode):
    """(Found, None) or (None, problem) for a {figure: record field}."""
    found = catalog.record(shortcode.target)
    if found is None:
        return None, f"figure: unknown record '{shortcode.target}'"
    dataset, record = found
    fields = figure_fields(type(record))
    if shortcode.field not in fields:
        return None, (
            f"figure: record '{record.id}' ({dataset.id}): field '{shortcode.field}': "
            f"expected one of {_choices(fields)}"
        )
    value = getattr(record, shortcode.field)
    if value is None:
        where = record.origin.file if record.origin else dataset.id
        return None, (
            f"figure: record '{record.id}': field '{shortcode.field}': {where} gives no figure "
            "(not reported); a story cannot quote a figure the data does not have"
        )
    at_least = isinstance(record, Count) and record.qualifier == "at-least"
    return Found(value, dataset.record_url(record), at_least, 0, (record,)), None


def _matches(catalog, record, name, wanted):
    """Whether a record passes one filter; None when the record has no such field."""
    if name == "place":
        places = record.place_ids
        return any(p == wanted or wanted in {a.id for a in catalog.ancestors(p)} for p in places)
    if not hasattr(record, name):
        return None
    value = getattr(record, name)
    if isinstance(value, dt.date):
        return value.isoformat().startswith(wanted)  # 2019, 2019-03 or 2019-03-13
    if isinstance(value, (tuple, list)):
        return wanted in value
    if isinstance(value, bool):
        return str(value).lower() == wanted.lower()
    return value is not None and str(value) == wanted


def find_total(catalog: Catalog, shortcode):
    """(Found, None) or (None, problem) for a {total: dataset field filters}."""
    dataset = catalog.datasets.get(shortcode.target)
    if dataset is None:
        return None, (
            f"total: unknown dataset '{shortcode.target}'; expected one of {_choices(catalog.datasets)}"
        )
    from datasets.model import RECORD_TYPES

    record_type = RECORD_TYPES[dataset.kind]
    fields = figure_fields(record_type)
    if shortcode.field != RECORDS and shortcode.field not in fields:
        return None, (
            f"total: dataset '{dataset.id}': field '{shortcode.field}': "
            f"expected {RECORDS} or one of {_choices(fields)}"
        )
    if shortcode.field != RECORDS and dataset.kind in NOT_ADDED:
        return None, f"total: dataset '{dataset.id}': {NOT_ADDED[dataset.kind]}"
    filterable = set(record_type.model_fields) - {"origin", "sources", "notes", "articles"}
    records = list(dataset.records)
    for name, wanted in shortcode.filters:
        if name not in filterable:
            return None, (
                f"total: dataset '{dataset.id}': filter '{name}': expected one of {_choices(filterable)}"
            )
        if name in ("place", "places", "from_places") and wanted not in catalog.places:
            return None, f"total: filter '{name}': unknown place '{wanted}'"
        records = [r for r in records if _matches(catalog, r, name, wanted)]
    if not records:
        shown = " ".join(f"{k}={v}" for k, v in shortcode.filters)
        return None, f"total: dataset '{dataset.id}': no record matches {shown or 'the filters'}"
    url = _total_url(catalog, dataset, shortcode.filters)
    if shortcode.field == RECORDS:
        return Found(len(records), url, records=tuple(records)), None
    total, missing = range_sum([getattr(r, shortcode.field) for r in records])
    if total is None:
        return None, (
            f"total: dataset '{dataset.id}': field '{shortcode.field}': none of the "
            f"{len(records)} matching records gives a figure"
        )
    return Found(total, url, False, missing, tuple(records)), None


def _total_url(catalog, dataset, filters):
    """The page that lists the records of a total: the place's page for a place filter alone."""
    names = [k for k, _ in filters]
    if names == ["place"]:
        return catalog.places[filters[0][1]].url
    return dataset.url


def find(catalog: Catalog, shortcode):
    """(Found, None) or (None, problem) for any figure shortcode."""
    if shortcode.kind == "figure":
        return find_figure(catalog, shortcode)
    return find_total(catalog, shortcode)
