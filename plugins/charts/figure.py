"""A rendered chart as templates receive it (theme/templates/partials/figure.html)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from articles.filters import json_script  # plugins/articles: the site's one JSON escaper

from .spool import FigureParts


def _part(name, doc):
    return property(
        lambda figure: figure.parts.get(name), lambda figure, value: figure.parts.put(name, value), doc=doc
    )


@dataclass
class Figure:
    """Everything partials/figure.html prints; templates only format it."""

    name: str  # chart name (file stem) or '<article slug>-chart-<n>' when inline
    dom_id: str  # id of the <figure>; ids inside the SVG start with it
    type: str
    title: str
    subtitle: str | None
    notes: list  # the editor's note first, then what the chart itself must say
    source: str  # the source line as written in the spec
    sources: list  # datasets.model.Source of the records shown (links)
    alt: str
    as_of: dt.date  # the dataset's last_updated
    dataset_id: str
    dataset_title: str
    dataset_url: str  # data/<id>/
    csv_url: str  # data/<id>/<id>.csv
    columns: list  # [(key, label)] of the data table; the first holds row headers
    # The large parts (svg, svg_wide, spec_json, spec_wide_json, table, static_wide,
    # the properties below): in memory until the figure is finished, then in the
    # build's spool file until a page prints them (spool.py).
    parts: FigureParts = field(default_factory=FigureParts, repr=False, compare=False)
    used_in: list = field(default_factory=list)  # articles that embed the chart
    downloads: list = field(default_factory=list)  # [(format word, URL)] of the image downloads
    download_label: str = ""  # "Download image"
    download_pattern: str = ""  # CHARTS_DOWNLOAD_SAVE_AS when the images are written
    image_key: str = ""  # the cache key of its rendered PNG and SVG (downloads.py)
    named: bool = True
    sources_limit: int = 0  # most sources named in the caption (0: all); CHARTS_SOURCES_SHOWN

    svg = _part("svg", "the cleaned static SVG for phones (see svg.py)")
    svg_wide = _part("svg_wide", "the one for wider columns; charts.css shows one")
    spec_json = _part(
        "spec_json", "Vega-Lite for the interactive view, laid out for phones, as JSON for a <script>"
    )
    spec_wide_json = _part("spec_wide_json", "the same laid out for wider columns (charts.js picks by width)")
    table = _part("table", "[{key: text}], the rows of the data table")
    static_wide = _part("static_wide", "the wide drawing's Vega-Lite (image downloads are drawn from it)")

    @property
    def sources_shown(self) -> list:
        """The sources the caption names: the first ``sources_limit``."""
        return self.sources[: self.sources_limit] if self.sources_limit else self.sources

    @property
    def sources_more(self) -> int:
        """How many sources the caption leaves to the dataset page."""
        return len(self.sources) - len(self.sources_shown)


def make_figure(name, dom_id, spec, dataset, data, vl_interactive, named=True, vl_wide=None) -> Figure:
    """Assemble the figure of a chart whose data is ready (SVG added after rendering)."""
    notes = ([spec.notes] if spec.notes else []) + list(data.notes)
    figure = Figure(
        name=name,
        dom_id=dom_id,
        type=spec.type,
        title=spec.title,
        subtitle=spec.subtitle,
        notes=notes,
        source=spec.source,
        sources=list(data.sources),
        alt=spec.alt,
        as_of=dataset.last_updated,
        dataset_id=dataset.id,
        dataset_title=dataset.title,
        dataset_url=dataset.url,
        csv_url=dataset.csv_url,
        columns=list(data.columns),
        named=named,
    )
    figure.table = list(data.table)
    figure.spec_json = json_script(vl_interactive)
    if vl_wide:
        figure.spec_wide_json = json_script(vl_wide)
    return figure
