"""Related lists, two-way links and story blocks on a fixture site known by construction.

tests/fixtures/related-lists, weights: place 4, place_ancestor 2, dataset 3,
tag 1, incident 5; threshold 1.5; half-life 30 days; at most 5 per story.
Scores seen from `anchor` (alpha-town; dataset strikes; incident strike-1, which
is at beta-town, so anchor is about beta-town too; tag alpha; pins pinned-story),
dated 10 March 2019:

- incident-story (12 March; reported by strike-1, so beta-town and strikes):
  (5 + 3 + 4) * 0.5 ** (2 / 30) = 11.46
- same-place (11 March, alpha-town): 4 * 0.5 ** (1 / 30) = 3.91
- shared-dataset (11 March, strikes): 3 * 0.977 = 2.93
- parent-place (11 March, test-governorate, the parent of alpha-town): 2 * 0.977 = 1.95
- weak-tag (11 March, tag alpha): 1 * 0.977 = 0.98, under the threshold
- far-away (a year later, alpha-town): 4 * 0.5 ** (366 / 30) = 0.001, decayed away
"""

import pytest


def related_slugs(site, path):
    block = site.html(path).select_one("aside.related")
    assert block is not None, f"{path} has no related block"
    return [a["href"].rstrip("/").split("/")[-1] for a in block.select(".story-card__headline a")]


def heading(site, path):
    return site.html(path).select_one("aside.related h2").get_text(strip=True)


def test_anchor_lists_pinned_first_then_by_score(lists_site):
    assert related_slugs(lists_site, "2019/03/anchor/index.html") == [
        "pinned-story",
        "incident-story",
        "same-place",
        "shared-dataset",
        "parent-place",
    ]
    assert heading(lists_site, "2019/03/anchor/index.html") == "Related stories"


def test_pinned_story_is_marked(lists_site):
    items = lists_site.html("2019/03/anchor/index.html").select("aside.related li")
    assert "related__pinned" in items[0].get("class", [])
    assert "related__pinned" not in items[1].get("class", [])


def test_pins_are_two_way(lists_site):
    # pinned-story shares nothing with anchor and is a year older, yet lists it.
    assert related_slugs(lists_site, "2018/01/pinned-story/index.html") == ["anchor"]


def test_same_place_and_parent_place(lists_site):
    # same-place (alpha-town) and parent-place (its governorate), same day: 2.0;
    # anchor is a day away: 3.91. Sibling towns (beta-town) do not count.
    assert related_slugs(lists_site, "2019/03/same-place/index.html") == ["anchor", "parent-place"]


def test_parent_place_ties_broken_newest_first(lists_site):
    # same-place 2.0 (same day); incident-story and anchor both 1.95, newest first.
    assert related_slugs(lists_site, "2019/03/parent-place/index.html") == [
        "same-place",
        "incident-story",
        "anchor",
    ]


def test_incident_links_are_two_way(lists_site):
    # incident-story declares nothing: strike-1 names it, anchor's metadata names strike-1.
    assert related_slugs(lists_site, "2019/03/incident-story/index.html")[0] == "anchor"
    for path in ("2019/03/anchor/index.html", "2019/03/incident-story/index.html"):
        links = lists_site.html(path).select("aside.story-data .story-data__records a")
        assert [a["href"].split("/", 3)[-1] for a in links] == ["data/strikes/strike-1/"]
    record_page = lists_site.html("data/strikes/strike-1/index.html")
    reported_by = {a["href"].rstrip("/").split("/")[-1] for a in record_page.select("section.stories a")}
    assert reported_by == {"anchor", "incident-story"}
    record = lists_site.html("data/strikes/index.html").select_one("#strike-1")
    assert {a["href"].rstrip("/").split("/")[-1] for a in record.select("a")} == reported_by


@pytest.mark.parametrize("slug", ["weak-tag", "far-away", "lonely"])
def test_below_threshold_or_decayed_gets_latest_stories(lists_site, slug):
    page = f"2019/03/{slug}/index.html" if slug != "far-away" else "2020/03/far-away/index.html"
    assert heading(lists_site, page) == "More stories"
    assert slug not in related_slugs(lists_site, page)
    assert len(related_slugs(lists_site, page)) == 5


