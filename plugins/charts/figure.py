"""A rendered chart as templates receive it (theme/templates/partials/figure.html)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from articles.filters import json_script  # plugins/articles: the site's one JSON escaper


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
    table: list  # [{key: text}]
    svg: Markup = Markup("")  # the cleaned static SVG for phones (see svg.py)
    svg_wide: Markup = Markup("")  # the one for wider columns; charts.css shows one
    static_wide: dict | None = None  # its Vega-Lite (image downloads are drawn from it)
    # Vega-Lite for the interactive view, as JSON ready for a <script> element:
    # text is a tenth of the memory of the dict, and a site may have hundreds.
    spec_json: Markup = Markup("{}")  # laid out for phones
    spec_wide_json: Markup = Markup("")  # laid out for wider columns (charts.js picks by width)
    used_in: list = field(default_factory=list)  # articles that embed the chart
    downloads: list = field(default_factory=list)  # [(format word, URL)] of the image downloads
    download_label: str = ""  # "Download image"
    download_pattern: str = ""  # CHARTS_DOWNLOAD_SAVE_AS when the images are written
    image_key: str = ""  # the cache key of its rendered PNG and SVG (downloads.py)
    named: bool = True
    sources_limit: int = 0  # most sources named in the caption (0: all); CHARTS_SOURCES_SHOWN

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
    return Figure(
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
        table=list(data.table),
        spec_json=json_script(vl_interactive),
        spec_wide_json=json_script(vl_wide) if vl_wide else Markup(""),
        named=named,
    )
