"""Short newsroom labels for records: record page headings and the lists of
records under 'Data in this story'.

Only fields of the record itself are used (no figure is computed here).
"""

from __future__ import annotations

from .filters import period_text, record_date, zone_label


def _place(catalog, place_id):
    place = catalog.places.get(place_id)
    return place.name_en if place else place_id


def _places(catalog, place_ids):
    names = [_place(catalog, p) for p in place_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def record_label(record, catalog):
    """'Airstrike in Idlib', 'Turkish Armed Forces patrol (inside the demilitarized zone)'."""
    if getattr(record, "title", None):
        return record.title
    kind = getattr(record, "kind", "")
    if kind == "casualties":
        what = record.attack_type.replace("-", " ")
        return f"{what[:1].upper()}{what[1:]} in {_place(catalog, record.place)}"
    if kind == "patrols":
        return f"{record.force} patrol ({zone_label(record.zone)})"
    if kind == "displacement":
        return f"Displacement from {_places(catalog, record.from_places)}"
    if kind == "counts":
        counted = record.counted[:1].upper() + record.counted[1:]
        return f"{counted}: {_place(catalog, record.place)}"
    return record.id


def record_when(record):
    """The record's date or period as reported ('about 15 March 2019', '8-15 March 2019')."""
    if getattr(record, "kind", "") == "counts":
        return period_text(record.period_from, record.period_to)
    return record_date(record)
