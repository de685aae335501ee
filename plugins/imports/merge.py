"""Merge imported records into a dataset document (ruamel's commented mapping).

- A new id is appended, fields in Marsad's usual order.
- A known id is compared field by field on the values the build would read
  (``killed: 15`` equals ``killed: {min: 15, max: 15}``); only the fields the
  export gives and that differ are rewritten, in place. Its ``imported`` block
  changes only with them, so re-importing the same or a re-dated export changes nothing.
- A record imported before from the same format but missing from this export
  is kept and listed, never deleted.
- When anything changed: a dated changelog entry (what, from which file),
  ``last_updated``, and the period widened to the records' dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from datasets.model import RECORD_TYPES

from .writer import append_entry, yaml_value

ORDER = [
    "id", "title", "date", "date_derived", "date_precision", "date_note", "place", "attack_type", "attacks", "perpetrator",
    "killed", "injured", "children_killed", "women_killed", "documented_by", "event_type",
    "sub_event_type", "actors", "civilian_targeting", "geo_precision", "adm1_pcode", "adm2_pcode",
    "adm3_pcode", "reports", "harm_grading", "date_from", "date_to", "from_places", "families",
    "persons", "notes", "sources", "articles", "imported",
]  # fmt: skip
ALWAYS_WRITTEN = {"killed", "injured", "families", "persons"}  # an empty figure is null: visibly unknown
LISTED = 20


@dataclass
class Summary:
    """What an import did (or would do) to one dataset."""

    dataset: str
    read: int = 0
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)  # (id, [fields])
    unchanged: int = 0
    gone: list = field(default_factory=list)
    places_added: list = field(default_factory=list)
    chart: str | None = None  # the first chart written for a new dataset

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.places_added)

    def lines(self) -> list[str]:
        text = [
            f"{self.dataset}: {self.read} rows read: {len(self.added)} new records, "
            f"{len(self.updated)} updated, {self.unchanged} unchanged"
        ]
        text += [f"  updated {rid}: {', '.join(fields)}" for rid, fields in self.updated[:LISTED]]
        if self.gone:
            text.append(
                f"  {len(self.gone)} records imported before are not in this export (kept, not deleted):"
            )
            text += [f"    {rid}" for rid in self.gone]
        for place_id in self.places_added:
            text.append(f"  new gazetteer entry for review: {place_id}")
        if self.chart:
            text.append(f"  new dataset: complete its header; a first chart for review: {self.chart}")
        if not self.changed:
            text.append("  nothing changed; no file written")
        return text


def _plain(node):
    """ruamel nodes as plain Python values."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, dt.datetime):
        return node.date()
    if isinstance(node, str):
        return str(node)
    return node


def _comparable(record: dict, kind: str) -> dict:
    """Field values as the build reads them (validated), for comparison."""
    return RECORD_TYPES[kind].model_validate(record).model_dump(mode="json")


def _without_none(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None or k in ALWAYS_WRITTEN}


def _record_days(node) -> list:
    """Every date of a record (an incident's date; displacement's date_from and date_to)."""
    return [_plain(node.get(k)) for k in ("date", "date_from", "date_to") if node.get(k) is not None]


