"""Every page kind in chromium: loads clean under the enforced CSP, talks to no
other host, and axe-core finds no WCAG 2.1 AA violation, with JavaScript on and
off, light and dark, phone and desktop. Screenshots go to test-artifacts/screenshots/
when asked for (MARSAD_SCREENSHOTS=1) and of a page that fails.

Each page kind is loaded once per width and JavaScript setting and seen in both
colour schemes (switched in place): the dark scheme changes colours only, so axe's
colour rules are what it runs again, unless anything else on the page moved. With
JavaScript off, most pages look exactly as they do with it on (only the charts are
swapped for their interactive views); where a scheme's whole appearance is the same
(chromium.appearance: the DOM, where each element is, the style rules in force),
axe's answer with JavaScript on stands for both.
"""

import chromium
import pagekinds
import pytest

pytestmark = pytest.mark.browser

MISSING_URL = "no-such-page/"
# The colour scheme a page is loaded in, by width, before it is switched to the other:
# each scheme is also seen from a fresh load (what a page does only while loading).
FIRST_SCHEME = {"phone": "dark", "desktop": "light"}
PARTS = 4  # test_every_page_loads_clean


@pytest.fixture(scope="module")
def tabs(chromium_browser, site_server):
    """One tab per (viewport, JavaScript on/off), each in its own context, made when first needed."""
    with chromium.reused_tabs(chromium_browser) as get:
        yield lambda viewport, javascript: get(site_server.origin, viewport, javascript)


def _page_url(server, output, kind):
    if kind == "not-found":
        return server.url(MISSING_URL), 404
    if kind == "ar-not-found":  # the host serves the root's 404 page; the Arabic one is checked as a file
        return server.url("ar/404.html"), 200
    path = pagekinds.find(output, kind)
    if path is None:
        if pagekinds.required(kind):
            pytest.fail(f"no page of kind {kind!r} in the build (pattern {pagekinds.KINDS[kind][0]})")
        pytest.skip(f"this build has no page of kind {kind!r}")
    return server.url(path), 200


def _look(tab, record, name, viewport, javascript, full_page=True):
    """The visit's problems and a sideways scroll, before axe (whose own work is not the
    page's); with JavaScript on, a screenshot (of the whole page, or of the viewport) if
    asked for (MARSAD_SCREENSHOTS=1) or if the page has a problem."""
    problems = record.problems()
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    allowed = chromium.VIEWPORTS[viewport]["viewport"]["width"]
    if width > allowed:
        problems.append(f"the page scrolls sideways: {width}px wide in a {allowed}px viewport")
    if javascript:
        chromium.screenshot(tab.page, name, full_page=full_page, failed=bool(problems))
    return problems


# What vega-embed must not have added to a page: its actions menu, whose "open in
# editor" posts the chart's data to another site, an injected <style> (the CSP
# allows none: charts.css styles the view) and a link to the editor.
EMBED_LEFTOVERS = """() => ({
  charts: document.querySelectorAll('figure.chart[data-chart-spec]').length,
  actions: document.querySelectorAll('.vega-actions, .vega-embed details').length,
  styles: document.querySelectorAll('style').length,
  editorLinks: [...document.querySelectorAll('a[href]')].filter(a => /vega\\.github\\.io|editor/i.test(a.href)).length })"""


def _interactive_charts(tab, kind):
    """With JavaScript on: every chart swapped for vega-embed's view under the enforced
    CSP, without the editor action or an injected style (and the galleries have charts)."""
    if not tab.charts_interactive():
        return ["not every chart became interactive within 20 s"]
    found = tab.page.evaluate(EMBED_LEFTOVERS)
    charts = found.pop("charts")
    problems = [f"vega-embed left {found}"] if any(found.values()) else []
    if kind in ("charts", "ar-charts") and not charts:
        problems.append("the chart gallery has no chart")
    return problems


