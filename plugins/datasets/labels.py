"""Short newsroom labels for records: record page headings and the lists of
records under 'Data in this story'.

Only fields of the record itself are used (no figure is computed here).
"""

from __future__ import annotations

from i18n import N_

from .filters import ENGLISH

ATTACK_TYPES = {
    "airstrike": N_("airstrike"),
    "shelling": N_("shelling"),
    "artillery": N_("artillery"),
    "barrel-bomb": N_("barrel bomb"),
    "ground-attack": N_("ground attack"),
}


def _place(catalog, place_id, text):
    place = catalog.places.get(place_id)
    return text.place_name(place) if place else place_id


def _places(catalog, place_ids, text):
    names = [_place(catalog, p, text) for p in place_ids]
    if len(names) == 1:
        return names[0]
    return text._("%(names)s and %(last)s") % {"names": text._(", ").join(names[:-1]), "last": names[-1]}


def attack_text(attack_type, text=ENGLISH):
    """'airstrike' in the language of ``text``."""
    return text._(ATTACK_TYPES[attack_type]) if attack_type in ATTACK_TYPES else attack_type.replace("-", " ")


def _capital(words):
    return f"{words[:1].upper()}{words[1:]}"


def record_label(record, catalog, text=ENGLISH):
    """'Airstrike in Idlib', 'Turkish Armed Forces patrol (inside the demilitarized zone)'."""
    _ = text._
    if getattr(record, "title", None):  # the editor's heading, in this language
        return text.localized(record, "title")
    kind = getattr(record, "kind", "")
    if kind == "casualties":
        what = attack_text(record.attack_type, text)
        return _capital(
            _("%(attack)s in %(place)s") % {"attack": what, "place": _place(catalog, record.place, text)}
        )
    if kind == "patrols":
        force = text.localized(record, "force")
        return _("%(force)s patrol (%(zone)s)") % {"force": force, "zone": text.zone_label(record.zone)}
    if kind == "displacement":
        return _("Displacement from %(places)s") % {"places": _places(catalog, record.from_places, text)}
    if kind == "counts":
        counted = _capital(text.localized(record, "counted"))
        return _("%(counted)s: %(place)s") % {
            "counted": counted,
            "place": _place(catalog, record.place, text),
        }
    return record.id


def record_when(record, text=ENGLISH):
    """The record's date or period as reported ('about 15 March 2019', '8-15 March 2019')."""
    if getattr(record, "kind", "") == "counts":
        return text.period_text(record.period_from, record.period_to)
    return text.record_date(record)
