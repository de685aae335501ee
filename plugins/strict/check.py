"""``make check``: every reading and check of a build, without writing a page.

Runs Pelican's own pipeline (settings, plugins, readers, generators' contexts,
``all_generators_finalized``, ``finalized``) with the same plugins, so story
metadata, data files, references between them and chart specs are checked by
the same code and reported with the same messages as ``make build``; only the
writing of pages (each generator's ``generate_output``) is skipped. What a
plugin writes at the end of a run goes to a temporary folder, thrown away.

Charts are checked as in a build (specs, the records they select, their data
and captions) but not drawn: vl-convert's rendering is the one step left out, so
a chart that only fails while rendering shows up in ``make build`` alone. The
check never writes to the chart cache.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.log import init as init_logging
from pelican.settings import read_settings


def _checks_without_drawing():
    """Make the charts plugin chart its data but not render SVGs (nor keep figures).

    The charts plugin has no setting for this (yet): its batch module's drawing
    and figure cache are replaced in this process only. If the charts plugin
    changes those names, charts are drawn as in a build: slower, still right.
    """
    try:
        from charts import batch, draw, prepare
    except ImportError:
        return
    if not all(
        hasattr(m, n) for m, n in ((batch, "Drawing"), (batch, "store_figure"), (prepare, "_write_stats"))
    ):
        return

    class Undrawn(draw.Drawing):
        def __init__(self, jobs, workers=2, parallel_min=16):
            self.jobs, self.stats, self.pool = jobs, draw.DrawStats(drawn=len(jobs)), None

        def results(self):
            return [draw.Drawn(interactive={}, svg="<svg></svg>") for _ in self.jobs], self.stats

    batch.Drawing = Undrawn  # type: ignore[misc]  # drawing is skipped in make check
    batch.store_figure = lambda *args: None
    prepare._write_stats = lambda *args: None
    if hasattr(prepare, "locator_maps"):  # place pages' locator maps: rendered, so not checked
        prepare.locator_maps = lambda *args: {}


def run_without_writing(pelican: Pelican):
    """Pelican.run up to the writers: contexts, link refresh, finalized (strict's report)."""
    context = pelican.settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    signals.finalized.send(pelican)
    return context


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("path", nargs="?", default=None, help="content folder (default: the settings' PATH)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    init_logging(level=logging.WARNING, name="pelican")  # warnings and errors, as pelican -q shows them
    with tempfile.TemporaryDirectory(prefix="marsad-check-") as scratch:
        override = {"OUTPUT_PATH": scratch, "DELETE_OUTPUT_DIRECTORY": False}
        if args.path:
            override["PATH"] = args.path
        settings = read_settings(args.settings, override=override)
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        _checks_without_drawing()
        try:
            pelican = Pelican(settings)
            context = run_without_writing(pelican)
        except SystemExit as stop:  # strict.BuildFailed: the problems are printed already
            return stop.code if isinstance(stop.code, int) else 1
    catalog = context.get("catalog")
    datasets = len(catalog.datasets) if catalog is not None else 0
    stories = len(context.get("articles", []))
    print(
        f"Check passed: {stories} stories, {datasets} datasets, no problems ({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