def _read(tab, url, status, kind, viewport, javascript, seen_with_javascript=None):
    """One load of ``url`` in one tab, seen in both colour schemes: the problems and axe's
    violations per scheme, and what axe saw (chromium.appearance) where it is known.

    Loaded in one colour scheme (FIRST_SCHEME), then switched to the other in place, as a
    reader's system does at dusk. axe runs in full in the first scheme; in the second,
    its colour rules, or in full again if anything but colours changed (chromium.LAYOUT).
    With JavaScript off, a scheme whose appearance is the one the page had with JavaScript
    on when axe ran (``seen_with_javascript``) gets that run's violations: axe reads
    nothing else."""
    first = FIRST_SCHEME[viewport]
    second = next(scheme for scheme in chromium.SCHEMES if scheme != first)
    known = seen_with_javascript["appearance"] if seen_with_javascript else {}
    seen = {"problems": {}, "violations": {}, "appearance": {}}

    def axe(scheme, rules=None):
        appearance = chromium.appearance(tab.page) if javascript or scheme in known else None
        if appearance is not None and known.get(scheme) == appearance:
            return seen_with_javascript["violations"][scheme]
        seen["appearance"][scheme] = appearance
        return chromium.run_axe(tab.page, javascript, rules=rules)

    record = tab.open(url, first, status)
    assert record.status == status, f"{url}: HTTP {record.status}"
    # With JavaScript on, the page at rest: every chart swapped for its interactive view.
    charts = _interactive_charts(tab, kind) if javascript else []
    record = tab.finish(wait=0)
    seen["problems"][first] = charts + _look(tab, record, f"{kind}-{viewport}-{first}", viewport, javascript)
    chromium.keep_layout(tab.page)
    seen["violations"][first] = axe(first)
    at_rest = chromium.same_layout(tab.page)  # axe saw that layout
    if not at_rest:  # the page moved while axe ran: what it saw is not known
        seen["appearance"].pop(first, None)

    record = tab.switch_scheme(second)
    name = f"{kind}-{viewport}-{second}"
    seen["problems"][second] = _look(tab, record, name, viewport, javascript, full_page=False)
    only_colours = at_rest and chromium.same_layout(tab.page)
    seen["violations"][second] = axe(second, rules=chromium.AXE_COLOUR_RULES if only_colours else None)
    if javascript and any(seen["violations"].values()):
        chromium.screenshot(tab.page, f"{name}-axe", failed=True)
    return seen


def _report(url, javascript, seen):
    setting = "JavaScript on" if javascript else "JavaScript off"
    found = [f"{setting}, {scheme}: {line}" for scheme, lines in seen["problems"].items() for line in lines]
    described = [
        f"{setting}, {scheme}: axe-core, WCAG 2.1 AA:\n{chromium.describe_violations(v)}"
        for scheme, v in seen["violations"].items()
        if v
    ]
    return [f"{url}: {line}" for line in found + described]


@pytest.mark.parametrize("viewport", list(chromium.VIEWPORTS))
@pytest.mark.parametrize("kind", list(pagekinds.KINDS))
def test_page_kind_is_clean_and_accessible(site_server, site_output, tabs, kind, viewport):
    """Each page kind at each width, as a reader with JavaScript on and one with it off,
    each in both colour schemes (see _read): no problem (console errors, CSP violations,
    outside requests, a sideways scroll) and no axe violation. With JavaScript on, the
    interactive charts run under the policy without vega-embed's editor action, and
    (MARSAD_SCREENSHOTS=1, or on a failure) the page is screenshot: whole in the first
    scheme, its viewport in the second."""
    url, status = _page_url(site_server, site_output, kind)
    with_javascript = _read(tabs(viewport, True), url, status, kind, viewport, True)
    without = _read(tabs(viewport, False), url, status, kind, viewport, False, with_javascript)
    lines = _report(url, True, with_javascript) + _report(url, False, without)
    assert not lines, "\n".join(lines)


def _pages_not_of_a_kind(output):
    """Every HTML page but those test_page_kind_is_clean_and_accessible opens, which it
    checks on the desktop, light, JavaScript on, as below (and more: charts at rest)."""
    chosen = {pagekinds.find(output, kind) for kind in pagekinds.KINDS} | {"404.html"}
    return [path for path in pagekinds.html_files(output) if path not in chosen]


