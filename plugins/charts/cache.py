"""Finished figures kept between builds, keyed by everything they are made of.

A figure (SVG, interactive spec, data table, notes) depends on the chart's spec,
the records the spec selects, the dataset's description, the gazetteer, the
chart width and locale, and the chart code. All of it goes into the key, so an
unchanged chart costs a file read on the next build, and changing one record
redraws only the charts that select it. Custom chart functions (CHARTS_MODULES)
may read anything in the catalog, so their figures are not kept (their SVG still
is, see render.py).

The key also covers the code of every plugin that shapes a figure (charts,
datasets, and articles, whose JSON escaper writes the interactive spec) and the
version of every installed package.

Entries are JSON under ``CHARTS_CACHE_PATH/figures``, never pickle (which runs
code when loaded). Loading one checks every field's type (:class:`KeptFigure`),
checks that the SVG holds only the drawing elements and attributes
``svg.py`` keeps, and escapes the interactive spec again with the site's JSON
escaper; an entry that fails is ignored and the chart drawn afresh. Delete the
folder to start afresh.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, ValidationError

import articles
import datasets
from articles.filters import json_script
from datasets.cache import code_digest

from .figure import Figure
from .render import VL_VERSION, write_atomic
from .spool import FigureParts
from .svg import ELEMENTS, SVG

FORMAT = "3"  # bump when what is stored changes


@cache
def _code_digest() -> str:
    """The code that shapes a figure (charts, datasets, articles) and every package version."""
    folders = [Path(str(module.__file__)).parent for module in (articles, datasets)]
    return f"{FORMAT}|{VL_VERSION}|" + code_digest(Path(__file__).parent, *folders)


class FigureKeys:
    """Cache keys of one build's charts (catalog-wide parts hashed once)."""

    def __init__(self, catalog, locale: str, width: object):  # widths and basemap digest (batch.py)
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


class KeptFigure(BaseModel):
    """A figure as kept on disk: plain data of checked types."""

    model_config = ConfigDict(extra="forbid", strict=False)

    name: str
    dom_id: str
    type: str
    title: str
    subtitle: str | None
    notes: list[str]
    source: str
    alt: str
    as_of: dt.date
    dataset_id: str
    dataset_title: str
    dataset_url: str
    csv_url: str
    columns: list[tuple[str, str]]
    table: list[dict[str, Any]]
    svg: str
    spec: Any
    named: bool
    svg_wide: str = ""  # the drawing for wider columns (checked like svg)
    spec_wide: Any = None  # the interactive view's wide layout
    static_wide: Any = None  # its Vega-Lite (image downloads; never put in a page)
    image_key: str = ""
    # Set afresh by every build from its settings (prepare.py); kept as written.
    downloads: list[tuple[str, str]] = []
    download_label: str = ""
    download_pattern: str = ""


UNSAFE_VALUE_START = ("javascript:", "data:", "http:", "https:", "//")


def svg_is_clean(text: str) -> bool:
    """True if ``text`` is an <svg> of drawing elements only, as svg.inline_svg leaves it."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return False
    if root.tag != f"{{{SVG}}}svg":
        return False
    for element in root.iter():
        if not element.tag.startswith(f"{{{SVG}}}") or element.tag.split("}", 1)[1] not in ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local in ("style", "href") or name.startswith("{"):
                return False
            if "url(" in value and not all(part.startswith("#") for part in value.split("url(")[1:]):
                return False
            if value.strip().lower().startswith(UNSAFE_VALUE_START):
                return False
    return True


def _path(cache_dir, key):
    return os.path.join(cache_dir, "figures", f"{key}.json")


def load_figure(cache_dir, key):
    """The kept figure for ``key``, or None (missing, not valid, or not clean)."""
    try:
        with open(_path(cache_dir, key), encoding="utf-8") as handle:
            kept = KeptFigure.model_validate_json(handle.read())
    except (OSError, ValueError, ValidationError):
        return None
    if not svg_is_clean(kept.svg) or (kept.svg_wide and not svg_is_clean(kept.svg_wide)):
        return None
    fields = kept.model_dump(exclude={"svg", "svg_wide", "spec", "spec_wide", "table", "static_wide"})
    figure = Figure(**fields, sources=[])
    figure.svg = Markup(kept.svg)
    figure.svg_wide = Markup(kept.svg_wide)
    figure.spec_json = json_script(kept.spec)  # escaped again, whatever the file held
    if kept.spec_wide:
        figure.spec_wide_json = json_script(kept.spec_wide)
    figure.table = kept.table
    figure.static_wide = kept.static_wide
    return figure


def store_figure(cache_dir, key, figure):
    """Keep a finished figure, without what each build links afresh: the stories
    that use it, and its sources (the catalog's own objects, see batch.ChartBatch)."""
    data = dataclasses.asdict(dataclasses.replace(figure, used_in=[], sources=[], parts=FigureParts()))
    for name in ("used_in", "sources", "sources_limit", "parts"):
        data.pop(name)
    data["svg"] = str(figure.svg)
    data["svg_wide"] = str(figure.svg_wide)
    data["spec"] = json.loads(str(figure.spec_json))
    data["spec_wide"] = json.loads(str(figure.spec_wide_json)) if str(figure.spec_wide_json) else None
    data["table"] = figure.table
    data["static_wide"] = figure.static_wide
    data["as_of"] = figure.as_of.isoformat()
    write_atomic(_path(cache_dir, key), json.dumps(data, ensure_ascii=False))
