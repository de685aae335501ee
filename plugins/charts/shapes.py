"""Group a dataset's records the way each chart type needs.

:func:`chart_data` filters the records by the spec and returns
:class:`~charts.data.ChartData`: the rows handed to Vega-Lite, the accessible
table (the same figures as words), the sources and the notes the chart must
carry (ranges, dates that are approximate, places drawn at a parent).
"""

from __future__ import annotations

from . import geo
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
    tip,
)
from .fields import RECORDS, fields_for, measure_label
from .words import COUNTRIES, bidi

RANGE_NOTES = {"line": "note_range_line", "map": "note_range_map"}


def _range_note(spec, rows, fmt):
    if any(row["lo"] != row["hi"] for row in rows if "lo" in row):
        return fmt.word(RANGE_NOTES.get(spec.type, "note_range_bar"))
    return None


# Row texts the chart writes into its SVG (marked for right-to-left reading, words.bidi).
DRAWN_TEXTS = ("category", "text", "label", "lane", "series", "measure", "unit", "place", "day")


def vega_locale(fmt):
    """Vega's number and time-format locale for the chart's language (month names on
    time axes, separators on value axes), from Babel; None for English (Vega's own)."""
    if fmt.locale.split("_")[0] == "en":
        return None
    from babel import Locale

    from articles.filters import DIGITS

    locale = Locale.parse(fmt.locale)
    sample = fmt.number(1234567.5)
    group, decimal = sample[1], sample[-2]
    months = locale.months["format"]
    days = locale.days["format"]
    number = {"decimal": decimal, "thousands": group, "grouping": [3], "currency": ["", ""]}
    if fmt.digits != "latn":
        number["numerals"] = list(DIGITS[fmt.digits])
    return {
        "number": number,
        "time": {
            "dateTime": "%x %X",
            "date": "%-d/%-m/%Y",
            "time": "%H:%M:%S",
            "periods": [locale.periods["am"], locale.periods["pm"]],
            "days": [days["wide"][(i + 6) % 7] for i in range(7)],
            "shortDays": [days["abbreviated"][(i + 6) % 7] for i in range(7)],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }


def _one_value(spec, data):
    """A line or area with a single reported figure is no line: draw it as a big number."""
    if spec.type not in ("line", "area"):
        return False
    reported = [row for row in data.rows if row["reported"]]
    return len(reported) == 1 and len({row["series"] for row in data.rows}) == 1


def chart_data(
    spec, dataset, catalog, locale="en_GB", records=None, basemap=None, direction=None
) -> ChartData:
    """Filter, group and format a dataset's records for one chart spec.

    ``locale``: a Babel locale, or the language's datasets.filters.DataText (words,
    names and figures in that language); ``direction``: the page's ("rtl" mirrors).
    ``records``: the spec's records if already selected (:func:`~charts.data.select`).
    """
    fmt = Formatter(catalog, locale, direction)
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
        direction=fmt.direction,
        words=fmt.words,
        vega_locale=vega_locale(fmt),
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
    if builder is _places:
        _places(spec, dataset, catalog, fmt, data, basemap)
    else:
        builder(spec, dataset, catalog, fmt, data)
    if _one_value(spec, data):
        one = next(row for row in data.rows if row["reported"])
        drawn = spec.model_copy(update={"type": "big-number", "aggregate": "latest"})
        ids = set(one["records"].split(", "))
        used = [r for r in records if r.id in ids]
        data = ChartData(
            [],
            [],
            [],
            used,
            data.sources,
            domain=data.domain,
            drawn_as="big-number",
            direction=data.direction,
            words=data.words,
            vega_locale=data.vega_locale,
        )
        _big_number(drawn, dataset, catalog, fmt, data)
        data.notes.append(fmt.word("note_one_value"))
        spec = drawn
    note = _range_note(spec, data.rows, fmt)
    if note:
        data.notes.append(note)
    if data.direction == "rtl":
        data.rows = [
            {key: bidi(value, "rtl") if key in DRAWN_TEXTS else value for key, value in row.items()}
            for row in data.rows
        ]
        data.references = [{**ref, "place": bidi(ref["place"], "rtl")} for ref in data.references]
    return data


def _measures(spec, kind, fmt):
    if spec.value_title and len(spec.value) == 1:
        return [(spec.value[0], spec.value_title)]
    return [(name, fmt.label(measure_label(kind, name))) for name in spec.value]


def _figures_tip(fmt, name, a, members):
    """The tooltip's figure: '15 (Syrian Civil Defense)', then what each source said."""
    by_source = fmt.reports(members, name) if name in ("killed", "injured") else ""
    return fmt.amount(a, fmt.documented(members)), by_source


def _bars(spec, dataset, catalog, fmt, data):
    known = fields_for(dataset.kind)
    cat_fields = [known[name] for name in spec.category]

    def category(record):
        return tuple(f.get(record, catalog) for f in cat_fields)

    series_field = known.get(spec.series) if spec.series else None
    groups = group(
        data.records, lambda r: (category(r), series_field.get(r, catalog) if series_field else None)
    )
    measures = _measures(spec, dataset.kind, fmt)
    for (key, series_raw), members in groups.items():
        first = members[0]
        label = " · ".join(
            fmt.value(f, raw, first) for f, raw in zip(cat_fields, key, strict=True)
        ) or fmt.word("none")
        for name, measure_name in measures:
            a = measure(members, name, dataset.kind, spec.aggregate)
            series = (
                fmt.value(series_field, series_raw, first)
                if series_field
                else measure_name
                if len(measures) > 1
                else ""
            )
            row = amount_row(
                fmt, a, members, category=label, series=series, sortkey=key, measure=measure_name
            )
            if series and not a.reported:
                row["text"] = f"{series}: {fmt.word('not_reported')}"
            figure, by_source = _figures_tip(fmt, name, a, members)
            row["tip"] = tip(
                label,
                (series if series_field else measure_name, figure),
                (fmt.word("by_source"), by_source),
                (fmt.word("source"), fmt.publishers(members)),
            )
            data.rows.append(row)
    if spec.type == "stacked-bar" and any(r["lo"] != r["hi"] for r in data.rows):
        raise ChartDataError("type", "a stacked bar cannot show min-max ranges honestly; use grouped-bar")
    _order_categories(spec, data.rows)
    title = " · ".join(fmt.label(f.label) for f in cat_fields)
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
        [("category", title)]
        + [(f"c{i}", c) for i, c in enumerate(columns)]
        + [("source", fmt.word("source"))]
    )
    index = {c: f"c{i}" for i, c in enumerate(columns)}
    table: dict = {}
    for row in data.rows:
        line = table.setdefault(row["category"], {"category": row["category"], "source": ""})
        line[index[col_of(row)]] = row["label"]
        if row["source"] and row["source"] not in line["source"]:
            line["source"] = fmt.semicolon.join(filter(None, [line["source"], row["source"]]))
    data.table = list(table.values())


