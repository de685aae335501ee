"""A warm build holds its figures' large parts on disk, not in memory
(plugins/charts/spool.py), and what it prints is the same.

The same build shows what else it no longer holds (docs/performance.md,
"Memory"): while pages are written, no story's source text (plugins/articles
lets them go at get_writer) and no chart card's copy of its chart's drawing
(plugins/cards reads it from the figure); and it never imports Beautiful Soup
and the parsers it loads (plugins/feeds rewrites entries with html.parser).

One warm build of the project's own site (both languages) from the default
site's caches: it draws nothing, so it imports none of the drawing libraries
(Altair, vl-convert and what they bring: tens of MB of memory), and every page
it writes is byte for byte the page the cold build wrote, figures whole: no
marker left where a story's figure parts were kept out of its HTML.
"""

import json

import pytest
from helpers import build_site

DRAWING_LIBRARIES = ("altair", "vl_convert", "pandas", "numpy", "jsonschema", "narwhals")
HTML_LIBRARIES = ("bs4", "soupsieve", "html5lib", "lxml", "chardet")

# Appended to the settings: the modules the build imported, written when Pelican exits.
MODULES_AT_EXIT = """
import atexit as _atexit, json as _json, sys as _sys
_atexit.register(lambda: open({path!r}, "w").write(_json.dumps(sorted(_sys.modules))))
"""
# Appended too: what the run holds when it writes its first page (in whichever
# process writes it: plugins/press forks), once per language.
HELD_WHILE_WRITING = """
from pelican import signals as _signals
def _held_while_writing(path, context=None):
    import json, os
    from articles import reader
    cards = context.get("social_cards") or []
    held = {{
        "texts": len(reader._TEXTS),
        "chart_cards": sum(card.figure is not None for card in cards),
        "card_svg": sum(len(card.text.chart_svg) for card in cards),
    }}
    try:
        handle = os.open(os.path.join({folder!r}, "held-" + context["DEFAULT_LANG"] + ".json"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.write(handle, json.dumps(held).encode()); os.close(handle)
_signals.content_written.connect(_held_while_writing, weak=False)
"""


@pytest.fixture(scope="module")
def warm_site(tmp_path_factory, warm_caches):
    folder = tmp_path_factory.mktemp("warm-figures")
    modules = folder / "modules.json"
    tail = MODULES_AT_EXIT.format(path=str(modules)) + HELD_WHILE_WRITING.format(folder=str(folder))
    site = build_site(folder, default_site=True, caches=warm_caches, settings=tail)
    assert site.ok, site.log
    return site, json.loads(modules.read_text())


def test_a_warm_build_imports_no_html_parser_library(warm_site):
    _, modules = warm_site
    assert "feeds.content" in modules  # the feeds were rewritten
    imported = sorted({name.split(".")[0] for name in modules} & set(HTML_LIBRARIES))
    assert not imported, f"a warm build imported {imported} (about 9 MB)"


def test_pages_are_written_without_the_sources_or_the_cards_drawings(warm_site):
    site, _ = warm_site
    for language in ("en", "ar"):
        held = json.loads((site.site.parent / f"held-{language}.json").read_text())
        assert held["chart_cards"] >= 5, held  # the chart cards were planned (8 a language today)
        assert held["card_svg"] == 0, f"{language}: the chart cards hold copies of their drawings: {held}"
        assert held["texts"] == 0, f"{language}: the sources' texts are still held: {held}"


def test_a_warm_build_with_nothing_to_draw_imports_no_drawing_library(warm_site):
    site, modules = warm_site
    stats = json.loads((site.site / ".chart-cache" / "last-build.json").read_text())
    assert stats["drawn"] == 0 and stats["rendered"] == 0 and stats["cached"] > 0, stats
    assert "charts.spool" in modules  # the build did go through the charts plugin
    imported = sorted({name.split(".")[0] for name in modules} & set(DRAWING_LIBRARIES))
    assert not imported, f"a warm build that draws nothing imported {imported}"


def test_warm_pages_are_the_cold_pages_with_every_figure_whole(warm_site, default_site):
    site, _ = warm_site
    cold_pages = sorted(p.relative_to(default_site.output) for p in default_site.output.rglob("*.html"))
    assert cold_pages
    with_figures = 0
    for page in cold_pages:
        warm = (site.output / page).read_text(encoding="utf-8")
        assert "<!--chart-part" not in warm, page
        assert warm == (default_site.output / page).read_text(encoding="utf-8"), page
        if 'class="chart chart--' in warm and "<svg" in warm:
            with_figures += 1
    assert with_figures >= 10  # stories, chart pages, the gallery, dataset pages


def test_a_story_prints_its_figure_with_drawings_table_and_spec(warm_site):
    site, _ = warm_site
    page = site.html("2019/03/displacement-dmz-march-2019/index.html")
    figures = page.select("figure.chart")
    assert figures
    for figure in figures:
        assert figure.select(".chart__static--narrow svg") and figure.select(".chart__static--wide svg")
        assert figure.select("details.chart__data tbody tr")
        spec = figure.select_one(f'script[id="{figure["id"]}-spec"]')
        assert json.loads(spec.string)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_a_marker_names_only_parts_this_build_wrote(tmp_path):
    from markupsafe import Markup

    from charts.figure import Figure
    from charts.spool import Spool, cut, with_charts

    figure = Figure(
        *["x"] * 5, notes=[], source="s", sources=[], alt="a", as_of=None, dataset_id="d",
        dataset_title="D", dataset_url="data/d/", csv_url="data/d/d.csv", columns=[("k", "K")],
    )  # fmt: skip
    figure.svg = Markup('<svg xmlns="http://www.w3.org/2000/svg"><text>é 1</text></svg>')
    figure.spec_json = Markup('{"a": 1}')
    figure.table = [{"k": "é"}]
    page = f"<figure><div>{figure.svg}</div><tbody><tr><td>é</td></tr></tbody><script>{figure.spec_json}</script></figure>"
    spool = Spool(tmp_path)
    figure.parts.spool(spool)
    assert figure.svg.startswith("<svg") and figure.table == [{"k": "é"}]  # read back
    light = cut(page, figure)
    assert "<svg" not in light and "<tr>" not in light and '"a"' not in light
    assert with_charts(light) == page
    # A marker this build did not write (another offset, another spool) stays a comment.
    forged = light.replace("<!--chart-part ", "<!--chart-part 9999 ", 1)
    assert "<!--chart-part 9999" in with_charts(forged)
    shifted = f"<!--chart-part {spool.number} 1 3-->"
    assert with_charts(shifted) == shifted
