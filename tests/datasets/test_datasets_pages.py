"""Dataset, place and index pages of the synthetic fixture site (parsed HTML)."""

import json

import pytest

SORTED = {  # tests/fixtures/datasets-site/data/casualties.yml, worked out by hand
    "index.html": ["s-1", "s-3", "s-4", "s-2"],
    "sort/date-desc/index.html": ["s-2", "s-4", "s-3", "s-1"],
    "sort/killed-asc/index.html": ["s-2", "s-1", "s-4", "s-3"],
    "sort/killed-desc/index.html": ["s-4", "s-1", "s-2", "s-3"],
    "sort/injured-desc/index.html": ["s-1", "s-3", "s-4", "s-2"],
    "sort/place-asc/index.html": ["s-1", "s-4", "s-3", "s-2"],
}


def row_ids(page):
    return [tr["id"] for tr in page.select("#records-table tbody tr")]


def text(node):
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("path, expected", SORTED.items())
def test_records_table_is_sorted_on_the_server(synthetic_site, path, expected):
    page = synthetic_site.html(f"data/casualties/{path}")
    assert row_ids(page) == expected


def test_column_headers_link_to_the_other_sort_orders(synthetic_site):
    page = synthetic_site.html("data/casualties/sort/killed-asc/index.html")
    headers = {text(th).split(" (")[0].rstrip(" ▲▼"): th for th in page.select("#records-table thead th")}
    assert headers["Killed"]["aria-sort"] == "ascending"
    assert headers["Killed"].a["href"].endswith("data/casualties/sort/killed-desc/#records-heading")
    assert not headers["Date"].has_attr("aria-sort")
    assert headers["Date"].a["href"].endswith("data/casualties/#records-heading")
    assert headers["Sources"].a is None  # not sortable
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.endswith("/data/casualties/")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


def test_ranges_totals_and_missing_figures(synthetic_site):
    page = synthetic_site.html("data/casualties/index.html")
    totals = {
        text(div.dt): [text(dd) for dd in div.find_all("dd")] for div in page.select("dl.data-totals > div")
    }
    assert totals["Incidents recorded"] == ["4"]
    assert totals["People killed, as reported"] == ["49-51", "1 incident without a reported figure"]
    assert totals["People injured, as reported"] == ["28", "1 incident without a reported figure"]
    cells = {
        tr["id"]: {td["data-column"]: text(td) for td in tr.find_all("td")}
        for tr in page.select("#records-table tbody tr")
    }
    assert cells["s-1"]["killed"] == "15-17 children: 3 women: 2"
    assert cells["s-3"]["killed"] == "not reported"
    assert cells["s-2"]["date"] == "about 5 March 2019"
    assert 'Given as "early March"' in cells["s-2"]["notes"]


