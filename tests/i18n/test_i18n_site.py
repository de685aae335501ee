"""The Arabic edition of the default site, read from the built files.

Every page under ar/ is Arabic and right to left, every other page English and
left to right; each page's hreflang alternates and language switch lead to a
page that links back; no English interface message is left on an Arabic page;
dates and numbers are formatted by Babel for ar_SY.
"""

import json
import re
from dataclasses import asdict, dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import english_fragments, once_per_run

ORIGIN = "http://localhost:8000"
# One page of each kind, in both languages (the list).
KINDS = {
    "home": "index.html",
    "story": "2019/03/russia-escalates-idlib-march-2019/index.html",
    "category": "category/idlib/index.html",
    "tag": "tags/patrols/index.html",
    "author": "authors/marsad-syria-desk/index.html",
    "archive": "archives/index.html",
    "data": "data/index.html",
    "dataset": "data/casualties/index.html",
    "record": "data/casualties/idlib-city-2019-03-13/index.html",
    "places": "places/index.html",
    "place": "places/idlib-city/index.html",
    "charts": "charts/index.html",
    "about": "about/index.html",
    "not-found": "404.html",
}


def parse(output, path):
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html5lib")


def html_pages(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def file_of(output, url):
    """The output file an absolute site URL is served from, or None."""
    path = urlsplit(url).path.lstrip("/")
    for candidate in (path, f"{path}index.html", f"{path}/index.html"):
        if candidate and (output / candidate).is_file():
            return candidate
    return "index.html" if path == "" else None


@dataclass
class PageFacts:
    """What the tests of every page read from it, each page parsed once for them all."""

    lang: str | None
    dir: str | None
    alternates: dict  # {hreflang: href}
    interface_text: str | None  # Arabic pages only (see _interface_text)


def _read_facts(output, folder):
    found = {}
    for path in html_pages(output):
        page = parse(output, path)
        root = page.html
        found[path] = PageFacts(
            root.get("lang"),
            root.get("dir"),
            _alternates(page),
            _interface_text(page) if path.startswith("ar/") else None,  # last: it changes the page
        )
    record = folder / "facts.json"
    record.write_text(json.dumps({path: asdict(page) for path, page in found.items()}), encoding="utf-8")
    return record


@pytest.fixture(scope="module")
def facts(default_site, tmp_path_factory):
    """{output path: PageFacts} for every HTML page of the default site (read once per
    run, however many workers run these tests)."""
    record = once_per_run(
        tmp_path_factory, "i18n-page-facts", lambda folder: _read_facts(default_site.output, folder)
    )
    return {path: PageFacts(**page) for path, page in json.loads(record.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_page_kind_exists_in_both_languages(facts, kind):
    page_en, page_ar = facts[KINDS[kind]], facts[f"ar/{KINDS[kind]}"]
    assert (page_en.lang, page_en.dir) == ("en", "ltr")
    assert (page_ar.lang, page_ar.dir) == ("ar", "rtl")


def test_every_page_has_its_language_and_direction(facts):
    wrong = []
    for path, page in facts.items():
        expected = ("ar", "rtl") if path.startswith("ar/") else ("en", "ltr")
        if (page.lang, page.dir) != expected:
            wrong.append(f"{path}: lang={page.lang} dir={page.dir}")
    assert not wrong, "\n".join(wrong)


def _alternates(page):
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}


def test_hreflang_pairs_resolve_both_ways(default_site, facts):
    output = default_site.output
    problems, checked = [], 0

    def alternates_of(path):
        page = facts.get(path)  # None: not an HTML page, so no alternates
        return page.alternates if page else {}

    for path in facts:
        alternates = alternates_of(path)
        if not alternates:
            continue
        own = "ar" if path.startswith("ar/") else "en"
        if alternates.get("x-default") != alternates.get("en"):
            problems.append(f"{path}: x-default is not the English page")
        for code, url in alternates.items():
            target = file_of(output, url)
            if target is None:
                problems.append(f"{path}: hreflang={code} {url} is not a page of the build")
                continue
            back = alternates_of(target)
            if file_of(output, back.get(own, "")) != path:
                problems.append(f"{path}: {target} (hreflang={code}) does not link back with hreflang={own}")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 100  # every page kind of both trees, not a handful


@pytest.mark.parametrize("kind", ["story", "dataset", "record", "place", "tag", "charts", "about"])
def test_language_switch_leads_to_the_same_content(default_site, kind):
    output = default_site.output
    for path, code in ((KINDS[kind], "ar"), (f"ar/{KINDS[kind]}", "en")):
        page = parse(output, path)
        switch = page.select_one(f'.language-switch a[hreflang="{code}"]')
        assert switch is not None, f"{path}: no link to the {code} version"
        assert switch["lang"] == code
        target = file_of(output, urljoin(f"{ORIGIN}/{path}", switch["href"]))
        expected = f"ar/{KINDS[kind]}" if code == "ar" else KINDS[kind]
        assert target == expected, f"{path}: the switch leads to {target}"


def _interface_text(page):
    """Visible text of the interface: the story's own words, charts (English until
    plugins/charts is translated), cited titles and text marked English are left out."""
    body = page.body
    for selector in (
        ".story__body",
        "figure.chart",  # chart text (titles too) is English until plugins/charts translates it
        ".story-data__charts",
        ".chart-gallery__item",
        ".chart-page__heading",  # a chart page's heading is its chart's title
        ".chart-page__code",  # HTML code to copy (its title attribute is the chart's)
        "cite",
        "[lang=en]",
        "script",
        ".language-switch",
        "code",
    ):
        for element in body.select(selector):
            element.decompose()
    texts = [body.get_text(" ")]
    texts += [
        element[name] for name in ("aria-label", "title", "alt") for element in page.select(f"[{name}]")
    ]
    # A chart page's and an embed page's title and description are the chart's own
    # (plugins/chartpages), English until plugins/charts translates them too.
    chart_text = page.select_one(".chart-page, body.embed") is not None
    texts += [page.title.get_text()] if page.title and not chart_text else []
    texts += [m["content"] for m in page.select('meta[name="description"]') if not chart_text]
    return " ".join(texts)


def _cited_sources(site):
    """Where each place's coordinates and p-code come from: cited as published, in English."""
    from datasets.validate import build_catalog

    catalog, problems = build_catalog(site.site / "data")
    assert not problems
    return {s for p in catalog.places.values() for s in (p.coordinates_source, p.pcode_source) if s}


def test_no_english_interface_message_on_an_arabic_page(default_site, facts, arabic_catalog):
    fragments = english_fragments(arabic_catalog)
    cited = _cited_sources(default_site)
    assert {"Data", "Published", "Corrections and updates", "not reported"} <= fragments
    # Whole words only, and not inside a record id ("idlib-city-2019-03-13").
    patterns = {f: re.compile(rf"(?<![A-Za-z-]){re.escape(f)}(?![A-Za-z-])") for f in fragments}
    found = []
    arabic = {path: page for path, page in facts.items() if path.startswith("ar/")}
    assert len(arabic) > 50  # the whole Arabic tree
    for path, page in arabic.items():
        text = page.interface_text
        for source in cited:
            text = text.replace(source, " ")
        left = sorted(f for f, pattern in patterns.items() if pattern.search(text))
        if left:
            found.append(f"{path}: {left}")
    assert not found, "English interface text on Arabic pages:\n" + "\n".join(found)


def test_arabic_pages_carry_babel_dates_and_numbers(default_site):
    story = parse(default_site.output, "ar/" + KINDS["story"])
    published = story.select_one(".dateline time")
    assert published["datetime"].startswith("2019-03-17T18:00")
    assert published.get_text() == "17 آذار 2019، 18:00 \u2066+02:00\u2069"  # CLDR ar_SY: Levantine months
    assert "نُشرت في" in story.select_one(".dateline").get_text()
    dataset = parse(default_site.output, "ar/" + KINDS["dataset"])
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in dataset.select(".data-facts div")
    }
    assert facts["الفترة المشمولة"] == "13-17 آذار 2019"
    displacement = parse(default_site.output, "ar/data/displacement/index.html")
    values = [dd.get_text(strip=True) for dd in displacement.select(".data-totals__value")]
    assert "110,393" in values and "17,467" in values  # digits "latn", grouped by Babel


def test_arabic_data_pages_show_the_arabic_text_of_the_data(default_site):
    record = parse(default_site.output, "ar/" + KINDS["record"])
    assert record.h1.get_text() == "أربع غارات جوية على أحياء سكنية في وسط إدلب"
    place = parse(default_site.output, "ar/" + KINDS["place"])
    assert place.h1.contents[0].strip() == "إدلب"
    assert place.select_one("#place-title [lang=en]").get_text() == "Idlib"
    english = parse(default_site.output, KINDS["place"])
    assert english.select_one("#place-title [lang=ar]").get_text() == "إدلب"


def test_one_download_per_dataset_with_arabic_columns(default_site):
    output = default_site.output
    assert not (output / "ar/data/casualties/casualties.csv").exists()
    header, hxl = (output / "data/casualties/casualties.csv").read_text(encoding="utf-8").splitlines()[:2]
    columns = dict(zip(header.split(","), hxl.split(","), strict=True))
    assert columns["notes"] == "#description+notes+i_en" and columns["notes_ar"] == "#description+notes+i_ar"
    page = parse(output, "ar/" + KINDS["dataset"])
    link = page.select_one('.data-downloads a[type="text/csv"]')
    assert (
        file_of(output, urljoin(f"{ORIGIN}/ar/{KINDS['dataset']}", link["href"]))
        == "data/casualties/casualties.csv"
    )


def test_each_language_has_its_feed_and_sitemap_alternates(default_site):
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(default_site.output / "ar/feeds/all.atom.xml").getroot()
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert len(titles) == 5 and all(re.search("[\u0600-\u06ff]", title) for title in titles), titles
    links = [link.get("href") for link in feed.iter(f"{atom}link")]
    assert all(href.startswith(f"{ORIGIN}/ar/") for href in links), links
    sitemap = (default_site.output / "sitemap.xml").read_text(encoding="utf-8")
    story = f"{ORIGIN}/2019/03/russia-escalates-idlib-march-2019/"
    assert (
        f'<xhtml:link rel="alternate" hreflang="ar" href="{ORIGIN}/ar/2019/03/russia-escalates-idlib-march-2019/"/>'
        in sitemap
    )
    assert story in (default_site.output / "ar/sitemap.xml").read_text(encoding="utf-8")


def test_json_ld_names_language_and_translation(default_site):
    import json

    def jsonld(path):
        page = parse(default_site.output, path)
        return json.loads(page.select_one('script[type="application/ld+json"]').string)

    english, arabic = jsonld(KINDS["story"]), jsonld("ar/" + KINDS["story"])
    assert english["inLanguage"] == "en" and arabic["inLanguage"] == "ar"
    assert english["workTranslation"][0]["url"] == arabic["url"]
    assert arabic["translationOfWork"]["url"] == english["url"]


def test_a_missing_address_gets_its_language_404_page(default_site):
    """The _redirects rule (plugins/i18n/notfound.py), as the test server (and
    `invoke serve`) apply it: /ar/... gets the Arabic 404 page, with status 404."""
    import urllib.error
    import urllib.request

    from localserver import SiteServer

    assert "/ar/*  /ar/404.html  404" in (default_site.output / "_redirects").read_text().splitlines()
    with SiteServer(default_site.output) as server:
        for path, code in (("ar/no-such-page/", "ar"), ("ar/2019/03/gone/", "ar"), ("no-such-page/", "en")):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(server.url(path))
            assert answer.value.code == 404
            page = BeautifulSoup(answer.value.read(), "html5lib")
            assert page.html["lang"] == code, path


def test_the_root_404_page_speaks_to_the_arabic_reader_too(default_site):
    """A host that ignores _redirects (GitHub Pages) answers a missing /ar/ address
    with the root 404 page: it carries a line in Arabic, from the Arabic catalog,
    leading to the Arabic front page."""
    page = default_site.html("404.html")
    lines = page.select("p.not-found__edition")
    assert len(lines) == 1, lines
    line = lines[0]
    assert line["lang"] == "ar" and line["dir"] == "rtl"
    text = line.get_text(" ", strip=True)
    assert "الصفحة غير موجودة" in text and not re.search("[A-Za-z]", text), text
    assert line.a["href"] == "/ar/" and line.a["hreflang"] == "ar"
    assert not default_site.html("ar/404.html").select("p.not-found__edition"), "the Arabic page has none"
