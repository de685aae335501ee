"""The fields a chart spec may name, per dataset kind, and how to read them.

A chart never sees YAML: it reads typed records from the datasets catalog
through these fields. Each field has a newsroom label (the table header and
axis title), a type that decides how it is charted, and a getter.

Types: ``text``, ``date``, ``number``, ``range`` (a reported min-max figure,
always charted as an interval), ``place`` (a place id, shown by name),
``places`` (several place ids) and ``flag`` (true/false).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from i18n import N_  # labels are catalog messages, translated where shown (data.Formatter)

RECORDS = "records"  # the pseudo-field "number of records"


@dataclass(frozen=True)
class Field:
    """One field a spec may name: ``killed``, ``place``, ``date``..."""

    name: str
    label: str
    type: str
    get: Callable[[Any, Any], Any]  # (record, catalog) -> raw value
    choices: tuple = ()  # (raw value, words shown to readers) for coded values

    def words(self, raw):
        """Reader-facing words for a coded value (e.g. zone 'inside-dmz')."""
        return dict(self.choices).get(raw, raw)


def _attr(name):
    return lambda record, catalog: getattr(record, name, None)


def _governorate(record, catalog):
    """The governorate a record's single place lies in (or is), else None."""
    place_id = getattr(record, "place", None)
    if place_id is None:
        places: tuple[str, ...] = getattr(record, "place_ids", ())
        place_id = places[0] if len(places) == 1 else None
    if place_id is None:
        return None
    place = catalog.places.get(place_id)
    if place is not None and place.kind == "governorate":
        return place.id
    for ancestor in catalog.ancestors(place_id):
        if ancestor.kind == "governorate":
            return ancestor.id
    return None


def _fields(*items):
    return {f.name: f for f in items}


PRECISION = (("day", N_("exact day")), ("month", N_("month only")), ("approximate", N_("approximate")))

COMMON = [
    Field("id", N_("Record"), "text", _attr("id")),
    Field("documented_by", N_("Documented by"), "text", _attr("documented_by")),
    Field("notes", N_("Notes"), "text", _attr("notes")),
]

FIELDS: dict[str, dict[str, Field]] = {
    "casualties": _fields(
        *COMMON,
        Field("date", N_("Date"), "date", _attr("date")),
        Field("date_precision", N_("Date precision"), "text", _attr("date_precision"), PRECISION),
        Field("place", N_("Place"), "place", _attr("place")),
        Field("governorate", N_("Governorate"), "place", _governorate),
        Field("attack_type", N_("Attack"), "text", _attr("attack_type")),
        Field("attacks", N_("Attacks"), "number", _attr("attacks")),
        Field("perpetrator", N_("Reported perpetrator"), "text", _attr("perpetrator")),
        Field("killed", N_("Killed"), "range", _attr("killed")),
        Field("injured", N_("Injured"), "range", _attr("injured")),
        Field("children_killed", N_("Children killed"), "range", _attr("children_killed")),
        Field("women_killed", N_("Women killed"), "range", _attr("women_killed")),
    ),
    "patrols": _fields(
        *COMMON,
        Field("date", N_("Date"), "date", _attr("date")),
        Field("date_derived", N_("Date derived from the report"), "flag", _attr("date_derived")),
        Field("date_precision", N_("Date precision"), "text", _attr("date_precision"), PRECISION),
        Field("force", N_("Force"), "text", _attr("force")),
        Field(
            "zone",
            N_("Zone"),
            "text",
            _attr("zone"),
            (
                ("inside-dmz", N_("Inside the demilitarized zone")),
                ("border-area", N_("Border area outside the zone")),
            ),
        ),
        Field("places", N_("Places"), "places", _attr("places")),
        Field("route", N_("Route"), "text", _attr("route")),
    ),
    "displacement": _fields(
        *COMMON,
        Field("date_from", N_("From"), "date", _attr("date_from")),
        Field("date_to", N_("As of"), "date", _attr("date_to")),
        Field("from_places", N_("Displaced from"), "places", _attr("from_places")),
        Field("families", N_("Families"), "number", _attr("families")),
        Field("persons", N_("People"), "number", _attr("persons")),
    ),
    "counts": _fields(
        *COMMON,
        Field("period_from", N_("From"), "date", _attr("period_from")),
        Field("period_to", N_("To"), "date", _attr("period_to")),
        Field("place", N_("Place"), "place", _attr("place")),
        Field("governorate", N_("Governorate"), "place", _governorate),
        Field("count", N_("Count"), "number", _attr("count")),
        Field(
            "qualifier",
            N_("Qualifier"),
            "text",
            _attr("qualifier"),
            (("exact", N_("exact")), ("at-least", N_("at least"))),
        ),
        Field("counted", N_("What was counted"), "text", _attr("counted")),
    ),
}

# Fields a chart may measure (value, size): numbers, ranges and the record count.
MEASURE_TYPES = ("number", "range")


def fields_for(kind: str) -> dict[str, Field]:
    """The fields of a dataset kind (empty for an unknown kind)."""
    return FIELDS.get(kind, {})


def measure_label(kind: str, name: str) -> str:
    """Axis/table label of a measured field, or of the record count (in English: a
    catalog message, see data.Formatter.label)."""
    if name == RECORDS:
        return {"casualties": N_("Incidents"), "patrols": N_("Patrols")}.get(kind, N_("Records"))
    return fields_for(kind)[name].label
