"""Run one Pelican build in this process and report where its time went.

    python benchmarks/run_build.py SETTINGS CONTENT OUTPUT REPORT.json

The build is Pelican's own ``pelican.main`` (the same as the ``pelican``
command); the only addition is bookkeeping: every signal receiver is timed and
booked to the plugin that connected it, and every generator's
``generate_context`` / ``generate_output`` is timed. The report (JSON) holds
wall time, peak memory (benchmarks/memory.py: this process's own VmHWM, the
highest sampled sum over it and its chart workers and Pagefind, and the
largest of those) and those times. Used by benchmarks/bench.py; nothing here changes the build.
"""

from __future__ import annotations

import json
import resource
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import blinker
from pelican import generators

sys.path.insert(0, str(Path(__file__).resolve().parent))
import memory  # noqa: E402

RECEIVERS: dict = defaultdict(float)  # plugin -> seconds in its receivers (inclusive)
GENERATORS: dict = defaultdict(float)  # "Class.method" -> seconds, minus receivers inside
_OPEN: list = []  # time spent in nested timed calls, per open call
_LABELS: list = ["startup"]  # what is running now (innermost last)
PEAK_RSS: dict = defaultdict(float)  # label -> highest RSS (MB) seen while it ran
PAGES: dict = defaultdict(lambda: [0, 0.0])  # template -> [pages written, seconds]


def _rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def _sample_memory():
    while True:
        label = _LABELS[-1]
        PEAK_RSS[label] = max(PEAK_RSS[label], _rss_mb())
        time.sleep(0.02)


def _timed_call(function, args, kwargs, label="?"):
    """Run ``function``; leaves [elapsed, elapsed minus timed calls inside it] in _last."""
    _OPEN.append(0.0)
    _LABELS.append(label)
    start = time.perf_counter()
    try:
        result = function(*args, **kwargs)
    finally:
        elapsed = time.perf_counter() - start
        inner = _OPEN.pop()
        _LABELS.pop()
        if _OPEN:
            _OPEN[-1] += elapsed
        _last[:] = [elapsed, elapsed - inner]
    return result


_last = [0.0, 0.0]


def _plugin_of(receiver) -> str:
    module = getattr(receiver, "__module__", None) or "?"
    return module.split(".")[0]


def _timed_receivers(original):
    def receivers_for(self, sender):
        for receiver in original(self, sender):

            def timed(*args, _receiver=receiver, **kwargs):
                try:
                    return _timed_call(_receiver, args, kwargs, _plugin_of(_receiver))
                finally:
                    RECEIVERS[_plugin_of(_receiver)] += _last[0]

            yield timed

    return receivers_for


def _timed_method(cls, name):
    original = getattr(cls, name)

    def timed(self, *args, **kwargs):
        try:
            return _timed_call(original, (self, *args), kwargs, f"{type(self).__name__}.{name}")
        finally:
            GENERATORS[f"{type(self).__name__}.{name}"] += _last[1]

    setattr(cls, name, timed)


def _timed_writes():
    """Book every page Pelican's writer renders and writes to its template."""
    from pelican.writers import Writer

    original = Writer.write_file

    def write_file(self, name, template, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, name, template, *args, **kwargs)
        finally:
            entry = PAGES[getattr(template, "name", "?")]
            entry[0] += 1
            entry[1] += time.perf_counter() - start

    Writer.write_file = write_file


def _instrument():
    _timed_writes()
    blinker.Signal.receivers_for = _timed_receivers(blinker.Signal.receivers_for)
    # Pelican's generators, and every plugin generator (they subclass Generator).
    for cls in (
        generators.ArticlesGenerator,
        generators.PagesGenerator,
        generators.StaticGenerator,
        generators.TemplatePagesGenerator,
        generators.SourceFileGenerator,
    ):
        for name in ("generate_context", "generate_output"):
            if name in vars(cls):
                _timed_method(cls, name)
    original_subclass_hook = generators.Generator.__init_subclass__

    def instrument_subclass(cls, **kwargs):
        original_subclass_hook(**kwargs)
        for name in ("generate_context", "generate_output"):
            if name in vars(cls):
                _timed_method(cls, name)

    generators.Generator.__init_subclass__ = classmethod(instrument_subclass)


def main():
    settings, content, output, report = sys.argv[1:5]
    _instrument()
    threading.Thread(target=_sample_memory, daemon=True).start()
    tree = memory.TreeSampler().start()
    from pelican import main as pelican_main

    start = time.perf_counter()
    code = 0
    try:
        pelican_main([content, "-s", settings, "-o", output, "-q"])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    wall = time.perf_counter() - start
    tree.stop()
    own = memory.own_peak_mb()
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "exit": code,
                "wall_s": wall,
                # The build's peak: its own VmHWM, or the sampled sum with its
                # workers and Pagefind when that is higher.
                "peak_rss_mb": max(own, tree.tree_peak_mb),
                "own_peak_rss_mb": own,
                "tree_peak_rss_mb": tree.tree_peak_mb,
                "worker_peak_rss_mb": tree.largest_child_mb,
                "receivers_s": dict(RECEIVERS),
                "generators_s": dict(GENERATORS),
                "peak_rss_mb_while": dict(PEAK_RSS),
                "pages_by_template": {name: {"pages": n, "seconds": s} for name, (n, s) in PAGES.items()},
                # plugins/press: each batch of pages, [pages, processes, wall s, [CPU s per process]]
                "write_batches": getattr(sys.modules.get("press.writer"), "STATS", None),
                # plugins/search: "reused" (the kept index: no page changed) or "indexed"
                "search_index": getattr(sys.modules.get("search.index"), "last_outcome", None),
            },
            handle,
            indent=1,
        )
    sys.exit(code)


if __name__ == "__main__":
    main()
