"""A batch of charts on their way to figures: kept ones read back, the rest drawn.

For each chart: select its records, work out its cache key (cache.py) and read
the kept figure; otherwise chart its data and hand it to draw.py. Drawing
starts as soon as the batch is made; :meth:`ChartBatch.finish` waits for it
and turns each drawing into a figure. prepare.py makes one batch of the named
charts as soon as the catalog is loaded (so worker processes draw while Pelican
reads the stories) and one of the stories' inline charts later.
"""

from __future__ import annotations

from . import geo
from . import settings as chart_settings
from .cache import FigureKeys, load_figure, store_figure
from .data import ChartDataError, RecordColumns, distinct_sources, select
from .draw import Drawing, make_job
from .figure import make_figure
from .shapes import chart_data
from .spool import Spool
from .words import language_key, language_of


def _job(chart, dataset, records, catalog, text, widths, cache_dir, problems, basemap, images, direction):
    """Chart the data (and build custom charts here: they need the catalog); a Job or None.
    ``text``: the language's datasets.filters.DataText; ``direction``: the page's."""
    try:
        data = chart_data(
            chart.spec, dataset, catalog, text, records=records, basemap=basemap, direction=direction
        )
        if data.drawn_as:  # a one-value line is drawn as a big number
            chart.drawn = chart.spec.model_copy(update={"type": data.drawn_as, "aggregate": "latest"})
        static = interactive = None
        if chart.spec.type == "custom":
            from .build import build, vega_lite  # Altair: custom functions return its charts

            static = []
            for width in widths:
                altair_chart = build(chart.spec, data, catalog, width)
                one, interactive = vega_lite(chart.spec, altair_chart, width, data=data)
                static.append(one)
    except ChartDataError as error:
        problems.append(chart.where.problem(error.key, error.message))
        return None
    except Exception as error:  # Altair's schema errors name the offending property
        problems.append(chart.where.problem("type", f"cannot build the chart: {str(error).splitlines()[0]}"))
        return None
    chart.data = data
    return make_job(
        chart.drawn or chart.spec,
        data,
        widths,
        cache_dir,
        chart.dom_id,
        static,
        interactive,
        images and chart.named,
    )


class ChartBatch:
    """Charts whose figures are read from the cache or being drawn."""

    def __init__(self, charts, catalog, settings):
        self.problems: list[str] = []
        self.cache_dir = chart_settings.cache_path(settings)
        self.sources_limit = chart_settings.get(settings, "CHARTS_SOURCES_SHOWN")
        text, direction = language_of(settings)
        widths = (
            chart_settings.get(settings, "CHARTS_WIDTH"),
            chart_settings.get(settings, "CHARTS_WIDE_WIDTH"),
        )
        basemap = geo.basemap_path(settings)
        images = bool(settings.get("CHARTS_DOWNLOAD_SAVE_AS"))
        # The widths and the basemap shape every figure: both go into the cache key.
        drawing = {"widths": widths, "basemap": geo.digest(basemap)}
        columns, keys = RecordColumns(catalog), FigureKeys(catalog, language_key(settings), drawing)
        self.waiting, self.kept = [], 0
        self.spool = Spool(self.cache_dir)  # finished figures' large parts, until pages print them
        for chart in charts:
            dataset = catalog.datasets[chart.spec.dataset]
            records = select(chart.spec, dataset, catalog, columns)
            key = keys.key(chart.name, chart.dom_id, chart.named, chart.spec, dataset, records)
            chart.figure = load_figure(self.cache_dir, key, self.spool) if key else None
            if chart.figure is not None:
                chart.figure.sources = distinct_sources(records)  # shared with the catalog
                chart.figure.sources_limit = self.sources_limit
                self.kept += 1
                continue
            job = _job(
                chart,
                dataset,
                records,
                catalog,
                text,
                widths,
                self.cache_dir,
                self.problems,
                basemap,
                images,
                direction,
            )
            if job is not None:
                self.waiting.append((chart, dataset, key, job))
        self.drawing = Drawing(
            [job for *_, job in self.waiting],
            chart_settings.get(settings, "CHARTS_WORKERS"),
            chart_settings.get(settings, "CHARTS_PARALLEL_MIN"),
        )

    def finish(self):
        """Wait for the drawings and make their figures; (DrawStats, problems)."""
        results, stats = self.drawing.results()
        stats.cached += self.kept
        for (chart, dataset, key, _), drawn in zip(self.waiting, results, strict=True):
            if drawn.problem:
                self.problems.append(chart.where.problem("type", drawn.problem))
                continue
            chart.figure = make_figure(
                chart.name,
                chart.dom_id,
                chart.drawn or chart.spec,
                dataset,
                chart.data,
                drawn.interactive,
                chart.named,
                drawn.interactive_wide,
            )
            chart.figure.svg = drawn.svg
            chart.figure.svg_wide = drawn.svg_wide
            chart.figure.static_wide = drawn.static_wide
            chart.figure.image_key = drawn.image_key
            chart.figure.sources_limit = self.sources_limit
            if key:
                store_figure(self.cache_dir, key, chart.figure)
            chart.figure.parts.spool(self.spool)
            chart.data = None  # its table is the figure's now
        return stats, self.problems
