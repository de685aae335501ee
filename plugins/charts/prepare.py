"""One build's charts: read the specs, chart the data, render, embed in articles.

:func:`start` runs at the first ``generator_init`` after the datasets plugin
loaded the catalog: it reads and checks the named charts and starts drawing
those not kept from an earlier build (batch.py), so worker processes draw while
Pelican reads the stories. :func:`prepare` runs at ``article_generator_finalized``
(the articles exist, sanitised; no page is written yet): it draws the stories'
inline charts, collects every figure and embeds them. Every problem is logged
with its file and line, so plugins/strict lists them all and fails the build.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from typing import Any

from pelican.utils import get_relative_path, path_to_url

from articles.contents import every_content
from datasets import catalog_from
from datasets.filters import text_for
from i18n import current_language, languages, translation

from . import embed, geo, load, spool
from . import settings as chart_settings
from .batch import ChartBatch
from .downloads import download_links, download_urls
from .locator import locator_maps
from .registry import known_types
from .spec import check, parse, where_for
from .words import word

logger = logging.getLogger(__name__)


class Chart:
    """A chart on its way to a figure."""

    def __init__(self, name, dom_id, spec, where, named):
        self.name, self.dom_id, self.spec, self.where, self.named = name, dom_id, spec, where, named
        self.figure = None
        self.data = None
        self.drawn = None  # the spec as drawn, when the data changed its type (one value)


def import_chart_modules(settings):
    """Import CHARTS_MODULES so their @register functions exist."""
    root = chart_settings.project_root(settings)
    if root not in sys.path:
        sys.path.append(root)
    for name in settings.get("CHARTS_MODULES", []):
        try:
            importlib.import_module(name)
        except Exception as error:  # an editor's module: report, do not crash
            logger.error("pelicanconf.py: CHARTS_MODULES: cannot import '%s': %s", name, error)


def _chart(name, dom_id, data, where, catalog, problems, named=True, settings=None):
    """Parse and check one spec; a Chart, or None with the problems logged.

    A named chart is published in every language of the site (its dataset's page,
    the gallery), so it must give each reader's text in each of them (``title_ar``);
    the chart is drawn in the language being built. An inline chart is written in
    its story's language: its plain keys are that language's."""
    spec, found = parse(data, where)
    if spec is not None:
        found += check(spec, catalog, where, known_types(), data)
        if named and settings is not None:
            found += _missing_translations(spec, where, settings)
    problems += found
    if spec is None or found:
        return None
    if settings is not None:
        spec = spec.in_language(current_language(settings).code)
    return Chart(name, dom_id, spec, where, named)


def _missing_translations(spec, where, settings):
    codes = [language.code for language in languages(settings)[1:]]
    return [
        where.problem(key, f"expected {key}_{code}, the '{code}' text of '{key}', found none")
        for key, code in spec.missing_translations(codes)
    ]


def _write_stats(cache_dir, stats):
    os.makedirs(cache_dir, exist_ok=True)
    with open(os.path.join(cache_dir, "last-build.json"), "w", encoding="utf-8") as handle:
        json.dump(
            {
                "rendered": stats.rendered,
                "cached": stats.cached,
                "drawn": stats.drawn,
                "workers": stats.workers,
                "seconds": round(stats.seconds, 3),
                "workers_cpu_s": round(stats.workers_cpu, 3),
            },
            handle,
        )


def _site_url(article, settings):
    if settings.get("RELATIVE_URLS"):
        return path_to_url(get_relative_path(article.save_as))
    return settings.get("SITEURL", "")


def _forget_rendered_content(article):
    """Drop Pelican's memoised article.content (computed before charts were in)."""
    cache = getattr(article.get_content, "cache", {})
    for key in [k for k in cache if k and k[0] is article]:
        del cache[key]


class NamedCharts:
    """The charts of data/charts/, checked, and their batch (drawing may have begun)."""

    def __init__(self, generator):
        settings = generator.settings
        catalog = catalog_from(generator)
        root = chart_settings.project_root(settings)
        self.problems: list[str] = []
        import_chart_modules(settings)
        named, read_problems = load.read_named(chart_settings.charts_path(settings), root)
        self.problems += read_problems
        self.charts, self.broken = {}, {}
        for name, data, where in named:
            chart = _chart(name, f"chart-{name}", data, where, catalog, self.problems, settings=settings)
            if chart is not None:
                self.charts[name] = chart
            else:
                self.broken[name] = where.file
        self.batch = ChartBatch(self.charts.values(), catalog, settings)


