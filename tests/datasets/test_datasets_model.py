"""The Catalog API other plugins rely on (docs/architecture.md), on the synthetic data."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from datasets.model import Incident, Range
from datasets.validate import build_catalog

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "datasets-site" / "data"


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = build_catalog(DATA)
    assert problems == []
    return catalog


def test_range_text_and_order():
    assert str(Range.model_validate(15)) == "15"
    assert str(Range(min=15, max=17)) == "15-17"
    with pytest.raises(ValidationError):
        Range(min=17, max=15)


def test_records_are_frozen(catalog):
    record = catalog.incident("s-1")
    with pytest.raises(ValidationError):
        record.killed = Range(min=1, max=1)


def test_ancestors_nearest_first(catalog):
    assert [p.id for p in catalog.ancestors("gamma-village")] == ["beta-town", "alpha-governorate"]
    assert catalog.ancestors("alpha-governorate") == []


def test_records_for_place_with_and_without_descendants(catalog):
    within = {r.id for _, r in catalog.records_for_place("beta-town")}
    assert within == {"s-1", "s-4", "s-2", "p-1", "d-1", "d-2"}
    only = {r.id for _, r in catalog.records_for_place("beta-town", include_descendants=False)}
    assert only == {"s-1", "s-4", "p-1", "d-1", "d-2"}


def test_record_and_incident_lookups(catalog):
    dataset, record = catalog.record("p-1")
    assert dataset.id == "patrols" and record.force == "Test Army"
    assert isinstance(catalog.incident("s-2"), Incident)
    assert catalog.incident("p-1") is None and catalog.record("nope") is None
    assert catalog.datasets["casualties"].csv_url == "data/casualties/casualties.csv"


def test_a_source_may_not_hold_the_csv_list_separator():
    from datasets.model import Source

    with pytest.raises(ValidationError, match=r"expected no '\|'"):
        Source(publisher="Enab Baladi", title="Idlib | Enab Baladi")
    with pytest.raises(ValidationError, match="expected an http"):
        Source(publisher="Enab Baladi", title="A report", url="https://example.org/a|b")
    assert Source(publisher="Enab Baladi", title="A report", url="https://example.org/a%7Cb").url


def test_record_page_words_are_the_models_own():
    """views.RECORD_WORDS (the catalog's copies) are the texts the model gives."""
    from datasets.model import ACTOR_TYPES, GEO_PRECISIONS, HARM_GRADINGS, Actor
    from datasets.views import RECORD_WORDS

    roles = Actor.model_json_schema()["properties"]["role"]["enum"]
    shown = [*HARM_GRADINGS.values(), *GEO_PRECISIONS.values(), *HARM_GRADINGS]
    shown += [word.replace("-", " ") for word in (*roles, *ACTOR_TYPES)]
    assert sorted(shown) == sorted(RECORD_WORDS)
