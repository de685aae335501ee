"""Group a dataset's records the way each chart type needs.

:func:`chart_data` filters the records by the spec and returns
:class:`~charts.data.ChartData`: the rows handed to Vega-Lite, the accessible
table (the same figures as words), the sources and the notes the chart must
carry (ranges, dates that are approximate, places drawn at a parent).
"""

from __future__ import annotations

from .data import (
    Amount,
    ChartData,
    ChartDataError,
    Formatter,
    amount_row,
    distinct_sources,
    group,
    measure,
    select,
)
from .fields import RECORDS, fields_for, measure_label

RANGE_NOTES = {
    "line": "Where reports differ, a vertical bar (and a shaded band between dates) runs "
    "from the lowest reported figure to the highest.",
    "map": "Where reports differ, the filled circle shows the lowest reported figure and "
    "the dashed ring the highest.",
}
BAR_RANGE_NOTE = (
    "Where reports differ, the solid part shows the lowest reported figure and "
    "the lighter part runs to the highest."
)


def _range_note(spec, rows):
    if any(row["lo"] != row["hi"] for row in rows if "lo" in row):
        return RANGE_NOTES.get(spec.type, BAR_RANGE_NOTE)
    return None


def chart_data(spec, dataset, catalog, locale="en_GB", records=None) -> ChartData:
    """Filter, group and format a dataset's records for one chart spec.

    ``records``: the spec's records if already selected (:func:`~charts.data.select`).
    """
    fmt = Formatter(catalog, locale)
    records = select(spec, dataset, catalog) if records is None else records
    if not records:
        where = "the filter" if spec.filter else "the dataset"
        raise ChartDataError(
            "filter" if spec.filter else "dataset",
            f"no records to chart: {where} leaves none in '{dataset.id}'; expected at least one",
        )
    data = ChartData(
        [],
        [],
        [],
        records,
        distinct_sources(records),
        domain=(dataset.period_from.isoformat(), dataset.period_to.isoformat()),
    )
    builder = {
        "bar": _bars,
        "grouped-bar": _bars,
        "stacked-bar": _bars,
        "line": _series,
        "area": _series,
        "timeline": _timeline,
        "map": _places,
        "big-number": _big_number,
    }.get(spec.type, _plain)
    builder(spec, dataset, catalog, fmt, data)
    note = _range_note(spec, data.rows)
    if note:
        data.notes.append(note)
    return data


def _measures(spec, kind):
    if spec.value_title and len(spec.value) == 1:
        return [(spec.value[0], spec.value_title)]
    return [(name, measure_label(kind, name)) for name in spec.value]


def _bars(spec, dataset, catalog, fmt, data):
    known = fields_for(dataset.kind)
    cat_fields = [known[name] for name in spec.category]

    def category(record):
        return tuple(f.get(record, catalog) for f in cat_fields)

    series_field = known.get(spec.series) if spec.series else None
    groups = group(
        data.records, lambda r: (category(r), series_field.get(r, catalog) if series_field else None)
    )
    measures = _measures(spec, dataset.kind)
    for (key, series_raw), members in groups.items():
        label = " · ".join(fmt.value(f, raw) for f, raw in zip(cat_fields, key, strict=True)) or "(none)"
        for name, measure_name in measures:
            a = measure(members, name, dataset.kind, spec.aggregate)
            series = (
                fmt.value(series_field, series_raw)
                if series_field
                else measure_name
                if len(measures) > 1
                else ""
            )
            row = amount_row(
                fmt, a, members, category=label, series=series, sortkey=key, measure=measure_name
            )
            if series and not a.reported:
                row["text"] = f"{series}: not reported"
            data.rows.append(row)
    if spec.type == "stacked-bar" and any(r["lo"] != r["hi"] for r in data.rows):
        raise ChartDataError("type", "a stacked bar cannot show min-max ranges honestly; use grouped-bar")
    _order_categories(spec, data.rows)
    title = " · ".join(f.label for f in cat_fields)
    _pivot_table(
        data,
        title,
        measures if len(measures) > 1 else ([(None, measures[0][1])] if not series_field else None),
        fmt,
    )


