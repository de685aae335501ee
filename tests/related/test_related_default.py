"""The default site: every story leads to related stories, its data and its places."""

import posixpath
from urllib.parse import urlsplit

import pytest

SLUGS = [
    "russia-escalates-idlib-march-2019",
    "sochi-agreement-demilitarized-zone",
    "turkish-patrols-dmz-march-2019",
    "displacement-dmz-march-2019",
    "reactions-idlib-escalation-march-2019",
]


def story_page(slug):
    return f"2019/03/{slug}/index.html"


def resolve(page, href):
    """Output path a relative href of ``page`` points to (directories -> index.html)."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), urlsplit(href).path))
    return path + "/index.html" if href.split("#")[0].endswith("/") else path


@pytest.mark.parametrize("slug", SLUGS)
def test_every_story_has_related_stories(default_site, slug):
    block = default_site.html(story_page(slug)).select_one("aside.related")
    assert block.h2.get_text(strip=True) == "Related stories"
    listed = [a["href"].rstrip("/").split("/")[-1] for a in block.select(".story-card__headline a")]
    assert listed and slug not in listed
    assert set(listed) <= set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_story_links_lead_to_pages_that_exist(default_site, slug):
    page = story_page(slug)
    html = default_site.html(page)
    for a in html.select("aside a, nav.prev-next a, ul.place-list a"):
        href = a["href"]
        if href.startswith("#"):
            assert html.select_one(f"[id='{href[1:]}']") is not None, href
            continue
        target = resolve(page, href)
        assert (default_site.output / target).is_file(), f"{page}: {href}"
        fragment = urlsplit(href).fragment
        if fragment:
            assert default_site.html(target).select_one(f"[id='{fragment}']") is not None, href


def test_pins_are_two_way_on_the_default_site(default_site):
    # Three stories pin the main story, so it lists all three first.
    block = default_site.html(story_page(SLUGS[0])).select_one("aside.related")
    pinned = [
        li.select_one(".story-card__headline a")["href"].rstrip("/").split("/")[-1]
        for li in block.select("li.related__pinned")
    ]
    assert set(pinned) == {
        "displacement-dmz-march-2019",
        "reactions-idlib-escalation-march-2019",
        "sochi-agreement-demilitarized-zone",
    }


def test_main_story_lists_the_incidents_it_reports(default_site):
    block = default_site.html(story_page(SLUGS[0])).select_one("aside.story-data")
    records = [a["href"].split("data/", 1)[1] for a in block.select(".story-data__records a")]
    assert "casualties/idlib-city-2019-03-13/" in records
    assert "casualties/idlib-central-prison-2019-03-14/" in records
    datasets = {a.get_text() for a in block.select(".story-data__datasets li > a:first-child")}
    assert len(datasets) == 4


def test_dataset_and_place_pages_list_their_stories(default_site):
    """Each dataset or place a story names lists that story (no dead ends)."""
    for slug in SLUGS:
        html = default_site.html(story_page(slug))
        subjects = [a["href"] for a in html.select(".story-data__datasets li > a:first-child")]
        subjects += [a["href"] for a in html.select("ul.place-list a")]
        for href in subjects:
            target = default_site.html(resolve(story_page(slug), href))
            linked = {a["href"].rstrip("/").split("/")[-1] for a in target.select("main a")}
            assert slug in linked, f"{href} does not list {slug}"
