"""Any CSV with an HXL hashtag row (HDX, OCHA, Marsad's own downloads), read by hashtag.

libhxl finds the hashtag row and parses each column's tag; fields are picked by
libhxl tag patterns (``#affected+killed-children`` matches ``#affected+killed``
but not ``#affected+killed+children``), so column names and order do not matter.
Marsad's own CSV download maps back to the same records (round trip).
"""

from __future__ import annotations

import re
from typing import Any

import hxl as libhxl
from hxl.model import Column

from ..incoming import Cells, PlaceHints, SourceRow
from ..problems import Problem

SEP = "|"  # list values inside one cell, as in Marsad's CSV download (hxlexpand's separator)
# record field -> tag patterns, most wanted first (the first column matching wins)
FIELDS = {
    "id": ["#meta+id-place", "#event+id", "#event+code"],
    "title": ["#meta+title"],
    "date_derived": ["#meta+date_derived", "#date+derived"],
    "date": ["#date-precision-note-derived-source-start-end-published-accessed-reported"],
    "date_precision": ["#meta+date_precision", "#date+precision"],
    "date_note": ["#description+date_note", "#date+note"],
    "attack_type": ["#event+type-acled-sub"],
    "attacks": ["#event+num"],
    "perpetrator": ["#group+perpetrator"],
    "documented_by": ["#org+documented", "#org-source-publisher"],
    "notes": ["#description+notes", "#description-date_note"],
    "articles": ["#meta+articles"],
    "event_type": ["#event+type+acled-sub"],
    "sub_event_type": ["#event+type+sub"],
    "civilian_targeting": ["#meta+civilian_targeting"],
    "geo_precision": ["#geo+precision"],
    "harm_grading": ["#meta+harm_grading"],
}
# A casualty record's actors and per-source reports: one "|"-joined value per entry
# in each column, as Marsad's CSV download writes them (datasets/exports.py).
LISTS = {
    "actors": {"name": "#group+name", "role": "#group+role", "type": "#group+type"},
    "reports": {"source": "#org+report", "killed": "#meta+report+killed", "injured": "#meta+report+injured"},
}
REPORTED = re.compile(r"^(\d+)(?:-(\d+))?$")
FIGURES = {
    "killed": "#affected+killed-children-women",
    "injured": "#affected+injured-children-women",
    "children_killed": "#affected+killed+children",
    "women_killed": "#affected+killed+women",
}
SOURCE_TAGS = {
    "publisher": "#org+source",
    "title": "#meta+source+title",
    "url": "#meta+url-publisher",
    "publisher_url": "#meta+url+publisher",
    "published": "#meta+source+published",
    "accessed": "#meta+source+accessed",
}
DISPLACEMENT_FIELDS = {
    "id": FIELDS["id"],
    "title": FIELDS["title"],
    "date_to": ["#date+end", "#date-start-end-precision-note-derived-source-published-accessed-reported"],
    "date_from": ["#date+start"],
    "documented_by": FIELDS["documented_by"],
    "notes": FIELDS["notes"],
    "articles": FIELDS["articles"],
}
DISPLACEMENT_FIGURES = {"persons": "#affected+idps-households", "families": "#affected+idps+households"}
PLACE_TAGS = {
    "codes": ["#meta+id+place-origin", "#loc+code-origin"],
    "area_codes": ["#adm3+code", "#adm2+code", "#adm1+code"],
    "names": ["#loc+name-i_ar-origin", "#loc+name+i_ar-origin"],
    "name_en": ["#loc+name-i_ar-origin"],
    "name_ar": ["#loc+name+i_ar-origin"],
    "area_names": ["#adm3+name", "#adm2+name"],
    "admin1": ["#adm1+name", "#adm1+code"],
    "lat": ["#geo+lat-origin"],
    "lon": ["#geo+lon-origin"],
}


def _hashtag_row(table, problems):
    """Index (in table.rows) of the hashtag row and libhxl's parsed columns."""
    for index, row in enumerate(table.rows[:25]):
        cells = [c.strip() for c in row.cells]
        if any(cells) and all(not c or c.startswith("#") for c in cells):
            columns = []
            for number, cell in enumerate(cells, start=1):
                try:
                    columns.append(Column.parse(cell, header=table.header[number - 1]) if cell else None)
                except libhxl.HXLException as error:
                    problems.append(
                        Problem(table.shown, row.line, number, cell, f"not an HXL hashtag: {error}")
                    )
                    columns.append(None)
            return index, columns
    problems.append(
        Problem(
            table.shown,
            table.header_line,
            0,
            "",
            "expected an HXL hashtag row (like #date,#adm1+code) "
            "under the header in the first 25 rows; found none (use FROM=csv with a mapping file)",
        )
    )
    return None, []


def _find(columns, patterns, used=()):
    for pattern in patterns:
        tag = libhxl.TagPattern.parse(pattern)
        for index, column in enumerate(columns):
            if column is not None and index not in used and tag.match(column) and not _ranged(column):
                return index
    return None


def _ranged(column):
    return bool({"min", "max"} & set(column.attributes))


