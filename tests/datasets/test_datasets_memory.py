"""What keeps a large catalog small in memory changes nothing a reader or a plugin sees:
models sharing pydantic's fields-set records and their equal parts (model.SharedParts)
and the JSON download written a record at a time (exports.json_pieces)."""

import json
from pathlib import Path
from typing import ClassVar

import pytest

from datasets.cache import catalog_from_lines, catalog_lines
from datasets.exports import to_json
from datasets.model import Model, SharedParts
from datasets.validate import build_catalog

DATA = Path(__file__).resolve().parents[2] / "data"


def _catalog():
    catalog, problems = build_catalog(DATA)
    assert not problems
    return catalog


def test_models_given_the_same_fields_share_one_record_of_them():
    catalog = _catalog()
    records = [r for d in catalog.datasets.values() for r in d.records]
    before = {(r.id, frozenset(r.model_fields_set)) for r in records}
    dumped = {r.id: r.model_dump(mode="json") for r in records}
    SharedParts()(catalog)
    assert {(r.id, frozenset(r.model_fields_set)) for r in records} == before
    assert {r.id: r.model_dump(mode="json") for r in records} == dumped
    # One set per distinct set of fields: far fewer than the records.
    assert len({id(r.model_fields_set) for r in records}) == len(
        {frozenset(r.model_fields_set) for r in records}
    )
    assert len({frozenset(r.model_fields_set) for r in records}) < len(records)
    # A copy with a change gets its own set: the shared one is never changed in place.
    first = next(r for r in records if sum(o.model_fields_set is r.model_fields_set for o in records) > 1)
    second = next(r for r in records if r is not first and r.model_fields_set is first.model_fields_set)
    unchanged = frozenset(first.model_fields_set)
    changed = first.model_copy(update={"notes": "Changed."})
    assert changed.model_fields_set is not first.model_fields_set
    assert frozenset(first.model_fields_set) == frozenset(second.model_fields_set) == unchanged


def _errors_and_lines(catalog):
    return {
        r.id: [r.origin.line, *(r.origin.line_of(f) for f in type(r).model_fields)]
        for d in catalog.datasets.values()
        for r in d.records
    }


def test_equal_parts_are_one_object_and_every_value_stays_what_it_was():
    catalog = _catalog()
    records = [r for d in catalog.datasets.values() for r in d.records]
    dumped = {r.id: r.model_dump_json() for r in records}
    lines = _errors_and_lines(catalog)
    SharedParts()(catalog)
    assert {r.id: r.model_dump_json() for r in records} == dumped
    assert _errors_and_lines(catalog) == lines
    sources = [s for r in records for s in r.sources]
    assert len({id(s) for s in sources}) == len(set(sources)) < len(sources)
    publishers = [s.publisher for s in sources]
    assert len({id(p) for p in publishers}) == len(set(publishers))
    layouts = [r.origin.field_lines for r in records]
    assert len({id(x) for x in layouts}) == len(set(layouts)) < len(layouts)


class Flag(Model):
    shared: ClassVar[bool] = True
    value: bool | int | str


def test_values_that_are_equal_but_not_alike_stay_apart():
    share = SharedParts()
    held = [share(Flag(value=v)) for v in (True, 1, "1", 1, True)]
    assert [type(f.value) for f in held] == [bool, int, str, int, bool]
    assert held[0] is held[4] and held[1] is held[3] and held[0] is not held[1]
    pairs = share(Flag(value=1)), share(Flag(value=True))
    assert pairs[0] is held[1] and pairs[1] is held[0]


def test_the_kept_catalog_loads_back_with_shared_field_sets():
    catalog = _catalog()
    again = catalog_from_lines(catalog_lines(catalog))
    for dataset in catalog.datasets.values():
        loaded = again.datasets[dataset.id]
        assert [r.model_dump(mode="json") for r in loaded.records] == [
            r.model_dump(mode="json") for r in dataset.records
        ]
    records = [r for d in again.datasets.values() for r in d.records]
    assert len({id(r.model_fields_set) for r in records}) < len(records)
    assert _errors_and_lines(again) == _errors_and_lines(catalog)


def test_the_json_download_is_what_json_dumps_writes():
    catalog = _catalog()
    for dataset in [
        *catalog.datasets.values(),
        next(iter(catalog.datasets.values())).model_copy(update={"records": ()}),
    ]:
        named = sorted({p for r in dataset.records for p in r.place_ids})
        document = {
            "dataset": dataset.model_dump(mode="json", exclude={"records"}),
            "records": [r.model_dump(mode="json") for r in dataset.records],
            "places": {p: catalog.places[p].model_dump(mode="json") for p in named if p in catalog.places},
            "links": {"page": dataset.url, "csv": dataset.csv_url, "json": dataset.json_url},
        }
        assert to_json(dataset, catalog) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_a_kept_catalog_cut_short_or_out_of_order_is_refused():
    lines = list(catalog_lines(_catalog()))
    assert json.loads(lines[-1]) == ["end", len(lines) - 1]
    records = [i for i, line in enumerate(lines) if line.startswith('["record"')]
    for cut in (len(lines) - 1, records[-1], records[0], 1):
        with pytest.raises(ValueError):
            catalog_from_lines(lines[:cut])
    for left_out in (records[-1], records[0], 0):
        with pytest.raises(ValueError):  # the end line cannot vouch for fewer lines
            catalog_from_lines([*lines[:left_out], *lines[left_out + 1 :]])
    first_dataset = next(i for i, line in enumerate(lines) if line.startswith('["dataset"'))
    with pytest.raises(ValueError):  # a record before any dataset
        catalog_from_lines([lines[records[0]], *lines])
    assert first_dataset < records[0]
