"""The default site's charts on its Arabic pages (/ar/): their own words in Arabic
(spec fields, the catalog, the gazetteer's names, Babel's months), mirrored for a
right-to-left reader, drawn in fonts that have Arabic letters, and every Arabic
label one shaped run of text. Built once (the session's default_site); the
browser checks share one chromium. The overlap/clipping/12 px checks of every
chart on the Arabic gallery are in test_charts_legibility.py."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import chromium
import pytest
import yaml
from helpers import copy_project, invoke
from localserver import SiteServer

from charts.words import RLM, WORDS

ROOT = Path(__file__).resolve().parents[2]
GALLERY = "ar/charts/index.html"
ARABIC = re.compile(r"[\u0600-\u06ff]")
ARABIC_WORD = re.compile(r"[\u0620-\u064a]{2,}")
DUAL = "بتثجحخسشصضطظعغفقكلمنهيئى"  # letters that join on both sides
SVG = "{http://www.w3.org/2000/svg}"
# English words a chart writes that must not be left on an Arabic page.
ENGLISH = [
    "Source:",
    "Get the data",
    "About the dataset",
    "Data as of",
    "Data behind this chart",
    "the figures shown",
    "Download image",
    "Killed",
    "Injured",
    "not reported",
    "Idlib",
    "Mar",
    "Turkish Armed Forces",
    "Inside the demilitarized zone",
    "Chart: Marsad",
]


def _specs():
    return {p.stem: yaml.safe_load(p.read_text()) for p in sorted((ROOT / "data" / "charts").glob("*.yml"))}


@pytest.fixture(scope="module")
def gallery(default_site):
    return default_site.html(GALLERY)


def _figures(gallery):
    return {figure["id"].removeprefix("chart-"): figure for figure in gallery.select("figure.chart")}


def _visible_text(figure):
    """What a reader sees of a figure: caption, table and the static drawings' text
    (the <desc> alt text too), links' own words included, URLs not."""
    return " ".join(figure.stripped_strings)


def test_every_chart_speaks_arabic_on_arabic_pages(default_site):
    figures = _figures(default_site.html(GALLERY))  # its own copy: scripts are taken out below
    specs = _specs()
    assert set(figures) == set(specs)
    for name, figure in figures.items():
        spec = specs[name]
        assert figure.select_one(".chart__title").get_text() == spec["title_ar"]
        assert figure.select_one(".chart__subtitle").get_text() == spec["subtitle_ar"]
        svg = figure.select_one(".chart__static--narrow svg")
        assert svg.find("desc").get_text() == " ".join(spec["alt_ar"].split())
        assert figure.select_one(".chart__source").get_text().startswith("المصدر: ")
        text = _visible_text(figure)
        # English left only where it is a proper name or a cited title (sources' titles).
        cited = {a.get_text() for a in figure.select(".chart__source a")}
        for script in figure.select("script"):  # the Vega-Lite specs: data, not text shown
            script.decompose()
        for source in figure.select(".chart__source"):
            for link in source.select("a"):
                link.decompose()
        shown = " ".join(s for s in figure.stripped_strings if s not in cited)
        shown = re.sub(r"“[^”]*”", "", shown)  # cited titles stay as published
        leftovers = [w for w in ENGLISH if w in shown.replace("Enab Baladi", "")]
        assert not leftovers, f"{name}: English on the Arabic page: {leftovers}"
        assert ARABIC.search(text)
        assert "تنزيل الصورة" in text and "احصل على البيانات (CSV)" in text
        assert figure.select_one("details summary").get_text() == "البيانات التي بُني عليها هذا الرسم"
        for header in figure.select("table thead th"):
            assert ARABIC.search(header.get_text()), f"{name}: table header {header.get_text()!r}"