def _series(spec, dataset, catalog, fmt, data):
    known = fields_for(dataset.kind)
    time_field, series_field = known[spec.time], known.get(spec.series or "")
    groups = group(
        [r for r in data.records if time_field.get(r, catalog) is not None],
        lambda r: (time_field.get(r, catalog), series_field.get(r, catalog) if series_field else None),
    )
    measures = _measures(spec, dataset.kind, fmt)
    for (day, series_raw), members in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        for name, measure_name in measures:
            a = measure(members, name, dataset.kind, spec.aggregate)
            figure, by_source = _figures_tip(fmt, name, a, members)
            series = (
                fmt.value(series_field, series_raw, members[0])
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
                    tip=tip(
                        fmt.date(day),
                        (series, figure),
                        (fmt.word("by_source"), by_source),
                        (fmt.word("source"), fmt.publishers(members)),
                    ),
                )
            )
    unreported = [r for r in data.rows if not r["reported"]]
    if unreported:
        days = fmt.semicolon.join(
            f"{r['day']}" + (f" ({r['series']})" if series_field or len(measures) > 1 else "")
            for r in unreported
        )
        data.notes.append(fmt.word("note_unreported", days=days))
    if spec.type == "area" and any(r["lo"] != r["hi"] for r in data.rows):
        raise ChartDataError("type", "a stacked area cannot show min-max ranges honestly; use line")
    data.columns = [
        ("day", fmt.label(time_field.label)),
        ("series", fmt.word("series")),
        ("label", fmt.word("figure")),
        ("source", fmt.word("source")),
    ]
    if not series_field and len(measures) == 1:
        data.columns[1:3] = [("label", measures[0][1])]
    data.table = [dict(row) for row in data.rows]


def _position(day, dataset):
    """Where a day lies in the dataset's period, from 0 (first day) to 1 (last)."""
    span = (dataset.period_to - dataset.period_from).days or 1
    return (day - dataset.period_from).days / span


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
        lane = fmt.value(lane_field, lane_field.get(record, catalog), record) or fmt.word("none")
        label = fmt.value(label_field, label_field.get(record, catalog), record) if label_field else ""
        dating = fmt.word("date_derived") if derived else fmt.word("date_as_reported")
        note = (getattr(record, "date_note", None) and fmt.localized(record, "date_note")) or ""
        data.rows.append(
            {
                "date": day.isoformat(),
                "day": fmt.date(day),
                "lane": lane,
                "label": label,
                "dating": dating,
                "reported_date": not derived,
                "anchor": _anchor(day, dataset),
                "position": _position(day, dataset),
                "note": note,
                "source": fmt.sources([record]),
                "records": record.id,
                "tip": tip(
                    lane,
                    (fmt.word("event"), label),
                    (fmt.word("date"), f"{fmt.date(day)} ({dating})" if derived else fmt.date(day)),
                    (fmt.word("date_note"), note),
                    (fmt.word("source"), fmt.sources([record])),
                ),
            }
        )
    data.columns = [("day", fmt.label(time_field.label)), ("lane", fmt.label(lane_field.label))]
    if label_field:
        data.columns.append(("label", fmt.label(label_field.label)))
    data.columns += [("dating", fmt.word("dating")), ("source", fmt.word("source"))]
    data.table = [dict(row) for row in data.rows]
    if any(not row["reported_date"] for row in data.rows):
        data.notes.append(fmt.word("note_hollow"))