def start(generator):
    """generator_init: once the catalog is loaded, start drawing the named charts,
    so that worker processes draw while Pelican reads the stories."""
    context = generator.context
    if "charts_named" not in context and "catalog" in context:
        context["charts_named"] = NamedCharts(generator)


def _add(total, more):
    total.rendered += more.rendered
    total.cached += more.cached
    total.drawn += more.drawn
    total.workers = max(total.workers, more.workers)
    total.seconds += more.seconds
    total.workers_cpu += more.workers_cpu
    return total


def prepare(generator):
    """article_generator_finalized: finish every chart and embed them in articles."""
    settings, context = generator.settings, generator.context
    catalog = catalog_from(generator)
    root = chart_settings.project_root(settings)
    named = context.get("charts_named") or NamedCharts(generator)
    context["charts_named"] = named
    charts, problems = named.charts, list(named.problems)

    # Each article's placements; its inline charts make a second batch.
    plans = [
        _plan(article, charts, named.broken, catalog, root, problems, settings)
        for article in every_content(generator)
    ]
    inline = [c for plan in plans for c in plan[2] if c is not None and not c.named]
    stats, found = named.batch.finish()
    problems += found
    if inline:
        more, found = ChartBatch(inline, catalog, settings).finish()
        stats, problems = _add(stats, more), problems + found
    cache_dir = chart_settings.cache_path(settings)
    if charts or inline:
        _write_stats(cache_dir, stats)
        logger.info(
            "Charts: %d drawn (%d SVGs rendered), %d from the cache (%d worker%s)",
            stats.drawn,
            stats.rendered,
            stats.cached,
            stats.workers,
            "s" if stats.workers > 1 else "",
        )

    translate = text_for(settings)._
    for name, chart in charts.items():  # named charts offer their image downloads
        if chart.figure is not None:
            _offer_downloads(name, chart.figure, settings, translate)

    # Figures are rendered now, before i18n_subsites installs the catalog in the
    # templates (at get_writer): install the language's catalog for them here.
    if hasattr(generator.env, "install_gettext_translations"):
        generator.env.install_gettext_translations(translation(settings), newstyle=True)
    template = generator.env.get_template("partials/figure.html")
    for article, placements, chosen in plans:
        problems += _embed(article, placements, chosen, template, settings, root)
    context["charts_on_pages"] = any(getattr(plan[0], "chart_figures", None) for plan in plans)

    # Every place page's locator map (theme/templates/partials/locator_map.html).
    try:
        context["locator_maps"] = locator_maps(
            catalog, geo.basemap_path(settings), cache_dir, text_for(settings)
        )
    except geo.BasemapMissing as error:
        # Plugins copied without the repository's data/geo: place pages go without a
        # locator map (a map chart, which cannot, fails naming the folder).
        logger.info("Place pages without locator maps: %s", error)

    _publish(context, charts)
    for problem in problems:
        logger.error("%s", problem)


def _offer_downloads(name, figure, settings, translate):
    urls = download_urls(name, settings)
    figure.downloads = download_links(urls, translate)
    figure.download_label = word("download_image", translate) if urls else ""
    figure.download_pattern = settings.get("CHARTS_DOWNLOAD_SAVE_AS") or ""


def _publish(context, charts):
    """The named charts' figures for the gallery and the dataset pages."""
    figures = {name: c.figure for name, c in sorted(charts.items()) if c.figure and c.figure.svg}
    by_dataset: dict = {}
    for figure in figures.values():
        by_dataset.setdefault(figure.dataset_id, []).append(figure)
    context["charts_by_name"] = figures
    context["charts_by_dataset"] = by_dataset


