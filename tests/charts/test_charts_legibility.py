"""Every chart reads on a phone and a laptop, light and dark, with and without
JavaScript: measured in Debian's chromium, every text element drawn in every chart
(static SVG or interactive view) must

- not overlap another text element of its chart,
- lie inside its SVG (nothing cut off by the viewBox),
- show at 12 CSS px or more (font size times the SVG's scale on screen),
- contrast 4.5:1 or more with the page (its fill, at its opacity, over the paper),
- on a map, not be crossed by a border or coast line (no point of a grid over its
  box lies on the line's drawn stroke) and at most be grazed by a dashed
  governorate line (2 points of 64: a town on a governorate boundary).

One page per site (the galleries show every chart type: the default site's five,
in English and in Arabic, and the synthetic site's others); widths, themes and
JavaScript loop inside one browser, the colour scheme switched in place
(COMBINATIONS). Screenshots of each combination are kept in test-artifacts/ when
asked for (MARSAD_SCREENSHOTS=1) and of each that fails.
Also: the map's basemap is read from the repository and nothing leaves the site.
"""

import json
from pathlib import Path

import chromium
import pytest
from localserver import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Each (width, JavaScript) is loaded once, in the first scheme named, then switched to
# the other in place (a reader's system at dusk), and measured in both: each scheme
# is also measured from a fresh load once.
COMBINATIONS = [
    (viewport, schemes, javascript)
    for viewport, schemes in (("phone", ("dark", "light")), ("desktop", ("light", "dark")))
    for javascript in (True, False)
]

# For each visible chart: every visible text element's box, on-screen font size,
# colour contrast with the page, and whether it lies inside its SVG.
MEASURE = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const paper = parse(getComputedStyle(document.body).backgroundColor);
  // An element's opacity times its ancestors' up to the SVG's parent, each read once.
  const opacities = new Map();
  const opacity = (el, svg) => { if (!el || el === svg.parentNode || el.nodeType !== 1) return 1;
    if (!opacities.has(el)) opacities.set(el, Number(getComputedStyle(el).opacity) * opacity(el.parentNode, svg));
    return opacities.get(el); };
  const meets = (a, b) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
  const charts = [];
  for (const figure of document.querySelectorAll('figure.chart')) {
    const svg = [...figure.querySelectorAll('.chart__view svg')].find((s) => s.getClientRects().length
      && !s.closest('.chart__interactive svg svg'));
    if (!svg) { charts.push({id: figure.id, missing: true}); continue; }
    const frame = svg.getBoundingClientRect();
    // A map's drawn lines (geoshape paths with a stroke: solid for borders and coast,
    // dashed for governorates), and how many of 64 points spread over a text's box
    // fall on a solid one and on a dashed one. A point can only fall on a line's stroke
    // inside the line's box widened by its stroke (at most a miter's length beyond it):
    // isPointInStroke, which costs, is asked only there.
    const strokes = [];
    for (const p of svg.querySelectorAll('g.mark-shape path')) {
      const st = getComputedStyle(p);
      if (st.stroke === 'none' || !(parseFloat(st.strokeWidth) > 0) || !p.getClientRects().length) continue;
      const m = p.getScreenCTM();
      const reach = parseFloat(st.strokeWidth) * Math.hypot(m.a, m.b) * Math.max(4, parseFloat(st.strokeMiterlimit) || 4) / 2 + 2;
      const r = p.getBoundingClientRect();
      strokes.push([p, m.inverse(), st.strokeDasharray !== 'none' ? 1 : 0,
        {left: r.left - reach, top: r.top - reach, right: r.right + reach, bottom: r.bottom + reach}]);
    }
    const crossed = (b) => { const n = [0, 0]; const near = strokes.filter((s) => meets(s[3], b));
      if (!near.length) return n;
      for (let i = 0; i < 16; i++) for (let j = 0; j < 4; j++) {
      const x = b.left + b.width * (i + 0.5) / 16, y = b.top + b.height * (0.2 + 0.2 * j);
      const at = new DOMPoint(x, y), dot = {left: x, top: y, right: x, bottom: y};
      for (const kind of [0, 1]) if (near.some(([p, m, k, reach]) => k === kind && meets(reach, dot)
        && p.isPointInStroke(at.matrixTransform(m)))) n[kind]++; } return n; };
    const texts = [];
    for (const t of svg.querySelectorAll('text')) {
      const words = t.textContent.trim();
      if (!words || !t.getClientRects().length) continue;
      const o = opacity(t, svg);
      if (o < 0.05) continue;  // labels Vega hides to avoid overlaps
      const box = t.getBoundingClientRect();
      if (box.width < 0.5 || box.height < 0.5) continue;
      const m = t.getScreenCTM();
      const style = getComputedStyle(t);
      const size = parseFloat(style.fontSize) * Math.hypot(m.a, m.b);
      const fill = parse(style.fill.startsWith('rgb') ? style.fill : style.color);
      const a = fill[3] * o;
      const seen = [0, 1, 2].map((i) => fill[i] * a + paper[i] * (1 - a));
      const [hi, lo] = [lum(seen), lum(paper)].sort((x, y) => y - x);
      texts.push({words, size, contrast: (hi + 0.05) / (lo + 0.05), crossed: strokes.length ? crossed(box) : [0, 0],
        box: [box.left, box.top, box.right, box.bottom],
        inside: box.left >= frame.left - 0.5 && box.top >= frame.top - 0.5
          && box.right <= frame.right + 0.5 && box.bottom <= frame.bottom + 0.5});
    }
    charts.push({id: figure.id, interactive: !!svg.closest('.chart__interactive'), texts});
  }
  return charts;
}"""


def _overlap(a, b, slack=0.5):
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def problems_of(charts, label):
    """One line per defect a graphics editor would send back."""
    found = []
    for chart in charts:
        where = f"{label} {chart['id']}"
        if chart.get("missing"):
            found.append(f"{where}: no visible drawing")
            continue
        texts = chart["texts"]
        if not texts:
            found.append(f"{where}: no text drawn")
        for i, text in enumerate(texts):
            if not text["inside"]:
                found.append(f"{where}: {text['words']!r} is cut off by the SVG's edge {text['box']}")
            if text["size"] < 11.95:
                found.append(f"{where}: {text['words']!r} shows at {text['size']:.1f} px")
            solid, dashed = text["crossed"]
            if solid or dashed > 2:  # a dashed line may graze a letter where no spot is clear
                found.append(f"{where}: a map line runs through {text['words']!r} ({solid}, {dashed} of 64)")
            if text["contrast"] < 4.5:
                found.append(f"{where}: {text['words']!r} contrasts {text['contrast']:.2f}:1")
            for other in texts[i + 1 :]:
                if _overlap(text["box"], other["box"]):
                    found.append(f"{where}: {text['words']!r} overlaps {other['words']!r}")
    return found


@pytest.fixture(scope="module")
def tabs(chromium_browser):
    """One tab per (site, viewport, JavaScript on/off), made when first needed: the
    English and Arabic galleries are one reader's visits to one site."""
    with chromium.reused_tabs(chromium_browser) as get:
        yield get


