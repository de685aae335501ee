"""The default site: every page kind renders with the newsroom's metadata."""

import json
from xml.etree import ElementTree

import pytest

MAIN_STORY = "2019/03/russia-escalates-idlib-march-2019/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

PAGE_KINDS = {
    "home": "index.html",
    "article": MAIN_STORY,
    "category": "category/idlib/index.html",
    "tag": "tags/patrols/index.html",
    "author": "authors/marsad-syria-desk/index.html",
    "archive": "archives/index.html",
    "categories": "category/index.html",
    "tags": "tags/index.html",
    "authors": "authors/index.html",
    "page": "about/index.html",
    "404": "404.html",
}


def article_files(site):
    return [p for p in site.pages() if p.startswith("2019/")]


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_renders(default_site, kind):
    page = default_site.html(PAGE_KINDS[kind])
    assert page.html["lang"] == "en"
    assert page.html["dir"] == "ltr"
    assert page.find("main", id="main") is not None
    assert page.find("h1") is not None and page.find("h1").get_text(strip=True)
    assert page.title.get_text(strip=True).endswith("Marsad")
    assert page.find("a", class_="skip-link")["href"] == "#main"


def test_article_carries_newsroom_metadata(default_site):
    page = default_site.html(MAIN_STORY)
    story = page.find("article", class_="story")
    assert story.h1.get_text(strip=True).startswith("Russian strikes intensify over Idlib")
    assert "at least 89 targeted areas" in story.find(class_="story__standfirst").get_text()
    assert story.find("a", rel="author").get_text() == "Marsad Syria Desk"
    dateline = story.find(class_="dateline")
    times = [t["datetime"] for t in dateline.find_all("time")]
    assert times == ["2019-03-17T18:00:00+02:00", "2019-03-18T10:30:00+02:00"]
    assert dateline.find(class_="dateline__place").get_text() == "Idlib"
    figure = story.find("figure", class_="story__image")
    assert figure.img["src"].endswith("images/targeted-locations-march-2019.svg")
    assert "39 targeted locations" in figure.img["alt"]
    assert "Response Coordinators Team" in figure.figcaption.get_text()
    assert figure.find(class_="credit").get_text().startswith("Marsad graphic")
    corrections = story.find("section", class_="corrections")
    assert corrections.find("time")["datetime"] == "2019-03-18"
    assert "border area outside Idlib" in corrections.li.get_text()
    tags = [a.get_text() for a in story.find("ul", class_="tag-list").find_all("a")]
    assert "patrols" in tags


def test_article_head_has_canonical_open_graph_and_json_ld(default_site):
    page = default_site.html(MAIN_STORY)
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == "http://localhost:8000/2019/03/russia-escalates-idlib-march-2019/"
    assert page.find("meta", property="og:url")["content"] == canonical
    assert page.find("meta", property="og:type")["content"] == "article"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2019-03-17T18:00:00+02:00"
    assert data["dateModified"] == "2019-03-18T10:30:00+02:00"
    assert data["author"][0] == {
        "@type": "Organization",
        "name": "Marsad Syria Desk",
        "url": "http://localhost:8000/authors/marsad-syria-desk/",
    }
    # The lead image is an SVG, never offered: the image is the story's social card (plugins/cards).
    assert data["image"] == {
        "@type": "ImageObject",
        "url": "http://localhost:8000/cards/russia-escalates-idlib-march-2019.png",
        "width": 1200,
        "height": 630,
    }
    assert page.find("meta", property="og:image")["content"] == data["image"]["url"]
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["datePublished"] == "2019-03-18"


def test_home_has_lead_story_and_latest(default_site):
    page = default_site.html("index.html")
    lead = page.find("section", class_="lead-story")
    latest = page.find("section", class_="latest")
    assert lead.h2.a["href"].endswith("2019/03/russia-escalates-idlib-march-2019/")  # HOME_LEAD_SLUG
    assert lead.img["src"].endswith("images/targeted-locations-march-2019.svg")
    latest_links = [a["href"] for a in latest.select(".story-card__headline a")]
    assert not [href for href in latest_links if "russia-escalates" in href], "lead repeated in the list"
    linked = [a["href"] for a in lead.find_all("a")] + [a["href"] for a in latest.find_all("a")]
    for path in article_files(default_site):
        assert any(href.endswith(path.replace("index.html", "")) for href in linked), path


def test_site_feed_is_valid_atom_listing_every_article(default_site):
    feed = ElementTree.fromstring(default_site.read("feeds/all.atom.xml"))
    links = {e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
    expected = {f"http://localhost:8000/{p.replace('index.html', '')}" for p in article_files(default_site)}
    assert links == expected


def test_category_feeds_are_valid_atom(default_site):
    feed = ElementTree.fromstring(default_site.read("feeds/idlib.atom.xml"))
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "UN and US press Russia over the shelling of Idlib" in titles
    assert "Explainer: the demilitarized zone that Turkey and Russia agreed for Idlib" not in titles


def test_sitemap_lists_every_article_and_robots_points_to_it(default_site):
    sitemap = ElementTree.fromstring(default_site.read("sitemap.xml"))
    locations = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    for path in article_files(default_site):
        assert f"http://localhost:8000/{path.replace('index.html', '')}" in locations
    assert "Sitemap: http://localhost:8000/sitemap.xml" in default_site.read("robots.txt")


def test_no_page_loads_anything_from_another_host(default_site):
    for path in default_site.pages():
        page = default_site.html(path)
        for tag, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href")):
            for element in page.find_all(tag):
                url = element.get(attribute, "")
                if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                    continue  # the site's own public address, never fetched by the page
                assert not url.startswith(("http:", "https:", "//")), (path, tag, url)
