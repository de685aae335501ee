"""The interactive view in Debian's chromium (Playwright, never a downloaded browser):
it loads from the site's own files under the site's CSP, with no console error,
no CSP violation and no request leaving 127.0.0.1; tooltips show figures and
source; colours follow the dark theme; without JavaScript the static SVG stands."""

from pathlib import Path

import pytest

import browser as chromium

pytestmark = pytest.mark.browser

STORY = "2019/03/russia-escalates-idlib-march-2019/"
PAGES = [STORY, "charts/", "data/casualties/", "2019/03/turkish-patrols-dmz-march-2019/"]


@pytest.fixture(scope="module")
def server(default_site):
    with chromium.Server(default_site.output) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = chromium.launch(playwright)
        yield launched
        launched.close()


def _interactive(page):
    """Wait until every chart on the page has swapped in its interactive view."""
    page.wait_for_function(
        "() => { const f = document.querySelectorAll('figure.chart');"
        " return f.length > 0 && [...f].every(x => x.classList.contains('chart--interactive')); }",
        timeout=15000)
    return page.locator("figure.chart").count()


@pytest.mark.parametrize("viewport,scheme", [("desktop", "light"), ("phone", "dark")])
@pytest.mark.parametrize("path", PAGES)
def test_interactive_view_loads_clean_from_the_site_itself(server, browser, path, viewport,
                                                           scheme):
    context, page, record = chromium.open_page(browser, server.url(path), viewport, scheme)
    try:
        count = _interactive(page)
        assert page.locator("figure.chart .chart__svg").count() == 0  # static SVGs replaced
        widths = page.eval_on_selector_all(
            ".chart__interactive svg", "els => els.map(e => e.getBoundingClientRect().width)")
        view = page.eval_on_selector(".chart__view", "e => e.getBoundingClientRect().width")
        chromium.finish(page, record)
    finally:
        context.close()
    assert len(widths) == count and all(abs(w - view) < 2 for w in widths), (widths, view)
    assert not record.problems(), "\n".join(record.problems())
    assert "/theme/js/vega-bundle.js" in server.requests
    assert "/theme/js/charts.js" in server.requests


def test_page_declares_a_csp_without_eval_or_inline_style(server, browser):
    context, page, record = chromium.open_page(browser, server.url(STORY))
    try:
        policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    finally:
        context.close()
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy


def test_tooltip_shows_the_figure_and_its_source(server, browser):
    context, page, record = chromium.open_page(browser, server.url(STORY))
    try:
        _interactive(page)
        page.locator("#chart-targeted-locations-by-governorate .chart__interactive "
                     "path[role='graphics-symbol']").first.hover()
        tooltip = page.locator("#vg-tooltip-element.visible")
        tooltip.wait_for(timeout=5000)
        text = tooltip.inner_text()
        chromium.finish(page, record)
    finally:
        context.close()
    assert "Idlib governorate" in text and "39" in text
    assert "Source" in text and "Response Coordinators Team" in text
    assert not record.problems(), "\n".join(record.problems())


def test_charts_take_the_page_colours_in_dark_mode(server, browser):
    context, page, _ = chromium.open_page(browser, server.url(STORY), scheme="dark")
    try:
        _interactive(page)
        ink, label, paper = page.evaluate(
            "() => { const f = document.querySelector('#chart-targeted-locations-by-governorate');"
            " const label = f.querySelector('.chart__interactive .role-axis-label text');"
            " return [getComputedStyle(f).color, getComputedStyle(label).fill,"
            " getComputedStyle(document.body).backgroundColor]; }")
    finally:
        context.close()
    assert label == ink and ink != paper
    assert paper == "rgb(20, 20, 20)"  # the dark theme's --paper: dark mode is on


def test_without_javascript_the_static_chart_stands(server, browser):
    context, page, record = chromium.open_page(browser, server.url(STORY), "phone",
                                               javascript=False)
    try:
        widths = page.eval_on_selector_all(
            "figure.chart .chart__svg", "els => els.map(e => e.getBoundingClientRect().width)")
        view = page.eval_on_selector(".chart__view", "e => e.getBoundingClientRect().width")
    finally:
        context.close()
    assert len(widths) == 3 and all(abs(w - view) < 2 for w in widths), (widths, view)
    assert not record.problems(), "\n".join(record.problems())


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("javascript", [True, False], ids=["interactive", "static"])
def test_gallery_has_no_wcag_violation(server, browser, javascript):
    assert AXE.is_file(), f"{AXE} missing: run `npm ci --ignore-scripts` at the project root"
    context, page, _ = chromium.open_page(browser, server.url("charts/"), "phone", "dark",
                                          javascript=javascript)
    try:
        if javascript:
            _interactive(page)
        else:  # axe waits on timers, which do not run with scripts off
            page.evaluate("window.setTimeout = (f, ms, ...a) => "
                          "{ Promise.resolve().then(() => f(...a)); return 0; }")
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        violations = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
            " 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}).then(r => r.violations"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' '))"
            ".join(' | ')))")
    finally:
        context.close()
    assert not violations, "\n".join(violations)
