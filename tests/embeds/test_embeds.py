"""Chart pages and embed pages (plugins/chartpages) on the built default site.

Every named chart has /charts/<name>/ and /charts/<name>/embed/ in both
languages. The embed page is the chart alone (static SVG, title, source line,
link back), noindex, out of the sitemap and the search index; its _headers rule
lets other sites frame it while every other page stays unframeable. In chromium
a page on another localhost origin shows it in an <iframe>, interactive, under
the enforced policy, with no console error; the chart page itself refuses to be
framed.
"""

import gzip
import json
import re

import chromium
import pytest
from bs4 import BeautifulSoup
from localserver import SiteServer, headers_for, read_headers_file

CHART_PAGE = re.compile(r"(ar/)?charts/(?!page/)([^/]+)/index\.html")


def _page(output, path):
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html5lib")


@pytest.fixture(scope="module")
def charts(default_site):
    """(output, [(language prefix, chart name)]) of the default site's chart pages."""
    output = default_site.output
    found = []
    for path in sorted(p.relative_to(output).as_posix() for p in output.rglob("index.html")):
        match = CHART_PAGE.fullmatch(path)
        if match:
            found.append((match.group(1) or "", match.group(2)))
    assert {p for p, _ in found} == {"", "ar/"} and len(found) >= 10, found
    return output, found


def test_each_chart_page_offers_the_code_of_its_embed(charts):
    output, found = charts
    origin = _page(output, "index.html").find("link", rel="canonical")["href"].rstrip("/")
    for prefix, name in found:
        soup = _page(output, f"{prefix}charts/{name}/index.html")
        code = soup.select_one("section.chart-page__embed textarea")
        assert code is not None and soup.find("label", attrs={"for": code["id"]}), (
            f"{prefix}{name}: no labelled code"
        )
        frame = BeautifulSoup(code.get_text(), "html.parser").find("iframe")
        assert frame is not None, code.get_text()
        assert frame["src"] == f"{origin}/{prefix}charts/{name}/embed/", frame["src"]
        assert frame["title"] and int(frame["height"]) > 150 and frame.get("loading") == "lazy"
        assert (output / f"{prefix}charts/{name}/embed/index.html").is_file()
        heading = soup.select_one("section.chart-page__embed h2").get_text()
        assert heading == ("تضمين هذا الرسم البياني" if prefix else "Embed this chart")


def test_embed_pages_are_the_chart_alone_and_readable_without_javascript(charts):
    output, found = charts
    for prefix, name in found:
        path = f"{prefix}charts/{name}/embed/index.html"
        soup = _page(output, path)
        assert soup.html["dir"] == ("rtl" if prefix else "ltr")
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}), path
        assert not soup.select("[data-pagefind-body]"), f"{path} would be indexed"
        assert not soup.select("header.masthead, nav, footer"), f"{path} carries the site's chrome"
        figure = soup.select_one("figure.chart")
        assert figure.select("svg[role=img] title") and figure.select_one(".chart__title").get_text(
            strip=True
        )
        assert figure.select_one(".embed__source").get_text(strip=True)
        back = figure.select_one(".embed__credit a")
        assert (output / path).parent.joinpath(back["href"]).resolve() == (output / path).parents[1].resolve()
        assert back.get("target") == "_blank" and "noopener" in back.get("rel", [])
        assert soup.find("link", rel="canonical")["href"].endswith(f"/{prefix}charts/{name}/")


