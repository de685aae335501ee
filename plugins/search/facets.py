"""What the search index files each page under (Jinja filters; templates print them).

Each filter returns a :class:`SearchFacets`; ``partials/search_facets.html``
prints it as Pagefind attributes: ``kind``, ``governorate`` (place id),
``dataset`` (dataset id) and ``year`` filters, a ``date`` sort key (ISO day)
and ``date`` meta (the day as a reader of the page's language reads it), and
the other spellings of the page's places as indexed text a reader does not
see, so "Idleb" or "Ma'arrat al-Nu'man" find the same pages as "Idlib" and
"Maarat al-Numan".

Filter values are ids, the same in every language: the search page
(:func:`search_choices`) lists them with their names in its own language, so
the reader's browser never has to fetch every filter's value lists to fill its
menus (Pagefind loads a filter's file only once a reader narrows by it).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from datasets.filters import DataText  # plugins/datasets: dates and names in the page's language

# The page kinds, as filter values; search.html gives each its label.
STORY, RECORD, DATASET, PLACE, CHART = "story", "record", "dataset", "place", "chart"
ENGLISH = DataText()  # the default: a site without plugins/i18n
# Pagefind weights of a place page's names (1 is body text, 7 a heading). Sites
# and areas carry descriptive names that contain a town's ("Idleb Central
# Prison"), so a town, district or governorate outranks them on its own name.
NAMED_PLACE_WEIGHT = 7
DESCRIBED_PLACE_WEIGHT = 2
DESCRIBED_PLACE_KINDS = {"camp", "military-site", "area"}


@dataclass(frozen=True)
class SearchFacets:
    kind: str
    day: dt.date | None = None  # sort key and date shown
    shown_date: str = ""
    governorates: tuple = ()  # Place objects of kind governorate
    datasets: tuple = ()  # Dataset objects
    spellings: tuple = ((), ())  # (Latin-script names, Arabic names) of the page's places
    # Pagefind weight of those names (1 is body text, 7 a heading): a place's
    # own page outranks the many records and stories that merely name it.
    spelling_weight: float = 0.5

    @property
    def iso_day(self):
        return self.day.isoformat() if self.day else ""

    @property
    def year(self):
        return str(self.day.year) if self.day else ""


def _day(value):
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _places(catalog, place_ids):
    return [catalog.places[p] for p in dict.fromkeys(place_ids) if p in catalog.places]


def governorates_of(catalog, places):
    """The governorates the places lie in (or are), in the order met."""
    found: dict[str, object] = {}
    for place in places:
        for candidate in [place, *catalog.ancestors(place.id)]:
            if candidate.kind == "governorate":
                found.setdefault(candidate.id, candidate)
    return tuple(found.values())


def spellings_of(places):
    """Every name and spelling the gazetteer gives for the places: the Latin-script
    ones (English name and transliterations) first, then the Arabic names, as two tuples."""
    latin, arabic = [], []
    for place in places:
        latin += [place.name_en, *place.spellings]
        arabic.append(place.name_ar)
    return tuple(dict.fromkeys(n for n in latin if n)), tuple(dict.fromkeys(n for n in arabic if n))


def story_facets(article, catalog, text=ENGLISH):
    """A story: its date, the governorates and datasets of its places and records."""
    places = list(getattr(article, "story_places", None) or ())
    data = getattr(article, "story_data", None)
    records = [r.record for r in getattr(data, "records", None) or ()]
    for record in records:
        places += _places(catalog, record.place_ids)
    day = _day(article.date)
    return SearchFacets(
        kind=STORY,
        day=day,
        shown_date=text.day_text(day),
        governorates=governorates_of(catalog, places),
        datasets=tuple(getattr(data, "datasets", None) or ()),
        spellings=spellings_of(places),
    )


def record_facets(record, dataset, catalog, text=ENGLISH):
    """A record page: the record's day, its places' governorates and its dataset."""
    places = _places(catalog, record.place_ids)
    return SearchFacets(
        kind=RECORD,
        day=record.sort_date,
        shown_date=text.record_date(record),
        governorates=governorates_of(catalog, places),
        datasets=(dataset,),
        spellings=spellings_of(places),
    )


def dataset_facets(dataset, catalog, text=ENGLISH):
    """A dataset page: dated by its last update; the governorates its records name."""
    place_ids = [p for record in dataset.records for p in record.place_ids]
    return SearchFacets(
        kind=DATASET,
        day=dataset.last_updated,
        shown_date=text.day_text(dataset.last_updated),
        governorates=governorates_of(catalog, _places(catalog, place_ids)),
        datasets=(dataset,),
    )


def place_facets(place, catalog, text=ENGLISH):
    """A place page: its governorate, and its names weighted as its heading is."""
    return SearchFacets(
        kind=PLACE,
        governorates=governorates_of(catalog, [place]),
        spellings=spellings_of([place]),
        spelling_weight=DESCRIBED_PLACE_WEIGHT if place.kind in DESCRIBED_PLACE_KINDS else NAMED_PLACE_WEIGHT,
    )


def chart_facets(figures, catalog, text=ENGLISH):
    """A page of the chart gallery: the datasets its charts draw from."""
    ids = [getattr(f, "dataset_id", None) for f in figures or ()]
    return SearchFacets(
        kind=CHART, datasets=tuple(catalog.datasets[i] for i in dict.fromkeys(ids) if i in catalog.datasets)
    )


@dataclass(frozen=True)
class SearchChoice:
    value: str  # the filter value the index holds
    label: str  # what the reader reads


def search_choices(catalog, stories, text=ENGLISH):
    """The values of the search page's menus, named in the page's language:
    {"governorate": [...], "dataset": [...], "year": [...]} (years newest first).

    The same values the pages' facets carry: every governorate and dataset of the
    data, and the year of every dated page (stories of this edition, records,
    datasets' last updates)."""
    governorates = sorted(
        (SearchChoice(p.id, text.place_name(p)) for p in catalog.places.values() if p.kind == "governorate"),
        key=lambda c: c.label,
    )
    datasets = sorted(
        (SearchChoice(d.id, text.localized(d, "title")) for d in catalog.datasets.values()),
        key=lambda c: c.label,
    )
    days = [_day(s.date) for s in stories or ()]
    for dataset in catalog.datasets.values():
        days += [r.sort_date for r in dataset.records]
        days.append(dataset.last_updated)
    years = sorted({d.year for d in days if d}, reverse=True)
    return {
        "governorate": governorates,
        "dataset": datasets,
        "year": [SearchChoice(str(y), _year_text(y, text)) for y in years],
    }


def has_record_pages(catalog, text=ENGLISH):
    """True when the data has records, so the build writes record pages (and the
    records part of the index: plugins/search/index.py)."""
    return any(dataset.records for dataset in catalog.datasets.values())


def _year_text(year, text):
    """A year as the page writes it (its digits, no grouping: 2019, not 2,019)."""
    from articles.filters import with_digits

    return with_digits(str(year), text.digits, text.locale)


_FACETS = {
    "story_facets": story_facets,
    "record_facets": record_facets,
    "dataset_facets": dataset_facets,
    "place_facets": place_facets,
    "chart_facets": chart_facets,
    "search_choices": search_choices,
    "has_record_pages": has_record_pages,
}


def make_filters(text=ENGLISH):
    """The Jinja filters, with dates and names in the language of ``text``."""
    return {name: functools.partial(_with_text, function, text) for name, function in _FACETS.items()}


def _with_text(function, text, *args):
    return function(*args, text=text)


FILTERS = make_filters()  # English: the bare-Pelican benchmark's filters
