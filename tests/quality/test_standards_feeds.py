"""Feeds as feed readers see them: feedparser reads every Atom and RSS 2.0 feed
without complaint (no bozo); every entry's link and id is a page of the site;
links and images in entries are absolute and stay on the site; charts come as
links, not inline SVG and data tables."""

import re

import feedparser
import pytest
import sitefiles
from bs4 import BeautifulSoup


def _feeds(site_output):
    return sorted((site_output / "feeds").glob("*.xml"))


def _page(site_output, url):
    """The output file an absolute URL of the site names, or None."""
    origin = sitefiles.site_origin(site_output)
    if not url.startswith(origin + "/"):
        return None
    path = url[len(origin) + 1 :].split("#")[0]
    target = site_output / path
    return target / "index.html" if not path or path.endswith("/") else target


def test_rss_beside_atom_for_the_site_and_each_category(site_output):
    names = {feed.name for feed in _feeds(site_output)}
    categories = [p.parent.name for p in site_output.glob("category/*/index.html")]
    assert categories
    for stem in ["all", *categories]:
        assert {f"{stem}.atom.xml", f"{stem}.rss.xml"} <= names, (stem, sorted(names))


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feedparser_reads_every_feed_and_every_entry_is_a_page(site_output, kind):
    problems = []
    for feed_file in (f for f in _feeds(site_output) if f.name.endswith(f".{kind}.xml")):
        parsed = feedparser.parse(feed_file.read_bytes())
        if parsed.bozo:
            problems.append(f"{feed_file.name}: bozo: {parsed.bozo_exception}")
        expected = "atom10" if kind == "atom" else "rss20"
        if parsed.version != expected:
            problems.append(f"{feed_file.name}: read as {parsed.version!r}, expected {expected}")
        if not parsed.entries:
            problems.append(f"{feed_file.name}: no entries")
        for entry in parsed.entries:
            for name in ("link", "id"):
                target = _page(site_output, entry.get(name, ""))
                if target is None or not target.is_file():
                    problems.append(
                        f"{feed_file.name}: {entry.get('title')}: {name} {entry.get(name)!r} is no page"
                    )
    assert not problems, "\n".join(problems)


def test_entries_link_absolutely_and_carry_no_inline_chart(site_output):
    problems = []
    charts_linked = 0
    for feed_file in _feeds(site_output):
        for entry in feedparser.parse(feed_file.read_bytes()).entries:
            fragments = [c.value for c in entry.get("content", [])] + [entry.get("summary", "")]
            for fragment in fragments:
                soup = BeautifulSoup(fragment, "html.parser")
                if soup.find("svg") or soup.select("figure.chart table, figure.chart script"):
                    problems.append(
                        f"{feed_file.name}: {entry.title}: a chart's SVG, table or spec in the entry"
                    )
                for tag in soup.find_all(href=True) + soup.find_all(src=True):
                    url = tag.get("href") or tag.get("src")
                    if not re.match(r"^https?://", url):
                        problems.append(f"{feed_file.name}: {entry.title}: relative URL {url!r}")
                    elif url.startswith(sitefiles.site_origin(site_output)):
                        target = _page(site_output, url)
                        if not target.is_file():
                            problems.append(f"{feed_file.name}: {entry.title}: {url} is not in the site")
                charts_linked += len(soup.select("figure.chart .chart__title a[href]"))
    assert not problems, "\n".join(sorted(set(problems)))
    assert charts_linked, "no chart in any feed entry links to its story"