def test_threshold_and_decay_leave_weak_matches_out(lists_site):
    everything = related_slugs(lists_site, "2019/03/anchor/index.html") + related_slugs(
        lists_site, "2019/03/same-place/index.html"
    )
    assert "weak-tag" not in everything  # 0.98 < 1.5
    assert "far-away" not in everything  # same place, a year later


def test_related_cards_show_headline_date_summary(lists_site):
    card = lists_site.html("2019/03/same-place/index.html").select_one("aside.related .story-card")
    assert card.select_one(".story-card__headline a").get_text() == "Synthetic story anchor"
    assert card.select_one("time")["datetime"].startswith("2019-03-10")
    assert "Synthetic summary of anchor." in card.select_one(".story-card__summary").get_text()


def test_data_in_this_story_lists_records_and_datasets(lists_site):
    block = lists_site.html("2019/03/anchor/index.html").select_one("aside.story-data")
    assert block.h2.get_text(strip=True) == "Data in this story"
    record = block.select_one(".story-data__records li").get_text(" ", strip=True)
    assert record.startswith("Airstrike in Beta town , 8 March 2019")
    datasets = [a["href"].split("/", 3)[-1] for a in block.select(".story-data__datasets a")]
    assert datasets == ["data/strikes/", "data/strikes/strikes.csv", "data/strikes/strikes.json"]
    assert lists_site.html("2019/03/same-place/index.html").select_one("aside.story-data") is None


def test_story_places_link_to_place_pages(lists_site):
    links = lists_site.html("2019/03/anchor/index.html").select("ul.place-list a")
    assert [(a.get_text(), a["href"].split("/", 3)[-1]) for a in links] == [
        ("Alpha town", "places/alpha-town/")
    ]


def test_previous_and_next_within_category(lists_site):
    # Category Tests, oldest first: anchor, parent-place, same-place (same day, by slug), far-away.
    nav = lists_site.html("2019/03/parent-place/index.html").select_one("nav.prev-next")
    assert nav.select_one("a[rel=prev]")["href"].endswith("/anchor/")
    assert nav.select_one("a[rel=next]")["href"].endswith("/same-place/")
    first = lists_site.html("2019/03/anchor/index.html").select_one("nav.prev-next")
    assert first.select_one("a[rel=prev]") is None
    assert lists_site.html("2019/03/lonely/index.html").select_one("nav.prev-next") is None


def test_place_pages_list_stories_inside_them(lists_site):
    def stories(path):
        page = lists_site.html(path)
        return {
            a["href"].rstrip("/").split("/")[-1]
            for a in page.select("section.stories .story-card__headline a")
        }

    assert stories("places/alpha-town/index.html") == {"anchor", "same-place", "far-away"}
    # The governorate: named by parent-place, or a place inside it (alpha/beta town).
    assert stories("places/test-governorate/index.html") == {
        "anchor",
        "same-place",
        "far-away",
        "parent-place",
        "incident-story",
    }
    assert stories("places/elsewhere/index.html") == {"pinned-story", "lonely"}


def test_dataset_page_lists_stories_using_it(lists_site):
    page = lists_site.html("data/strikes/index.html")
    section = page.select_one("section.stories")
    assert section.h2.get_text(strip=True) == "Stories using this data"
    listed = [a["href"].rstrip("/").split("/")[-1] for a in section.select(".story-card__headline a")]
    assert listed == ["incident-story", "shared-dataset", "anchor"]  # newest first
    assert page.select_one("#strike-2 .record-stories") is None


def test_place_pages_list_only_the_newest_stories_and_say_how_many(tmp_path, lists_settings):
    from helpers import build_site

    site = build_site(
        tmp_path, fixture="related-lists", settings=lists_settings + "RELATED_STORIES_SHOWN = 2\n"
    )
    assert site.ok, site.log
    section = site.html("places/test-governorate/index.html").select_one("section.stories")
    listed = [a["href"].rstrip("/").split("/")[-1] for a in section.select(".story-card__headline a")]
    # Five stories concern the governorate; the newest: far-away (2020), incident-story.
    assert listed == ["far-away", "incident-story"]
    assert section.select_one(".stories__more").get_text(" ", strip=True) == "The 2 most recent of 5 stories."
    # Under the limit, no such line.
    elsewhere = site.html("places/elsewhere/index.html").select_one("section.stories")
    assert elsewhere.select_one(".stories__more") is None
