"""A dataset as a Frictionless Data Package: datapackage.json beside its CSV.

The package describes the CSV download (exports.py) with a Table Schema: each
column's type, its constraints (required, unique, pattern, enum, minimum and
maximum, read from the pydantic record models, so the schema cannot drift from
what the build accepts) and the missing value (an empty cell). The CSV's
second row, the HXL hashtags, is declared as a comment row so that
``frictionless validate`` reads only the records. tests/quality checks every
package with frictionless itself.
"""

from __future__ import annotations

import json
from typing import Any

from .exports import (
    ACTOR_COLUMNS,
    ADMIN_LEVELS,
    FIELDS,
    IMPORT_COLUMNS,
    REPORT_COLUMNS,
    SOURCE_COLUMNS,
    columns,
)
from .model import (
    ACTOR_TYPES,
    ID_PATTERN,
    PCODE_PATTERN,
    RECORD_TYPES,
    Actor,
    Catalog,
    Dataset,
    ImportOrigin,
)

DAY = r"\d{4}-\d{2}-\d{2}"
FIGURE = r"\d+(?:-\d+)?"  # a figure or range as the CSV writes it: 15, 15-17
# JSON Schema "type" of a pydantic field -> Table Schema "type".
TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _pattern(regex: str) -> str:
    """Table Schema patterns are whole-value matches, without ^ and $."""
    return regex.removeprefix("^").removesuffix("$")


def _list_of(pattern: str, empty_items: bool = False) -> str:
    """Pattern of a "|"-joined list of values matching ``pattern``."""
    item = f"(?:{pattern})?" if empty_items else f"(?:{pattern})"
    return f"{item}(?:\\|{item})*"