def test_dates_numbers_and_places_come_from_babel_and_the_gazetteer(gallery):
    figures = _figures(gallery)
    bars = figures["targeted-locations-by-governorate"]
    rows = [[c.get_text() for c in row.find_all(["th", "td"])] for row in bars.select("tbody tr")]
    assert [row[0] for row in rows] == ["محافظة إدلب", "محافظة حماة", "محافظة حلب"]
    assert [row[1] for row in rows] == ["39", "34", "16"]  # the site's digits: 0-9
    timeline = figures["patrols-timeline"]
    assert "15 آذار 2019" in timeline.select_one("tbody").get_text()  # Levantine month name
    lanes = {row.find("td").get_text() for row in timeline.select("tbody tr")}
    assert lanes == {"القوات المسلحة التركية", "القوات الروسية"}  # the records' force_ar
    spec = json.loads(timeline.find("script", id="chart-patrols-timeline-spec").string)
    assert spec["config"]["locale"]["time"]["shortMonths"][2] == "آذار"  # Vega's axis months
    big = figures["displacement-over-time"].select_one(".chart__static--narrow svg").get_text()
    assert "110,393" in big and "حتى 16 آذار 2019" in big


def test_arabic_labels_are_one_text_run_each_and_marked_right_to_left(gallery):
    """Each label is one <text> (one <tspan> per line), never one element per letter;
    each Arabic line starts with a right-to-left mark (so "16 آذار" reads from the right
    in an SVG laid out left to right); the fonts named have Arabic letters."""
    for name, figure in _figures(gallery).items():
        for drawing in figure.select(".chart__static svg"):
            root = ET.fromstring(str(drawing))
            texts = [t for t in root.iter(f"{SVG}text") if ARABIC.search("".join(t.itertext()))]
            assert texts, f"{name}: no Arabic text drawn"
            for text in texts:
                assert "Noto Sans Arabic" in text.get("font-family", ""), name
                lines = [t.text or "" for t in text.iter(f"{SVG}tspan")] or [text.text or ""]
                for line in lines:
                    if ARABIC.search(line):
                        assert ARABIC_WORD.search(line), f"{name}: {line!r} is not a run of letters"
                        assert line.startswith(RLM), f"{name}: {line!r} is not marked right to left"


def test_bar_charts_are_mirrored_for_a_right_to_left_reader(default_site, gallery):
    """Category labels stand to the right of the bars; the English chart keeps them left."""

    def sides(page):
        figure = page.find("figure", id="chart-targeted-locations-by-governorate")
        svg = figure.select_one(".chart__static--wide svg")
        axis = svg.select_one("g.role-axis")
        shift = float(re.search(r"translate\(([-\d.]+)", axis.find("g")["transform"]).group(1))
        labels = axis.select("g.role-axis-label text")
        label_x = [shift + float(re.search(r"translate\(([-\d.]+)", t["transform"]).group(1)) for t in labels]
        bars = svg.select("g.role-mark.layer_0_marks path")
        bar_x = [float(n) for b in bars for n in re.findall(r"[ML]([-\d.]+)", b.get("d", ""))]
        return label_x, bar_x

    label_x, bar_x = sides(gallery)
    assert label_x and bar_x and min(label_x) >= max(bar_x), (label_x, bar_x)
    label_x, bar_x = sides(default_site.html("charts/index.html"))
    assert max(label_x) <= min(bar_x), (label_x, bar_x)


def test_the_image_downloads_are_drawn_in_arabic(default_site):
    svg = (default_site.output / "ar/charts/patrols-timeline/patrols-timeline.svg").read_text()
    assert "الدوريات الأجنبية" in svg and "رسم بياني: مرصد" in svg and "Noto Sans Arabic" in svg
    png = default_site.output / "ar/charts/patrols-timeline/patrols-timeline.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    figure = default_site.html(GALLERY).find("figure", id="chart-patrols-timeline")
    link = figure.find("a", string="PNG")["href"]
    assert link.endswith("patrols-timeline.png")


def test_tooltips_give_each_sources_figure(chart_site):
    """A record that lists what each source reported shows it in its tooltip."""
    story = chart_site.html("2001/02/chart-story/index.html")
    tips = [
        row.get("tip", {})
        for script in story.select("script[type='application/json']")
        for row in json.loads(script.string).get("data", {}).get("values", [])
        if isinstance(row, dict)
    ]
    assert any(tip.get("By source") == "Test Monitor A: 3; Test Monitor B: 5" for tip in tips), tips


