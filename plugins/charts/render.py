"""Vega-Lite -> static SVG with vl-convert (no browser), cached and in parallel.

The cache key is a hash of the Vega-Lite spec (which carries the chart's data
inline), the Vega-Lite version and the vl-convert version: an unchanged chart is
read back from ``CHARTS_CACHE_PATH`` instead of being rendered again. When many
charts need rendering they are shared among worker processes (vl-convert runs
one JavaScript engine per process), so a build uses every core.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import vl_convert as vlc

from .svg import canonical_ids

logger = logging.getLogger(__name__)

VL_VERSION = "6.4"  # Altair 6's Vega-Lite; the browser bundle uses the same
CACHE_FORMAT = "2"  # bump when what is stored changes


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    workers: int = 1


def cache_key(vl_spec: dict, vl_version: str = VL_VERSION) -> str:
    """Hash of everything the SVG depends on."""
    text = json.dumps({"spec": vl_spec, "vl": vl_version, "vlc": vlc.__version__,
                       "format": CACHE_FORMAT}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_atomic(path, text):
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def render_all(specs: dict, cache_dir: str, workers: int = 2, parallel_min: int = 16,
               vl_version: str = VL_VERSION):
    """SVG text for each {key: Vega-Lite dict}; returns (svgs, RenderStats)."""
    stats = RenderStats()
    svgs, todo = {}, {}
    for name, spec in specs.items():
        digest = cache_key(spec, vl_version)
        path = os.path.join(cache_dir, f"{digest}.svg")
        found = _read(path)
        if found is not None:
            svgs[name] = found
            stats.cached += 1
        else:
            todo[name] = (spec, path)
    if not todo:
        return svgs, stats
    names = list(todo)
    jobs = [todo[n][0] for n in names]
    if workers > 1 and len(jobs) >= max(parallel_min, 2):
        stats.workers = min(workers, len(jobs))
        # spawn: a fresh interpreter per worker; forking a process that runs a
        # JavaScript engine is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(stats.workers, mp_context=context) as pool:
            results = list(pool.map(vlc.vegalite_to_svg, jobs, [vl_version] * len(jobs),
                                    chunksize=max(1, len(jobs) // (stats.workers * 4))))
    else:
        results = [vlc.vegalite_to_svg(job, vl_version) for job in jobs]
    for name, svg in zip(names, results):
        svg = canonical_ids(svg)
        _write_atomic(todo[name][1], svg)
        svgs[name] = svg
        stats.rendered += 1
    return svgs, stats


def vega_bundle(cache_dir: str, vl_version: str = VL_VERSION) -> str:
    """Vega, Vega-Lite and vega-embed in one classic script that sets window.vega,
    window.vegaLite and window.vegaEmbed (vl-convert's own bundle, cached)."""
    path = os.path.join(cache_dir, f"vega-bundle-{vlc.__version__}-{vl_version}.js")
    found = _read(path)
    if found is None:
        found = vlc.javascript_bundle(vl_version=vl_version)
        _write_atomic(path, found)
    return found
