"""What each story is about, from its metadata and the catalog, and the reverse look-ups.

A story's records are the ones its ``incidents`` metadata names plus the ones
whose ``articles`` list its slug (two-way: either side may declare the link).
Its places include the places of those records, its datasets the datasets of
those records and of its charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .index import Story


def _clean(values):
    """Metadata list values, trimmed, without duplicates (order kept)."""
    if isinstance(values, str):
        values = values.split(",")
    return list(dict.fromkeys(v.strip() for v in values or () if v and v.strip()))


@dataclass
class StoryData:
    """'Data in this story': records (with their dataset), datasets and charts."""

    records: list = field(default_factory=list)  # [DataRecord]
    datasets: list = field(default_factory=list)  # [Dataset]
    charts: list = field(default_factory=list)  # chart figures (plugins/charts)

    def __bool__(self):
        return bool(self.records or self.datasets or self.charts)


@dataclass(frozen=True)
class DataRecord:
    """One record as a story lists it: what, when, and where it is in its dataset."""

    record: Any
    dataset: Any
    label: str
    when: str

    @property
    def id(self):
        return self.record.id

    @property
    def url(self):
        return self.dataset.record_url(self.record)


class Reporting:
    """The two-way story <-> record links of a catalog."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.by_slug: dict[str, list[str]] = {}
        for _, record in catalog.records():
            for slug in record.articles:
                self.by_slug.setdefault(slug, []).append(record.id)

    def records_of(self, article):
        """Record ids of a story: its ``incidents`` metadata, then records naming it."""
        named = [r for r in _clean(getattr(article, "incidents", None)) if self.catalog.record(r) is not None]
        return list(dict.fromkeys(named + self.by_slug.get(article.slug, [])))


def story_features(article, catalog, reporting, links=()):
    """(Story for the index, place ids, dataset ids, record ids) of an article."""
    records = reporting.records_of(article)
    places = [p for p in _clean(getattr(article, "places", None)) if p in catalog.places]
    datasets = [d for d in _clean(getattr(article, "datasets", None)) if d in catalog.datasets]
    for record_id in records:
        dataset, record = catalog.record(record_id)
        places += [p for p in record.place_ids if p in catalog.places]
        datasets.append(dataset.id)
    for figure in getattr(article, "chart_figures", None) or ():
        if getattr(figure, "dataset_id", None) in catalog.datasets:
            datasets.append(figure.dataset_id)
    places, datasets = list(dict.fromkeys(places)), list(dict.fromkeys(datasets))
    above = [a.id for p in places for a in catalog.ancestors(p) if a.id not in places]
    story = Story(
        slug=article.slug,
        day=article.date.timestamp() / 86400,
        tags=tuple(tag.slug for tag in getattr(article, "tags", None) or ()),
        actors=tuple(a.casefold() for a in _clean(getattr(article, "actors", None))),
        places=tuple(places),
        place_ancestors=tuple(dict.fromkeys(above)),
        datasets=tuple(datasets),
        records=tuple(records),
        links=tuple(links),
        pins=tuple(_clean(getattr(article, "related", None))),
    )
    return story, places, datasets, records


class StoryLinks:
    """Stories per dataset, place and record, newest first (``story_links`` in templates).

    ``story_links.of(x)`` takes a Dataset, a Place or a record (or their ids via
    :meth:`for_dataset`, :meth:`for_place`, :meth:`for_record`). A place's
    stories include those about places inside it. Pages show
    ``story_links.latest(x)``: at most ``shown`` of them (0: all).
    """

    def __init__(self, catalog, shown=0):
        self.catalog = catalog
        self.shown = shown
        self._datasets: dict[str, list] = {}
        self._places: dict[str, list] = {}
        self._records: dict[str, list] = {}

    def add(self, article, places, datasets, records):
        for dataset_id in datasets:
            self._datasets.setdefault(dataset_id, []).append(article)
        for place_id in {
            p for place in places for p in [place, *(a.id for a in self.catalog.ancestors(place))]
        }:
            self._places.setdefault(place_id, []).append(article)
        for record_id in records:
            self._records.setdefault(record_id, []).append(article)

    def finish(self):
        for table in (self._datasets, self._places, self._records):
            for key, stories in table.items():
                table[key] = sorted(set(stories), key=lambda a: (a.date, a.slug), reverse=True)

    def for_dataset(self, dataset_id):
        return self._datasets.get(getattr(dataset_id, "id", dataset_id), [])

    def for_place(self, place_id):
        return self._places.get(getattr(place_id, "id", place_id), [])

    def for_record(self, record_id):
        return self._records.get(getattr(record_id, "id", record_id), [])

    def latest(self, subject):
        """The newest stories of ``subject``, as many as a page shows."""
        stories = self.of(subject)
        return stories[: self.shown] if self.shown else stories

    def of(self, subject):
        """Stories of a Dataset, Place or record object."""
        kind = type(subject).__name__
        if kind == "Dataset":
            return self.for_dataset(subject)
        if kind == "Place":
            return self.for_place(subject)
        return self.for_record(subject)
