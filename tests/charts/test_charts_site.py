"""The synthetic chart site: every chart type renders, figures carry what readers
need, ranges stay ranges, and a hostile value in the data stays text."""

import json
import re

import pytest
from synthetic import PAYLOAD

STORY = "2001/02/chart-story/index.html"
PLAIN = "2001/02/plain-story/index.html"
TYPES = ["bar", "grouped-bar", "stacked-bar", "line", "area", "timeline", "map", "big-number", "custom"]


@pytest.fixture(scope="module")
def story(chart_site):
    return chart_site.html(STORY)


@pytest.fixture(scope="module")
def gallery(chart_site):
    return chart_site.html("charts/index.html")


def figure(page, dom_id):
    found = page.find("figure", id=dom_id)
    assert found is not None, f"no <figure id={dom_id}>"
    return found


def test_gallery_has_every_chart_type_as_svg(gallery):
    figures = gallery.select("figure.chart")
    types = {cls.removeprefix("chart--") for f in figures for cls in f["class"] if cls.startswith("chart--")}
    assert types == set(TYPES)
    assert len(figures) == 10  # the named charts of the fixture; not the inline one
    for found in figures:
        svg = found.select_one(".chart__static--narrow > svg")
        assert svg is not None and svg["role"] == "img", found["id"]
        assert "width" not in svg.attrs and svg["viewBox"].startswith("0 0 350 "), found["id"]
        # The same chart laid out again for wider columns (CHARTS_WIDE_WIDTH), its ids its own.
        wide = found.select_one(".chart__static--wide > svg")
        assert wide["viewBox"].startswith("0 0 660 "), found["id"]
        assert wide["aria-labelledby"] != svg["aria-labelledby"]
        assert svg.find_all(["path", "text", "line"]), f"{found['id']}: an empty drawing"


def test_story_embeds_named_and_inline_charts_in_place(story):
    body = story.select_one(".story__body")
    ids = [f["id"] for f in body.select("figure.chart")]
    assert ids == ["chart-test-incidents-by-place", "chart-chart-story-2", "chart-test-casualties-ranges"]
    assert "{chart:" not in body.get_text()
    assert not body.select("code.language-chart")
    first = body.select_one("figure.chart")
    assert first.find_previous_sibling("p").get_text() == "A paragraph before the first chart."


