"""The interactive view in Debian's chromium (Playwright, never a downloaded browser):
it loads from the site's own files under the site's CSP, with no console error,
no CSP violation and no request leaving 127.0.0.1; tooltips show figures and
source; colours follow the dark theme; without JavaScript the static SVG stands; the
Vega bundle is fetched only after the page's load event; the paginated gallery is accessible."""

import re
from contextlib import contextmanager

import chromium
import pytest
from localserver import SiteServer

pytestmark = pytest.mark.browser

STORY = "2019/03/russia-escalates-idlib-march-2019/"
PAGES = [STORY, "charts/", "data/casualties/", "2019/03/turkish-patrols-dmz-march-2019/"]


@pytest.fixture(scope="module")
def server(default_site):
    """The default site with its _headers (so its CSP header too), as a static host serves it."""
    with SiteServer(default_site.output) as running:
        yield running


@pytest.fixture(scope="module")
def tabs(chromium_browser, server):
    """One tab on ``server`` per (viewport, JavaScript on/off), made when first needed
    (test_bundle_is_fetched_only_after_the_page_has_loaded starts from an empty cache)."""
    with chromium.reused_tabs(chromium_browser) as get:
        yield lambda viewport, javascript: get(server.origin, viewport, javascript)


@contextmanager
def _visit(tabs, url, viewport="desktop", scheme="light", javascript=True):
    """``url`` opened in the module's tab for ``viewport`` and ``javascript``."""
    tab = tabs(viewport, javascript)
    tab.open(url, scheme)
    yield tab


# The site's own scripts the page used (fetched, or taken from the browser's cache).
SCRIPTS_USED = """(origin) => performance.getEntriesByType('resource')
  .filter(e => e.initiatorType === 'script' && e.name.startsWith(origin + '/'))
  .map(e => new URL(e.name).pathname)"""


def _interactive(page):
    """Wait until every chart on the page has swapped in its interactive view."""
    page.wait_for_function(
        "() => { const f = document.querySelectorAll('figure.chart');"
        " return f.length > 0 && [...f].every(x => x.classList.contains('chart--interactive')); }",
        timeout=15000,
    )
    return page.locator("figure.chart").count()


@pytest.mark.parametrize("viewport,scheme", [("desktop", "light"), ("phone", "dark")])
@pytest.mark.parametrize("path", PAGES)
def test_interactive_view_loads_clean_from_the_site_itself(server, tabs, path, viewport, scheme):
    with _visit(tabs, server.url(path), viewport, scheme) as tab:
        count = _interactive(tab.page)
        assert tab.page.locator("figure.chart .chart__svg").count() == 0  # static SVGs replaced
        widths = tab.page.eval_on_selector_all(
            ".chart__interactive svg", "els => els.map(e => e.getBoundingClientRect().width)"
        )
        view = tab.page.eval_on_selector(".chart__view", "e => e.getBoundingClientRect().width")
        scripts = tab.page.evaluate(SCRIPTS_USED, server.origin)
        record = tab.finish()
    assert len(widths) == count and all(abs(w - view) < 2 for w in widths), (widths, view)
    assert not record.problems(), "\n".join(record.problems())
    assert [r for r in scripts if re.fullmatch(r"/theme/js/vega-bundle\.[0-9a-f]{12}\.js", r)], scripts
    assert "/theme/js/charts.js" in scripts, scripts


def test_page_declares_a_csp_without_eval_or_inline_style(server, tabs):
    # The page as it arrives (no script needed to read its head, nor charts drawn).
    with _visit(tabs, server.url(STORY), javascript=False) as tab:
        policy = tab.page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy


def test_tooltip_shows_the_figure_and_its_source(server, tabs):
    with _visit(tabs, server.url(STORY)) as tab:
        _interactive(tab.page)
        tab.page.locator(
            "#chart-targeted-locations-by-governorate .chart__interactive path[role='graphics-symbol']"
        ).first.hover()
        tooltip = tab.page.locator("#vg-tooltip-element.visible")
        tooltip.wait_for(timeout=5000)
        text = tooltip.inner_text()
        record = tab.finish()
    assert "Idlib governorate" in text and "39" in text
    assert "Source" in text and "Response Coordinators Team" in text
    assert not record.problems(), "\n".join(record.problems())


