"""The default site's charts: each renders to SVG, sits in the stories that name it
and in the gallery, and shows the published figures as published."""

import json

import pytest

STORIES = {
    "targeted-locations-by-governorate": "2019/03/russia-escalates-idlib-march-2019/",
    "casualties-by-date-and-place": "2019/03/russia-escalates-idlib-march-2019/",
    "incidents-map": "2019/03/russia-escalates-idlib-march-2019/",
    "patrols-timeline": "2019/03/turkish-patrols-dmz-march-2019/",
    "displacement-over-time": "2019/03/displacement-dmz-march-2019/",
}
DATASETS = {
    "targeted-locations-by-governorate": "targeted-locations",
    "casualties-by-date-and-place": "casualties",
    "incidents-map": "casualties",
    "patrols-timeline": "patrols",
    "displacement-over-time": "displacement",
}


def _figure(site, path, name):
    page = site.html(path + "index.html")
    found = page.find("figure", id=f"chart-{name}")
    assert found is not None, f"{path}: no chart {name}"
    return found


@pytest.mark.parametrize("name", sorted(STORIES))
def test_chart_renders_in_its_story_with_caption_source_alt_and_table(default_site, name):
    found = _figure(default_site, STORIES[name], name)
    svg = found.select_one(".chart__static--narrow > svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert len(svg.find("desc", id=desc_id).get_text()) > 40  # the alt text
    assert svg.find("title", id=title_id).get_text() == found.select_one(".chart__title").get_text()
    assert svg.find_all("text"), "no text drawn"
    caption = found.find("figcaption")
    assert caption.select_one(".chart__source").get_text().startswith("Source: ")
    assert "Enab Baladi" in caption.select_one(".chart__source").get_text()
    csv = caption.find("a", string="Get the data (CSV)")["href"]
    assert csv.endswith(f"data/{DATASETS[name]}/{DATASETS[name]}.csv")
    assert (default_site.output / STORIES[name] / csv).resolve().is_file()
    download = json.loads(
        (default_site.output / "data" / DATASETS[name] / f"{DATASETS[name]}.json").read_text()
    )
    assert (
        caption.select_one(".chart__links time")["datetime"] == download["dataset"]["last_updated"]
    )  # data as of
    table = found.select_one("details.chart__data table")
    assert table.caption and table.select("thead th[scope=col]")
    assert table.select("tbody tr th[scope=row]")


def test_gallery_shows_every_named_chart_with_its_stories(default_site):
    gallery = default_site.html("charts/index.html")
    ids = {f["id"] for f in gallery.select("figure.chart")}
    assert ids == {f"chart-{name}" for name in STORIES}
    item = gallery.find("figure", id="chart-patrols-timeline").parent
    story = item.select_one(".chart-gallery__stories a")
    assert story["href"].endswith("2019/03/turkish-patrols-dmz-march-2019/")


def test_casualty_chart_shows_the_published_figures_and_no_invented_ones(default_site):
    found = _figure(default_site, STORIES["casualties-by-date-and-place"], "casualties-by-date-and-place")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in found.select("tbody tr")}
    assert rows["13 Mar 2019 · Idlib"][:2] == ["15", "49"]
    assert rows["14 Mar 2019 · Idlib Central Prison area"][:2] == ["not reported", "not reported"]
    marks = [t.get_text() for t in found.select(".chart__static--narrow svg g.role-mark text")]
    # (the phone's drawing writes each group's name above its bars)
    assert sorted(marks) == [
        "13 Mar 2019 · Idlib",
        "14 Mar 2019 · Idlib Central Prison area",
        "15",
        "49",
        "Injured: not reported",
        "Killed: not reported",
    ]
    wide = [t.get_text() for t in found.select(".chart__static--wide svg g.role-mark text")]
    assert sorted(wide) == ["15", "49", "Injured: not reported", "Killed: not reported"]


def test_targeted_locations_chart_keeps_the_campaign_tally_out(default_site):
    found = _figure(
        default_site, STORIES["targeted-locations-by-governorate"], "targeted-locations-by-governorate"
    )
    rows = {tr.th.get_text(): tr.td.get_text() for tr in found.select("tbody tr")}
    assert rows == {"Idlib governorate": "39", "Hama governorate": "34", "Aleppo governorate": "16"}


def test_stories_without_charts_load_no_chart_code(default_site):
    page = default_site.html("2019/03/sochi-agreement-demilitarized-zone/index.html")
    assert not page.select("figure.chart")
    assert not [s for s in page.select("script[src]") if "vega" in s["src"]]
    assert not [link for link in page.select("link") if "charts.css" in link["href"]]