def test_figure_carries_caption_source_alt_and_table(story):
    found = figure(story, "chart-test-incidents-by-place")
    caption = found.find("figcaption")
    assert caption.select_one(".chart__title").get_text() == "Killed by place (synthetic)"
    assert caption.select_one(".chart__subtitle").get_text() == "Test subtitle"
    assert "Test note written by the editor." in caption.get_text()
    source = caption.select_one(".chart__source")
    assert source.get_text().startswith("Source: Test Monitor (synthetic)")
    assert source.find("a")["href"] == "https://example.org/test-report"
    links = caption.select_one(".chart__links")
    assert links.find("time")["datetime"] == "2001-02-01"  # the dataset's last_updated
    get_data = links.find("a", string="Get the data (CSV)")
    assert get_data["href"] == "../../../data/test-incidents/test-incidents.csv"
    assert found["aria-labelledby"] == "chart-test-incidents-by-place-title"
    svg = found.select_one("svg")
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text() == "Killed by place (synthetic)"
    assert svg.find("desc", id=desc_id).get_text() == ("Bars of killed by place in synthetic test data.")
    table = found.select_one("details.chart__data table")
    assert [th.get_text() for th in table.select("thead th")] == ["Place", "Killed", "Source"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    assert rows[f"Testville {PAYLOAD}"][0] == "3–5"
    assert rows["Exampletown"][0] == "2"
    assert rows["Test field"][0] == "not reported"


def test_get_the_data_link_reaches_the_csv(chart_site, story):
    href = figure(story, "chart-test-incidents-by-place").find("a", string="Get the data (CSV)")["href"]
    assert (chart_site.output / "2001/02/chart-story" / href).resolve().is_file()


def test_ranges_are_drawn_as_ranges_and_missing_figures_are_written_out(story):
    found = figure(story, "chart-test-incidents-by-place")
    texts = [
        t.get_text() for t in found.select(".chart__static--narrow svg g.role-mark text")
    ]  # labels on marks
    assert sorted(texts) == ["2", "3–5", "not reported"]  # never the maximum alone
    note = "the solid part shows the lowest reported figure"
    assert note in found.select_one(".chart__meta").get_text()
    spec = json.loads(found.find("script", type="application/json").string)
    extension = [
        layer for layer in spec["layer"] if layer.get("transform") == [{"filter": "datum.hi > datum.lo"}]
    ]
    assert extension and extension[0]["encoding"]["x2"]["field"] == "hi"
    grouped = figure(story, "chart-test-casualties-ranges")
    labels = [t.get_text() for t in grouped.select(".chart__static--narrow svg g.role-mark text")]
    assert "Killed: not reported" in labels and "4–6" in labels


def test_hostile_text_in_the_data_stays_text(chart_site):
    for page_path in (STORY, "charts/index.html"):
        page = chart_site.html(page_path)
        for found in page.select("figure.chart"):
            assert not found.find("img"), f"{page_path}: {found['id']}: markup escaped"
            assert not found.find(attrs={"onerror": True})
            # The phone layout's spec, then the wide layout's, then nothing.
            scripts = found.find_all("script", type="application/json")
            ids = [f"{found['id']}-spec", f"{found['id']}-spec-wide"]
            assert [s["id"] for s in scripts] == ids[: 1 if "chart--custom" in found["class"] else 2]
            assert scripts[-1].find_next_sibling() is None, "the JSON script element closed early"
            for script in scripts:
                json.loads(script.string)  # the whole spec is one script's text
        raw = chart_site.read(page_path)
        assert "</script><img" not in raw
    story = chart_site.html(STORY)
    found = figure(story, "chart-test-incidents-by-place")
    spec = json.loads(found.find("script", type="application/json").string)
    assert any(PAYLOAD in row["category"] for row in spec["data"]["values"])
    assert "Testville </script><img" in found.select_one("svg").get_text()  # axis label
    assert PAYLOAD in found.select_one("table").get_text()


def test_chart_assets_load_only_on_pages_with_charts(chart_site):
    for path, expected in ((STORY, True), ("charts/index.html", True), (PLAIN, False), ("index.html", False)):
        page = chart_site.html(path)
        has_css = any(link["href"].endswith("css/charts.css") for link in page.select("link"))
        # (the header's search box has its own small script, search-box.js, on every page)
        scripts = [s.get("src", "") for s in page.select("script[src]") if "search-box" not in s["src"]]
        assert has_css is expected, path
        assert any(s.endswith("js/charts.js") for s in scripts) is expected, path
        assert not [s for s in scripts if "vega" in s], path  # charts.js fetches the bundle
        assert all(
            s.startswith("../") or s.startswith("theme/") or not s.startswith("http") for s in scripts
        ), path
        if expected:
            assert all(page.find("script", src=s).has_attr("defer") for s in scripts)
            bundle = page.find("script", src=re.compile("charts.js$"))["data-vega-bundle"]
            assert re.search(r"theme/js/vega-bundle\.[0-9a-f]{12}\.js$", bundle), bundle
    (bundle,) = (chart_site.output / "theme/js").glob("vega-bundle.*.js")
    assert bundle.stat().st_size > 100_000
    assert (chart_site.output / "theme/js/charts.js").is_file()


def test_sitemap_lists_the_gallery(chart_site):
    assert "/charts/</loc>" in chart_site.read("sitemap.xml")


def test_timeline_marks_derived_dates_and_map_places_areas_at_a_parent(gallery):
    timeline = figure(gallery, "chart-test-patrols-timeline")
    assert "Hollow markers" in timeline.select_one(".chart__meta").get_text()
    cells = [td.get_text() for td in timeline.select("tbody td")]
    assert "approximate or derived date" in cells and "date as reported" in cells
    place_map = figure(gallery, "chart-test-incidents-map")
    assert (
        "Test field has no recorded coordinates and is shown at Testville"
        in place_map.select_one(".chart__meta").get_text()
    )


def test_big_number_takes_the_latest_count_not_the_sum(gallery):
    found = figure(gallery, "chart-test-displacement-latest")
    assert "2,000" in [t.get_text() for t in found.select("svg text")]  # 400 families x 5
    assert "3,750" not in found.select_one("svg").get_text()  # the sum of all counts


def test_shortcodes_shown_as_code_stay_text(chart_site):
    codes = [c.get_text() for c in chart_site.html(PLAIN).select(".story__body code")]
    assert "{chart: some-name}" in codes
    assert any("{chart: another-name}" in c for c in codes)


def test_a_range_over_time_is_a_band_between_both_bounds(gallery):
    found = figure(gallery, "chart-test-killed-over-time")
    spec = json.loads(found.find("script", type="application/json").string)
    band = [layer for layer in spec["layer"] if layer["mark"]["type"] == "area"]
    assert band and band[0]["encoding"]["y2"]["field"] == "hi"
    upper = [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == "line" and layer["encoding"]["y"]["field"] == "hi"
    ]
    assert upper and upper[0]["mark"]["strokeDash"]
    assert "3–5" in [t.get_text() for t in found.select(".chart__static--narrow svg g.role-mark text")]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in found.select("tbody tr")]
    assert [row[:2] for row in rows] == [
        ["5 Jan 2001", "3–5"],
        ["12 Jan 2001", "2"],
        ["20 Jan 2001", "not reported"],
    ]
    assert (
        "No figure was reported for 20 Jan 2001; the line skips it."
        in found.select_one(".chart__meta").get_text()
    )
    assert "not reported" not in [
        t.get_text() for t in found.select(".chart__static--narrow svg g.role-mark text")
    ]
