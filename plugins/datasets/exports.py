"""CSV (with an HXL hashtag row) and JSON downloads of a dataset, and their inverse.

The CSV has one row per record and passes libhxl's validation (tests/quality/
test_standards_hxl.py). A list (several sources, places, articles, actors or
per-source reports: one column per attribute) is joined
with "|" inside its cell, the separator HXL tools split on (hxlexpand), with no
space around it; runs of whitespace inside free text are written as one space.
Columns that describe a place (p-code, names, admin areas, coordinates, country)
are derived from the gazetteer and ignored when reading the file back; every
other column restores a record field, so ``records_from_csv(to_csv(dataset))``
gives back the same records.

Hashtags follow the HXL core vocabulary where it has a word for the column:
#date only for columns that hold nothing but dates, #adm1+code and #loc+code
only for OCHA p-codes, Marsad's own ids in #meta+id. Attributes that are
Marsad's own (+date_precision, +place, ...) are listed in docs/data.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .model import RECORD_TYPES, TRANSLATION_KEY, Catalog, Dataset, Range

SEP = "|"  # separator of list values inside one cell (hxlexpand's default)
RANGE_FIELDS = {
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "children_killed": "#affected+killed+children",
    "women_killed": "#affected+killed+women",
}
SOURCE_COLUMNS = [
    ("publisher", "source_publisher", "#org+source"),
    ("title", "source_title", "#meta+source+title"),
    ("url", "source_url", "#meta+url"),
    ("publisher_url", "source_publisher_url", "#meta+url+publisher"),
    # Not #date: a record with several sources holds several dates in one cell.
    ("published", "source_published", "#meta+source+published"),
    ("accessed", "source_accessed", "#meta+source+accessed"),
]
# A casualty record's optional lists of small models: (attribute, column, HXL hashtag)
# of each, one value per entry joined with "|" (docs/data.md, "Downloads").
ACTOR_COLUMNS = [
    ("name", "actor_names", "#group+name"),
    ("role", "actor_roles", "#group+role"),
    ("type", "actor_types", "#group+type"),
]
# Not #affected: a cell holds one figure or range per source ("15|17", "15-17"),
# and HXL's #affected columns hold a single number.
REPORT_COLUMNS = [
    ("source", "report_sources", "#org+report"),
    ("killed", "report_killed", "#meta+report+killed"),
    ("injured", "report_injured", "#meta+report+injured"),
]
# Where an imported record came from (make import); one value per record.
IMPORT_COLUMNS = [
    ("export", "imported_export", "#meta+import+file"),
    ("format", "imported_format", "#meta+import+format"),
    ("version", "imported_version", "#meta+import+version"),
    ("event_id", "imported_event_id", "#meta+import+event_id"),
    ("row_source", "imported_row_source", "#meta+import+row_source"),
    ("source_scale", "imported_source_scale", "#meta+import+source_scale"),
]
NESTED = {"actors": ACTOR_COLUMNS, "reports": REPORT_COLUMNS, "imported": IMPORT_COLUMNS}
TAIL = [
    ("documented_by", "text", "#org+documented"),
    ("sources", "sources", ""),
    ("notes", "text", "#description+notes"),
    ("articles", "list", "#meta+articles"),
]

# (field, type, HXL hashtag); type "place"/"places" adds derived gazetteer columns.
FIELDS = {
    "casualties": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("date", "text", "#date"),
        ("date_derived", "bool", "#meta+date_derived"),
        ("date_precision", "text", "#meta+date_precision"),
        ("date_note", "text", "#description+date_note"),
        ("place", "place", "#meta+id+place"),
        ("attack_type", "text", "#event+type"),
        ("attacks", "int", "#event+num"),
        ("perpetrator", "text", "#group+perpetrator"),
        ("killed", "range", ""),
        ("injured", "range", ""),
        ("children_killed", "range", ""),
        ("women_killed", "range", ""),
        ("event_type", "text", "#event+type+acled"),
        ("sub_event_type", "text", "#event+type+sub+acled"),
        ("actors", "actors", ""),
        ("civilian_targeting", "optbool", "#meta+civilian_targeting"),
        ("geo_precision", "int", "#geo+precision"),
        # The record's own admin codes (make import writes them); the place's, from
        # the gazetteer, are the derived #adm1+code ... columns.
        ("adm1_pcode", "text", "#adm1+code+record"),
        ("adm2_pcode", "text", "#adm2+code+record"),
        ("adm3_pcode", "text", "#adm3+code+record"),
        ("reports", "reports", ""),
        ("harm_grading", "text", "#meta+harm_grading"),
        *TAIL,
        ("imported", "imported", ""),
    ],
    "patrols": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("date", "text", "#date"),
        ("date_derived", "bool", "#meta+date_derived"),
        ("date_precision", "text", "#meta+date_precision"),
        ("date_note", "text", "#description+date_note"),
        ("force", "text", "#group+force"),
        ("zone", "text", "#loc+zone"),
        ("places", "places", "#meta+id+place"),
        ("route", "text", "#loc+route"),
        *TAIL,
    ],
    "displacement": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("date_from", "text", "#date+start"),
        ("date_to", "text", "#date+end"),
        ("from_places", "places", "#meta+id+place+origin"),
        ("families", "int", "#affected+idps+households"),
        ("persons", "int", "#affected+idps+ind"),
        *TAIL,
    ],
    "counts": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("period_from", "text", "#date+start"),
        ("period_to", "text", "#date+end"),
        ("place", "place", "#meta+id+place"),
        ("count", "int", "#indicator+num"),
        ("qualifier", "text", "#indicator+qualifier"),
        ("counted", "text", "#indicator+name"),
        *TAIL,
    ],
}
# Admin levels of the gazetteer (a place kind) and their HXL hashtag. A CSV has the
# columns of the levels its gazetteer has places of.
ADMIN_LEVELS = [("governorate", "adm1"), ("district", "adm2"), ("subdistrict", "adm3")]


def _translated(kind, field, ftype):
    return ftype == "text" and field in RECORD_TYPES[kind].translated


def derived_columns(catalog: Catalog):
    """[(column suffix, HXL hashtag)] added from the gazetteer for each place column."""
    kinds = {place.kind for place in catalog.places.values()}
    result = [("pcode", "#loc+code"), ("name", "#loc+name"), ("name_ar", "#loc+name+i_ar")]
    for kind, level in ADMIN_LEVELS:
        if kind in kinds:
            result += [(f"{level}_code", f"#{level}+code"), (f"{level}_name", f"#{level}+name")]
    return result + [("lat", "#geo+lat"), ("lon", "#geo+lon")]


def columns(kind, catalog: Catalog, country_code="", languages=()):
    """[(column name, HXL hashtag)] of a dataset kind's CSV.

    country_code (ISO 3166-1 alpha-3, the setting DATASETS_COUNTRY_CODE) adds a
    #country+code column before the place columns. ``languages``: codes of the
    site's other languages ('ar'); each text field gets a column per language
    beside the English one (``notes_ar``), told apart by HXL language attributes
    (+i_en, +i_ar).
    """
    derived = derived_columns(catalog)
    result = []
    for field, ftype, tag in FIELDS[kind]:
        if languages and _translated(kind, field, ftype):
            result.append((field, f"{tag}+i_en"))
            result += [(f"{field}_{code}", f"{tag}+i_{code}") for code in languages]
            continue
        if ftype == "range":
            base = RANGE_FIELDS[field]
            result += [(f"{field}_min", f"{base}+min"), (f"{field}_max", f"{base}+max")]
        elif ftype == "sources":
            result += [(name, hxl) for _, name, hxl in SOURCE_COLUMNS]
        elif ftype in NESTED:
            result += [(name, hxl) for _, name, hxl in NESTED[ftype]]
        elif ftype in ("place", "places"):
            if country_code:
                result.append(("country_code", "#country+code"))
            result.append((field, tag))
            suffix = "+origin" if field == "from_places" else ""
            result += [(f"{field}_{name}", f"{hxl}{suffix}") for name, hxl in derived]
        else:
            result.append((field, tag))
    return result


# OWASP CSV injection: a cell starting with one of these is run as a formula by
# Excel, LibreOffice or Google Sheets. Such a cell gets a leading apostrophe,
# which spreadsheets show as text; a cell already starting with one gets a
# second, so that reading the file back removes exactly one. Plain numbers
# ("-3.5") are left as they are. The JSON download keeps the exact value.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def safe_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _unsafe_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())  # HXL tools flag any other whitespace


def _place_values(catalog: Catalog, place_id):
    """{column suffix: value} of one place, from the gazetteer."""
    place = catalog.places.get(place_id)
    if place is None:
        return {}
    values = {"pcode": place.pcode, "name": place.name_en, "name_ar": place.name_ar}
    for area in [place, *catalog.ancestors(place_id)]:
        level = dict(ADMIN_LEVELS).get(area.kind)
        if level and f"{level}_code" not in values:
            values[f"{level}_code"], values[f"{level}_name"] = area.pcode, area.name_en
    return {**values, "lat": place.lat, "lon": place.lon}


def _place_cells(catalog: Catalog, ids):
    """Derived gazetteer columns for one or more place ids."""
    found = [_place_values(catalog, place_id) for place_id in ids]
    return {
        name: SEP.join(_text(values.get(name)) for values in found) for name, _ in derived_columns(catalog)
    }


def csv_row(record, kind, catalog: Catalog, country_code="", languages=()):
    """One record as {column: text}."""
    row = {}
    for field, ftype, _ in FIELDS[kind]:
        value = getattr(record, field)
        if languages and _translated(kind, field, ftype):
            row.update({f"{field}_{code}": _text(record.in_language(field, code)) for code in languages})
        if ftype == "range":
            row[f"{field}_min"] = _text(value.min if value else None)
            row[f"{field}_max"] = _text(value.max if value else None)
        elif ftype == "sources":
            for attr, name, _ in SOURCE_COLUMNS:
                row[name] = SEP.join(_text(getattr(s, attr)) for s in value)
        elif ftype == "imported":
            for attr, name, _ in IMPORT_COLUMNS:
                row[name] = _text(getattr(value, attr) if value else None)
        elif ftype in NESTED:  # actors, reports: one value per entry
            for attr, name, _ in NESTED[ftype]:
                row[name] = SEP.join(_text(getattr(entry, attr)) for entry in value)
        elif ftype in ("list", "places"):
            row[field] = SEP.join(value)
        else:
            row[field] = _text(value)
        if ftype in ("place", "places"):
            ids = [value] if ftype == "place" else list(value)
            row.update({f"{field}_{k}": v for k, v in _place_cells(catalog, ids).items()})
            row["country_code"] = country_code
    return row


def to_csv(dataset: Dataset, catalog: Catalog, country_code: str = "", languages=()) -> str:
    """The dataset as CSV text: a header row, an HXL row, one row per record."""
    cols = columns(dataset.kind, catalog, country_code, languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in cols])
    writer.writerow([hxl for _, hxl in cols])
    for record in dataset.records:
        row = csv_row(record, dataset.kind, catalog, country_code, languages)
        writer.writerow([safe_cell(row[name]) for name, _ in cols])
    return out.getvalue()


def _parse(ftype, text):
    if ftype == "int":
        return int(text) if text else None
    if ftype == "bool":
        return text == "true"
    if ftype == "optbool":  # true, false or not coded (empty)
        return {"true": True, "false": False}.get(text)
    if ftype in ("list", "places"):
        return text.split(SEP) if text else []
    return text or None


def _entries(row, nested):
    """Actors or reports from their "|"-joined columns (an empty first column: none)."""
    first = nested[0][1]
    if not row[first]:
        return []
    parts = {attr: row[name].split(SEP) for attr, name, _ in nested}
    count = len(parts[nested[0][0]])
    return [
        {
            attr: _figure(values[i]) if attr in RANGE_FIELDS else values[i] or None
            for attr, values in parts.items()
        }
        for i in range(count)
    ]


def _figure(text):
    """A figure or range as the CSV writes it ("15", "15-17"), or None."""
    if not text:
        return None
    low, _, high = text.partition("-")
    return {"min": int(low), "max": int(high or low)}


def records_from_csv(text: str, kind: str):
    """Read a CSV written by :func:`to_csv` back into typed records."""
    rows = [
        {name: _unsafe_cell(cell) for name, cell in row.items()}
        for row in list(csv.DictReader(io.StringIO(text)))[1:]  # skip the HXL row
    ]
    model = RECORD_TYPES[kind]
    records = []
    for row in rows:
        data: dict[str, Any] = {}
        for field, ftype, _ in FIELDS[kind]:
            if ftype == "range":
                low, high = row[f"{field}_min"], row[f"{field}_max"]
                data[field] = Range(min=int(low), max=int(high)) if low else None
            elif ftype == "sources":
                parts = {attr: row[name].split(SEP) for attr, name, _ in SOURCE_COLUMNS}
                data[field] = [
                    {attr: parts[attr][i] or None for attr in parts} for i in range(len(parts["publisher"]))
                ]
            elif ftype == "imported":
                given = {attr: row[name] or None for attr, name, _ in IMPORT_COLUMNS}
                data[field] = given if given["export"] else None
            elif ftype in NESTED:
                data[field] = _entries(row, NESTED[ftype])
            else:
                data[field] = _parse("text" if ftype == "place" else ftype, row[field])
        for name, value in row.items():  # notes_ar and the like
            match = TRANSLATION_KEY.match(name or "")
            if match and match.group("field") in model.translated and name not in data and value:
                data[name] = value
        records.append(model.model_validate(data))
    return records


def to_json(dataset: Dataset, catalog: Catalog) -> str:
    """The dataset as JSON: header, records and the places they name."""
    return "".join(json_pieces(dataset, catalog))


def json_pieces(dataset: Dataset, catalog: Catalog):
    """:func:`to_json`'s text in pieces, one record at a time, so that a dataset of
    thousands of records is never held whole as dicts (it is what
    ``json.dumps(document, ensure_ascii=False, indent=2)`` writes: JSON strings hold
    no raw line break, so a nested value is its own text indented)."""
    encode = json.JSONEncoder(ensure_ascii=False, indent=2).encode

    def nested(value, depth=1):
        return encode(value).replace("\n", "\n" + "  " * depth)

    named = sorted({p for r in dataset.records for p in r.place_ids})
    header = dataset.model_dump(mode="json", exclude={"records"})
    yield '{\n  "dataset": ' + nested(header) + ',\n  "records": '
    if not dataset.records:
        yield "[]"
    else:
        yield "[\n"
        last = len(dataset.records) - 1
        for index, record in enumerate(dataset.records):
            yield "    " + nested(record.model_dump(mode="json"), 2) + (",\n" if index < last else "\n")
        yield "  ]"
    places = {p: catalog.places[p].model_dump(mode="json") for p in named if p in catalog.places}
    links = {"page": dataset.url, "csv": dataset.csv_url, "json": dataset.json_url}
    yield ',\n  "places": ' + nested(places) + ',\n  "links": ' + nested(links) + "\n}\n"


def dataset_from_json(text: str) -> Dataset:
    """Read a JSON download back into a typed Dataset."""
    document = json.loads(text)
    header = document["dataset"]
    model = RECORD_TYPES[header["kind"]]
    records = tuple(model.model_validate(r) for r in document["records"])
    return Dataset.model_validate({**header, "records": records})
