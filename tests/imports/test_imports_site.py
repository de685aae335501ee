"""One real build: import 500 ACLED rows, build, download the CSV, re-import it: nothing changes.

Also: the record page shows the figures per source and where the record came
from, and a CSV left in data/ fails the build.
"""

import datetime as dt
import shutil

import monitor_exports as synthetic
import pytest
from helpers import build_site, once_per_run
from monitor_exports import snapshot

from imports.run import new_chart, run_import

STORY = """\
Title: Test story on imported data
Date: 2001-07-01 10:00+02:00
Category: Tests
Slug: imported-test-story
Datasets: casualties
Summary: A synthetic story for the importer's tests.

Synthetic story body.
"""
GRADED = """\
  - id: test-graded-2001-05-05
    date: 2001-05-05
    place: betatown
    attack_type: shelling
    documented_by: Test Monitor A
    harm_grading: contested
    reports:
      - source: Test Monitor A
        killed: 15
      - source: Test Monitor B
        killed: 17
    sources:
      - publisher: Test Monitor A
        title: Synthetic report
"""


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """A site whose casualties come from the 500-row ACLED export (plus one graded record),
    built once per run (tests only read it)."""
    site = once_per_run(tmp_path_factory, "imports-site", _imported_site)
    assert site.ok, site.log
    return site


def _imported_site(folder):
    data_dir = synthetic.write_data(folder / "source")
    run_import(
        "acled",
        synthetic.write_acled(folder / "acled.csv"),
        "casualties",
        data_dir,
        today=dt.date.fromisoformat(synthetic.TODAY),
    )
    text = (data_dir / "casualties.yml").read_text() + GRADED
    (data_dir / "casualties.yml").write_text(text)
    files = {f"data/{p.name}": p.read_text() for p in data_dir.iterdir()}
    files["data/charts/casualties-killed-over-time.yml"] = new_chart("casualties", "acled.csv", "ACLED")
    return build_site(folder, files={**files, "content/articles/story.md": STORY})


def test_imported_dataset_is_published_with_its_chart(imported_site):
    page = imported_site.html("data/casualties/index.html")
    figure = page.select_one("figure#chart-casualties-killed-over-time")
    assert figure is not None and figure.find("svg") is not None
    assert "Killed, by date of the event (acled.csv)" in figure.get_text()


def test_downloaded_csv_reimports_unchanged(imported_site, tmp_path):
    download = tmp_path / "casualties.csv"
    download.write_bytes((imported_site.output / "data/casualties/casualties.csv").read_bytes())
    data_dir = shutil.copytree(imported_site.site / "data", tmp_path / "data")  # the site is shared
    before = snapshot(data_dir)
    summary = run_import("hxl", download, "casualties", data_dir, today=dt.date(2002, 1, 1))
    assert (summary.added, summary.updated, summary.unchanged) == ([], [], 501)
    assert snapshot(data_dir) == before


def test_record_page_shows_figures_per_source(imported_site):
    page = imported_site.html("data/casualties/test-graded-2001-05-05/index.html")
    facts = {_text(dt): _text(dd) for dt, dd in _pairs(page)}
    assert facts["Killed, by source"].startswith("Test Monitor A: 15; Test Monitor B: 17")
    assert "15-17" in facts["Killed, by source"]
    assert facts["Sourcing of the harm"].startswith("contested:")


def test_record_page_says_where_an_imported_record_came_from(imported_site):
    page = imported_site.html("data/casualties/acled-tst00002/index.html")
    facts = {_text(dt): _text(dd) for dt, dd in _pairs(page)}
    assert facts["Imported from"] == (
        "acled.csv (ACLED export, version 2001-01-21), event TST00002; "
        "the row cites Test Monitor B; Test Radio (source scale: Local partner-National)"
    )
    assert facts["Event type (ACLED)"] == "Violence against civilians: Attack"
    assert facts["Civilians targeted"].startswith("yes")


def _pairs(page):
    for div in page.select("dl.record-facts > div"):
        yield div.find("dt"), div.find("dd")


def test_spreadsheet_in_data_fails_the_build(tmp_path):
    data_dir = synthetic.write_data(tmp_path / "source")
    files = {f"data/{p.name}": p.read_text() for p in data_dir.iterdir()}
    files["data/acled-export.csv"] = "event_id_cnty,event_date\nTST1,2001-01-01\n"
    site = build_site(tmp_path, files=files)
    assert not site.ok
    assert (
        "data/acled-export.csv:1: a CSV file is not a Marsad dataset (data/ holds YAML only); "
        "import it with make import" in site.log
    )


def _text(element):
    return " ".join(element.get_text().split())


def test_imported_csv_passes_libhxl_and_frictionless(imported_site):
    """The download of 501 imported records (actors, ACLED coding, provenance) is clean HXL."""
    from quality.standards import frictionless_errors, hxl_issues

    folder = imported_site.output / "data/casualties"
    issues = [i for i in hxl_issues(folder / "casualties.csv") if ": error: " in i or ": warning: " in i]
    assert not issues, "\n".join(issues[:20])
    assert not frictionless_errors(folder / "datapackage.json")