def test_dataset_page_lists_header_sources_changelog_and_stories(synthetic_site):
    page = synthetic_site.html("data/casualties/index.html")
    assert text(page.h1) == "Synthetic incidents"
    facts = {text(div.dt): text(div.dd) for div in page.select("dl.data-facts > div")}
    assert facts["Coverage"] == "1-9 March 2019"
    assert facts["Licence"] == "CC0 1.0"
    assert page.find("a", rel="license")["href"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    sources = page.select("ol.data-source-list li")
    assert len(sources) == 5  # distinct sources of the four records
    first = sources[0]
    assert first.a["href"] == "https://example.org/one" and "Report one: Beta town" in text(first)
    second = sources[1]
    assert second.a["href"] == "https://example.net/" and "article address not recorded" in text(second)
    assert [text(li.time) for li in page.select("section.corrections li")] == [
        "8 March 2019",
        "10 March 2019",
    ]
    stories = [a["href"] for a in page.select(".story-list .story-card__headline a")]
    assert len(stories) == 2
    assert any("record-story" in href for href in stories)
    assert any("test-story" in href for href in stories)
    assert not any("other-story" in href for href in stories)
    downloads = {a.get_text(): a["href"] for a in page.select(".data-downloads a")}
    assert downloads["JSON"].endswith("data/casualties/casualties.json")


def test_dataset_jsonld_has_distribution_links(synthetic_site):
    page = synthetic_site.html("data/casualties/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Dataset"
    assert data["name"] == "Synthetic incidents"
    assert data["temporalCoverage"] == "2019-03-01/2019-03-09"
    urls = {d["contentUrl"].rsplit("/", 1)[-1]: d for d in data["distribution"]}
    assert urls["casualties.csv"]["encodingFormat"] == "text/csv"
    assert urls["casualties.json"]["encodingFormat"] == "application/json"
    assert urls["datapackage.json"]["encodingFormat"] == "application/json"
    for url in (d["contentUrl"] for d in data["distribution"]):
        assert (synthetic_site.output / url.split("/", 3)[3]).is_file()


def test_data_index_lists_every_dataset(synthetic_site):
    page = synthetic_site.html("data/index.html")
    titles = sorted(text(a) for a in page.select(".data-index h2 a"))
    assert titles == [
        "Synthetic counts",
        "Synthetic displacement",
        "Synthetic incidents",
        "Synthetic patrols",
    ]


def test_place_page_names_parent_chain_records_and_stories(synthetic_site):
    page = synthetic_site.html("places/gamma-village/index.html")
    arabic = page.h1.find("span", lang="ar")
    assert arabic["dir"] == "rtl" and arabic.get_text() == "قرية غاما"
    crumbs = [text(a) for a in page.select("nav[aria-label='Place hierarchy'] a")]
    assert crumbs == ["Places", "Alpha governorate", "Beta town"]
    records = [li["id"] for li in page.select("ul.place-records > li")]
    assert records == ["s-2", "p-1"]
    assert [text(a) for a in page.select(".story-list h3 a")] == ["Story named only by a record"]


def test_parent_place_includes_records_and_stories_of_places_within(synthetic_site):
    page = synthetic_site.html("places/alpha-governorate/index.html")
    records = [li["id"] for li in page.select("ul.place-records > li")]
    assert records == ["s-1", "d-1", "s-4", "s-2", "p-1", "c-1", "d-2"]  # by date, then id
    facts = {text(div.dt): text(div.dd) for div in page.select("dl.data-facts > div")}
    assert facts["OCHA p-code"] == "SY98 (from invented for this test fixture)"
    assert facts["Also spelled"] == "Alfa governorate"
    stories = sorted(text(a) for a in page.select(".story-list h3 a"))
    assert stories == ["Story named only by a record", "Test story about Beta town"]
    children = [text(a) for a in page.select("ul.place-list a")]
    assert children == ["Beta town"]


def test_area_without_coordinates_and_no_records(synthetic_site):
    page = synthetic_site.html("places/delta-area/index.html")
    facts = {text(div.dt) for div in page.select("dl.data-facts > div")}
    assert "Approximate coordinates" not in facts
    assert [li["id"] for li in page.select("ul.place-records > li")] == ["s-3", "c-2", "d-2"]


def test_places_index_is_a_tree_of_every_place(synthetic_site):
    page = synthetic_site.html("places/index.html")
    names = [text(li.a) for li in page.select("ul.place-tree li")]
    assert sorted(names) == ["Alpha governorate", "Beta town", "Delta area", "Gamma village"]
    nested = page.select("ul.place-tree ul.place-tree ul.place-tree li a")
    assert [text(a) for a in nested] == ["Gamma village"]
    assert all(span["dir"] == "rtl" for span in page.select("ul.place-tree span[lang=ar]"))


def test_patrol_and_count_cells(synthetic_site):
    patrols = synthetic_site.html("data/patrols/index.html")
    cells = {
        tr["id"]: {td["data-column"]: text(td) for td in tr.find_all("td")}
        for tr in patrols.select("#records-table tbody tr")
    }
    assert cells["p-1"]["date"] == "about 6 March 2019 (date derived)"
    place_cell = patrols.select_one("tr#p-1 td[data-column=places]")
    assert " ".join(place_cell.get_text().split()) == "Beta town, Gamma village"
    assert [a["href"] for a in place_cell.find_all("a")] == [
        "../../places/beta-town/",
        "../../places/gamma-village/",
    ]
    assert cells["p-2"]["places"] == "not named"
    assert cells["p-2"]["zone"] == "border area, outside the zone"
    counts = synthetic_site.html("data/counts/index.html")
    cells = {
        tr["id"]: {td["data-column"]: text(td) for td in tr.find_all("td")}
        for tr in counts.select("#records-table tbody tr")
    }
    assert cells["c-2"]["count"] == "at least 40"
    assert cells["c-2"]["date"] == "to 8 March 2019"
    displacement = synthetic_site.html("data/displacement/index.html")
    totals = [text(dd) for dd in displacement.select("dd.data-totals__value")]
    assert totals == ["250", "1,200"]  # the latest count, never a sum


def _facts(page):
    return {
        " ".join(div.find("dt").get_text().split()): " ".join(div.find("dd").get_text().split())
        for div in page.select("dl.record-facts > div")
    }


def test_record_page_lists_notes_only_when_the_record_has_some(synthetic_site):
    with_notes = _facts(synthetic_site.html("data/casualties/s-1/index.html"))
    assert with_notes["Notes"] == "Two reports differ on the death toll."
    date_note = _facts(synthetic_site.html("data/casualties/s-2/index.html"))
    assert date_note["Notes"].startswith("Date: Given as")
    without = synthetic_site.html("data/casualties/s-3/index.html")
    assert "Notes" not in _facts(without) and "Killed" in _facts(without)
    assert not [dd for dd in without.select("dl.record-facts dd") if not dd.get_text(strip=True)]


def test_record_page_shows_each_sources_figures_and_the_acled_coding(synthetic_site):
    facts = _facts(synthetic_site.html("data/casualties/s-4/index.html"))
    assert facts["Killed, by source"].startswith("Test Monitor: 30; Other Monitor: 30")
    assert facts["Injured, by source"].startswith("Test Monitor: 1")
    assert facts["Event type (ACLED)"] == "Explosions/Remote violence: Air/drone strike"
    assert facts["Sourcing of the harm"].startswith("fair:")
