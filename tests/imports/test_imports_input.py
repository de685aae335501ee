"""Input that is not clean UTF-8 CSV: refused with file:line:column, nothing written."""

import monitor_exports as synthetic
import pytest
from monitor_exports import snapshot

from imports.problems import ImportFailed


def _fails(run, data_dir, path, fmt="acled"):
    before = snapshot(data_dir)
    with pytest.raises(ImportFailed) as failure:
        run(fmt, path)
    assert snapshot(data_dir) == before
    return [str(p) for p in failure.value.problems]


def test_latin1_file_names_the_byte_and_the_encoding(run, data_dir, tmp_path):
    path = synthetic.write_acled(tmp_path / "acled.csv", rows=synthetic.acled_rows(count=3))
    text = path.read_text().replace("Synthetic test event number 2.", "Synthétique 2.")
    path.write_bytes(text.encode("latin-1"))
    (message,) = _fails(run, data_dir, path)
    assert message.startswith("acled.csv:3:")
    assert "expected UTF-8 text, found byte 0xE9" in message


def test_xlsx_is_not_csv(run, data_dir, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (message,) = _fails(run, data_dir, path)
    assert message == (
        "export.csv:1:1: expected a CSV file, found a ZIP archive (an .xlsx or .ods spreadsheet?); "
        "export it as CSV (UTF-8)"
    )


def test_formula_cells_are_refused(run, data_dir, tmp_path):
    rows = synthetic.acled_rows(count=3)
    rows[1]["notes"] = '=HYPERLINK("http://example.invalid","x")'
    rows[2]["actor1"] = "@SUM(A1)"
    messages = _fails(run, data_dir, synthetic.write_acled(tmp_path / "acled.csv", rows=rows))
    notes = synthetic.ACLED_COLUMNS.index("notes") + 1
    actor = synthetic.ACLED_COLUMNS.index("actor1") + 1
    assert messages[0].startswith(
        f"acled.csv:3:{notes}: notes: expected plain text, found a cell that starts"
    )
    assert messages[1].startswith(f"acled.csv:4:{actor}: actor1: expected plain text")


def test_negative_and_non_numeric_figures(run, data_dir, tmp_path):
    rows = synthetic.acled_rows(count=3)
    rows[0]["fatalities"], rows[1]["fatalities"] = "-3", "about 5"
    messages = _fails(run, data_dir, synthetic.write_acled(tmp_path / "acled.csv", rows=rows))
    column = synthetic.ACLED_COLUMNS.index("fatalities") + 1
    assert messages == [
        f"acled.csv:2:{column}: fatalities: expected a figure of 0 or more, found a negative number (-3)",
        f"acled.csv:3:{column}: fatalities: expected a whole number, found 'about 5'",
    ]


def test_ragged_rows_are_not_csv(run, data_dir, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("a,b,c\n1,2,3\n1,2\n")
    assert _fails(run, data_dir, path) == ["acled.csv:3:1: expected 3 columns as in the header, found 2"]


def test_vocabulary_is_acleds(run, data_dir, tmp_path):
    rows = synthetic.acled_rows(count=2)
    rows[0]["sub_event_type"] = "Drone strike"
    (message,) = _fails(run, data_dir, synthetic.write_acled(tmp_path / "acled.csv", rows=rows))
    assert "expected one of ACLED's sub-event types" in message and "'Drone strike'" in message
