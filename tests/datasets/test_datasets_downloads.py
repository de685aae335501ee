"""CSV (with its HXL row) and JSON downloads round-trip the records exactly."""

import csv
import io

import pytest

from datasets.exports import dataset_from_json, records_from_csv
from datasets.validate import build_catalog


def dumped(records):
    return [r.model_dump() for r in records]


@pytest.fixture(scope="module")
def catalog(synthetic_site):
    catalog, problems = build_catalog(synthetic_site.site / "data")
    assert not problems
    return catalog


@pytest.mark.parametrize("dataset_id", ["casualties", "patrols", "displacement", "counts"])
def test_csv_round_trips_every_record(synthetic_site, catalog, dataset_id):
    dataset = catalog.datasets[dataset_id]
    text = (synthetic_site.output / dataset.csv_url).read_text(encoding="utf-8")
    assert dumped(records_from_csv(text, dataset.kind)) == dumped(dataset.records)


@pytest.mark.parametrize("dataset_id", ["casualties", "patrols", "displacement", "counts"])
def test_json_round_trips_the_dataset(synthetic_site, catalog, dataset_id):
    dataset = catalog.datasets[dataset_id]
    text = (synthetic_site.output / dataset.json_url).read_text(encoding="utf-8")
    assert dataset_from_json(text).model_dump() == dataset.model_dump()


def test_csv_has_an_hxl_row_and_gazetteer_columns(synthetic_site):
    text = (synthetic_site.output / "data/casualties/casualties.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, hxl, *records = rows
    assert len(header) == len(hxl) and all(tag.startswith("#") for tag in hxl)
    for tag in [
        "#date",
        "#adm1+code",
        "#adm1+name",
        "#loc+name",
        "#geo+lat",
        "#geo+lon",
        "#affected+killed+min",
        "#affected+killed+max",
        "#affected+injured+min",
        "#affected+injured+max",
        "#org+source",
        "#meta+url",
    ]:
        assert tag in hxl, tag
    row = dict(zip(hxl, records[0], strict=True))
    assert row["#meta+id"] == "s-1"
    assert row["#adm1+code"] == "SY98" and row["#adm1+name"] == "Alpha governorate"
    assert row["#loc+name"] == "Beta town" and row["#loc+name+i_ar"] == "بلدة بيتا"
    assert (row["#geo+lat"], row["#geo+lon"]) == ("35.6", "36.6")
    assert (row["#affected+killed+min"], row["#affected+killed+max"]) == ("15", "17")
    assert row["#org+source"] == "First Publisher|Second Publisher"


def test_displacement_csv_carries_idp_tags(synthetic_site):
    text = (synthetic_site.output / "data/displacement/displacement.csv").read_text(encoding="utf-8")
    header, hxl, *_ = list(csv.reader(io.StringIO(text)))
    assert "#affected+idps+households" in hxl and "#affected+idps+ind" in hxl


def test_libhxl_finds_no_error_or_warning_in_lists(synthetic_site):
    """The synthetic site has records with several sources and places (lists in cells)."""
    from quality.standards import hxl_issues

    files = sorted(synthetic_site.output.glob("data/*/*.csv"))
    issues = [i for path in files for i in hxl_issues(path)]
    assert len(files) == 4 and not [i for i in issues if ": error: " in i or ": warning: " in i], issues
    header, hxl, *records = list(csv.reader(io.StringIO(files[-1].read_text(encoding="utf-8"))))
    row = dict(zip(hxl, records[0], strict=True))
    assert row["#meta+id+place"] == "beta-town|gamma-village" and row["#country+code"] == "SYR"


def test_frictionless_validates_packages_with_lists(synthetic_site):
    from quality.standards import frictionless_errors

    packages = sorted(synthetic_site.output.glob("data/*/datapackage.json"))
    assert len(packages) == 4
    assert not [e for package in packages for e in frictionless_errors(package)]


def test_kept_csv_bytes_are_checked_as_text_would_be(monkeypatch):
    """downloads._clean reads the kept bytes in place: UTF-8 a chunk at a time (a
    character cut by a chunk's end is still one character), formulas in the bytes."""
    from datasets import downloads

    def clean(text):
        return downloads._clean("csv", memoryview(text.encode("utf-8")))

    monkeypatch.setattr(downloads, "CHUNK", 5)  # every Arabic letter's two bytes split somewhere
    assert clean("id,notes\nx-1,غارة على إدلب,-12.5\n")
    assert not clean("id,notes\nx-1,غارة,=1+2\n")
    assert not clean('id,notes\nx-1,"@غارة"\n')
    assert not clean("id,notes\nx-1,-غارة\n")
    assert not downloads._clean("csv", memoryview("id,غ\n".encode() + b"\xd8"))  # cut inside a letter
    assert not downloads._clean("csv", memoryview(b"id,\xff\n"))
