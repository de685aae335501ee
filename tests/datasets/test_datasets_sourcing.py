"""Richer casualty records: ACLED's vocabulary, actors, figures per source, harm grading."""

import pytest
from pydantic import ValidationError

from datasets.model import Incident

BASE = {
    "id": "t-1",
    "date": "2001-01-01",
    "place": "test-town",
    "attack_type": "shelling",
    "documented_by": "Test Monitor A",
    "sources": [{"publisher": "Test Monitor A", "title": "Synthetic report"}],
}
REPORTS = [
    {"source": "Test Monitor A", "killed": 15},
    {"source": "Test Monitor B", "killed": {"min": 16, "max": 17}},
]


def test_range_is_derived_from_the_reports():
    record = Incident.model_validate({**BASE, "reports": REPORTS})
    assert str(record.killed) == "15-17"
    assert record.injured is None  # no report gives it: not invented
    assert record.reports_text("killed") == "Test Monitor A: 15; Test Monitor B: 16-17"
    assert record.reports_text("injured") == ""


def test_a_given_range_must_match_the_reports():
    Incident.model_validate({**BASE, "reports": REPORTS, "killed": {"min": 15, "max": 17}})
    with pytest.raises(
        ValidationError, match=r"killed: expected 15-17 \(the range of the sources' reports\)"
    ):
        Incident.model_validate({**BASE, "reports": REPORTS, "killed": 15})


def test_acled_vocabulary_is_checked():
    record = Incident.model_validate(
        {**BASE, "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    )
    assert record.sub_event_type == "Air/drone strike"
    with pytest.raises(ValidationError, match="Input should be 'Battles'"):
        Incident.model_validate({**BASE, "event_type": "Airstrikes"})
    with pytest.raises(ValidationError, match="sub_event_type: expected one of Armed clash"):
        Incident.model_validate({**BASE, "event_type": "Battles", "sub_event_type": "Air/drone strike"})


def test_actors_grading_and_precision():
    record = Incident.model_validate(
        {
            **BASE,
            "actors": [{"name": "Test Group", "role": "actor", "type": "rebel-group"}],
            "harm_grading": "weak",
            "geo_precision": 2,
            "adm1_pcode": "SY91",
        }
    )
    assert record.harm_grading_text.startswith("a single source")
    assert record.geo_precision_text.startswith("near the place")
    assert record.admin_pcodes == ("SY91",)
    for bad in (
        {"actors": [{"name": "X", "role": "actor", "type": "army"}]},
        {"harm_grading": "likely"},
        {"geo_precision": 4},
        {"adm2_pcode": "SY07"},
    ):
        with pytest.raises(ValidationError):
            Incident.model_validate({**BASE, **bad})
