"""Every dataset is also a Frictionless Data Package, and `frictionless validate`
(the real validator, via its Python API) passes on each one."""

import csv
import json
import shutil

import standards


def _packages(site_output):
    packages = sorted(site_output.glob("data/*/datapackage.json"))
    assert len(packages) == len(list(site_output.glob("data/*/*.csv"))) >= 4
    return packages


def test_frictionless_validates_every_package(site_output):
    errors = [e for package in _packages(site_output) for e in standards.frictionless_errors(package)]
    assert not errors, "\n".join(errors)


def test_each_package_describes_its_csv_with_types_and_constraints(site_output):
    package = json.loads((site_output / "data/casualties/datapackage.json").read_text(encoding="utf-8"))
    (resource,) = package["resources"]
    assert resource["path"] == "casualties.csv" and resource["dialect"]["commentRows"] == [2]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["date"]["type"] == "date" and fields["date"]["constraints"]["required"]
    assert fields["killed_min"]["type"] == "integer" and fields["killed_min"]["constraints"]["minimum"] == 0
    assert fields["date_precision"]["constraints"]["enum"] == ["day", "month", "approximate"]
    assert fields["id"]["constraints"]["unique"] and resource["schema"]["primaryKey"] == ["id"]
    assert resource["schema"]["missingValues"] == [""]
    assert package["licenses"][0]["path"].startswith("https://creativecommons.org/")


def test_frictionless_really_validates(site_output, tmp_path):
    """A figure that breaks the schema (a negative toll, a made-up date) fails."""
    folder = tmp_path / "casualties"
    shutil.copytree(site_output / "data" / "casualties", folder)
    csv_file = folder / "casualties.csv"
    with csv_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][rows[0].index("date")] = "13 March"
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    errors = standards.frictionless_errors(folder / "datapackage.json")
    assert any("date" in e and "13 March" in e for e in errors), errors
