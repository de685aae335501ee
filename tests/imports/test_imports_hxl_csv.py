"""HXL CSVs (read by hashtag with libhxl) and a monitor's CSV with a mapping file."""

import monitor_exports as synthetic
import pytest
import yaml
from monitor_exports import snapshot

from imports.problems import ImportFailed


def _records(data_dir):
    return {r["id"]: r for r in yaml.safe_load((data_dir / "casualties.yml").read_text())["records"]}


def test_hxl_rows_matched_by_code_arabic_name_and_admin1(run, data_dir, tmp_path):
    summary = run("hxl", synthetic.write_hxl(tmp_path / "hdx.csv"), publisher="Test Cluster")
    assert sorted(summary.added) == ["h-1", "h-2", "h-3", "h-4"]
    records = _records(data_dir)
    assert records["h-1"]["place"] == "betatown"  # name, inside the district p-code's governorate
    assert records["h-2"]["place"] == "alphaville"  # Arabic name
    assert records["h-3"]["place"] == "twinford-south"  # same name twice: admin1 decides
    assert records["h-4"]["place"] == "district-sy9102"  # only a district p-code: that district
    assert records["h-1"]["killed"] == 3 and records["h-1"]["injured"] == 5
    assert records["h-3"]["killed"] is None  # empty stays empty, never 0
    assert records["h-2"]["killed"] == 0
    assert records["h-1"]["documented_by"] == "Test Monitor A"
    assert records["h-1"]["sources"] == [{"publisher": "Test Cluster", "title": "HXL export hdx.csv"}]
    assert records["h-1"]["imported"]["format"] == "hxl"


def test_hxl_bad_rows_listed(run, data_dir, tmp_path):
    before = snapshot(data_dir)
    with pytest.raises(ImportFailed) as failure:
        run("hxl", synthetic.write_hxl(tmp_path / "hdx.csv", bad=True), publisher="Test Cluster")
    messages = [str(p) for p in failure.value.problems]
    assert len(messages) == 3, messages
    assert messages[0].startswith("hdx.csv:7:") and "'Nowhereville'" in messages[0]
    assert messages[1].startswith("hdx.csv:8:") and "fits 2 places" in messages[1]
    assert "twinford-north" in messages[1] and "twinford-south" in messages[1]
    assert messages[2].startswith("hdx.csv:9:2: Date: expected a date as YYYY-MM-DD, found '2001-13-07'")
    assert snapshot(data_dir) == before


def test_hxl_without_hashtag_row(run, tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("Date,Place\n2001-01-01,Betatown\n")
    with pytest.raises(ImportFailed) as failure:
        run("hxl", plain, publisher="X")
    assert "expected an HXL hashtag row" in str(failure.value)


def test_monitor_csv_through_mapping(run, data_dir, tmp_path):
    sheet, mapping = synthetic.write_monitor(tmp_path)
    summary = run("csv", sheet, mapping=mapping)
    assert summary.added == ["tmc-c-1", "tmc-c-2", "tmc-c-3"]
    records = _records(data_dir)
    assert str(records["tmc-c-1"]["date"]) == "2001-04-02"
    assert records["tmc-c-2"]["killed"] is None and records["tmc-c-2"]["injured"] == 7
    assert records["tmc-c-1"]["documented_by"] == "Test witness"
    assert records["tmc-c-2"]["documented_by"] == "Test Monitor C"
    assert records["tmc-c-3"]["place"] == "twinford-north"
    assert records["tmc-c-1"]["attack_type"] == "shelling"
    assert records["tmc-c-1"]["sources"][0]["title"] == "Test Monitor C incident sheet"
    again = run("csv", sheet, mapping=mapping)
    assert (again.added, again.updated, again.unchanged) == ([], [], 3)


def test_monitor_csv_bad_rows(run, tmp_path):
    sheet, mapping = synthetic.write_monitor(tmp_path, bad=True)
    with pytest.raises(ImportFailed) as failure:
        run("csv", sheet, mapping=mapping)
    messages = [str(p) for p in failure.value.problems]
    assert len(messages) == 4, messages
    assert messages[0].startswith("monitor-c.csv:5:3: place: ") and "matches no place" in messages[0]
    assert messages[1].startswith("monitor-c.csv:6:") and "fits 2 places" in messages[1]
    assert messages[2].startswith("monitor-c.csv:7:2: Day: expected a date as DD/MM/YYYY, found '31/04/2001'")
    assert (
        messages[3] == "monitor-c.csv:8:5: Dead: expected a figure of 0 or more, found a negative number (-2)"
    )


def test_mapping_file_problems(run, tmp_path):
    sheet, mapping = synthetic.write_monitor(tmp_path)
    mapping.write_text(mapping.read_text().replace("  date: Day\n", "  dat: Day\n"))
    with pytest.raises(ImportFailed) as failure:
        run("csv", sheet, mapping=mapping)
    text = str(failure.value)
    assert "columns.date: Field required" in text and "columns.dat: Extra inputs are not permitted" in text


def test_hxl_displacement_by_place_of_origin(run, data_dir, tmp_path):
    export = synthetic.write_displacement_hxl(tmp_path / "idps.csv")
    summary = run("hxl", export, "displacement", publisher="Test Cluster")
    assert summary.added == ["d-1", "d-2"] and summary.chart is None
    document = yaml.safe_load((data_dir / "displacement.yml").read_text())
    assert document["kind"] == "displacement"
    first, second = document["records"]
    assert (first["from_places"], first["families"], first["persons"]) == (["betatown"], 240, 1200)
    assert (str(first["date_from"]), str(first["date_to"])) == ("2001-04-01", "2001-04-30")
    assert second["from_places"] == ["twinford-south"] and second["families"] is None  # not given: empty
    assert "date_from" not in second
    again = run("hxl", export, "displacement", publisher="Test Cluster")
    assert (again.added, again.updated, again.unchanged) == ([], [], 2)
