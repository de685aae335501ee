"""The project's own data loads clean and its pages and downloads are published."""

import json
from pathlib import Path

from datasets.exports import dataset_from_json, records_from_csv
from datasets.validate import build_catalog

ROOT = Path(__file__).resolve().parents[2]
ENAB = "Under Watch of Guarantor States, Russia Escalates Hostilities in Idlib"


def test_default_data_loads_clean():
    catalog, problems = build_catalog(ROOT / "data")
    assert problems == []
    assert set(catalog.datasets) == {"casualties", "patrols", "displacement", "targeted-locations"}
    # No source at hand gives p-codes, so none is recorded; every coordinate names its source.
    assert all(p.pcode is None for p in catalog.places.values())
    located = [p for p in catalog.places.values() if p.lat is not None]
    assert located and all(p.coordinates_source.startswith("GeoNames ") for p in located)
    for _, record in catalog.records():
        assert any(s.publisher == "Enab Baladi" and s.title == ENAB for s in record.sources)


def test_default_figures_are_the_sourced_ones():
    catalog, _ = build_catalog(ROOT / "data")
    raid = catalog.incident("idlib-city-2019-03-13")
    assert (str(raid.killed), str(raid.injured), raid.documented_by) == ("15", "49", "Syrian Civil Defense")
    prison = catalog.incident("idlib-central-prison-2019-03-14")
    assert prison.killed is None and prison.injured is None
    counts = {r.place: (r.count, r.qualifier) for r in catalog.datasets["targeted-locations"].records}
    assert counts == {
        "idlib-governorate": (39, "exact"),
        "hama-governorate": (34, "exact"),
        "aleppo-governorate": (16, "exact"),
        "north-west-syria": (89, "at-least"),
    }
    (displaced,) = catalog.datasets["displacement"].records
    assert (displaced.families, displaced.persons) == (17467, 110393)
    assert all(p.date_derived and p.date_note for p in catalog.datasets["patrols"].records)


def test_default_site_publishes_every_dataset(default_site):
    catalog, _ = build_catalog(ROOT / "data")
    index = default_site.html("data/index.html")
    assert len(index.select(".data-index h2 a")) == 4
    for dataset in catalog.datasets.values():
        page = default_site.html(dataset.url + "index.html")
        chronological = sorted(dataset.records, key=lambda r: (r.sort_date, r.id))
        assert [tr["id"] for tr in page.select("#records-table tbody tr")] == [r.id for r in chronological]
        csv_text = (default_site.output / dataset.csv_url).read_text(encoding="utf-8")
        assert [r.model_dump() for r in records_from_csv(csv_text, dataset.kind)] == [
            r.model_dump() for r in dataset.records
        ]
        json_text = (default_site.output / dataset.json_url).read_text(encoding="utf-8")
        assert dataset_from_json(json_text).model_dump() == dataset.model_dump()
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["@type"] == "Dataset" and len(data["distribution"]) == 3  # CSV, JSON, Data Package
    for place_id in catalog.places:
        assert (default_site.output / "places" / place_id / "index.html").is_file()


def test_main_story_is_listed_on_the_casualties_page(default_site):
    page = default_site.html("data/casualties/index.html")
    links = [a["href"] for a in page.select(".story-list h3 a")]
    assert any("russia-escalates-idlib-march-2019" in href for href in links)
    totals = [" ".join(dd.get_text().split()) for dd in page.select("dd.data-totals__value")]
    assert totals == ["2", "15", "49"]


def test_every_record_has_a_page_linked_from_its_table(default_site):
    """An incident (or any record) has its own page: figures, sources, the stories reporting it."""
    catalog, _ = build_catalog(ROOT / "data")
    for dataset in catalog.datasets.values():
        table = default_site.html(f"{dataset.url}index.html")
        for record in dataset.records:
            row = table.select_one(f"tr#{record.id}")
            assert row.select_one("a.data-id")["href"].endswith(f"{dataset.id}/{record.id}/")
            page = default_site.html(f"{dataset.record_url(record)}index.html")
            assert page.select_one("code").get_text() == record.id
            assert page.select_one(".kicker a").get_text() == dataset.title
            cited = [li.get_text(" ", strip=True) for li in page.select("ul.data-sources li")]
            assert len(cited) == len(record.sources)
            assert all(source.publisher in text for source, text in zip(record.sources, cited, strict=True))


def test_incident_page_lists_the_stories_that_report_it(default_site):
    page = default_site.html("data/casualties/idlib-city-2019-03-13/index.html")
    assert page.h1.get_text() == "Four air raids on residential neighbourhoods of central Idlib"
    facts = {
        div.dt.get_text(): div.dd.get_text(" ", strip=True) for div in page.select("dl.record-facts > div")
    }
    assert facts["Killed"] == "15" and facts["Injured"] == "49"
    assert facts["Documented by"] == "Syrian Civil Defense"
    stories = [a["href"] for a in page.select("section.stories .story-card__headline a")]
    assert any(href.endswith("2019/03/russia-escalates-idlib-march-2019/") for href in stories)


def test_sitemap_lists_data_place_and_record_pages(default_site):
    from xml.etree import ElementTree

    sitemap = ElementTree.fromstring(default_site.read("sitemap.xml"))
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in (
        "data/",
        "places/",
        "data/casualties/",
        "data/casualties/idlib-city-2019-03-13/",
        "places/idlib-governorate/",
        "charts/",
    ):
        assert f"http://localhost:8000/{path}" in locations, path
