"""CSV (with an HXL hashtag row) and JSON downloads of a dataset, and their inverse.

The CSV has one row per record. A list (several sources, places or articles)
is written one value per line inside its cell. Columns that describe a place
(names, governorate, coordinates) are derived from the gazetteer and ignored
when reading the file back; every other column restores a record field, so
``records_from_csv(to_csv(dataset))`` gives back the same records.
"""

from __future__ import annotations

import csv
import io
import json
import re

from .model import RECORD_TYPES, TRANSLATION_KEY, Catalog, Dataset, Range

SEP = "\n"  # separator of list values inside one cell
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
    ("published", "source_published", "#date+source+published"),
    ("accessed", "source_accessed", "#date+source+accessed"),
]
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
        ("date_derived", "bool", "#date+derived"),
        ("date_precision", "text", "#date+precision"),
        ("date_note", "text", "#date+note"),
        ("place", "place", "#loc+code"),
        ("attack_type", "text", "#event+type"),
        ("attacks", "int", "#event+num"),
        ("perpetrator", "text", "#group+perpetrator"),
        ("killed", "range", ""),
        ("injured", "range", ""),
        ("children_killed", "range", ""),
        ("women_killed", "range", ""),
        *TAIL,
    ],
    "patrols": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("date", "text", "#date"),
        ("date_derived", "bool", "#date+derived"),
        ("date_precision", "text", "#date+precision"),
        ("date_note", "text", "#date+note"),
        ("force", "text", "#group+force"),
        ("zone", "text", "#loc+zone"),
        ("places", "places", "#loc+code"),
        ("route", "text", "#loc+route"),
        *TAIL,
    ],
    "displacement": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("date_from", "text", "#date+start"),
        ("date_to", "text", "#date+end"),
        ("from_places", "places", "#loc+code+origin"),
        ("families", "int", "#affected+idps+households"),
        ("persons", "int", "#affected+idps+ind"),
        *TAIL,
    ],
    "counts": [
        ("id", "text", "#meta+id"),
        ("title", "text", "#meta+title"),
        ("period_from", "text", "#date+start"),
        ("period_to", "text", "#date+end"),
        ("place", "place", "#loc+code"),
        ("count", "int", "#indicator+num"),
        ("qualifier", "text", "#indicator+qualifier"),
        ("counted", "text", "#indicator+name"),
        *TAIL,
    ],
}
DERIVED = [
    ("name", "#loc+name"),
    ("name_ar", "#loc+name+i_ar"),
    ("adm1_code", "#adm1+code"),
    ("adm1_name", "#adm1+name"),
    ("lat", "#geo+lat"),
    ("lon", "#geo+lon"),
]


def _translated(kind, field, ftype):
    return ftype == "text" and field in RECORD_TYPES[kind].translated


def columns(kind, languages=()):
    """[(column name, HXL hashtag)] of a dataset kind's CSV.

    ``languages``: codes of the site's other languages ('ar'); each text field
    gets a column per language beside the English one (``notes_ar``), told apart
    by HXL language attributes (+i_en, +i_ar).
    """
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
        else:
            result.append((field, tag))
            if ftype in ("place", "places"):
                suffix = "+origin" if field == "from_places" else ""
                result += [(f"{field}_{name}", f"{hxl}{suffix}") for name, hxl in DERIVED]
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
    return str(value)


def _place_cells(catalog: Catalog, ids):
    """Derived gazetteer columns for one or more place ids."""
    cells = {name: [] for name, _ in DERIVED}
    for place_id in ids:
        place = catalog.places.get(place_id)
        chain = [place, *catalog.ancestors(place_id)] if place else []
        adm1 = next((p for p in chain if p.kind == "governorate"), None)
        values = {
            "name": place.name_en if place else "",
            "name_ar": place.name_ar if place else "",
            "adm1_code": adm1.pcode if adm1 else "",
            "adm1_name": adm1.name_en if adm1 else "",
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
        }
        for name in cells:
            cells[name].append(_text(values[name]))
    return {name: SEP.join(values) for name, values in cells.items()}


def csv_row(record, kind, catalog: Catalog, languages=()):
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
        elif ftype in ("list", "places"):
            row[field] = SEP.join(value)
        else:
            row[field] = _text(value)
        if ftype in ("place", "places"):
            ids = [value] if ftype == "place" else list(value)
            row.update({f"{field}_{k}": v for k, v in _place_cells(catalog, ids).items()})
    return row


def to_csv(dataset: Dataset, catalog: Catalog, languages=()) -> str:
    """The dataset as CSV text: a header row, an HXL row, one row per record."""
    cols = columns(dataset.kind, languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in cols])
    writer.writerow([hxl for _, hxl in cols])
    for record in dataset.records:
        row = csv_row(record, dataset.kind, catalog, languages)
        writer.writerow([safe_cell(row[name]) for name, _ in cols])
    return out.getvalue()


def _parse(ftype, text):
    if ftype == "int":
        return int(text) if text else None
    if ftype == "bool":
        return text == "true"
    if ftype in ("list", "places"):
        return text.split(SEP) if text else []
    return text or None


def records_from_csv(text: str, kind: str):
    """Read a CSV written by :func:`to_csv` back into typed records."""
    rows = [
        {name: _unsafe_cell(cell) for name, cell in row.items()}
        for row in list(csv.DictReader(io.StringIO(text)))[1:]  # skip the HXL row
    ]
    model = RECORD_TYPES[kind]
    records = []
    for row in rows:
        data = {}
        for field, ftype, _ in FIELDS[kind]:
            if ftype == "range":
                low, high = row[f"{field}_min"], row[f"{field}_max"]
                data[field] = Range(min=int(low), max=int(high)) if low else None
            elif ftype == "sources":
                parts = {attr: row[name].split(SEP) for attr, name, _ in SOURCE_COLUMNS}
                data[field] = [
                    {attr: parts[attr][i] or None for attr in parts} for i in range(len(parts["publisher"]))
                ]
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
    header = dataset.model_dump(mode="json", exclude={"records"})
    named = sorted({p for r in dataset.records for p in r.place_ids})
    document = {
        "dataset": header,
        "records": [r.model_dump(mode="json") for r in dataset.records],
        "places": {p: catalog.places[p].model_dump(mode="json") for p in named if p in catalog.places},
        "links": {"page": dataset.url, "csv": dataset.csv_url, "json": dataset.json_url},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dataset_from_json(text: str) -> Dataset:
    """Read a JSON download back into a typed Dataset."""
    document = json.loads(text)
    header = document["dataset"]
    model = RECORD_TYPES[header["kind"]]
    records = tuple(model.model_validate(r) for r in document["records"])
    return Dataset.model_validate({**header, "records": records})
