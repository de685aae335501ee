"""The Pelican generator that publishes /data/ and /places/ pages and the downloads.

URLs (docs/architecture.md): data/ (index), data/<id>/ (dataset page, with its
sorted variants under data/<id>/sort/<column>-<asc|desc>/), data/<id>/<record>/
(one page per record, e.g. an incident, with the stories that report it),
data/<id>/<id>.csv and .json, places/ (gazetteer), places/<id>/.
"""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from . import catalog_from
from .exports import to_csv, to_json
from .views import COLUMNS, PlaceView, dataset_jsonld, tables, totals

logger = logging.getLogger(__name__)


class DataPagesGenerator(Generator):
    """Writes the dataset, place and download files from the validated catalog."""

    def generate_context(self):
        """Work out what each page shows (articles are known by now)."""
        catalog = catalog_from(self)
        self.dataset_views = []
        for dataset in catalog.datasets.values():
            self.dataset_views.append({
                "dataset": dataset,
                "tables": tables(dataset, catalog),
                "totals": totals(dataset),
                "jsonld": dataset_jsonld(dataset, catalog, self.settings),
            })
        self.place_views = []
        for place in catalog.places.values():
            records = catalog.records_for_place(place.id)
            self.place_views.append(PlaceView(
                place=place,
                ancestors=catalog.ancestors(place.id),
                children=sorted(catalog.children(place.id), key=lambda p: p.name_en),
                records=sorted(records, key=lambda pair: (pair[1].sort_date, pair[1].id)),
            ))
        self.context["dataset_views"] = self.dataset_views
        sitemap = self.context.setdefault("sitemap_extra_urls", [])
        sitemap += ["data/", "places/"]
        for dataset in catalog.datasets.values():
            sitemap += [dataset.url] + [dataset.record_url(r) for r in dataset.records]
        sitemap += [place.url for place in catalog.places.values()]

    def _write(self, writer, save_as, template, **kwargs):
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False),
                          override_output=True, **kwargs)

    def _write_text(self, save_as, text):
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        logger.info('Writing "%s"', path)

    def generate_output(self, writer):
        catalog = catalog_from(self)
        self._write(writer, "data/index.html", "data_index", datasets=self.dataset_views)
        for view in self.dataset_views:
            dataset = view["dataset"]
            for table in view["tables"]:
                self._write(writer, table.save_as, "dataset", table=table, **view)
            for record in dataset.records:
                self._write(writer, f"{dataset.record_url(record)}index.html", "record",
                            dataset=dataset, record=record, columns=COLUMNS[dataset.kind])
            self._write_text(dataset.csv_url, to_csv(dataset, catalog))
            self._write_text(dataset.json_url, to_json(dataset, catalog))
        roots = sorted((p for p in catalog.places.values() if p.parent is None),
                       key=lambda p: p.name_en)
        self._write(writer, "places/index.html", "places", roots=roots)
        for view in self.place_views:
            self._write(writer, f"{view.place.url}index.html", "place", view=view,
                        place=view.place)