def _order_categories(spec, rows):
    """Give every row an 'order' (position of its category on the axis)."""
    highest: dict = {}
    keys: dict = {}
    for row in rows:
        highest[row["category"]] = max(highest.get(row["category"], -1), row["hi"])
        keys.setdefault(row["category"], row.pop("sortkey"))
    cats = list(highest)
    if spec.sort == "value":
        cats.sort(key=lambda c: -highest[c])
    elif spec.sort == "category":
        cats.sort(key=lambda c: tuple("" if v is None else str(v) for v in keys[c]))
    position = {c: i for i, c in enumerate(cats)}
    for row in rows:
        row["order"] = position[row["category"]]
    rows.sort(key=lambda r: r["order"])


def _pivot_table(data, title, measures, fmt):
    """One table row per category; one column per measure or series."""
    if measures is None:  # a series field: one column per series
        columns = list(dict.fromkeys(row["series"] for row in data.rows))
        col_of = lambda row: row["series"]  # noqa: E731
    else:
        columns = [label for _, label in measures]
        col_of = lambda row: row["measure"]  # noqa: E731
    data.columns = (
        [("category", title)] + [(f"c{i}", c) for i, c in enumerate(columns)] + [("source", "Source")]
    )
    index = {c: f"c{i}" for i, c in enumerate(columns)}
    table: dict = {}
    for row in data.rows:
        line = table.setdefault(row["category"], {"category": row["category"], "source": ""})
        line[index[col_of(row)]] = row["label"]
        if row["source"] and row["source"] not in line["source"]:
            line["source"] = "; ".join(filter(None, [line["source"], row["source"]]))
    data.table = list(table.values())


def _series(spec, dataset, catalog, fmt, data):
    known = fields_for(dataset.kind)
    time_field, series_field = known[spec.time], known.get(spec.series or "")
    groups = group(
        [r for r in data.records if time_field.get(r, catalog) is not None],
        lambda r: (time_field.get(r, catalog), series_field.get(r, catalog) if series_field else None),
    )
    measures = _measures(spec, dataset.kind)
    for (day, series_raw), members in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        for name, measure_name in measures:
            a = measure(members, name, dataset.kind, spec.aggregate)
            series = (
                fmt.value(series_field, series_raw)
                if series_field
                else measure_name
                if len(measures) > 1
                else measure_name
            )
            data.rows.append(
                amount_row(
                    fmt,
                    a,
                    members,
                    date=day.isoformat(),
                    day=fmt.date(day),
                    series=series,
                    measure=spec.value_title or measure_name,
                    anchor=_anchor(day, dataset),
                )
            )
    unreported = [r for r in data.rows if not r["reported"]]
    if unreported:
        data.notes.append(
            "No figure was reported for "
            + "; ".join(
                f"{r['day']}" + (f" ({r['series']})" if series_field or len(measures) > 1 else "")
                for r in unreported
            )
            + "; the line skips it."
        )
    if spec.type == "area" and any(r["lo"] != r["hi"] for r in data.rows):
        raise ChartDataError("type", "a stacked area cannot show min-max ranges honestly; use line")
    data.columns = [
        ("day", time_field.label),
        ("series", "Series"),
        ("label", "Figure"),
        ("source", "Source"),
    ]
    if not series_field and len(measures) == 1:
        data.columns[1:3] = [("label", measures[0][1])]
    data.table = [dict(row) for row in data.rows]


def _anchor(day, dataset):
    """'right' for a day in the later half of the period: its label goes to the left."""
    middle = dataset.period_from + (dataset.period_to - dataset.period_from) / 2
    return "right" if day > middle else "left"


def _timeline(spec, dataset, catalog, fmt, data):
    known = fields_for(dataset.kind)
    time_field, lane_field = known[spec.time], known[spec.lane]
    label_field = known.get(spec.label or "")
    for record in data.records:
        day = time_field.get(record, catalog)
        if day is None:
            continue
        derived = (
            bool(getattr(record, "date_derived", False)) or getattr(record, "date_precision", "day") != "day"
        )
        data.rows.append(
            {
                "date": day.isoformat(),
                "day": fmt.date(day),
                "lane": fmt.value(lane_field, lane_field.get(record, catalog)) or "(none)",
                "label": fmt.value(label_field, label_field.get(record, catalog)) if label_field else "",
                "dating": "approximate or derived date" if derived else "date as reported",
                "anchor": _anchor(day, dataset),
                "note": getattr(record, "date_note", None) or "",
                "source": fmt.sources([record]),
                "records": record.id,
            }
        )
    data.columns = [("day", time_field.label), ("lane", lane_field.label)]
    if label_field:
        data.columns.append(("label", label_field.label))
    data.columns += [("dating", "Dating"), ("source", "Source")]
    data.table = [dict(row) for row in data.rows]
    if any(row["dating"] != "date as reported" for row in data.rows):
        data.notes.append(
            "Hollow markers: the date is approximate or was worked out from "
            "the report (for example from a weekday); see the data."
        )


