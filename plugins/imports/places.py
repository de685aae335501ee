"""Match an export's rows to the gazetteer: p-code, then name, then coordinates.

Nothing is guessed. A row is matched only when exactly one place fits; a row
that fits none or several is reported with its line and the candidates, and the
import stops. ``--add-places`` turns the unmatched rows into new gazetteer
entries, marked as from that import, for an editor to review.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

from .incoming import SourceRow
from .problems import Problem

DEFAULT_WITHIN_KM = 2.0
# A point of these kinds is an approximate centre, not a location to match.
AREA_KINDS = {"area", "governorate", "district", "subdistrict"}
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
ADMIN_WORDS = re.compile(r"\b(governorate|province|district|subdistrict|muhafazat)\b|محافظة|منطقة|ناحية")


def normal(name: str) -> str:
    """A spelling reduced for comparison: case, accents, Arabic marks, hyphens, apostrophes."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    return " ".join(re.sub(r"[-_.,()]", " ", text).split())


def km_between(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _add(index: dict, key: str, place_id: str):
    if key:
        ids = index.setdefault(key, [])
        if place_id not in ids:
            ids.append(place_id)


@dataclass
class Match:
    place_id: str | None
    how: str = ""  # "p-code", "name", "coordinates"
    candidates: tuple = ()  # (place id, why) when several fit or a near miss helps


class Gazetteer:
    """Look-ups over data/places.yml (validated Place objects, in file order)."""

    def __init__(self, places: dict, within_km: float = DEFAULT_WITHIN_KM):
        self.places, self.within_km = places, within_km
        self.by_pcode = {p.pcode: p.id for p in places.values() if p.pcode}
        # Names as written; and, for admin areas only, without the words "governorate",
        # "district"... ("Idleb" is the city; the governorate is "Idleb governorate",
        # or "Idleb" where a file names an admin area, as in #adm1+name).
        self.by_name: dict[str, list[str]] = {}
        self.by_area_name: dict[str, list[str]] = {}
        for place in places.values():
            for spelling in (place.name_en, place.name_ar, *place.spellings):
                _add(self.by_name, normal(spelling), place.id)
                if place.kind in AREA_KINDS:
                    _add(self.by_area_name, normal(ADMIN_WORDS.sub(" ", spelling)), place.id)

    def governorate_of(self, place_id: str):
        seen, place = set(), self.places.get(place_id)
        while place is not None and place.id not in seen:
            seen.add(place.id)
            if place.kind == "governorate":
                return place
            place = self.places.get(place.parent) if place.parent else None
        return None

    def _in_admin1(self, place_id: str, admin1: str) -> bool:
        governorate = self.governorate_of(place_id)
        if governorate is None:
            return False
        wanted = normal(ADMIN_WORDS.sub(" ", admin1))
        spellings = [governorate.name_en, governorate.name_ar, *governorate.spellings]
        return admin1 == governorate.pcode or wanted in {normal(ADMIN_WORDS.sub(" ", s)) for s in spellings}

    def _label(self, place_id: str) -> str:
        place, governorate = self.places[place_id], self.governorate_of(place_id)
        inside = f", {governorate.name_en}" if governorate and governorate.id != place_id else ""
        return f"{place_id} ({place.name_en}{inside})"

    def match(self, where) -> Match:
        """The one place the hints fit, or Match(None, candidates=...) when none or several do."""
        if where.pcodes:
            code = where.pcodes[0]
            if code in self.places:
                return Match(code, "place id")
            if code in self.by_pcode:
                return Match(self.by_pcode[code], "p-code")
        named = []
        index = self.by_area_name if where.names_are_areas else self.by_name
        for name in where.names:
            for place_id in index.get(normal(name), ()):
                if place_id not in named:
                    named.append(place_id)
        if named:
            fitting = [p for p in named if not where.admin1 or self._in_admin1(p, where.admin1)]
            if len(fitting) == 1:
                return Match(fitting[0], "name")
            if len(fitting) > 1:
                return Match(None, "name", tuple((p, "same name") for p in fitting))
        near = []
        if where.lat is not None and where.lon is not None:
            for place in self.places.values():
                if place.lat is None or place.kind in AREA_KINDS:
                    continue
                km = km_between(where.lat, where.lon, place.lat, place.lon)
                if km <= self.within_km:
                    near.append((km, place.id))
            near.sort()
            if len(near) == 1:
                return Match(near[0][1], "coordinates")
            if len(near) > 1:
                return Match(None, "coordinates", tuple((p, f"{km:.1f} km away") for km, p in near))
        misses = tuple((p, "same name, other governorate") for p in named)
        return Match(None, "", misses)

    def problem(self, shown: str, row: SourceRow, found: Match) -> Problem:
        """The message for a row that matched no place or several."""
        where = row.where
        said = [f"name {n!r}" for n in where.names[:2]]
        said += [f"p-code {where.pcodes[0]!r}"] if where.pcodes else []
        said += [f"admin1 {where.admin1!r}"] if where.admin1 else []
        said += [f"at {where.lat}, {where.lon}"] if where.lat is not None and where.lon is not None else []
        given = ", ".join(said) or "no place at all"
        column = row.column_of.get("location", 0)
        if found.candidates and found.how:
            listed = "; ".join(f"{self._label(p)}: {why}" for p, why in found.candidates)
            return Problem(
                shown,
                row.line,
                column,
                "place",
                f"{given} fits {len(found.candidates)} places "
                f"({listed}); give a p-code, or add a spelling that tells them apart",
            )
        near = ""
        if found.candidates:
            near = " (not: " + "; ".join(f"{self._label(p)}: {why}" for p, why in found.candidates) + ")"
        return Problem(
            shown,
            row.line,
            column,
            "place",
            f"{given} matches no place in the gazetteer{near} "
            f"within {self.within_km:g} km; add it to data/places.yml, or import with --add-places",
        )

    def new_entries(self, rows, export: str, today) -> list[dict]:
        """Gazetteer entries for unmatched rows (one per distinct name), for review."""
        entries, taken = {}, set(self.places)
        for row in rows:
            where = row.where
            name = where.name_en or where.name_ar
            if not name or where.lat is None or where.lon is None:
                continue
            key = normal(name)
            if key in entries:
                continue
            base = re.sub(r"[^a-z0-9]+", "-", unidecode(name).lower()).strip("-") or "place"
            place_id, number = base, 2
            while place_id in taken:
                place_id, number = f"{base}-{number}", number + 1
            taken.add(place_id)
            governorate = next(
                (
                    p.id
                    for p in self.places.values()
                    if p.kind == "governorate" and where.admin1 and self._in_admin1(p.id, where.admin1)
                ),
                None,
            )
            entry = {
                "id": place_id,
                "name_en": where.name_en or name,
                "name_ar": where.name_ar or name,
                "kind": "town",
            }
            if governorate:
                entry["parent"] = governorate
            entry.update(
                {
                    "lat": where.lat,
                    "lon": where.lon,
                    "coordinates_source": f"{export}, line {row.line}, as the export gives them",
                }
            )
            missing = [] if where.name_ar else ["the Arabic name (name_ar repeats the name in the export)"]
            entry["notes"] = (
                f"Added by make import on {today} from {export}, line {row.line}, for review: "
                + "check the kind (town by default), the parent"
                + (", " + ", ".join(missing) if missing else "")
                + " and the coordinates (as the export gives them)."
            )
            entry["imported_from"] = f"{export}, line {row.line}"
            entries[key] = entry
        return list(entries.values())
