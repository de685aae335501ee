"""One build's charts: read the specs, chart the data, render, embed in articles.

Runs at ``article_generator_finalized``: the articles exist (and were sanitised
by the articles plugin at content_object_init), the catalog is loaded, and no
page has been written yet. Every problem is logged with its file and line, so
plugins/strict lists them all and fails the build at the end.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys

from pelican.utils import get_relative_path, path_to_url

from datasets import catalog_from

from . import embed, load, settings as chart_settings
from .cache import FigureKeys, load_figure, store_figure
from .data import ChartDataError, RecordColumns, distinct_sources, select
from .draw import draw_all, make_job
from .registry import known_types
from .shapes import chart_data
from .figure import make_figure
from .spec import check, parse
from .svg import UnsafeSVG, inline_svg

logger = logging.getLogger(__name__)


class Chart:
    """A chart on its way to a figure."""

    def __init__(self, name, dom_id, spec, where, named):
        self.name, self.dom_id, self.spec, self.where, self.named = \
            name, dom_id, spec, where, named
        self.figure = None
        self.data = None


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


def _chart(name, dom_id, data, where, catalog, problems, named=True):
    """Parse and check one spec; a Chart, or None with the problems logged."""
    spec, found = parse(data, where)
    if spec is not None:
        found += check(spec, catalog, where, known_types(), data)
    problems += found
    return Chart(name, dom_id, spec, where, named) if spec is not None and not found else None


def _job(chart, dataset, records, catalog, locale, width, cache_dir, problems):
    """Chart the data (and build custom charts here: they need the catalog); a Job or None."""
    try:
        data = chart_data(chart.spec, dataset, catalog, locale, records=records)
        static = interactive = None
        if chart.spec.type == "custom":
            from altair.utils.schemapi import debug_mode

            from .build import build, vega_lite

            with debug_mode(False):
                altair_chart = build(chart.spec, data, catalog, width)
            static, interactive = vega_lite(chart.spec, altair_chart, width)
    except ChartDataError as error:
        problems.append(chart.where.problem(error.key, error.message))
        return None
    except Exception as error:  # Altair's schema errors name the offending property
        problems.append(chart.where.problem("type", f"cannot build the chart: "
                                                    f"{str(error).splitlines()[0]}"))
        return None
    chart.data = data
    return make_job(chart.spec, data, width, cache_dir, static, interactive)


def _draw(charts, catalog, settings, locale, width, cache_dir, problems):
    """Give every chart its figure: kept from an earlier build, or drawn now."""
    columns, keys = RecordColumns(catalog), FigureKeys(catalog, locale, width)
    waiting, kept = [], 0
    for chart in charts:
        dataset = catalog.datasets[chart.spec.dataset]
        records = select(chart.spec, dataset, catalog, columns)
        key = keys.key(chart.name, chart.dom_id, chart.named, chart.spec, dataset, records)
        chart.figure = load_figure(cache_dir, key) if key else None
        if chart.figure is not None:
            chart.figure.sources = distinct_sources(records)  # shared with the catalog
            kept += 1
            continue
        job = _job(chart, dataset, records, catalog, locale, width, cache_dir, problems)
        if job is not None:
            waiting.append((chart, dataset, key, job))
    results, stats = draw_all([job for *_, job in waiting],
                              chart_settings.get(settings, "CHARTS_WORKERS"),
                              chart_settings.get(settings, "CHARTS_PARALLEL_MIN"))
    stats.cached += kept
    for (chart, dataset, key, _), drawn in zip(waiting, results):
        if drawn.problem:
            problems.append(chart.where.problem("type", drawn.problem))
            continue
        figure = make_figure(chart.name, chart.dom_id, chart.spec, dataset, chart.data,
                             drawn.interactive, chart.named)
        try:
            figure.svg = inline_svg(drawn.svg, chart.dom_id, chart.spec.title, chart.spec.alt)
        except UnsafeSVG as error:
            problems.append(chart.where.problem("type", f"the rendered SVG was refused: {error}"))
            continue
        chart.figure = figure
        if key:
            store_figure(cache_dir, key, figure)
    return stats


def _write_stats(cache_dir, stats):
    os.makedirs(cache_dir, exist_ok=True)
    with open(os.path.join(cache_dir, "last-build.json"), "w", encoding="utf-8") as handle:
        json.dump({"rendered": stats.rendered, "cached": stats.cached, "drawn": stats.drawn,
                   "workers": stats.workers}, handle)


def _articles(generator):
    found = []
    for attr in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations"):
        for article in getattr(generator, attr, []) or []:
            if article not in found:
                found.append(article)
    return found


def _site_url(article, settings):
    if settings.get("RELATIVE_URLS"):
        return path_to_url(get_relative_path(article.save_as))
    return settings.get("SITEURL", "")


def _forget_rendered_content(article):
    """Drop Pelican's memoised article.content (computed before charts were in)."""
    cache = getattr(article.get_content, "cache", {})
    for key in [k for k in cache if k and k[0] is article]:
        del cache[key]