def test_tooltips_speak_the_readers_words(server, tabs):
    """A bar's tooltip: its attack as the heading, then "Killed: 15 (Syrian Civil Defense)"
    and the publisher; no field names, record ids or doubled brackets."""
    with _visit(tabs, server.url(STORY)) as tab:
        _interactive(tab.page)
        tab.page.locator(
            "#chart-casualties-by-date-and-place .chart__interactive path[role='graphics-symbol']"
        ).first.hover()
        tooltip = tab.page.locator("#vg-tooltip-element.visible")
        tooltip.wait_for(timeout=5000)
        heading = tooltip.locator("h2").inner_text()
        rows = dict(
            zip(
                tooltip.locator("td.key").all_inner_texts(),
                tooltip.locator("td.value").all_inner_texts(),
                strict=True,
            )
        )
    assert heading.split() == ["13", "Mar", "2019", "·", "Idlib"], heading
    assert rows == {"Killed": "15 (Syrian Civil Defense)", "Source": "Enab Baladi, 17 Mar 2019"}, rows


def test_charts_take_the_page_colours_in_dark_mode(server, tabs):
    with _visit(tabs, server.url(STORY), scheme="dark") as tab:
        _interactive(tab.page)
        ink, label, paper = tab.page.evaluate(
            "() => { const f = document.querySelector('#chart-targeted-locations-by-governorate');"
            " const label = f.querySelector('.chart__interactive .role-axis-label text');"
            " return [getComputedStyle(f).color, getComputedStyle(label).fill,"
            " getComputedStyle(document.body).backgroundColor]; }"
        )
    assert label == ink and ink != paper
    assert paper == "rgb(20, 20, 20)"  # the dark theme's --paper: dark mode is on


def test_without_javascript_the_static_chart_stands(server, tabs):
    with _visit(tabs, server.url(STORY), "phone", javascript=False) as tab:
        widths = tab.page.eval_on_selector_all(
            "figure.chart .chart__svg",
            "els => els.filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().width)",
        )
        view = tab.page.eval_on_selector(".chart__view", "e => e.getBoundingClientRect().width")
        record = tab.record
    assert len(widths) == 3 and all(abs(w - view) < 2 for w in widths), (widths, view)
    assert not record.problems(), "\n".join(record.problems())


# The gallery's axe check (phone, dark then light, JavaScript on and off) is
# tests/quality/test_pages_in_browser.py's, for the page kinds "charts" and "ar-charts".


# Installed before any page script, so its "load" listener runs before charts.js's:
# what the page had asked for when it finished loading.
_AT_LOAD = """
window.addEventListener('load', () => {
  window.__atLoad = {
    bundleScripts: [...document.scripts].filter(s => /vega/.test(s.src)).length,
    bundleRequests: performance.getEntriesByType('resource')
      .filter(e => /vega-bundle/.test(e.name)).length,
  };
});
"""


@pytest.mark.parametrize("path", [STORY, "charts/"])
def test_bundle_is_fetched_only_after_the_page_has_loaded(server, chromium_browser, path):
    context = chromium.new_context(chromium_browser, "phone")
    try:
        context.add_init_script(_AT_LOAD)
        tab = chromium.Tab(context, server.url(path))
        tab.open(server.url(path))
        _interactive(tab.page)
        at_load = tab.page.evaluate("window.__atLoad")
        timing = tab.page.evaluate(
            "() => ({load: performance.getEntriesByType('navigation')[0].loadEventStart,"
            " bundle: performance.getEntriesByType('resource').filter(e => /vega-bundle/.test(e.name))"
            "   .map(e => ({name: e.name, start: e.startTime, initiator: e.initiatorType}))})"
        )
        record = tab.finish()
    finally:
        context.close()
    assert at_load == {"bundleScripts": 0, "bundleRequests": 0}, at_load
    (bundle,) = timing["bundle"]
    assert bundle["start"] >= timing["load"] > 0, timing
    assert bundle["initiator"] == "script"
    assert re.search(r"/theme/js/vega-bundle\.[0-9a-f]{12}\.js$", bundle["name"])
    assert not record.problems(), "\n".join(record.problems())


@pytest.fixture(scope="module")
def paged_server(paged_chart_site):
    """The synthetic chart site with four charts a gallery page."""
    with SiteServer(paged_chart_site.output) as running:
        yield running


@pytest.mark.parametrize("javascript", [True, False], ids=["interactive", "static"])
def test_gallery_page_and_its_nav_have_no_wcag_violation(paged_server, chromium_browser, javascript):
    with chromium.visit(
        chromium_browser, paged_server.url("charts/page/2/"), "phone", "light", javascript=javascript
    ) as tab:
        if javascript:
            _interactive(tab.page)
        current = tab.page.locator("nav.chart-pagination [aria-current=page]").text_content()
        violations = chromium.run_axe(tab.page, javascript)
        record = tab.finish()
    assert current.strip() == "Page 2"
    assert not violations, chromium.describe_violations(violations)
    assert not record.problems(), "\n".join(record.problems())