def _located(place_id, catalog):
    """The place itself if it has coordinates, else its nearest ancestor that has."""
    chain = [catalog.places.get(place_id)] + catalog.ancestors(place_id)
    for place in chain:
        if place is not None and place.lat is not None:
            return place
    return None


def _places(spec, dataset, catalog, fmt, data):
    size = spec.size or RECORDS
    by_point: dict = {}
    unplaced, moved = [], {}
    for record in data.records:
        for place_id in record.place_ids or ("",):
            point = _located(place_id, catalog) if place_id else None
            if point is None:
                unplaced.append(record)
                continue
            if point.id != place_id:
                moved[place_id] = point
            by_point.setdefault(point.id, []).append(record)
    for place_id, members in by_point.items():
        place = catalog.places[place_id]
        a = measure(members, size, dataset.kind, spec.aggregate)
        count = len(members)
        row = amount_row(
            fmt,
            a,
            members,
            place=place.name_en,
            lat=place.lat,
            lon=place.lon,
            count=count,
            measure=measure_label(dataset.kind, size),
        )
        figure = fmt.amount(Amount(a.lo, a.hi, a.reported, 0, a.at_least))
        row["text"] = f"{place.name_en}: {figure}" + (f" {row['measure'].lower()}" if a.reported else "")
        if a.missing and a.reported:
            row["text"] += f" ({a.missing} without a figure)"
        data.rows.append(row)
    if not data.rows:
        raise ChartDataError(
            "dataset", "no record has a place with coordinates; expected lat and lon in the gazetteer"
        )
    for place_id, point in moved.items():
        data.notes.append(
            f"{fmt.place(place_id)} has no recorded coordinates and is shown at {point.name_en}."
        )
    if unplaced:
        data.notes.append(
            f"Not on the map (no coordinates): {', '.join(r.id for r in unplaced)}; see the data."
        )
    data.rows.sort(key=lambda r: (-r["hi"], r["place"]))
    middle = (min(r["lon"] for r in data.rows) + max(r["lon"] for r in data.rows)) / 2
    for row in data.rows:  # labels run towards the middle of the map
        row["anchor"] = "right" if row["lon"] > middle + 0.01 else "left"
    data.columns = [("place", "Place"), ("label", measure_label(dataset.kind, size)), ("source", "Source")]
    data.table = [dict(row) for row in data.rows]
    shown = {row["place"] for row in data.rows}
    data.references = [
        {"place": p.name_en, "lat": p.lat, "lon": p.lon}
        for p in (catalog.places[i] for i in spec.reference_places)
        if p.lat is not None and p.name_en not in shown
    ]


def _big_number(spec, dataset, catalog, fmt, data):
    name = spec.value[0]
    a = measure(data.records, name, dataset.kind, spec.aggregate)
    used = data.records
    if spec.aggregate == "latest":
        latest = max(r.sort_date for r in used)
        used = [r for r in used if r.sort_date == latest]
    data.rows.append(
        amount_row(
            fmt,
            a,
            used,
            measure=measure_label(dataset.kind, name),
            unit=spec.unit or measure_label(dataset.kind, name).lower(),
            day=fmt.date(max(r.sort_date for r in used)),
        )
    )
    data.columns = [("measure", "Figure"), ("label", "Value"), ("day", "As of"), ("source", "Source")]
    data.table = [dict(row) for row in data.rows]


def _plain(spec, dataset, catalog, fmt, data):
    """Custom charts: the table lists every record with its non-empty fields."""
    known = fields_for(dataset.kind)
    used = [
        f
        for f in known.values()
        if f.name != "notes" and any(f.get(r, catalog) not in (None, (), "") for r in data.records)
    ]
    data.columns = [(f.name, f.label) for f in used] + [("source", "Source")]
    for record in data.records:
        line = {f.name: fmt.value(f, f.get(record, catalog)) for f in used}
        line["source"] = fmt.sources([record])
        data.table.append(line)
    data.rows = [dict(line) for line in data.table]
