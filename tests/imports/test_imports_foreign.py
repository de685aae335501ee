"""Spreadsheets and JSON files in data/ are named, with the way to import them."""

from imports.foreign import foreign_files


def test_every_kind_of_foreign_file_is_named(tmp_path):
    data = tmp_path / "data"
    (data / "charts").mkdir(parents=True)
    for name in ("casualties.yml", "acled.csv", "monitor.xlsx", "hdx.JSON", "charts/old.json", "notes.txt"):
        (data / name).write_text("x")
    problems = foreign_files(data, tmp_path)
    assert [p.split(":")[0] for p in problems] == [
        "data/acled.csv",
        "data/charts/old.json",
        "data/hdx.JSON",
        "data/monitor.xlsx",
    ]
    assert "data/monitor.xlsx:1: an Excel workbook is not a Marsad dataset" in problems[3]
    assert all("make import FROM=acled|hxl|csv FILE=<the file> DATASET=<id>" in p for p in problems)
