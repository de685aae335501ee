"""Draw charts: Vega-Lite -> static SVG, in worker processes.

Building the Vega-Lite and rendering it with vl-convert cost tens of
milliseconds a chart; a cold build of a large site shares them among
``CHARTS_WORKERS`` processes. Workers are started with "spawn" (a fresh
interpreter): forking a process that already runs vl-convert's JavaScript
engine is unsafe. Everything a worker needs travels in a :class:`Job`.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import resource
import site
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from .render import render_svg
from .svg import UnsafeSVG, inline_svg


@dataclass
class Job:
    """One chart to draw: its spec and data, or its finished Vega-Lite (custom charts)."""

    spec: Any  # charts.spec.ChartSpec (the type drawn: a one-value line is a big-number)
    data: object  # charts.data.ChartData, without the records (not needed to draw)
    widths: tuple  # (narrow, wide) CSS pixels of the two static renderings
    cache_dir: str
    dom_id: str = "chart"  # the figure's id: ids inside the SVG start with it
    static: list | None = None  # custom charts: the finished static Vega-Lite per width
    interactive: dict | None = None
    images: bool = False  # render the "Download image" PNG and SVG too (named charts)


@dataclass
class Drawn:
    """What a worker sends back: the interactive Vega-Lite and the inline SVG, or a problem."""

    interactive: dict | None = None  # laid out for phones (the narrow layout)
    svg: str | None = None  # the narrow rendering, for phones
    svg_wide: str | None = None  # the wide one; CSS shows one of the two
    static_wide: dict | None = None  # the wide Vega-Lite, for the image downloads
    rendered: bool = False
    image_key: str = ""  # cache key of the rendered download images
    problem: str | None = None
    interactive_wide: dict | None = None  # the wide layout's, for wider columns (charts.js picks)


@dataclass
class DrawStats:
    rendered: int = 0  # SVGs vl-convert rendered
    cached: int = 0  # charts whose SVG (or whole figure) came from the cache
    drawn: int = 0  # charts built again (their figure was not kept)
    workers: int = 1
    seconds: float = 0.0  # from the start of drawing until every drawing was back
    workers_cpu: float = 0.0  # user + system seconds of the worker processes (0: drawn here)


def ended_children_cpu() -> float:
    """User + system CPU seconds of this process's children that have ended and been
    waited for: read before and after a pool's shutdown, its workers' whole cost."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def make_job(
    spec, data, widths, cache_dir, dom_id="chart", static=None, interactive=None, images=False
) -> Job:
    """A job without the typed records (they are only for custom chart functions)."""
    light = dataclasses.replace(data, records=[], sources=[]) if data is not None else None
    return Job(spec, light, tuple(widths), cache_dir, dom_id, static, interactive, images)


def draw(job: Job) -> Drawn:
    """Build (unless prebuilt) and render one chart; never raises for a bad chart."""
    try:
        statics, interactive = job.static, job.interactive
        if statics is None:
            from .build import build, vega_lite

            # Built-in types are plain Vega-Lite dicts (no Altair); tests validate
            # them against the schema (see build.vega_lite).
            # Each width gets its own layout (labels wrapped, ticks thinned for it);
            # the interactive view has both layouts, filling its container.
            statics, fits = [], []
            for width in job.widths:
                chart = build(job.spec, job.data, None, width)
                static, fitted = vega_lite(job.spec, chart, width, validate=False, data=job.data)
                statics.append(static)
                fits.append(fitted)
            interactive = interactive or fits[0]
            wide = fits[-1] if len(fits) > 1 else None
        else:
            wide = None
        svgs, rendered = [], False
        for static in statics:
            svg, fresh = render_svg(static, job.cache_dir)
            svgs.append(svg)
            rendered = rendered or fresh
        image_key = ""
        if job.images:
            from .downloads import render_images

            image_key = render_images(
                statics[-1], job.spec.title, job.spec.subtitle, job.spec.source, job.cache_dir, job.data
            )
    except Exception as error:  # Vega errors name the offending property
        return Drawn(problem=f"cannot build the chart: {str(error).splitlines()[0]}")
    try:
        narrow, wide_svg = (
            inline_svg(svg, f"{job.dom_id}-{name}", job.spec.title, job.spec.alt)
            for svg, name in zip(svgs, ("n", "w"), strict=True)
        )
    except UnsafeSVG as error:
        return Drawn(problem=f"the rendered SVG was refused: {error}")
    return Drawn(
        interactive, narrow, wide_svg, statics[-1], rendered, image_key=image_key, interactive_wide=wide
    )


class Drawing:
    """Jobs being drawn: started at once in worker processes when there are enough
    of them (the build goes on meanwhile), else drawn here when asked for."""

    def __init__(self, jobs: list, workers: int = 2, parallel_min: int = 16):
        self.jobs, self.stats = jobs, DrawStats(drawn=len(jobs))
        self.pool = self.pending = None
        self.started = time.perf_counter()
        if workers > 1 and len(jobs) >= max(parallel_min, 2):
            self.stats.workers = min(workers, len(jobs))
            # Pelican imports plugins from PLUGIN_PATHS; a fresh worker must be told
            # where this package lives before it can unpickle a job.
            plugins_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            self.pool = ProcessPoolExecutor(
                self.stats.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=site.addsitedir,
                initargs=(plugins_dir,),
            )
            # Small chunks: the workers finish together (a chart is ~0.1 s).
            chunk = max(1, len(jobs) // (self.stats.workers * 32))
            self.pending = self.pool.map(draw, jobs, chunksize=chunk)  # submitted now
            # If the build stops before it collects the charts (another plugin
            # aborted), drop the queued jobs instead of finishing them at exit.
            # The same hook concurrent.futures uses; it runs before that one's.
            threading._register_atexit(self.cancel)  # type: ignore[attr-defined]  # private, see above

    def results(self):
        """([Drawn] in job order, DrawStats), waiting for the workers if need be."""
        if self.pool is not None:
            try:
                results = list(self.pending or ())
            finally:
                before = ended_children_cpu()
                self.pool.shutdown(cancel_futures=True)
                self.stats.workers_cpu = ended_children_cpu() - before
        else:
            self.started = time.perf_counter()
            results = [draw(job) for job in self.jobs]
        if self.jobs:
            self.stats.seconds = time.perf_counter() - self.started
        for result in results:
            if result.problem is None:
                self.stats.rendered += result.rendered
                self.stats.cached += not result.rendered
        return results, self.stats

    def cancel(self):
        """Stop the workers (the build failed before it needed the charts)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