def _new_node(record: dict) -> CommentedMap:
    node = CommentedMap()
    for key in sorted(_without_none(record), key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        if record[key] == [] and key not in ("sources",):
            continue
        node[key] = yaml_value(record[key])
    return node


def _set(node: CommentedMap, key: str, value):
    """Set ``key``, in place if present, else at its usual position."""
    if key in node:
        node[key] = yaml_value(value)
        return
    rank = ORDER.index(key) if key in ORDER else len(ORDER)
    position = sum(1 for k in node if (ORDER.index(k) if k in ORDER else len(ORDER)) < rank)
    node.insert(position, key, yaml_value(value))


def merge_records(
    document, incoming: list[dict], fmt: str, summary: Summary, provenance=("imported",), kind="casualties"
):
    """Merge ``incoming`` (complete record dicts) into ``document['records']``.

    ``provenance`` fields (the import block, and the export's own citation when the
    rows cite none) are not compared: they change only along with a changed field.
    """
    records = document.get("records")
    if records is None:
        records = document["records"] = CommentedSeq()
    known = {str(node.get("id")): node for node in records if isinstance(node, CommentedMap)}
    seen = set()
    for record in incoming:
        summary.read += 1
        seen.add(record["id"])
        node = known.get(record["id"])
        if node is None:
            append_entry(records, _new_node(record))
            summary.added.append(record["id"])
            continue
        old = _plain(node)
        old_values = _comparable(old, kind)
        new_values = _comparable({**old, **{k: v for k, v in record.items() if k not in provenance}}, kind)
        changed = [k for k in record if k not in provenance and old_values.get(k) != new_values.get(k)]
        if not changed:
            summary.unchanged += 1
            continue
        for key in changed:
            _set(node, key, record[key])
        for key in provenance:
            if record.get(key):
                _set(node, key, record[key])
        summary.updated.append((record["id"], changed))
    for rid, node in known.items():
        imported = node.get("imported") if isinstance(node, dict) else None
        if rid not in seen and isinstance(imported, dict) and imported.get("format") == fmt:
            summary.gone.append(rid)


def _ids(ids) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (f" and {len(ids) - LISTED} more" if len(ids) > LISTED else "")


def note_changes(document, summary: Summary, export: str, fmt: str, version, today: dt.date):
    """Changelog entry, last_updated and period, when the import changed something."""
    if not (summary.added or summary.updated):
        return
    parts = []
    if summary.added:
        parts.append(f"{len(summary.added)} new records ({_ids(summary.added)})")
    if summary.updated:
        parts.append(f"{len(summary.updated)} updated ({_ids([rid for rid, _ in summary.updated])})")
    text = f"Imported {export} ({fmt}{', version ' + version if version else ''}): " + "; ".join(parts) + "."
    if summary.gone:
        text += f" Not in this export, kept for review: {_ids(summary.gone)}."
    changelog = document.get("changelog")
    if changelog is None:
        changelog = document["changelog"] = CommentedSeq()
    changelog.append(yaml_value({"date": today, "text": text}))
    document["last_updated"] = today
    dates = [day for n in document["records"] if isinstance(n, dict) for day in _record_days(n)]
    dates = [d for d in dates if isinstance(d, dt.date)]
    if dates:
        low, high = min(dates), max(dates)
        if not isinstance(document.get("period_from"), dt.date) or low < document["period_from"]:
            document["period_from"] = low
        if not isinstance(document.get("period_to"), dt.date) or high > document["period_to"]:
            document["period_to"] = high


def new_dataset(export: str, fmt: str, publisher: str, today: dt.date, kind="casualties") -> CommentedMap:
    """The header of a dataset that does not exist yet, for the editor to complete."""
    document = CommentedMap()
    document["kind"] = kind
    document["title"] = f"Events imported from {export}"
    document["description"] = f"Records imported from {export}, published by {publisher}."
    document["methodology"] = (
        f"Imported with make import (format {fmt}) from {export}. Figures are copied exactly as the "
        "export gives them; a figure the export leaves empty is left empty, never estimated. "
        "Each record names the export it came from and the source the row cites."
    )
    document["license"] = f"As set by {publisher} for the export; check before publishing"
    document["maintainer"] = "Marsad Data Desk"
    document["last_updated"] = today
    document["period_from"] = None  # set from the records' dates
    document["period_to"] = None
    document["changelog"] = CommentedSeq()
    document["records"] = CommentedSeq()
    document.yaml_set_start_comment(
        f"Created by make import from {export} on {today}.\n"
        "Review the title, description, methodology and licence before publishing."
    )
    return document