def _range_columns(columns, pattern):
    """(exact, min, max) column indexes for a figure."""
    exact = _find(columns, [f"{pattern}-min-max"])
    low = _find_attr(columns, pattern, "min")
    high = _find_attr(columns, pattern, "max")
    return exact, low, high


def _find_attr(columns, pattern, attribute):
    tag = libhxl.TagPattern.parse(f"{pattern}+{attribute}")
    return next((i for i, c in enumerate(columns) if c is not None and tag.match(c)), None)


def _figures(cells, figures) -> dict:
    """Each figure the file has: a range from +min/+max columns, else the plain column."""
    found = {}
    for name, (exact, low, high) in figures.items():
        if low is not None and high is not None:
            least, most = cells.figure(f"{name}_min"), cells.figure(f"{name}_max")
            if (least is None) != (most is None):
                cells.fail(f"{name}_max", "expected both the minimum and the maximum, or neither")
            found[name] = None if least is None else (least if least == most else {"min": least, "max": most})
        elif exact is not None:
            found[name] = cells.figure(f"{name}_exact")
    return found


def _sources(cells, sources) -> list[dict]:
    """The row's sources from Marsad's source columns (one source per line of each cell)."""
    parts = {k: cells.text(f"source_{k}").split(SEP) for k in sources if sources[k] is not None}
    return [
        {k: v[i].strip() for k, v in parts.items() if i < len(v) and v[i].strip()}
        for i in range(len(parts["publisher"]))
    ]


def _entries(cells, name, given):
    """Actors or reports of one row from their "|"-joined columns; [] when the first is empty."""
    first = next(iter(LISTS[name]))
    if first not in given or not cells.text(f"{name}_{first}"):
        return []
    parts = {key: cells.text(f"{name}_{key}").split(SEP) for key in LISTS[name] if key in given}
    entries = []
    for index in range(len(parts[first])):
        entry: dict[str, Any] = {}
        for key, values in parts.items():
            value = values[index].strip() if index < len(values) else ""
            if not value:
                continue
            if key in ("killed", "injured"):
                found = REPORTED.match(value)
                if not found:
                    cells.fail(
                        f"{name}_{key}", f"expected a figure or range (15, 15-17) per source, found {value!r}"
                    )
                    continue
                low, high = int(found.group(1)), int(found.group(2) or found.group(1))
                entry[key] = low if low == high else {"min": low, "max": high}
            else:
                entry[key] = value
        entries.append(entry)
    return entries


def _texts(cells, kind, count):
    return [c for n in range(count) if (c := cells.text(f"place_{kind}{n}"))]


def _coordinate(cells, name, bound):
    """A coordinate, or None for a cell of several (one per place, as in Marsad's CSV)."""
    return None if SEP in cells.text(name) else cells.number(name, -bound, bound)


def _place_hints(cells, places) -> PlaceHints:
    """The event's own place first; an admin area's code or name only when the row names no place."""
    codes = _texts(cells, "codes", len(places["codes"]))
    names = _texts(cells, "names", len(places["names"]))
    if not codes and not names:
        codes = _texts(cells, "area_codes", len(places["area_codes"]))
    english = cells.text("place_name_en0") if places["name_en"] else ""
    arabic = cells.text("place_name_ar0") if places["name_ar"] else ""
    return PlaceHints(
        pcodes=codes[:1],
        names=names or _texts(cells, "area_names", len(places["area_names"]))[:1],
        names_are_areas=not names,
        admin1=next(iter(_texts(cells, "admin1", len(places["admin1"]))), ""),
        lat=_coordinate(cells, "place_lat0", 90) if places["lat"] else None,
        lon=_coordinate(cells, "place_lon0", 180) if places["lon"] else None,
        name_en=english or (names[0] if names else ""),
        name_ar=arabic,
    )


def _kind(columns, wanted):
    """The dataset kind: the existing dataset's, else displacement for a file of #affected+idps only."""
    if wanted:
        return wanted
    idps = _find(columns, ["#affected+idps"]) is not None
    harm = _find(columns, ["#affected+killed", "#affected+injured"]) is not None
    return "displacement" if idps and not harm else "casualties"


def _origin_tags():
    """Displacement: only places tagged +origin are where people fled from (never guessed)."""
    tags = {}
    for name, patterns in PLACE_TAGS.items():
        tags[name] = [p.replace("-origin", "+origin") if "-origin" in p else f"{p}+origin" for p in patterns]
    return tags


