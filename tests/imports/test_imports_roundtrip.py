"""Marsad's own CSV downloads (datasets.exports.to_csv, as the build writes them) re-import unchanged."""

import datetime as dt
import shutil
from pathlib import Path

import monitor_exports as synthetic
import yaml
from monitor_exports import snapshot

from datasets.exports import to_csv
from datasets.validate import build_catalog
from imports.run import run_import

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.fromisoformat(synthetic.TODAY)


def _reimport(data_dir, dataset_id, tmp_path, today=None):
    catalog, problems = build_catalog(data_dir, today=today)
    assert not problems, problems
    download = tmp_path / f"{dataset_id}.csv"
    download.write_text(to_csv(catalog.datasets[dataset_id], catalog), encoding="utf-8")
    before = snapshot(data_dir)
    summary = run_import("hxl", download, dataset_id, data_dir, today=today)
    assert (summary.added, summary.updated) == ([], [])
    assert summary.unchanged == len(catalog.datasets[dataset_id].records)
    assert snapshot(data_dir) == before


def test_the_projects_own_datasets_round_trip(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)  # read only: the copy is imported into
    for dataset_id in ("casualties", "displacement"):
        _reimport(data_dir, dataset_id, tmp_path)


def test_displacement_from_several_places_round_trips(data_dir, tmp_path):
    document = synthetic.casualties_header()
    document.update(kind="displacement", title="Test displacement", period_from="2001-04-01")
    document["records"] = [
        {
            "id": "d-two-places",
            "date_from": "2001-04-01",
            "date_to": "2001-04-30",
            "from_places": ["betatown", "deltaport"],
            "families": None,
            "persons": 300,
            "documented_by": "Test Cluster",
            "sources": [{"publisher": "Test Cluster", "title": "Synthetic count", "published": "2001-05-01"}],
        }
    ]
    document["period_to"] = "2001-05-01"
    (data_dir / "displacement.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    _reimport(data_dir, "displacement", tmp_path, today=TODAY)


def test_formula_like_text_round_trips(data_dir, tmp_path):
    """The download marks such cells with an apostrophe; the import removes exactly that one."""
    record = {
        "id": "t-formula",
        "date": "2001-01-02",
        "place": "betatown",
        "attack_type": "=shelling",
        "documented_by": "'Ayn Monitor",
        "notes": "-3 reported, +2 later; @desk",
        "killed": 3,
        "sources": [{"publisher": "Test Monitor A", "title": "'quoted' title"}],
    }
    document = synthetic.casualties_header([record])
    (data_dir / "casualties.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    _reimport(data_dir, "casualties", tmp_path, today=TODAY)


def test_a_fresh_import_of_the_download_keeps_the_richer_fields(tmp_path):
    """ACLED coding, actors with types, per-source reports and grading survive CSV -> HXL import."""
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "tests/fixtures/datasets-site/data", data_dir)
    catalog, problems = build_catalog(data_dir)
    assert not problems, problems
    download = tmp_path / "casualties.csv"
    download.write_text(to_csv(catalog.datasets["casualties"], catalog, "SYR"), encoding="utf-8")
    (data_dir / "casualties.yml").unlink()  # ids are unique across data/: import into a fresh file
    run_import("hxl", download, "casualties", data_dir)
    again, problems = build_catalog(data_dir)
    assert not problems, problems
    fields = ["event_type", "sub_event_type", "actors", "civilian_targeting", "geo_precision"]
    fields += ["reports", "harm_grading", "killed", "injured", "sources", "notes"]
    for original in catalog.datasets["casualties"].records:
        copy = next(r for r in again.datasets["casualties"].records if r.id == original.id)
        assert {f: getattr(copy, f) for f in fields} == {f: getattr(original, f) for f in fields}
    rich = next(r for r in again.datasets["casualties"].records if r.id == "s-4")
    assert rich.actors[0].type == "state-forces" and rich.reports_text("injured") == "Test Monitor: 1"
    assert rich.imported is not None and rich.imported.format == "hxl"  # this import's own provenance
