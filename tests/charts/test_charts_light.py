"""Light pages (issue 7): the Vega bundle is named by the hash of its bytes, pages
load only charts.js (which fetches the bundle after load), hosts may cache the
bundle for good, and the /charts/ gallery is split into pages."""

import hashlib
import posixpath
import re

from localserver import read_headers_file

from charts.pages import split_pages

BUNDLE = re.compile(r"^theme/js/vega-bundle\.([0-9a-f]{12})\.js$")
IMMUTABLE = "public, max-age=31536000, immutable"


def _bundles(site):
    """The output paths of the Vega bundle(s)."""
    return sorted(
        p.relative_to(site.output).as_posix() for p in (site.output / "theme" / "js").glob("vega-bundle*")
    )


def _resolve(page_path, url):
    """The output path a relative URL of ``page_path`` points at ('dir/' -> 'dir/index.html')."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), url))
    return target + "/index.html" if url.endswith("/") else target


def test_bundle_is_named_by_the_sha256_of_its_bytes(default_site, chart_site):
    for site in (default_site, chart_site):
        (bundle,) = _bundles(site)
        match = BUNDLE.match(bundle)
        assert match, bundle
        data = (site.output / bundle).read_bytes()
        assert len(data) > 100_000
        assert hashlib.sha256(data).hexdigest()[:12] == match.group(1)
        assert b"vegaEmbed" in data


def test_chart_pages_load_only_charts_js_which_names_the_bundle(default_site):
    (bundle,) = _bundles(default_site)
    with_charts = 0
    for path in default_site.pages():
        page = default_site.html(path)
        # (the header's search box has its own small script, search-box.js, on every page;
        # embed pages one that posts their height to the framing page, embed-height.js)
        scripts = [s for s in page.select("script[src]") if "search-box" not in s["src"]]
        embed = [s for s in scripts if "embed-height" in s["src"]]
        assert len(embed) == (1 if path.endswith("/embed/index.html") else 0), path
        scripts = [s for s in scripts if s not in embed]
        srcs = [s["src"] for s in scripts]
        assert not [s for s in srcs if "vega" in s], f"{path}: the bundle is loaded by a tag"
        assert not page.select("link[href*='vega']"), f"{path}: the bundle is preloaded"
        if not page.select("figure.chart"):
            assert not [s for s in srcs if "charts.js" in s], f"{path}: charts.js without a chart"
            assert "vega-bundle" not in default_site.read(path), path
            continue
        with_charts += 1
        (script,) = scripts
        assert _resolve(path, script["src"]) == "theme/js/charts.js", path
        assert script.has_attr("defer"), path
        assert _resolve(path, script["data-vega-bundle"]) == bundle, path
    assert with_charts >= 5  # three stories, dataset pages, the gallery


def test_site_without_charts_writes_no_bundle(tmp_path):
    from helpers import build_site

    story = "Title: No charts\nDate: 2001-02-03 10:00+00:00\nCategory: Tests\nSlug: no-charts\n\nText only.\n"
    site = build_site(tmp_path, files={"content/articles/no-charts.md": story})
    assert site.ok, site.log
    assert _bundles(site) == []
    assert "vega-bundle" not in site.read("_headers")
    for path in site.pages():
        # only search's own scripts (the header box; search.js on the search page)
        scripts = [s["src"] for s in site.html(path).select("script[src]")]
        assert [s for s in scripts if not s.endswith(("js/search-box.js", "js/search.js"))] == [], path


def test_headers_file_caches_the_bundle_for_good(default_site):
    (bundle,) = _bundles(default_site)
    rules = dict(read_headers_file(default_site.output / "_headers"))
    assert dict(rules[f"/{bundle}"]) == {"Cache-Control": IMMUTABLE}
    assert "Content-Security-Policy" in dict(rules["/*"])  # the security rule stays
    cached = [
        pattern for pattern, headers in rules.items() if any(name == "Cache-Control" for name, _ in headers)
    ]
    assert cached == [f"/{bundle}"]  # nothing else is cached for good (its name would not change)


def test_gallery_of_few_charts_is_one_page_without_nav(default_site, chart_site):
    for site, count in ((default_site, 5), (chart_site, 10)):
        gallery = site.html("charts/index.html")
        assert len(gallery.select("figure.chart")) == count
        assert not gallery.select("nav.chart-pagination")
        assert not (site.output / "charts" / "page").exists()
        assert gallery.title.get_text().startswith("Charts · ")


def test_split_pages_keeps_24_a_page_by_default():
    figures = [f"chart-{n}" for n in range(49)]
    pages = split_pages(
        figures,
        24,
        "charts/",
        "charts/index.html",
        "charts/page/{number}/",
        "charts/page/{number}/index.html",
    )
    assert [len(p.figures) for p in pages] == [24, 24, 1]
    assert [p.url for p in pages] == ["charts/", "charts/page/2/", "charts/page/3/"]
    assert [p.save_as for p in pages][1:] == ["charts/page/2/index.html", "charts/page/3/index.html"]
    assert [f for p in pages for f in p.figures] == figures
    assert len(split_pages(figures[:24], 24, "c/", "c/i", "{number}", "{number}")) == 1
    assert len(split_pages([], 24, "c/", "c/i", "{number}", "{number}")) == 1  # "No charts yet"


GALLERY_PAGES = ["charts/index.html", "charts/page/2/index.html", "charts/page/3/index.html"]


def test_gallery_is_split_into_pages(paged_chart_site, chart_site):
    ids = []
    for number, path in enumerate(GALLERY_PAGES, start=1):
        page = paged_chart_site.html(path)
        found = [f["id"] for f in page.select("figure.chart")]
        assert len(found) == (4 if number < 3 else 2), path
        ids += found
        assert page.title.get_text().startswith(f"Charts, page {number} of 3 · ")
        assert page.h1.get_text() == f"Charts, page {number} of 3"
        canonical = page.select_one("link[rel=canonical]")["href"]
        assert canonical.endswith("/charts/" if number == 1 else f"/charts/page/{number}/")
        assert page.select("link[href$='css/charts.css']") and page.select("script[data-vega-bundle]")
    whole = [f["id"] for f in chart_site.html("charts/index.html").select("figure.chart")]
    assert ids == whole  # every chart once, in the same order as on one page
    assert not (paged_chart_site.output / "charts" / "page" / "4").exists()
    assert not (paged_chart_site.output / "charts" / "page" / "1").exists()


def test_gallery_pages_have_an_accessible_nav_whose_links_resolve(paged_chart_site):
    for number, path in enumerate(GALLERY_PAGES, start=1):
        page = paged_chart_site.html(path)
        (nav,) = page.select("nav.chart-pagination")
        assert nav["aria-label"] == "Chart gallery pages"
        links = nav.select("ul a")
        assert [a.get_text() for a in links] == ["Page 1", "Page 2", "Page 3"]
        assert [_resolve(path, a["href"]) for a in links] == GALLERY_PAGES
        current = nav.select("[aria-current]")
        assert [(a["aria-current"], a.get_text()) for a in current] == [("page", f"Page {number}")]
        previous, following = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
        assert (previous is None) == (number == 1) and (following is None) == (number == 3)
        if previous:
            assert _resolve(path, previous["href"]) == GALLERY_PAGES[number - 2]
            assert previous.get_text() == "Previous page of charts"
        if following:
            assert _resolve(path, following["href"]) == GALLERY_PAGES[number]
            assert following.get_text() == "Next page of charts"
        for a in nav.select("a"):
            assert (paged_chart_site.output / _resolve(path, a["href"])).is_file()


def test_sitemap_and_link_checks_know_the_gallery_pages(paged_chart_site, chart_site):
    sitemap = paged_chart_site.read("sitemap.xml")
    for url in ("charts/", "charts/page/2/", "charts/page/3/"):
        assert f"/{url}</loc>" in sitemap, url
    assert "charts/page/4/" not in sitemap
    assert "charts/page/" not in chart_site.read("sitemap.xml")
    # the story's link to /charts/page/3/ passed plugins/related's check (it fails the
    # build for a path the build does not publish), and points at a written page
    story = paged_chart_site.html("2001/02/gallery-link-story/index.html")
    assert story.find("a", string="the third page of the gallery")["href"] == "/charts/page/3/"


def test_link_to_a_gallery_page_that_does_not_exist_fails_the_build(tmp_path, chart_site):
    from helpers import build_site
    from synthetic import CUSTOM_SETTINGS, chart_site_files

    story = (
        "Title: Bad link\nDate: 2001-02-04 10:00+00:00\nCategory: Tests\nSlug: bad-link\n\n"
        "See [page 4](/charts/page/4/).\n"
    )
    site = build_site(
        tmp_path,
        fixture="charts-site",
        files={**chart_site_files(), "content/articles/bad-link.md": story},
        settings=CUSTOM_SETTINGS + "CHARTS_GALLERY_PAGE_SIZE = 4\n"
        f"CHARTS_CACHE_PATH = {str(chart_site.site / '.chart-cache')!r}\n",
    )
    assert site.returncode == 1
    assert "bad-link.md:6: bad-link: link: /charts/page/4/: no page of this site" in site.log