@pytest.fixture(scope="module")
def default_server(default_site):
    with SiteServer(default_site.output) as server:
        yield server


def _measure(tabs, url, origin, shots):
    problems, seen = [], set()
    for viewport, schemes, javascript in COMBINATIONS:
        tab = tabs(origin, viewport, javascript)
        record = tab.open(url, schemes[0])
        if javascript:
            assert tab.charts_interactive(), f"{viewport}: not every chart became interactive"
            # The interactive view takes the layout drawn for the column's width.
            layouts = tab.page.evaluate(
                "() => [...document.querySelectorAll('figure.chart')].map(f => ["
                "!!document.getElementById(f.dataset.chartSpec + '-wide'),"
                " f.querySelector('.chart__interactive').dataset.layout])"
            )
            want = "wide" if viewport == "desktop" else "narrow"
            assert all(got == (want if wide else "narrow") for wide, got in layouts), (viewport, layouts)
        for scheme in schemes:
            label = f"{viewport}-{scheme}-{'js' if javascript else 'static'}"
            if scheme != schemes[0]:
                record = tab.switch_scheme(scheme)
            charts = tab.page.evaluate(MEASURE)
            assert all(c.get("interactive") == javascript for c in charts if not c.get("missing")), label
            found = problems_of(charts, label)
            seen.update(c["id"] for c in charts)
            record = tab.finish(wait=20)  # measured at rest: late messages are in
            found += [f"{label}: {line}" for line in record.problems()]
            chromium.screenshot(tab.page, f"{shots}-{label}", failed=bool(found))
            problems += found
    return problems, seen


def test_default_charts_are_legible_everywhere(default_server, tabs):
    server = default_server
    problems, seen = _measure(tabs, server.url("charts/"), server.url(""), "legibility-default")
    requested = list(server.requests)
    assert len(seen) == 5, seen
    assert not problems, "\n".join(problems)
    assert not [r for r in requested if "geojson" in r or "topojson" in r]  # geometry is inline


def test_default_charts_are_legible_everywhere_in_arabic(default_server, tabs):
    """The same checks on the Arabic gallery: Arabic labels, mirrored layouts."""
    server = default_server
    problems, seen = _measure(tabs, server.url("ar/charts/"), server.url(""), "legibility-default-ar")
    assert len(seen) == 5, seen
    assert not problems, "\n".join(problems)


def test_every_chart_type_is_legible_everywhere(chart_site, tabs):
    with SiteServer(chart_site.output) as server:
        problems, seen = _measure(tabs, server.url("charts/"), server.url(""), "legibility-types")
    assert len(seen) >= 9, seen
    assert not problems, "\n".join(problems)


def test_the_basemap_is_in_the_repository_and_small():
    """Natural Earth geometry ships with the code (data/geo/), made by a script that
    is there too, and stays small enough to inline in a page."""
    folder = ROOT / "data" / "geo"
    assert (folder / "build-basemap.sh").is_file() and (folder / "README.md").is_file()
    countries = json.loads((folder / "countries.geojson").read_text())
    governorates = json.loads((folder / "governorates.geojson").read_text())
    names = {f["properties"]["name"] for f in countries["features"]}
    assert {"Syria", "Turkey", "Lebanon", "Iraq", "Jordan"} <= names
    assert len(governorates["features"]) == 14
    assert all(f["properties"]["hasc"].startswith("SY.") for f in governorates["features"])
    size = sum(p.stat().st_size for p in folder.glob("*.geojson"))
    assert size < 300_000, size
