"""Every CSV download of the default site passes libhxl's own validation (its
built-in core schema): no error, no warning; and its codes are what their
hashtags say."""

import csv
import io
import re

import pytest
import standards

PCODE = re.compile(r"^(?:SY\d{2}(?:\d{2}(?:\d{2})?)?|C\d{4,5})$")


def _csv_files(site_output):
    files = sorted(site_output.glob("data/*/*.csv"))
    assert len(files) >= 4, files
    return files


def test_libhxl_finds_no_error_or_warning_in_any_csv(site_output):
    issues = [i for f in _csv_files(site_output) for i in standards.hxl_issues(f)]
    serious = [i for i in issues if ": error: " in i or ": warning: " in i]
    assert not serious, "\n".join(serious)


def test_libhxl_really_validates(tmp_path):
    """The check fails on what it must catch: a note under #date, a stray newline."""
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,note\n#meta+id,#date,#date+note\na-1,2019-03-13,The previous Wednesday\n")
    assert any(": error: " in i and "#date+note" in i for i in standards.hxl_issues(bad))
    bad.write_text('id,articles\n#meta+id,#meta+articles\na-1,"one\ntwo"\n')
    assert any(": warning: " in i for i in standards.hxl_issues(bad))


def _columns(path):
    header, hashtags, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return {tag: [row[i] for row in rows] for i, tag in enumerate(hashtags)}


@pytest.mark.parametrize("name", ["casualties", "patrols", "displacement", "targeted-locations"])
def test_codes_follow_the_core_vocabulary(site_output, name):
    columns = _columns(site_output / "data" / name / f"{name}.csv")
    catalog_places = {p.parent.name for p in site_output.glob("places/*/index.html")}
    origin = "+origin" if name == "displacement" else ""
    assert set(columns["#country+code"]) == {"SYR"}
    ids = [v for cell in columns[f"#meta+id+place{origin}"] for v in cell.split("|") if v]
    assert ids and set(ids) <= catalog_places, set(ids) - catalog_places
    for tag in (f"#loc+code{origin}", f"#adm1+code{origin}"):
        codes = [v for cell in columns[tag] for v in cell.split("|") if v]
        assert all(PCODE.match(code) for code in codes), (tag, codes)
    assert not [
        tag for tag in columns if tag.startswith("#date") and tag not in ("#date", "#date+start", "#date+end")
    ]
    if name == "casualties":  # its places lie in a governorate of the gazetteer
        assert "Idlib governorate" in columns["#adm1+name"]