def test_embed_pages_are_in_neither_the_sitemap_nor_the_search_index(charts):
    output, found = charts
    sitemaps = " ".join(p.read_text(encoding="utf-8") for p in output.rglob("sitemap.xml"))
    for prefix, name in found:
        assert f"/{prefix}charts/{name}/</loc>" in sitemaps, f"chart page {prefix}{name} not in the sitemap"
    assert "/embed/" not in sitemaps
    # Pagefind's fragments: gzip, a "pagefind_dcd" signature, then the page's JSON.
    indexed = [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")).get("url", "")
        for f in (output / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    assert any("/charts/" in u for u in indexed), "the check would see an indexed chart page"
    assert indexed and not [u for u in indexed if "/embed/" in u], [u for u in indexed if "/embed/" in u]


def _header(sent, name):
    return [value for key, value in sent if key.lower() == name.lower()]


def test_only_embed_pages_may_be_framed(charts):
    """Parsed as Cloudflare Pages reads _headers (detach lines drop earlier headers)."""
    output, found = charts
    rules = read_headers_file(output / "_headers")
    prefix, name = found[0]
    for path in (f"/charts/{name}/embed/", f"/ar/charts/{name}/embed/", f"/charts/{name}/embed/index.html"):
        sent = _header(headers_for(rules, path), "Content-Security-Policy")
        assert _header(headers_for(rules, path), "X-Frame-Options") == [], path
        assert (
            len(sent) == 1
            and "frame-ancestors *" in sent[0]
            and "'none'" not in sent[0].split("frame-ancestors")[1]
        )
        assert "script-src 'self'" in sent[0]
    for path in (
        "/",
        f"/charts/{name}/",
        f"/ar/charts/{name}/",
        "/charts/",
        "/search/",
        f"/charts/{name}/card.png",
    ):
        sent = headers_for(rules, path)
        assert _header(sent, "X-Frame-Options") == ["DENY"], path
        assert [p for p in _header(sent, "Content-Security-Policy") if "frame-ancestors 'none'" in p], path
        assert not [p for p in _header(sent, "Content-Security-Policy") if "frame-ancestors *" in p], path


HOST_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A partner's story</title>
<link rel="icon" href="data:,"></head><body><p>A partner newsroom's story.</p>
<iframe id="chart" src="{src}" title="A Marsad chart" width="100%" height="{height}"></iframe>
<script>window.heights = []; addEventListener("message", (e) => {{
  if (e.data && e.data.type === "marsad:embed-height") window.heights.push([e.origin, e.data.height]); }});
</script></body></html>"""


def _embed_height(output, prefix, name):
    """The iframe height the chart page's code suggests."""
    code = _page(output, f"{prefix}charts/{name}/index.html").select_one("section.chart-page__embed textarea")
    return int(BeautifulSoup(code.get_text(), "html.parser").find("iframe")["height"])


@pytest.mark.browser
def test_another_site_shows_the_embed_interactive_under_the_policy(charts, chromium_browser, tmp_path):
    output, found = charts
    name = "casualties-by-date-and-place"
    assert ("", name) in found and ("ar/", name) in found
    with SiteServer(output) as site:
        pages = {
            "embed": site.url(f"charts/{name}/embed/"),
            "embed-ar": site.url(f"ar/charts/{name}/embed/"),
            "chart-page": site.url(f"charts/{name}/"),
        }
        heights = {
            "embed": _embed_height(output, "", name),
            "embed-ar": _embed_height(output, "ar/", name),
            "chart-page": 520,
        }
        for key, src in pages.items():
            (tmp_path / f"{key}.html").write_text(
                HOST_PAGE.format(src=src, height=heights[key]), encoding="utf-8"
            )
        with SiteServer(tmp_path) as host:  # another port: another origin
            assert host.origin != site.origin
            for key in ("embed", "embed-ar"):
                javascript = key == "embed"  # the Arabic one with JavaScript off: its static SVG
                context = chromium.new_context(
                    chromium_browser, "desktop" if javascript else "phone", javascript=javascript
                )
                errors = []
                page = context.new_page()
                page.on(
                    "console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None
                )
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(host.url(f"{key}.html"), wait_until="load")
                frame = page.frame_locator("#chart")
                drawing = (
                    ".chart__interactive svg"
                    if javascript
                    else ".chart__static svg[role=img] >> visible=true"
                )
                frame.locator(drawing).first.wait_for(timeout=15000)
                inner = next(f for f in page.frames if f.url.startswith(site.origin))
                assert frame.locator(".chart__title").inner_text().strip()
                if javascript:
                    assert inner.evaluate("window.__marsadCsp") == [], "CSP violation inside the embed"
                # The suggested height shows the whole page, chart and source line, with or
                # without JavaScript; with it, the page posts its height to the host.
                shown = inner.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
                assert shown <= heights[key], (key, shown, heights[key])
                if javascript:
                    page.wait_for_function(
                        "(h) => window.heights.some(([, got]) => Math.abs(got - h) <= 2)", arg=shown
                    )
                    assert {origin for origin, _ in page.evaluate("window.heights")} == {site.origin}
                violations = chromium.run_axe(inner, javascript=javascript)
                chromium.screenshot(page, f"embed-in-iframe-{key}", failed=bool(errors or violations))
                assert not errors, errors
                assert not violations, chromium.describe_violations(violations)
                context.close()
            # The chart page itself keeps frame-ancestors 'none' and X-Frame-Options: DENY.
            context = chromium.new_context(chromium_browser)
            page = context.new_page()
            page.goto(host.url("chart-page.html"), wait_until="load")
            page.wait_for_timeout(300)
            framed = [f for f in page.frames if f.url.startswith(site.origin)]
            assert not framed or not framed[0].locator("figure.chart").count(), "the chart page was framed"
            context.close()
