"""ACLED's CSV export (the columns of its data export tool, one row per event).

Ids are ``acled-<event_id_cnty>``, so a newer export updates the same records.
ACLED always gives ``fatalities`` (0 when none were reported): an empty cell
there is a broken export, not an unknown figure. ACLED gives no injured count.
"""

from __future__ import annotations

import datetime as dt
import re

from datasets.model import ACLED_EVENT_TYPES, ACTOR_TYPES

from ..incoming import Cells, PlaceHints, SourceRow, require_columns

PUBLISHER = "ACLED (Armed Conflict Location & Event Data)"
PUBLISHER_URL = "https://acleddata.com/"
REQUIRED = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "fatalities",
]
OPTIONAL = [
    "disorder_type",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin2",
    "admin3",
    "notes",
    "tags",
    "timestamp",
]
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y")
PRECISION = {"1": "day", "2": "approximate", "3": "month"}
# inter1/inter2: ACLED's codes, or the names newer exports write instead.
INTER_NAMES = [
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
]


def _actor_type(cells: Cells, name: str):
    text = cells.text(name)
    if not text or text == "0":
        return None
    if text.isdigit() and 1 <= int(text) <= 8:
        return ACTOR_TYPES[int(text) - 1]
    lowered = text.lower()
    if lowered in INTER_NAMES:
        return ACTOR_TYPES[INTER_NAMES.index(lowered)]
    cells.fail(name, f"expected one of ACLED's actor codes 1-8 or their names, found {text!r}")
    return None


# ACLED's actor2 is the one targeted in these event types, the other side elsewhere (battles...).
TARGETED = {"Explosions/Remote violence", "Violence against civilians"}


def _actors(cells: Cells, event_type) -> list[dict]:
    actors = []
    second = "target" if event_type in TARGETED else "other-party"
    for side, role in (("1", "actor"), ("2", second)):
        kind = _actor_type(cells, f"inter{side}")
        main = cells.text(f"actor{side}")
        if main:
            actors.append({"name": main, "role": role, **({"type": kind} if kind else {})})
        for associated in cells.text(f"assoc_actor_{side}").split(";"):
            if associated.strip():
                actors.append({"name": associated.strip(), "role": f"associated-{role}"})
    return actors


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read(table, options, problems):
    """ACLED rows as SourceRows; the export's version is its newest row timestamp."""
    wanted = {name: name for name in REQUIRED}
    columns = require_columns(table, wanted, problems)
    if len(columns) < len(REQUIRED):
        return [], {}
    position = {name: i for i, name in enumerate(table.header)}
    columns.update({name: position[name] for name in OPTIONAL if name in position})
    rows: list[SourceRow] = []
    newest: int | None = None
    seen: dict[str, int] = {}
    for row in table.rows:
        cells = Cells(table, row, columns, problems)
        event_id = cells.text("event_id_cnty")
        if not _slug(event_id):
            cells.fail("event_id_cnty", f"expected ACLED's event id (like SYR1234), found {event_id!r}")
        elif event_id in seen:
            cells.fail("event_id_cnty", f"duplicate event id {event_id}; first on line {seen[event_id]}")
        seen.setdefault(event_id, row.line)
        day = cells.day("event_date", DATE_FORMATS)
        precision = cells.choice("time_precision", PRECISION, "ACLED's time precision")
        event_type = cells.choice("event_type", ACLED_EVENT_TYPES, "one of ACLED's event types")
        sub_event_type = cells.text("sub_event_type")
        if event_type and sub_event_type not in ACLED_EVENT_TYPES[event_type]:
            cells.fail(
                "sub_event_type",
                f"expected one of ACLED's sub-event types of {event_type!r} "
                f"({', '.join(ACLED_EVENT_TYPES[event_type])}), found {sub_event_type!r}",
            )
        geo = cells.choice("geo_precision", ("1", "2", "3"), "ACLED's geo precision")
        killed = cells.figure("fatalities", required=True)
        stamp = cells.text("timestamp")
        if stamp.isdigit():
            newest = max(newest or 0, int(stamp))
        where = PlaceHints(
            names=[cells.text("location")],
            admin1=cells.text("admin1"),
            lat=cells.number("latitude", -90, 90),
            lon=cells.number("longitude", -180, 180),
            name_en=cells.text("location"),
        )
        record = {
            "id": f"acled-{_slug(event_id)}",
            "date": day,
            "date_precision": PRECISION.get(precision or "", "day"),
            "attack_type": sub_event_type,
            "killed": killed,
            "documented_by": cells.text("source") or PUBLISHER,
            "notes": cells.text("notes") or None,
            "event_type": event_type,
            "sub_event_type": sub_event_type or None,
            "actors": _actors(cells, event_type),
            "civilian_targeting": True if cells.text("civilian_targeting") else None,
            "geo_precision": int(geo) if geo else None,
        }
        rows.append(
            SourceRow(
                line=row.line,
                column_of={k: v + 1 for k, v in columns.items()},
                event_id=event_id,
                record=record,
                where=where,
                row_source=cells.text("source"),
                source_scale=cells.text("source_scale"),
            )
        )
    version = options.get("version") or (
        dt.datetime.fromtimestamp(newest, dt.UTC).date().isoformat() if newest else None
    )
    source = {
        "publisher": PUBLISHER,
        "title": f"ACLED data export {options['export']}",
        "publisher_url": PUBLISHER_URL,
    }
    return rows, {"version": version, "source": source, "given": set(rows[0].record) if rows else set()}