@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"{part + 1}of{PARTS}")
def test_every_page_loads_clean(site_server, site_output, tabs, part):
    """All other HTML pages (not only one per kind), desktop, light, JavaScript on; every
    PARTS-th page in each part, so that pytest-xdist's workers share them out."""
    tab = tabs("desktop", True)
    problems = []
    for path in _pages_not_of_a_kind(site_output)[part::PARTS]:
        record = tab.open(site_server.url(path), "light", 200)
        if record.status != 200:
            problems.append(f"{path}: HTTP {record.status}")
        problems += [f"{path}: {line}" for line in record.problems()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", list(chromium.VIEWPORTS))
def test_language_switch_lands_on_the_same_story(site_server, site_output, tabs, viewport):
    """A reader on the phone or the desktop, JavaScript off: Arabic story -> English -> Arabic."""
    path = pagekinds.find(site_output, "ar-article")
    tab = tabs(viewport, False)
    record = tab.open(site_server.url(path), "light", 200)
    assert record.status == 200
    page = tab.page
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    arabic_headline = page.inner_text("h1")
    switch = page.locator('.language-switch a[hreflang="en"]')
    assert switch.is_visible()
    switch.click()
    page.wait_for_load_state()
    assert page.url == site_server.url(path.removeprefix("ar/").removesuffix("index.html"))
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    page.locator('.language-switch a[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.inner_text("h1") == arabic_headline


SCHEMED_PAGE = """<!doctype html><html lang="en"><head><title>t</title><style>
  body { color: #111; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #222; background: #000; } %s }
</style></head><body><main><h1>Heading</h1><p class="note">A note.</p></main></body></html>"""


@pytest.mark.parametrize(
    "dark_only, moves",
    [
        ("", False),
        (".note { color: #333; }", False),
        (".note { display: none; }", True),
        (".note { font-size: 3em; }", True),
        (".note::after { content: ' more'; }", True),
    ],
    ids=["colours", "a colour", "hidden", "bigger", "added text"],
)
def test_a_scheme_that_changes_more_than_colours_gets_axe_in_full(chromium_browser, dark_only, moves):
    """The test above runs only axe's colour rules in the second scheme when chromium.LAYOUT
    is unchanged: it must change whenever the scheme moves, hides or adds anything, and
    the colour rules must catch a contrast that fails in the dark scheme only."""
    context = chromium.new_context(chromium_browser, "desktop", True)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme="light")
        page.set_content(SCHEMED_PAGE % dark_only)
        light = page.evaluate(chromium.LAYOUT)
        chromium.keep_layout(page)
        assert not chromium.run_axe(page)
        page.emulate_media(color_scheme="dark")
        assert (page.evaluate(chromium.LAYOUT) != light) == moves
        assert chromium.same_layout(page) != moves  # as the test above compares them
        found = {v["id"] for v in chromium.run_axe(page, rules=chromium.AXE_COLOUR_RULES)}
        assert found == {"color-contrast"}  # #222 on black
    finally:
        context.close()


SCRIPTING_PAGE = """<!doctype html><html lang="en"><head><title>t</title><style>
  body { color: #111; background: #fff; } %s
</style></head><body><main><h1>Heading</h1><p class="note">A note.</p></main></body></html>"""


@pytest.mark.parametrize(
    "css, differs",
    [
        ("", False),
        ("@media (scripting: none) { .note { color: #777; } }", True),
        ("@media (scripting: enabled) { .note { color: #777; } }", True),
        ("@supports (display: grid) { @media (scripting: none) { .note { color: #777; } } }", True),
    ],
    ids=["same", "scripting none", "scripting enabled", "nested"],
)
def test_appearance_tells_javascript_on_from_off(chromium_browser, css, differs):
    """test_page_kind_is_clean_and_accessible gives a page seen with JavaScript off the
    axe answer of the same page with it on when chromium.appearance is the same: it must
    differ whenever the style rules in force differ (a media query on scripting; a rule
    added through the CSSOM, which leaves the DOM as it was), and not otherwise."""
    seen = {}
    for javascript in (True, False):
        context = chromium.new_context(chromium_browser, "desktop", javascript)
        try:
            page = context.new_page()
            page.set_content(SCRIPTING_PAGE % css)
            seen[javascript] = chromium.appearance(page)
            if javascript:
                page.evaluate("document.styleSheets[0].insertRule('.note { color: #555; }', 1)")
                assert chromium.appearance(page) != seen[True], "a rule added through the CSSOM went unseen"
        finally:
            context.close()
    assert (seen[True] != seen[False]) == differs
