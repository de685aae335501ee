"""The sitemap validates against the sitemaps.org schema (the XSD shipped in the
npm package `sitemap`, with lxml), lists every indexable page of the site with
its <lastmod>, and names nothing that is not a page of the site."""

import copy
import json

import pagekinds
import pytest
import sitefiles
import standards
from lxml import etree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML = "http://www.w3.org/1999/xhtml"


@pytest.fixture(scope="module")
def schema():
    return standards.sitemap_schema()


def _sitemaps(site_output):
    """The main site's sitemap and each language subsite's (ar/sitemap.xml), as robots.txt names them."""
    return [site_output / "sitemap.xml", *sorted(site_output.glob("*/sitemap.xml"))]


def _entries(site_output):
    trees, entries = [], {}
    for path in _sitemaps(site_output):
        tree = etree.parse(str(path))
        trees.append(tree)
        entries.update(
            {
                url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
                for url in tree.getroot().findall("s:url", NS)
            }
        )
    return trees, entries


def test_sitemap_validates_against_the_sitemaps_schema(site_output, schema):
    trees, _ = _entries(site_output)
    assert len(trees) >= 2  # the English site's and the Arabic subsite's
    _validate(trees, schema)


def _validate(trees, schema):
    for tree in trees:
        # The sitemaps.org schema admits other namespaces only where their own schema
        # is loaded (a strict wildcard). The hreflang alternates (xhtml:link) need the
        # XHTML schema, which no package at hand ships; they are checked link by link
        # in tests/i18n (pairs resolve both ways), so they are taken out here.
        plain = copy.deepcopy(tree)
        for link in plain.getroot().iter(f"{{{XHTML}}}link"):
            link.getparent().remove(link)
        assert schema.validate(plain), "\n".join(str(e) for e in schema.error_log)


def test_the_schema_really_validates(schema):
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.org/</loc><lastmod>18 March 2019</lastmod></url></urlset>"
    )
    assert not schema.validate(bad)


def _indexable(site_output):
    """Every HTML page a search engine may index (no robots noindex, not the 404 page)."""
    pages = []
    for path in pagekinds.html_files(site_output):
        if path == "404.html":
            continue
        robots = sitefiles.parse(site_output / path).find("meta", attrs={"name": "robots"})
        if robots is not None and "noindex" in robots.get("content", ""):
            continue
        pages.append(path)
    return pages


def test_every_indexable_page_is_listed_with_its_lastmod(site_output):
    _, entries = _entries(site_output)
    origin = sitefiles.site_origin(site_output)
    listed = {loc[len(origin) + 1 :] for loc in entries if loc.startswith(origin + "/")}
    missing = [p for p in _indexable(site_output) if p.removesuffix("index.html") not in listed]
    assert not missing, f"{len(missing)} indexable pages not in the sitemap: {missing[:20]}"
    without = [loc for loc, lastmod in entries.items() if not lastmod]
    assert not without, f"no <lastmod>: {without}"
    nowhere = [loc for loc in entries if not _page_file(site_output, loc[len(origin) + 1 :]).is_file()]
    assert not nowhere, f"listed but not pages of the site: {nowhere}"


def _page_file(output, path):
    """The file a sitemap address serves: a folder's index.html, or the file itself (index2.html)."""
    return output / path if path.endswith(".html") else output / path / "index.html"


def test_lastmod_is_the_last_change(site_output):
    _, entries = _entries(site_output)
    origin = sitefiles.site_origin(site_output)
    story = f"{origin}/2019/03/russia-escalates-idlib-march-2019/"
    assert entries[story] == "2019-03-18T10:30:00+02:00"  # its Modified:, not its Date:
    download = json.loads((site_output / "data/casualties/casualties.json").read_text(encoding="utf-8"))
    last_updated = download["dataset"]["last_updated"]
    assert entries[f"{origin}/data/casualties/"] == last_updated  # the data's last change
    record = next(loc for loc in entries if loc.startswith(f"{origin}/data/casualties/idlib"))
    assert entries[record] == last_updated


@pytest.fixture(scope="module")
def paginated_output(tmp_path_factory):
    """A small site whose story lists run over several pages (DEFAULT_PAGINATION = 2)."""
    from helpers import build_site

    site = build_site(
        tmp_path_factory.mktemp("paginated"), fixture="related-lists", settings="DEFAULT_PAGINATION = 2\n"
    )
    assert site.ok, site.log
    return site.output


def test_numbered_listing_pages_are_listed_with_their_newest_story(paginated_output, schema):
    """index2.html and the numbered pages of categories, tags and authors are indexable
    (canonical to themselves), so they are in the sitemap, dated by their newest story."""
    _, entries = _entries(paginated_output)
    origin = sitefiles.site_origin(paginated_output)
    numbered = sorted(
        p.relative_to(paginated_output).as_posix() for p in paginated_output.rglob("index[0-9]*.html")
    )
    assert "index2.html" in numbered and any(p.startswith("category/") for p in numbered), numbered
    for path in numbered:
        page = sitefiles.parse(paginated_output / path)
        assert page.find("link", rel="canonical")["href"] == f"{origin}/{path}"
        stories = [a["href"] for a in page.select("main article h2 a, main article h3 a")]
        times = [t["datetime"] for t in page.select("main time[datetime]")]
        assert entries[f"{origin}/{path}"] == max(times), (path, stories)
    test_every_indexable_page_is_listed_with_its_lastmod(paginated_output)
    _validate(_entries(paginated_output)[0], schema)