def prepare(generator):
    """article_generator_finalized: build every chart and embed them in articles."""
    settings, context = generator.settings, generator.context
    catalog = catalog_from(generator)
    root = chart_settings.project_root(settings)
    problems: list[str] = []
    import_chart_modules(settings)

    named, read_problems = load.read_named(chart_settings.charts_path(settings), root)
    problems += read_problems
    charts, broken = {}, {}
    for name, data, where in named:
        chart = _chart(name, f"chart-{name}", data, where, catalog, problems)
        if chart is not None:
            charts[name] = chart
        else:
            broken[name] = where.file

    # Each article's placements; inline charts join the render batch.
    plans = []
    for article in _articles(generator):
        plans.append(_plan(article, charts, broken, catalog, root, problems))

    locale = settings.get("LOCALE_BABEL", "en_GB")
    width = chart_settings.get(settings, "CHARTS_WIDTH")
    inline = [c for plan in plans for c in plan[2] if c is not None and not c.named]
    every = [*charts.values(), *inline]
    cache_dir = chart_settings.cache_path(settings)
    stats = _draw(every, catalog, settings, locale, width, cache_dir, problems) if every else None
    if stats is not None:
        _write_stats(cache_dir, stats)
        logger.info("Charts: %d drawn (%d SVGs rendered), %d from the cache (%d worker%s)",
                    stats.drawn, stats.rendered, stats.cached, stats.workers,
                    "s" if stats.workers > 1 else "")

    template = generator.env.get_template("partials/figure.html")
    for article, placements, chosen in plans:
        problems += _embed(article, placements, chosen, template, settings, root)
    context["charts_on_pages"] = any(getattr(plan[0], "chart_figures", None) for plan in plans)

    figures = {name: c.figure for name, c in sorted(charts.items()) if c.figure and c.figure.svg}
    by_dataset: dict = {}
    for figure in figures.values():
        by_dataset.setdefault(figure.dataset_id, []).append(figure)
    context["charts_by_name"] = figures
    context["charts_by_dataset"] = by_dataset
    for problem in problems:
        logger.error("%s", problem)


def _plan(article, charts, broken, catalog, root, problems):
    """(article, placements, chart per placement) for one article."""
    shown = embed.shown_path(article.source_path, root)
    label = article.slug
    placements, found = embed.find(article._content or "", article.source_path)
    problems += [f"{shown}:{line}: {label}: chart: {message}" for line, message in found]
    chosen, seen = [], {}
    for index, placement in enumerate(placements):
        if placement.name is not None:
            chart = charts.get(placement.name)
            if placement.name in seen:
                problems.append(f"{shown}:{placement.line}: {label}: chart: '{placement.name}' "
                                f"is already embedded on line {seen[placement.name]}; embed a "
                                "chart once per story")
                chart = None
            elif placement.name in broken:
                problems.append(f"{shown}:{placement.line}: {label}: chart: '{placement.name}' "
                                f"cannot be shown; fix the problems listed for "
                                f"{broken[placement.name]}")
            elif chart is None:
                problems.append(f"{shown}:{placement.line}: {label}: chart: unknown chart "
                                f"'{placement.name}'; expected one of: "
                                f"{', '.join(sorted(charts)) or '(no charts defined)'}")
            seen.setdefault(placement.name, placement.line)
            chosen.append(chart)
            continue
        data, where, found = load.read_inline(placement.body, shown, label, placement.line)
        problems += found
        chart = None
        if data is not None:
            chart = _chart(f"{label}-chart-{index + 1}", f"chart-{label}-{index + 1}", data,
                           where, catalog, problems, named=False)
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
            problems.append(f"{shown}:{line}: {label}: charts: unknown chart '{name}'; "
                            f"expected one of: {', '.join(sorted(charts))}")
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
    markup, figures, problems = [], [], []
    for placement, chart in zip(placements, chosen):
        figure = chart.figure if chart is not None else None
        if figure is None or not figure.svg:
            markup.append(None)
            if chart is not None and chart.named:
                problems.append(f"{embed.shown_path(article.source_path, root)}:"
                                f"{placement.line or 1}: {article.slug}: chart: "
                                f"'{chart.name}' cannot be shown; fix the problems listed "
                                f"for {chart.where.file}")
            continue
        markup.append(template.render(figure=figure, SITEURL=site_url))
        figures.append(figure)
        if chart.named:
            figure.used_in.append(article)
    article._content = embed.replace(article._content, placements, markup)
    article.chart_figures = figures
    _forget_rendered_content(article)
    return problems
