"""One import, start to end: read, match places, merge, validate, write (or write nothing).

Used by ``invoke import`` (tasks.py) and the tests; ``python -m imports.run`` is
the same command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from datasets.model import ID_PATTERN, Place
from datasets.validate import PLACES_FILE, build_catalog
from press.files import write_atomic

from .formats import FORMATS
from .merge import Summary, merge_records, new_dataset, note_changes
from .places import DEFAULT_WITHIN_KM, Gazetteer
from .problems import ImportFailed, Problem
from .table import read_table
from .writer import append_entry, dump_document, load_document, validate_texts, yaml_value


def _shown(path: Path, base: Path) -> str:
    path = Path(path).resolve()
    try:
        return os.path.relpath(path, base) if path.is_relative_to(base) else str(path)
    except ValueError:
        return str(path)


def _admin_codes(gazetteer: Gazetteer, place_id: str) -> dict:
    """adm1_pcode .. adm3_pcode from the place and its parents, as far as the gazetteer knows."""
    codes, seen, place = {}, set(), gazetteer.places.get(place_id)
    levels = {"governorate": "adm1_pcode", "district": "adm2_pcode", "subdistrict": "adm3_pcode"}
    while place is not None and place.id not in seen:
        seen.add(place.id)
        if place.kind in levels and place.pcode and place.pcode.startswith("SY"):
            codes[levels[place.kind]] = place.pcode
        place = gazetteer.places.get(place.parent) if place.parent else None
    return codes


def _match_all(gazetteer, rows, shown):
    """{row: [place ids]}, rows no place fits (for --add-places), problems."""
    matched, unmatched, problems = {}, [], []
    for row in rows:
        ids = []
        for where in [row.where, *row.also_where]:
            found = gazetteer.match(where)
            if found.place_id:
                ids.append(found.place_id)
                continue
            problems.append(gazetteer.problem(shown, row, found))
            if not found.how and where is row.where:
                unmatched.append(row)
        matched[id(row)] = ids
    return matched, unmatched, problems


def _problem(shown, message, field="", line=1):
    return ImportFailed([Problem(shown, line, 0, field, message)])


def _match_places(catalog, rows, shown, export, add_places, within_km, today):
    """(gazetteer, {row: place id}, new gazetteer entries, problems): rows matched to places."""
    gazetteer = Gazetteer(catalog.places, within_km)
    matched, unmatched, problems = _match_all(gazetteer, rows, shown)
    new_places = []
    if add_places and unmatched:
        new_places = gazetteer.new_entries(unmatched, export, today)
        places = dict(catalog.places)
        for entry in new_places:
            places[entry["id"]] = Place.model_validate(entry)
        gazetteer = Gazetteer(places, within_km)
        matched, unmatched, problems = _match_all(gazetteer, rows, shown)
    return gazetteer, matched, new_places, problems


def _records(rows, matched, gazetteer, meta, fmt, export, shown):
    """Complete record dicts: place, admin codes, id, sources and the import block."""
    records: list[dict] = []
    first_line: dict[str, int] = {}
    counters: dict[str, int] = {}
    problems: list[Problem] = []
    for row in rows:
        record = dict(row.record)
        place_ids = matched[id(row)]
        place_id = place_ids[0]
        if meta.get("kind") == "displacement":
            record["from_places"] = place_ids
        else:
            record["place"] = place_id
            record.update(_admin_codes(gazetteer, place_id))
        if not record.get("id"):  # the export has no event ids: date and place, numbered
            day = record.get("date") or record.get("date_to")
            base_id = f"{meta.get('id_prefix') or fmt}-{day}-{place_id}"
            counters[base_id] = counters.get(base_id, 0) + 1
            record["id"] = base_id if counters[base_id] == 1 else f"{base_id}-{counters[base_id]}"
        if record["id"] in first_line:
            message = f"duplicate id {record['id']!r}; first on line {first_line[record['id']]}"
            problems.append(Problem(shown, row.line, 0, "id", message))
        first_line.setdefault(record["id"], row.line)
        if meta.get("source") and "sources" not in record:
            record["sources"] = [dict(meta["source"])]
        imported = {
            "export": export,
            "format": fmt,
            "version": meta.get("version"),
            "event_id": row.event_id,
            "row_source": row.row_source,
            "source_scale": row.source_scale,
        }
        record["imported"] = {k: v for k, v in imported.items() if v}
        records.append(record)
    return records, problems


def run_import(
    fmt: str,
    file,
    dataset_id: str,
    data_dir,
    *,
    mapping=None,
    version: str | None = None,
    publisher: str | None = None,
    add_places: bool = False,
    within_km: float = DEFAULT_WITHIN_KM,
    today: dt.date | None = None,
) -> Summary:
    """Import ``file`` into data/<dataset_id>.yml. Raises ImportFailed, having written nothing."""
    data_dir = Path(data_dir).resolve()
    base, today = data_dir.parent, today or dt.date.today()
    if fmt not in FORMATS:
        raise _problem("FROM", f"expected one of {', '.join(FORMATS)}, found {fmt!r}")
    if not re.match(ID_PATTERN, dataset_id or ""):
        raise _problem("DATASET", f"expected a dataset id like casualties, found {dataset_id!r}")
    path = data_dir / f"{dataset_id}.yml"
    document = load_document(path)
    kind = document.get("kind") if document is not None else None
    if kind not in (None, "casualties", "displacement") or (kind == "displacement" and fmt != "hxl"):
        message = f"this import writes casualty records (HXL: also displacement); the dataset is {kind!r}"
        raise _problem(_shown(path, base), message, "kind")
    catalog, problems = build_catalog(data_dir, today=today)
    if problems:
        raise ImportFailed(problems, "data/ has problems to fix first (make check):")

    export, shown = Path(file).name, _shown(Path(file), base)
    table = read_table(file, shown)
    read_problems: list = []
    options = {"export": export, "version": version, "publisher": publisher, "mapping": mapping, "kind": kind}
    rows, meta = FORMATS[fmt].read(table, options, read_problems)
    gazetteer, matched, new_places, problems = _match_places(
        catalog, rows, shown, export, add_places, within_km, today
    )
    if problems or read_problems:
        raise ImportFailed(read_problems + problems)
    records, problems = _records(rows, matched, gazetteer, meta, fmt, export, shown)
    if problems:
        raise ImportFailed(problems)

    is_new = document is None
    publisher_name = (meta.get("source") or {}).get("publisher") or "the sources named in each record"
    kind = meta.get("kind") or "casualties"
    if is_new:
        document = new_dataset(export, fmt, publisher_name, today, kind)
    summary = Summary(dataset=f"data/{dataset_id}.yml", places_added=[e["id"] for e in new_places])
    # Not compared (they change only along with a changed field): where the record came
    # from, the export's own citation when rows cite none, codes derived from the gazetteer.
    provenance: tuple[str, ...] = ("imported", "adm1_pcode", "adm2_pcode", "adm3_pcode")
    provenance += ("sources",) if meta.get("source") else ()
    merge_records(document, records, fmt, summary, provenance, kind)
    note_changes(document, summary, export, fmt, meta.get("version"), today)
    if summary.changed:
        chart = new_chart(dataset_id, export, publisher_name) if is_new and kind == "casualties" else None
        _write(data_dir, path, document, new_places, today, chart)
        summary.chart = f"data/charts/{dataset_id}-killed-over-time.yml" if chart else None
    return summary


def new_chart(dataset_id: str, export: str, publisher: str) -> str:
    """A first chart for a new dataset (killed over time), for the editor to review."""
    return (
        f"# Written by make import for the new dataset {dataset_id}: review the title,\n"
        "# source and alt text (say what the chart shows) before publishing.\n"
        + dump_document(
            yaml_value(
                {
                    "type": "line",
                    "dataset": dataset_id,
                    "time": "date",
                    "value": "killed",
                    "title": f"Killed, by date of the event ({export})",
                    "source": publisher,
                    "alt": f"Line chart of the number of people reported killed in each event of {export}, "
                    "by date, as the export gives them.",
                }
            )
        )
    )


def _write(data_dir, path, document, new_places, today, chart=None):
    """Validate the new texts as a build would, then replace the files (gazetteer first)."""
    texts = {path.name: dump_document(document)}
    if new_places:
        gazetteer_doc = load_document(data_dir / PLACES_FILE)
        for entry in new_places:
            append_entry(gazetteer_doc["places"], yaml_value(entry))
        texts[PLACES_FILE] = dump_document(gazetteer_doc)
    problems = validate_texts(data_dir, texts, today)
    if problems:
        raise ImportFailed(problems, "the imported records would not validate as data files:")
    for name in sorted(texts, key=lambda n: n != PLACES_FILE):
        write_atomic(data_dir / name, texts[name])
    chart_path = data_dir / "charts" / f"{path.stem}-killed-over-time.yml"
    if chart and not chart_path.exists():
        write_atomic(chart_path, chart)  # makes data/charts/ if need be


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make import", description=__doc__)
    parser.add_argument("--from", dest="fmt", required=True, choices=sorted(FORMATS))
    parser.add_argument("--file", required=True)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--data", default="data")
    parser.add_argument("--mapping")
    parser.add_argument("--version")
    parser.add_argument("--publisher")
    parser.add_argument("--add-places", action="store_true")
    parser.add_argument("--within-km", type=float, default=DEFAULT_WITHIN_KM)
    parser.add_argument("--today", type=dt.date.fromisoformat)
    args = parser.parse_args(argv)
    try:
        summary = run_import(
            args.fmt,
            args.file,
            args.dataset,
            args.data,
            mapping=args.mapping,
            version=args.version,
            publisher=args.publisher,
            add_places=args.add_places,
            within_km=args.within_km,
            today=args.today,
        )
    except ImportFailed as failure:
        if failure.heading:
            print(failure.heading, file=sys.stderr)
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        count = len(failure.problems)
        print(
            f"Import stopped: {count} problem{'s' if count != 1 else ''}; nothing was written.",
            file=sys.stderr,
        )
        return 1
    print("\n".join(summary.lines()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
