"""Finished figures kept between builds, keyed by everything they are made of.

A figure (SVG, interactive spec, data table, notes) depends on the chart's spec,
the records the spec selects, the dataset's description, the gazetteer, the
chart width and locale, and the chart code. All of it goes into the key, so an
unchanged chart costs a file read on the next build, and changing one record
redraws only the charts that select it. Custom chart functions (CHARTS_MODULES)
may read anything in the catalog, so their figures are not kept (their SVG still
is, see render.py).

Entries are pickles under ``CHARTS_CACHE_PATH/figures``: a local build cache,
trusted like the code beside it. Delete the folder to start afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from importlib.metadata import version
from pathlib import Path

from .render import VL_VERSION, write_atomic

FORMAT = "1"  # bump when what is stored changes


def _code_digest() -> str:
    """The chart code itself: editing any module of the plugin invalidates figures."""
    digest = hashlib.sha256(
        f"{FORMAT}|{version('altair')}|{version('vl-convert-python')}|{VL_VERSION}".encode()
    )
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class FigureKeys:
    """Cache keys of one build's charts (catalog-wide parts hashed once)."""

    def __init__(self, catalog, locale: str, width: int):
        places = [place.model_dump(mode="json") for place in catalog.places.values()]
        self.base = hashlib.sha256(
            json.dumps(
                {"code": _code_digest(), "locale": locale, "width": width, "places": places}, sort_keys=True
            ).encode()
        ).hexdigest()
        self._datasets: dict = {}
        self._records: dict = {}

    def _dataset(self, dataset) -> str:
        if dataset.id not in self._datasets:
            about = dataset.model_dump(mode="json", exclude={"records"})
            self._datasets[dataset.id] = json.dumps(about, sort_keys=True)
        return self._datasets[dataset.id]

    def _record(self, dataset, record) -> str:
        key = (dataset.id, record.id)
        if key not in self._records:
            self._records[key] = record.model_dump_json()
        return self._records[key]

    def key(self, name, dom_id, named, spec, dataset, records) -> str | None:
        """Hex key of a chart's figure; None for custom charts (not kept)."""
        if spec.type == "custom":
            return None
        digest = hashlib.sha256(self.base.encode())
        for part in (name, dom_id, str(named), spec.model_dump_json(), self._dataset(dataset)):
            digest.update(b"\x00" + part.encode())
        for record in records:
            digest.update(b"\x01" + self._record(dataset, record).encode())
        return digest.hexdigest()


def _path(cache_dir, key):
    return os.path.join(cache_dir, "figures", f"{key}.pickle")


def load_figure(cache_dir, key):
    """The kept figure for ``key``, or None."""
    try:
        with open(_path(cache_dir, key), "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store_figure(cache_dir, key, figure):
    """Keep a finished figure, without what each build links afresh: the stories
    that use it, and its sources (the catalog's own objects, see batch.ChartBatch)."""
    kept = dataclasses.replace(figure, used_in=[], sources=[])
    write_atomic(_path(cache_dir, key), pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