def _json_schema_field(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(field, constraints) of one JSON Schema property (None allowed or not)."""
    options = [o for o in spec.get("anyOf", [spec]) if o.get("type") != "null"]
    option = options[0] if options else {}
    field: dict[str, Any] = {"type": TYPES.get(option.get("type", "string"), "string")}
    if option.get("format") == "date":
        field["type"] = "date"
    if field["type"] == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, Any] = {}
    for key in ("minimum", "maximum", "enum"):
        if key in option:
            constraints[key] = option[key]
    if "pattern" in option:
        constraints["pattern"] = _pattern(option["pattern"])
    return field, constraints


def _enum_pattern(values: Any) -> str:
    return "|".join(str(value) for value in values)


def _nested_fields() -> dict[str, dict[str, Any]]:
    """Columns of a casualty record's actors, per-source reports and import block."""
    roles = Actor.model_json_schema()["properties"]["role"]["enum"]
    formats = ImportOrigin.model_json_schema()["properties"]["format"]["enum"]
    patterns = {
        "actor_roles": _list_of(_enum_pattern(roles)),
        "actor_types": _list_of(_enum_pattern(ACTOR_TYPES), empty_items=True),
        "report_killed": _list_of(FIGURE, empty_items=True),
        "report_injured": _list_of(FIGURE, empty_items=True),
    }
    fields: dict[str, dict[str, Any]] = {}
    for _, column, _ in [*ACTOR_COLUMNS, *REPORT_COLUMNS, *IMPORT_COLUMNS]:
        fields[column] = {"type": "string"}
        if column in patterns:
            fields[column]["constraints"] = {"pattern": patterns[column]}
    fields["imported_format"]["constraints"] = {"enum": formats}
    return fields


def _record_fields(kind: str) -> dict[str, dict[str, Any]]:
    """{column name: Table Schema field} for the columns that restore a record field."""
    schema = RECORD_TYPES[kind].model_json_schema()
    required = set(schema.get("required", []))
    fields: dict[str, dict[str, Any]] = {}
    for name, ftype, _ in FIELDS[kind]:
        if ftype == "range":
            for end in ("min", "max"):
                fields[f"{name}_{end}"] = {"type": "integer", "constraints": {"minimum": 0}}
        elif ftype == "sources":
            for _, column, _ in SOURCE_COLUMNS:  # one value per source, joined with "|"
                fields[column] = {"type": "string"}
            fields["source_publisher"]["constraints"] = {"required": True}
            fields["source_title"]["constraints"] = {"required": True}
            for column in ("source_published", "source_accessed"):
                fields[column]["constraints"] = {"pattern": _list_of(DAY, empty_items=True)}
        elif ftype in ("actors", "reports", "imported"):
            prefix = {"actors": "actor_", "reports": "report_", "imported": "imported_"}[ftype]
            fields.update({k: v for k, v in _nested_fields().items() if k.startswith(prefix)})
        elif ftype == "places":
            fields[name] = {"type": "string", "constraints": {"pattern": _list_of(_pattern(ID_PATTERN))}}
        elif ftype == "list":
            fields[name] = {"type": "string"}
        else:
            field, constraints = _json_schema_field(schema["properties"][name])
            if name in required or schema["properties"][name].get("default") is not None:
                constraints["required"] = True  # required, or always written (a default)
            fields[name] = {**field, "constraints": constraints}
        if ftype == "places" and name in required:
            fields[name]["constraints"]["required"] = True
    fields["id"]["constraints"]["unique"] = True
    return fields


def _derived_field(suffix: str, single: bool) -> dict[str, Any]:
    """A gazetteer column; a list of places is text ("a|b"), a single place typed."""
    if not single:
        return {"type": "string"}
    if suffix in ("lat", "lon"):
        limit = 90 if suffix == "lat" else 180
        return {"type": "number", "constraints": {"minimum": -limit, "maximum": limit}}
    if suffix == "pcode" or suffix in {f"{level}_code" for _, level in ADMIN_LEVELS}:
        return {"type": "string", "constraints": {"pattern": _pattern(PCODE_PATTERN)}}
    return {"type": "string"}


def table_schema(
    dataset: Dataset, catalog: Catalog, country_code: str = "", languages: tuple[str, ...] | list[str] = ()
) -> dict[str, Any]:
    """The Table Schema of a dataset's CSV download, column by column (``languages``:
    the other languages whose text columns the CSV carries, as in exports.columns)."""
    known = _record_fields(dataset.kind)
    places = {name: ftype for name, ftype, _ in FIELDS[dataset.kind] if ftype in ("place", "places")}
    fields = []
    translations = {f"{base}_{code}": base for base in known for code in languages}
    for name, hashtag in columns(dataset.kind, catalog, country_code, languages):
        if name in known:
            field = dict(known[name])
        elif name in translations:  # a translation: text like the English column, may be empty
            field = {"type": "string"}
        elif name == "country_code":
            field = {"type": "string", "constraints": {"required": True, "enum": [country_code]}}
        else:
            place_field = next(p for p in places if name.startswith(f"{p}_"))
            field = _derived_field(name.removeprefix(f"{place_field}_"), places[place_field] == "place")
        if not field.get("constraints"):
            field.pop("constraints", None)
        fields.append({"name": name, **field, "description": f"HXL hashtag {hashtag}"})
    return {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}


def to_datapackage(
    dataset: Dataset, catalog: Catalog, country_code: str = "", languages: tuple[str, ...] | list[str] = ()
) -> str:
    """datapackage.json for a dataset: one tabular resource, its CSV."""
    package = {
        "name": dataset.id,
        "title": dataset.title,
        "description": dataset.description,
        "version": dataset.last_updated.isoformat(),
        "contributors": [{"title": dataset.maintainer, "role": "author"}],
        "keywords": [dataset.kind],
        "resources": [
            {
                "name": dataset.id,
                "path": dataset.csv_url.rsplit("/", 1)[-1],
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"headerRows": [1], "commentRows": [2]},
                "schema": table_schema(dataset, catalog, country_code, languages),
            }
        ],
    }
    if dataset.license_url:  # the standard needs the licence's address (or an SPDX name)
        package["licenses"] = [{"title": dataset.license, "path": dataset.license_url}]
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