def read(table, options, problems):
    """Rows under the hashtag row as SourceRows (casualty or displacement records)."""
    index, columns = _hashtag_row(table, problems)
    if index is None:
        return [], {}
    kind = _kind(columns, options.get("kind"))
    if kind not in ("casualties", "displacement"):
        problems.append(
            Problem(table.shown, 1, 0, "", f"HXL imports write casualty or displacement records, not {kind}")
        )
        return [], {}
    displaced = kind == "displacement"
    table_fields = DISPLACEMENT_FIELDS if displaced else FIELDS
    fields = {name: _find(columns, patterns) for name, patterns in table_fields.items()}
    fields = {k: v for k, v in fields.items() if v is not None}
    date_field = "date_to" if displaced else "date"
    if date_field not in fields:
        problems.append(
            Problem(table.shown, table.rows[index].line, 0, "#date", "required hashtag is missing")
        )
        return [], {}
    lists = (
        {}
        if displaced
        else {
            name: {key: i for key, tag in tags.items() if (i := _find(columns, [tag])) is not None}
            for name, tags in LISTS.items()
        }
    )
    figure_tags = DISPLACEMENT_FIGURES if displaced else FIGURES
    figures = {name: _range_columns(columns, pattern) for name, pattern in figure_tags.items()}
    sources = {name: _find(columns, [tag]) for name, tag in SOURCE_TAGS.items()}
    place_tags = _origin_tags() if displaced else PLACE_TAGS
    places = {
        name: [i for p in tags if (i := _find(columns, [p])) is not None] for name, tags in place_tags.items()
    }
    if not (
        places["codes"]
        or places["area_codes"]
        or places["names"]
        or places["area_names"]
        or (places["lat"] and places["lon"])
    ):
        problems.append(
            Problem(
                table.shown,
                table.rows[index].line,
                0,
                "#loc",
                "expected a place: #loc+code, "
                "#adm1+code ... #adm3+code, #loc+name or #geo+lat and #geo+lon; found none",
            )
        )
        return [], {}
    have_sources = sources["publisher"] is not None and sources["title"] is not None
    if not have_sources and not options.get("publisher"):
        problems.append(
            Problem(
                table.shown,
                table.rows[index].line,
                0,
                "#org+source",
                "the file names no source per row; give the export's publisher (PUBLISHER=...)",
            )
        )
        return [], {}
    named = {
        **fields,
        **{
            f"{k}_{n}": v
            for k, t in figures.items()
            for n, v in zip(("exact", "min", "max"), t, strict=True)
            if v is not None
        },
    }
    named.update({f"place_{k}{n}": v for k, vs in places.items() for n, v in enumerate(vs)})
    named.update({f"source_{k}": v for k, v in sources.items() if v is not None})
    named.update({f"{name}_{key}": i for name, found in lists.items() for key, i in found.items()})
    rows = []
    for row in table.rows[index + 1 :]:
        cells = Cells(table, row, named, problems)
        record: dict[str, Any] = {}
        if "id" in fields:
            raw_id = cells.text("id")
            slug = re.sub(r"[^a-z0-9]+", "-", raw_id.lower()).strip("-")
            if not slug:
                cells.fail("id", "expected an event id, found an empty cell")
            record["id"] = slug
        record[date_field] = cells.day(date_field)
        if "date_from" in fields:
            record["date_from"] = cells.day("date_from", required=False)
        for name in (
            "title",
            "date_precision",
            "date_note",
            "attack_type",
            "perpetrator",
            "documented_by",
            "notes",
            "event_type",
            "sub_event_type",
            "harm_grading",
        ):
            if name in fields:
                record[name] = cells.text(name) or None
        if "civilian_targeting" in fields:
            coded = cells.choice("civilian_targeting", ("true", "false"), "true, false or empty")
            record["civilian_targeting"] = None if coded is None else coded == "true"
        if "geo_precision" in fields:
            precision = cells.choice("geo_precision", ("1", "2", "3"), "ACLED's geo precision")
            record["geo_precision"] = int(precision) if precision else None
        for name, given in lists.items():
            if given and (name != "actors" or "role" in given):  # an actor without a role is no actor
                record[name] = _entries(cells, name, given)
        if "date_derived" in fields:
            record["date_derived"] = (
                cells.choice("date_derived", ("true", "false"), "true or false") == "true"
            )
        if "attacks" in fields:
            record["attacks"] = cells.figure("attacks")
        if "documented_by" not in fields and options.get("publisher"):
            record["documented_by"] = options["publisher"]
        if "articles" in fields:
            record["articles"] = [a for a in cells.text("articles").split(SEP) if a.strip()]
        record.update(_figures(cells, figures))
        if have_sources:
            record["sources"] = _sources(cells, sources)
        where = _place_hints(cells, places)
        also = []
        if where.pcodes and SEP in where.pcodes[0]:  # several places in one cell (Marsad's CSV)
            codes = [c.strip() for c in where.pcodes[0].split(SEP) if c.strip()]
            where.pcodes = codes[:1]
            also = [PlaceHints(pcodes=[c]) for c in codes[1:]]
        rows.append(
            SourceRow(
                line=row.line,
                column_of={"location": (places["names"] or places["codes"] or [-1])[0] + 1},
                event_id=cells.text("id") if "id" in fields else "",
                record=record,
                where=where,
                row_source=cells.text("documented_by"),
                also_where=also,
            )
        )
    source = (
        None
        if have_sources
        else {"publisher": options["publisher"], "title": f"HXL export {options['export']}"}
    )
    return rows, {
        "version": options.get("version"),
        "source": source,
        "id_prefix": "hxl" if "id" not in fields else "",
        "kind": kind,
    }
