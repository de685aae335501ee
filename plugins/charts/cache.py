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

Entries are part files (plugins/press/parts.py) under ``CHARTS_CACHE_PATH/figures``:
a line of JSON (the figure's small fields, checked by
:class:`KeptFigure`, the place of each large part and a digest of them), then
the large parts as the build's spool holds them (spool.py): the two SVGs, the
two interactive specs as escaped JSON, the table and the wide drawing's Vega-Lite
as JSON. A warm build copies those bytes to its spool without parsing them
again; what reaches a page is checked first, as cheaply as it can be: the
digest matches (a truncated or mixed-up file), the SVGs hold only the drawing
elements and attributes ``svg.py`` keeps, the specs hold none of the characters
the site's JSON escaper escapes (so they cannot end their <script>), the table
is a list of rows, and the wide drawing's Vega-Lite, when the image downloads
must be drawn from it (they are not in the cache), is a JSON object. An entry
that fails any check is ignored and the chart drawn afresh. That Vega-Lite is
never put in a page. Delete the folder to start afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import articles
import datasets
from articles.filters import is_script_safe
from datasets.cache import code_digest
from press.parts import read_parts, write_parts

from .downloads import images_kept
from .figure import Figure
from .render import VL_VERSION
from .spool import PARTS
from .svg import ELEMENTS, SVG

FORMAT = "4"  # bump when what is stored changes (4: small fields, then the parts as spooled)


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
    """A kept figure's small fields, and where its large parts are: plain data of checked types."""

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
    named: bool
    image_key: str = ""
    # Set afresh by every build from its settings (prepare.py); kept as written.
    downloads: list[tuple[str, str]] = []
    download_label: str = ""
    download_pattern: str = ""
    # {part name (spool.PARTS): (offset, length)} in the bytes after the first line
    parts: dict[
        Literal["svg", "svg_wide", "spec_json", "spec_wide_json", "table", "static_wide"], tuple[int, int]
    ]
    digest: str  # sha256 of those bytes


TABLE = TypeAdapter(list[dict[str, Any]])


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
    return os.path.join(cache_dir, "figures", f"{key}.kept")


def _part_is_clean(name: str, text: str, images_to_draw: bool) -> bool:
    """The check a large part passes before a page may print it, or before this build
    draws the image downloads from it (see the module's doc)."""
    if not text:
        return False
    if name in ("svg", "svg_wide"):
        return svg_is_clean(text)
    if name in ("spec_json", "spec_wide_json"):
        return is_script_safe(text)
    if name == "table":
        try:
            TABLE.validate_json(text)
        except ValidationError:
            return False
    if name == "static_wide" and images_to_draw:  # downloads.py parses it to draw them
        try:
            return isinstance(json.loads(text), dict)
        except ValueError:
            return False
    return True  # static_wide otherwise: never in a page, not read by this build


def load_figure(cache_dir, key, spool):
    """The kept figure for ``key``, its large parts copied to ``spool``; or None
    (missing, not valid, or not clean)."""
    unpacked = read_parts(_path(cache_dir, key), KeptFigure)
    if unpacked is None:
        return None
    kept, pieces = unpacked
    if "spec_json" not in pieces or "svg" not in pieces:
        return None
    images_to_draw = "static_wide" in pieces and not images_kept(cache_dir, kept.image_key)
    for name, piece in pieces.items():
        try:
            text = str(piece, "utf-8")
        except UnicodeDecodeError:
            return None
        if not _part_is_clean(name, text, images_to_draw):
            return None
    figure = Figure(**kept.model_dump(exclude={"parts", "digest"}), sources=[])
    for name, piece in pieces.items():
        figure.parts.keep_bytes(name, piece, spool)
    return figure


def store_figure(cache_dir, key, figure):
    """Keep a finished figure (its parts still in memory), without what each build links
    afresh: the stories that use it, and its sources (the catalog's own objects, see
    batch.ChartBatch). The parts are written as spool.FigureParts.spool writes them."""
    small = {
        name: getattr(figure, name)
        for name in KeptFigure.model_fields
        if name not in ("parts", "digest", "as_of")
    }
    small["as_of"] = figure.as_of.isoformat()
    pieces = {}
    for name in PARTS:
        piece = figure.parts.text_of(name)
        if piece is not None:
            pieces[name] = piece.encode("utf-8")
    write_parts(_path(cache_dir, key), small, pieces)