def test_dataset_pages_show_their_charts(default_site):
    for name, dataset in DATASETS.items():
        page = default_site.html(f"data/{dataset}/index.html")
        found = page.find("figure", id=f"chart-{name}")
        assert found is not None, dataset
        csv = found.find("a", string="Get the data (CSV)")["href"]
        assert (default_site.output / f"data/{dataset}" / csv).resolve().is_file()
        assert page.select("script[src$='charts.js'][data-vega-bundle]"), dataset
        assert page.select("link[href$='charts.css']"), dataset


@pytest.mark.parametrize("name", sorted(STORIES))
def test_each_chart_offers_png_and_svg_images_that_carry_title_and_source(default_site, name):
    """ "Download image": both files exist, are linked from the figure, and the image
    itself names the chart, its source and Marsad (a reposted chart keeps them)."""
    import struct
    import xml.etree.ElementTree as ET

    found = _figure(default_site, STORIES[name], name)
    links = {a.get_text(): a["href"] for a in found.select(".chart__links a[download]")}
    assert links["PNG"].endswith(f"/charts/{name}/{name}.png") and links["SVG"].endswith(f"{name}.svg")
    png = (default_site.output / "charts" / name / f"{name}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 1200 and height >= 300, (width, height)  # drawn at twice the wide layout
    svg = ET.fromstring((default_site.output / "charts" / name / f"{name}.svg").read_text())
    words = " ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    title = found.select_one(".chart__title").get_text()
    assert title.split(",")[0] in words
    assert "Source:" in words and "Chart: Marsad" in words
    assert "currentColor" not in ET.tostring(svg, encoding="unicode")  # fixed colours, on white


def test_one_value_line_becomes_a_big_number_and_says_why(default_site):
    found = _figure(default_site, STORIES["displacement-over-time"], "displacement-over-time")
    assert "chart--big-number" in found["class"]
    texts = [t.get_text() for t in found.select(".chart__static--narrow svg text")]
    assert "110,393" in texts
    assert any("shown as a number" in p.get_text() for p in found.select(".chart__note"))


def test_bars_with_value_labels_have_no_value_axis(default_site):
    found = _figure(
        default_site, STORIES["targeted-locations-by-governorate"], "targeted-locations-by-governorate"
    )
    svg = found.select_one(".chart__static--narrow svg")
    assert len(svg.select("g.role-axis")) == 1  # the governorates; the figures are on the bars
    assert sorted(t.get_text() for t in svg.select("g.role-mark text")) == ["16", "34", "39"]


def test_place_pages_show_a_locator_map(default_site):
    page = default_site.html("places/saraqib/index.html")
    svg = page.select_one(".locator svg")
    assert svg["role"] == "img" and "Saraqib" in svg.find("title").get_text()
    assert svg.find_all("path") and svg.find_all("circle")
    assert page.select_one("figure.locator figcaption").get_text(strip=True) == "Where Saraqib is in Syria"
    inherited = default_site.html("places/idlib-central-prison/index.html")
    assert "the dot marks Idlib" in inherited.select_one(".locator").get_text()


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_grouped_bars_on_a_phone_name_each_group_above_its_bars(default_site, prefix):
    """The phone's drawing of the grouped bars has no category axis beside the bars:
    each group's name (date and place) is one line of its own, and the bars start at
    the plot's edge, not after a column of labels."""
    found = _figure(default_site, f"{prefix}charts/", "casualties-by-date-and-place")
    narrow = found.select_one(".chart__static--narrow > svg")
    wide = found.select_one(".chart__static--wide > svg")
    headings = [t.get_text() for t in narrow.select("text") if " · " in t.get_text()]
    assert len(headings) == 2, [t.get_text() for t in narrow.select("text")]
    assert not narrow.select("g.role-axis"), "a category axis takes room from the bars"
    assert wide.select("g.role-axis")  # the wide drawing keeps its labelled axis


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_the_timeline_draws_no_day_grid_through_its_labels(default_site, prefix):
    """The patrols timeline's events are labelled beside their markers: a day grid
    line would run through the words (seen at 390 px), so the day axis has ticks only."""
    found = _figure(default_site, f"{prefix}charts/", "patrols-timeline")
    for svg in found.select(".chart__static > svg"):
        assert svg.select("g.role-axis-tick"), "the day axis keeps its ticks"
        assert not svg.select("g.role-axis-grid"), "a grid line crosses the event labels"
