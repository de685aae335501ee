"""A monitor's own spreadsheet, saved as CSV, read through a small mapping file.

The mapping file (YAML, read with the datasets plugin's strict loader) names the
publisher and which of the monitor's columns holds each Marsad field::

    publisher: Example Monitor            # required: who published the spreadsheet
    title: Civilian deaths by incident    # optional; default: the file name
    id_prefix: exm                        # ids are exm-<the monitor's own id>
    date_formats: ["%d/%m/%Y"]            # strptime formats; default YYYY-MM-DD
    columns:
      event_id: Ref                       # required
      date: Date                          # required
      pcode: P-code                       # at least one of pcode, place_name, lat+lon
      place_name: Village
      killed: Killed
    fixed:
      attack_type: shelling               # a value for every row, when no column has it
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from datasets.load import DataError, load_yaml

from ..incoming import Cells, PlaceHints, SourceRow, require_columns
from ..problems import Problem

FIGURES = ("killed", "injured", "children_killed", "women_killed")
PLACE_COLUMNS = ("place_name", "place_name_ar", "pcode", "lat")
TEXTS = ("attack_type", "perpetrator", "notes", "date_note", "documented_by")


class Columns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    event_id: str
    date: str
    pcode: str | None = None
    place_name: str | None = None
    place_name_ar: str | None = None
    admin1: str | None = None
    lat: str | None = None
    lon: str | None = None
    killed: str | None = None
    injured: str | None = None
    children_killed: str | None = None
    women_killed: str | None = None
    attack_type: str | None = None
    perpetrator: str | None = None
    notes: str | None = None
    date_note: str | None = None
    documented_by: str | None = None
    source: str | None = None  # the row's own source

    @model_validator(mode="after")
    def _a_place(self):
        if not (self.pcode or self.place_name or self.place_name_ar or (self.lat and self.lon)):
            raise ValueError("expected a place column: pcode, place_name, place_name_ar or lat and lon")
        return self


class Fixed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    attack_type: str | None = Field(default=None, min_length=1)
    perpetrator: str | None = Field(default=None, min_length=1)
    documented_by: str | None = Field(default=None, min_length=1)


class Mapping(BaseModel):
    """A mapping file: the publisher and which column holds which field."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    publisher: str = Field(min_length=1)
    title: str | None = None
    publisher_url: str | None = None
    id_prefix: str = Field(default="", pattern=r"^[a-z0-9-]*$")
    date_formats: list[str] = ["%Y-%m-%d"]
    columns: Columns
    fixed: Fixed = Fixed()


def load_mapping(path, problems):
    """The validated mapping of ``path``, or None (problems added)."""
    if not path:
        problems.append(Problem("MAPPING", 1, 0, "", "FROM=csv needs a mapping file (MAPPING=<file>)"))
        return None
    try:
        data = load_yaml(path, str(path))
    except (DataError, OSError) as error:
        problems.append(
            Problem(str(path), getattr(error, "line", 1), 0, "", getattr(error, "message", str(error)))
        )
        return None
    try:
        return Mapping.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            node, line = data, getattr(data, "line", 1)
            for step in item["loc"]:
                if isinstance(node, dict) and step in node:
                    line = getattr(node, "key_lines", {}).get(step, line)
                    node = node[step]
            problems.append(Problem(str(path), line, 0, where, item["msg"].removeprefix("Value error, ")))
        return None


def read(table, options, problems):
    """The spreadsheet's rows as SourceRows, through the mapping file."""
    mapping = load_mapping(options.get("mapping"), problems)
    if mapping is None:
        return [], {}
    wanted = {k: v for k, v in mapping.columns.model_dump().items() if v}
    columns = require_columns(table, wanted, problems)
    if len(columns) < len(wanted):
        return [], {}
    if not (mapping.columns.attack_type or mapping.fixed.attack_type):
        problems.append(
            Problem(
                str(options["mapping"]),
                1,
                0,
                "attack_type",
                "expected a column (columns.attack_type) or a value (fixed.attack_type)",
            )
        )
        return [], {}
    rows: list = []
    seen: dict[str, int] = {}
    prefix = f"{mapping.id_prefix}-" if mapping.id_prefix else ""
    for row in table.rows:
        cells = Cells(table, row, columns, problems)
        event_id = cells.text("event_id")
        slug = re.sub(r"[^a-z0-9]+", "-", event_id.lower()).strip("-")
        if not slug:
            cells.fail("event_id", f"expected the monitor's own id for the row, found {event_id!r}")
        elif slug in seen:
            cells.fail("event_id", f"duplicate id {event_id!r}; first on line {seen[slug]}")
        seen.setdefault(slug, row.line)
        record: dict[str, Any] = {
            "id": f"{prefix}{slug}",
            "date": cells.day("date", tuple(mapping.date_formats)),
        }
        for name in FIGURES:
            if name in columns:
                record[name] = cells.figure(name)
        for name in TEXTS:
            value = cells.text(name) if name in columns else None
            value = value or getattr(mapping.fixed, name, None)
            if value or name in columns:
                record[name] = value or None
        record.setdefault("documented_by", cells.text("source") or mapping.publisher)
        if record["documented_by"] is None:
            record["documented_by"] = cells.text("source") or mapping.publisher
        where = PlaceHints(
            pcodes=[c for c in [cells.text("pcode")] if c],
            names=[c for c in [cells.text("place_name"), cells.text("place_name_ar")] if c],
            admin1=cells.text("admin1"),
            lat=cells.number("lat", -90, 90),
            lon=cells.number("lon", -180, 180),
            name_en=cells.text("place_name"),
            name_ar=cells.text("place_name_ar"),
        )
        rows.append(
            SourceRow(
                line=row.line,
                column_of={"location": next((columns[k] + 1 for k in PLACE_COLUMNS if k in columns), 0)},
                event_id=event_id,
                record=record,
                where=where,
                row_source=cells.text("source"),
            )
        )
    source = {
        "publisher": mapping.publisher,
        "title": mapping.title or f"{mapping.publisher} spreadsheet {options['export']}",
        **({"publisher_url": mapping.publisher_url} if mapping.publisher_url else {}),
    }
    return rows, {"version": options.get("version"), "source": source}
