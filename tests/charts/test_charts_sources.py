"""A chart's caption names at most CHARTS_SOURCES_SHOWN sources and counts the rest.

A chart drawn from hundreds of records would otherwise carry hundreds of
report titles in its caption; each record names its own on the dataset page.
"""

import re

from helpers import build_site
from synthetic import CUSTOM_SETTINGS, chart_site_files

STORY = "2001/02/chart-story/index.html"


def captions(site):
    """{figure id: (titles named in the source line, "and N more" count or 0)}."""
    found = {}
    for page in ("charts/index.html", STORY):
        for figure in site.html(page).select("figure.chart"):
            line = figure.select_one(".chart__source").get_text(" ", strip=True)
            more = re.search(r"and (\d+) more, named with each record", line)
            found[figure["id"]] = (line.count("“"), int(more.group(1)) if more else 0)
    return found


def test_captions_name_a_few_sources_and_count_the_rest(tmp_path, chart_site):
    every = captions(chart_site)  # the default (6) names all of this fixture's sources
    assert all(more == 0 for _, more in every.values())
    several = {dom_id: named for dom_id, (named, _) in every.items() if named >= 2}
    assert several, "the fixture should have a chart drawn from two or more reports"

    capped = build_site(
        tmp_path,
        fixture="charts-site",
        files=chart_site_files(),
        settings=CUSTOM_SETTINGS + "CHARTS_SOURCES_SHOWN = 1\n",
    )
    assert capped.ok, capped.log
    for dom_id, (named, more) in captions(capped).items():
        total = every[dom_id][0]
        assert named == min(total, 1)
        assert more == max(total - 1, 0)
    # Where sources are left out, the caption links to the dataset page that names them.
    for figure in capped.html("charts/index.html").select("figure.chart"):
        dataset_page = figure.select_one(".chart__links a[href$='/']")["href"]
        source_links = [a["href"] for a in figure.select(".chart__source a")]
        assert (dataset_page in source_links) == (every[figure["id"]][0] > 1)