def _plan(article, charts, broken, catalog, root, problems, settings=None):
    """(article, placements, chart per placement) for one article."""
    shown = embed.shown_path(article.source_path, root)
    label = article.slug
    placements, found = embed.find(article._content or "", article.source_path)
    problems += [f"{shown}:{line}: {label}: chart: {message}" for line, message in found]
    chosen: list[Any] = []
    seen: dict[Any, Any] = {}
    for index, placement in enumerate(placements):
        if placement.name is not None:
            chart = charts.get(placement.name)
            if placement.name in seen:
                problems.append(
                    f"{shown}:{placement.line}: {label}: chart: '{placement.name}' "
                    f"is already embedded on line {seen[placement.name]}; embed a "
                    "chart once per story"
                )
                chart = None
            elif placement.name in broken:
                problems.append(
                    f"{shown}:{placement.line}: {label}: chart: '{placement.name}' "
                    f"cannot be shown; fix the problems listed for "
                    f"{broken[placement.name]}"
                )
            elif chart is None:
                problems.append(
                    f"{shown}:{placement.line}: {label}: chart: unknown chart "
                    f"'{placement.name}'; expected one of: "
                    f"{', '.join(sorted(charts)) or '(no charts defined)'}"
                )
            seen.setdefault(placement.name, placement.line)
            chosen.append(chart)
            continue
        data, where, found = load.read_inline(placement.body, shown, label, placement.line)
        problems += found
        chart = None
        if data is not None:
            chart = _chart(
                f"{label}-chart-{index + 1}",
                f"chart-{label}-{index + 1}",
                data,
                where,
                catalog,
                problems,
                named=False,
                settings=settings,
            )
        chosen.append(chart)
    listed = article.metadata.get("charts") or []
    if isinstance(listed, str):
        listed = listed.split(",")
    listed = [str(n).strip() for n in listed if str(n).strip()]
    for name in listed:
        if name in seen:
            continue
        if name not in charts:
            line = embed.metadata_line(article.source_path, "charts")
            problems.append(
                f"{shown}:{line}: {label}: charts: unknown chart '{name}'; "
                f"expected one of: {', '.join(sorted(charts))}"
            )
            continue
        end = len(article._content or "")
        placements.append(embed.Placement(end, end, 0, name=name))
        chosen.append(charts[name])
        seen[name] = 0
    return article, placements, chosen


def _embed(article, placements, chosen, template, settings, root):
    """Put the figures in the article; problems for charts that could not be drawn."""
    if not placements:
        return []
    site_url = _site_url(article, settings)
    markup: list[Any] = []
    figures: list[Any] = []
    problems: list[str] = []
    for placement, chart in zip(placements, chosen, strict=True):
        figure = chart.figure if chart is not None else None
        if figure is None or not figure.svg:
            markup.append(None)
            if chart is not None and chart.named:
                problems.append(
                    f"{embed.shown_path(article.source_path, root)}:"
                    f"{placement.line or 1}: {article.slug}: chart: "
                    f"'{chart.name}' cannot be shown; fix the problems listed "
                    f"for {chart.where.file}"
                )
            continue
        # The drawings, specs and table rows stay in the spool until the page is written.
        markup.append(spool.cut(template.render(figure=figure, SITEURL=site_url), figure))
        figures.append(figure)
        if chart.named:
            figure.used_in.append(article)
    article._content = embed.replace(article._content, placements, markup)
    article.chart_figures = figures
    _forget_rendered_content(article)
    return problems


def embed_in(generator, article):
    """Embed the charts of one story read again, with the run's named charts as drawn
    (the dev server's fast path, plugins/devserver/fastpath.py); problems are logged."""
    settings, context = generator.settings, generator.context
    named = context.get("charts_named")
    if named is None:
        return
    catalog = catalog_from(generator)
    root = chart_settings.project_root(settings)
    problems: list[str] = []
    plan = _plan(article, named.charts, named.broken, catalog, root, problems, settings)
    inline = [chart for chart in plan[2] if chart is not None and not chart.named]
    if inline:
        problems += ChartBatch(inline, catalog, settings).finish()[1]
    story, placements, chosen = plan
    problems += _embed(
        story, placements, chosen, generator.env.get_template("partials/figure.html"), settings, root
    )
    for problem in problems:
        logger.error("%s", problem)


def redraw_named(generator, name, path):
    """Read and draw one named chart again into the run's named charts (the dev
    server's fast path, plugins/devserver/fastdata.py). Returns the stories that
    embedded it, or None when this run did not know it; problems are logged and
    leave the run's chart as it was."""
    settings, context = generator.settings, generator.context
    named = context.get("charts_named")
    old = named.charts.get(name) if named is not None else None
    if old is None or old.figure is None:
        return None
    catalog = catalog_from(generator)
    root = chart_settings.project_root(settings)
    shown = os.path.relpath(path, root)
    problems: list[str] = []
    try:
        data = load.load_yaml(path, shown)
    except load.DataError as error:
        data, problems = None, [str(error)]
    chart = None
    if data is not None:
        chart = _chart(
            name, f"chart-{name}", data, where_for(data, shown, name), catalog, problems, settings=settings
        )
    if chart is not None:
        problems += ChartBatch([chart], catalog, settings).finish()[1]
    if problems or chart is None or chart.figure is None:
        for problem in problems:
            logger.error("%s", problem)
        return []
    _offer_downloads(name, chart.figure, settings, text_for(settings)._)
    chart.figure.used_in[:] = old.figure.used_in  # until each story is embedded again
    named.charts[name] = chart
    _publish(context, named.charts)
    return list(old.figure.used_in)