def _located(place_id, catalog):
    """The place itself if it has coordinates, else its nearest ancestor that has."""
    chain = [catalog.places.get(place_id)] + catalog.ancestors(place_id)
    for place in chain:
        if place is not None and place.lat is not None:
            return place
    return None


def _places(spec, dataset, catalog, fmt, data, basemap=None):
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
    label = fmt.label(measure_label(dataset.kind, size))
    for place_id, members in by_point.items():
        place = catalog.places[place_id]
        name = fmt.place_name(place)
        a = measure(members, size, dataset.kind, spec.aggregate)
        row = amount_row(
            fmt,
            a,
            members,
            place=name,
            lat=place.lat,
            lon=place.lon,
            count=len(members),
            measure=label,
        )
        figure = fmt.amount(Amount(a.lo, a.hi, a.reported, 0, a.at_least))
        row["text"] = f"{name}: {figure}"
        figures, by_source = _figures_tip(fmt, size, a, members)
        row["tip"] = tip(
            name,
            (label, figures),
            (fmt.word("by_source"), by_source),
            (fmt.word("source"), fmt.publishers(members)),
        )
        data.rows.append(row)
    if not data.rows:
        raise ChartDataError(
            "dataset", "no record has a place with coordinates; expected lat and lon in the gazetteer"
        )
    for place_id, point in moved.items():
        data.notes.append(fmt.word("note_moved", place=fmt.place(place_id), shown=fmt.place_name(point)))
    if unplaced:
        data.notes.append(fmt.word("note_unplaced", ids=fmt.comma.join(r.id for r in unplaced)))
    data.rows.sort(key=lambda r: (-r["hi"], r["place"]))
    data.columns = [("place", fmt.word("place")), ("label", label), ("source", fmt.word("source"))]
    data.table = [dict(row) for row in data.rows]
    shown = {row["place"] for row in data.rows}
    data.references = [
        {"place": fmt.place_name(p), "lat": p.lat, "lon": p.lon}
        for p in (catalog.places[i] for i in spec.reference_places)
        if p.lat is not None and fmt.place_name(p) not in shown
    ]
    try:
        countries, governorates = geo.load(str(basemap or geo.BASEMAP_PATH))
    except geo.BasemapMissing as error:
        raise ChartDataError("type", str(error)) from None
    points = [(p["lon"], p["lat"]) for p in data.rows + data.references]
    data.box = geo.area(points, governorates)
    wider = _grown(data.box, 0.6)  # the wide rendering shows more around the area
    named = [p for p in catalog.places.values() if p.kind == "governorate" and p.lat is not None]
    shapes = []
    for feature in geo.overlapping(governorates, wider):
        shape = geo.plain(feature)
        # The gazetteer's name of the governorate (Natural Earth spells some otherwise).
        for place in named:
            if geo.contains(feature, place.lon, place.lat):
                shape = {**shape, "properties": {**shape["properties"], "label": fmt.place_name(place)}}
        shapes.append(shape)
    data.basemap = {
        "countries": [_country(geo.plain(f), fmt) for f in geo.overlapping(countries, wider)],
        "governorates": shapes,
    }
    if fmt.direction == "rtl":
        for shape in data.basemap["countries"] + shapes:
            props = shape["properties"]
            props["label"] = bidi(props.get("label") or props["name"], "rtl")
    data.notes.append(fmt.word("note_map_basemap"))


def _country(feature, fmt):
    """A basemap country with its name in the chart's language ('label'); English keeps
    Natural Earth's name."""
    name = feature["properties"]["name"]
    if name not in COUNTRIES or fmt.text.code == "en":
        return feature
    return {**feature, "properties": {**feature["properties"], "label": fmt.label(COUNTRIES[name])}}


def _grown(box, share):
    w, s, e, n = box
    dx, dy = (e - w) * share, (n - s) * share
    return (w - dx, s - dy, e + dx, n + dy)


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
            measure=fmt.label(measure_label(dataset.kind, name)),
            unit=spec.unit or fmt.label(measure_label(dataset.kind, name)).lower(),
            day=fmt.date(max(r.sort_date for r in used)),
        )
    )
    data.columns = [
        ("measure", fmt.word("figure")),
        ("label", fmt.word("value")),
        ("day", fmt.word("as_of")),
        ("source", fmt.word("source")),
    ]
    data.table = [dict(row) for row in data.rows]


def _plain(spec, dataset, catalog, fmt, data):
    """Custom charts: the table lists every record with its non-empty fields."""
    known = fields_for(dataset.kind)
    used = [
        f
        for f in known.values()
        if f.name != "notes" and any(f.get(r, catalog) not in (None, (), "") for r in data.records)
    ]
    data.columns = [(f.name, fmt.label(f.label)) for f in used] + [("source", fmt.word("source"))]
    for record in data.records:
        line = {f.name: fmt.value(f, f.get(record, catalog), record) for f in used}
        line["source"] = fmt.sources([record])
        data.table.append(line)
    data.rows = [dict(line) for line in data.table]