def test_a_named_chart_without_its_arabic_text_fails_the_check(tmp_path, warm_caches):
    project = copy_project(tmp_path, caches=warm_caches)
    spec = project / "data" / "charts" / "patrols-timeline.yml"
    text = spec.read_text()
    spec.write_text(re.sub(r"(?m)^title_ar: .*\n", "", text))
    result = invoke(project, "check")
    assert result.returncode == 1
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("title:"))) + 1
    expected = (
        f"data/charts/patrols-timeline.yml:{line}: patrols-timeline: title: "
        "expected title_ar, the 'ar' text of 'title', found none"
    )
    assert expected in result.stderr, result.stderr


def test_every_chart_word_has_its_arabic_in_the_catalog():
    from babel.messages.pofile import read_po

    with open(ROOT / "theme/translations/ar/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    for key, english in WORDS.items():
        message = catalog.get(english)
        assert message is not None and message.string, key
        assert re.findall(r"{\w+}", message.string) == re.findall(r"{\w+}", english) or sorted(
            re.findall(r"{\w+}", message.string)
        ) == sorted(re.findall(r"{\w+}", english)), key


# In the browser: shaped, ordered right to left, not reversed.
SHAPING = """() => {
  const found = [];
  for (const t of document.querySelectorAll('figure.chart .chart__view svg text')) {
    if (!t.getClientRects().length) continue;
    const word = (t.textContent.match(/[\\u0620-\\u064a]{3,}/) || [])[0];
    if (!word) continue;
    const probe = (text) => { const c = t.cloneNode(false); c.textContent = text;
      c.removeAttribute('transform'); c.setAttribute('x', 0); c.setAttribute('y', 0);
      t.parentNode.appendChild(c); const w = c.getComputedTextLength();
      const first = c.getStartPositionOfChar(0).x, last = c.getStartPositionOfChar(text.length - 1).x;
      c.remove(); return [w, first, last]; };
    const [shaped, first, last] = probe(word);
    const [apart] = probe([...word].join('\\u200c'));  // ZWNJ: each letter in its unjoined form
    found.push({word, shaped, apart, first, last});
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True])
def test_arabic_letters_are_joined_and_in_reading_order_in_the_browser(
    default_site, chromium_browser, javascript
):
    """Arabic words are shaped: a word with letters that join is drawn in joined forms,
    so its width differs from the same letters kept apart by a ZWNJ (one isolated or
    final form each), and taken together shaped words are clearly narrower; and each
    word's first letter is drawn right of its last: joined and not reversed, in the
    static SVG and in the interactive view."""
    with SiteServer(default_site.output) as server:
        context = chromium.new_context(chromium_browser, "desktop", javascript)
        try:
            tab = chromium.Tab(context, server.url(""))
            tab.open(server.url("ar/charts/"))
            if javascript:
                tab.page.wait_for_function(
                    "() => [...document.querySelectorAll('figure.chart')]"
                    ".every(f => f.classList.contains('chart--interactive'))",
                    timeout=20000,
                )
            words = tab.page.evaluate(SHAPING)
            tip = ""
            if javascript:  # a bar's tooltip, in the reader's words
                tab.page.locator(
                    "#chart-targeted-locations-by-governorate .chart__interactive path[role='graphics-symbol']"
                ).first.hover()
                tooltip = tab.page.locator("#vg-tooltip-element.visible")
                tooltip.wait_for(timeout=5000)
                tip = tooltip.inner_text()
            record = tab.finish()
        finally:
            context.close()
    if javascript:
        assert "محافظة إدلب" in tip and "39" in tip and "المصدر" in tip and "منسقو استجابة سوريا" in tip, tip
    assert len(words) >= 10, words
    joined = [w for w in words if re.search(f"[{DUAL}][{DUAL}]", w["word"])]
    assert joined, words
    for w in joined:  # letters that join take their joined forms: the run is shaped
        assert abs(w["shaped"] - w["apart"]) > 0.1, f"{w['word']!r} is not shaped: {w}"
    assert sum(w["shaped"] for w in joined) < 0.92 * sum(w["apart"] for w in joined)
    for w in words:
        assert w["first"] > w["last"], f"{w['word']!r} is drawn left to right (reversed): {w}"
    assert not record.problems(), "\n".join(record.problems())
