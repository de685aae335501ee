"""ACLED exports: 500 synthetic rows, re-import, a newer export, and rows that must fail."""

import monitor_exports as synthetic
import pytest
import yaml
from monitor_exports import snapshot

from imports.problems import ImportFailed


def _records(data_dir):
    return {r["id"]: r for r in yaml.safe_load((data_dir / "casualties.yml").read_text())["records"]}


def test_500_rows_import_with_their_sources(run, data_dir, tmp_path):
    export = synthetic.write_acled(tmp_path / "acled-2001.csv")
    summary = run("acled", export)
    assert (len(summary.added), len(summary.updated), summary.gone) == (500, 0, [])
    text = (data_dir / "casualties.yml").read_text()
    assert text.startswith("# Test dataset: comments must survive an import.\n")
    records = _records(data_dir)
    rows = {f"acled-{r['event_id_cnty'].lower()}": r for r in synthetic.acled_rows()}
    assert set(records) == set(rows)
    governorates = {r["adm1_pcode"] for r in records.values()}
    assert governorates == {"SY91", "SY92", "SY93"}
    for rid, record in records.items():
        row = rows[rid]
        assert record["killed"] == int(row["fatalities"])  # copied exactly
        assert "injured" not in record  # ACLED gives none: not invented
        assert record["imported"]["event_id"] == row["event_id_cnty"]
        assert record["imported"]["row_source"] == row["source"]
        assert record["imported"]["source_scale"] == "Local partner-National"
        assert record["imported"]["export"] == "acled-2001.csv"
        assert record["sources"][0]["title"] == "ACLED data export acled-2001.csv"
        assert record["sub_event_type"] == row["sub_event_type"]
    # matched by spelling (Alfaville), by name, and by coordinates (no "outskirts" place)
    assert records["acled-tst00011"]["place"] == "alphaville"
    assert records["acled-tst00009"]["place"] == "zetaburg"
    # Twinford exists in two governorates: admin1 tells them apart
    assert records["acled-tst00006"]["place"] == "twinford-north"
    assert records["acled-tst00007"]["place"] == "twinford-south"


def test_reimport_changes_nothing(run, data_dir, tmp_path):
    export = synthetic.write_acled(tmp_path / "acled.csv", rows=synthetic.acled_rows(count=100))
    run("acled", export)
    before = snapshot(data_dir)
    summary = run("acled", export)
    assert (summary.added, summary.updated, summary.unchanged) == ([], [], 100)
    assert snapshot(data_dir) == before


def test_newer_export_updates_adds_and_lists_what_is_gone(run, data_dir, tmp_path):
    rows = synthetic.acled_rows(count=100)  # fewer rows than the 500 of the first test: faster
    run("acled", synthetic.write_acled(tmp_path / "acled-v1.csv", rows=rows))
    newer = [dict(r) for r in rows[1:]] + synthetic.acled_rows(count=2, start=501)
    newer[0]["fatalities"] = "99"  # TST00002 revised
    summary = run("acled", synthetic.write_acled(tmp_path / "acled-v2.csv", rows=newer))
    assert summary.added == ["acled-tst00501", "acled-tst00502"]
    assert summary.updated == [("acled-tst00002", ["killed"])]
    assert summary.gone == ["acled-tst00001"]
    records = _records(data_dir)
    assert "acled-tst00001" in records  # never deleted silently
    assert records["acled-tst00002"]["killed"] == 99
    assert records["acled-tst00002"]["imported"]["export"] == "acled-v2.csv"
    assert records["acled-tst00003"]["imported"]["export"] == "acled-v1.csv"  # unchanged: untouched
    header = yaml.safe_load((data_dir / "casualties.yml").read_text())
    entry = header["changelog"][-1]
    assert str(entry["date"]) == synthetic.TODAY
    assert "acled-v2.csv" in entry["text"] and "2 new records" in entry["text"]
    assert (
        "1 updated (acled-tst00002)" in entry["text"] and "kept for review: acled-tst00001" in entry["text"]
    )


def test_bad_rows_are_all_listed_and_nothing_is_written(run, data_dir, tmp_path):
    before = snapshot(data_dir)
    with pytest.raises(ImportFailed) as failure:
        run("acled", synthetic.write_acled(tmp_path / "acled-bad.csv", bad=True))
    messages = [str(p) for p in failure.value.problems]
    assert len(messages) == len(synthetic.BAD_ACLED), messages
    for (number, (column, _, what)), message in zip(
        sorted(synthetic.BAD_ACLED.items()), messages, strict=True
    ):
        col = synthetic.ACLED_COLUMNS.index(column) + 1
        assert message.startswith(f"acled-bad.csv:{number + 1}:{col}: "), message
        assert what in message
    assert "samename-a" in messages[1] and "samename-b" in messages[1]  # the candidates
    assert snapshot(data_dir) == before


def test_missing_column_is_named(run, tmp_path):
    export = tmp_path / "acled.csv"
    synthetic.write_acled(export, rows=synthetic.acled_rows(count=3))
    lines = export.read_text().splitlines()
    header = lines[0].split(",")
    index = header.index("fatalities")
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]
    export.write_text("\n".join(cut) + "\n")
    with pytest.raises(ImportFailed) as failure:
        run("acled", export)
    assert [str(p) for p in failure.value.problems][0].startswith(
        "acled.csv:1: fatalities: required column is missing"
    )


def test_add_places_writes_entries_for_review(run, data_dir, tmp_path):
    rows = synthetic.acled_rows(count=3)
    rows[0].update(location="Newtown", latitude="1.3000", longitude="3.3000")
    summary = run("acled", synthetic.write_acled(tmp_path / "acled.csv", rows=rows), add_places=True)
    assert summary.places_added == ["newtown"]
    places = yaml.safe_load((data_dir / "places.yml").read_text())["places"]
    added = next(p for p in places if p["id"] == "newtown")
    assert added["imported_from"] == "acled.csv, line 2"
    assert (added["lat"], added["lon"], added["parent"]) == (1.3, 3.3, "test-north")
    assert "for review" in added["notes"]
    assert (data_dir / "places.yml").read_text().startswith("# Synthetic gazetteer")
    assert _records(data_dir)["acled-tst00001"]["place"] == "newtown"


def test_new_dataset_gets_a_header_and_a_first_chart(run, data_dir, tmp_path):
    summary = run(
        "acled", synthetic.write_acled(tmp_path / "acled.csv", rows=synthetic.acled_rows(count=5)), "new-set"
    )
    assert summary.chart == "data/charts/new-set-killed-over-time.yml"
    text = (data_dir / "new-set.yml").read_text()
    assert text.startswith("# Created by make import from acled.csv on 2001-12-31.\n")
    header = yaml.safe_load(text)
    assert header["kind"] == "casualties" and len(header["records"]) == 5
    assert (str(header["period_from"]), str(header["period_to"])) == ("2001-02-02", "2001-06-06")
    chart = yaml.safe_load((data_dir / "charts" / "new-set-killed-over-time.yml").read_text())
    assert (chart["type"], chart["dataset"], chart["value"]) == ("line", "new-set", "killed")
