"""The Pelican generator that publishes /data/ and /places/ pages and the downloads.

URLs (docs/architecture.md): data/ (index), data/<id>/ (dataset page, with its
sorted variants under data/<id>/sort/<column>-<asc|desc>/, or, for a dataset of
more than DATASETS_TABLE_PAGE_SIZE records, its numbered pages data/<id>/page/<n>/),
data/<id>/<record>/
(one page per record, e.g. an incident, with the stories that report it),
data/<id>/<id>.csv and .json, places/ (gazetteer), places/<id>/.
"""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

import i18n  # plugins/i18n: the site's languages
from press.writer import writing  # plugins/press: pages written on every core
from strict import abort  # plugins/strict comes first in PLUGINS

from . import catalog_from
from . import settings as page_settings
from .downloads import dataset_downloads
from .exports import json_pieces, to_csv
from .filters import text_for
from .keys import PageKeys
from .package import to_datapackage
from .views import (
    catalog_jsonld,
    charts_shown,
    dataset_jsonld,
    page_urls,
    place_pages,
    record_facts,
    row_urls,
    sources_shown,
    tables,
    totals,
)

logger = logging.getLogger(__name__)


class DataPagesGenerator(Generator):
    """Writes the dataset, place and download files from the validated catalog."""

    def whole_number(self, name, least) -> int:
        """A numeric setting, checked: a whole number of at least ``least``."""
        value = page_settings.get(self.settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            abort([f"settings: {name}: expected a whole number, {least} or more, found {value!r}"])
        return value

    def dataset_charts(self, dataset):
        """The charts the dataset's page shows (the charts plugin has made them by now)."""
        by_dataset = self.context.get("charts_by_dataset") or {}
        return charts_shown(
            by_dataset.get(dataset.id), self.whole_number("DATASETS_CHARTS_SHOWN", 0), self.gallery_url()
        )

    def gallery_url(self):
        """CHARTS_GALLERY_URL; None when the site has no gallery (CHARTS_GALLERY_SAVE_AS empty)."""
        if not self.settings.get("CHARTS_GALLERY_SAVE_AS", "charts/index.html"):
            return None
        return page_settings.get(self.settings, "CHARTS_GALLERY_URL")

    def other_languages(self):
        """Codes of the site's languages besides the first: their text columns in the CSV."""
        return [language.code for language in i18n.languages(self.settings)[1:]]

    def dataset_view(self, dataset, catalog, page_size, text) -> dict:
        """What a dataset's pages show: its tables (one per page), totals, JSON-LD,
        sources and charts (also the dev server's, for a record saved: devserver/fastdata.py)."""
        return {
            "dataset": dataset,
            "tables": tables(dataset, catalog, page_size),
            "totals": totals(dataset, text),
            "jsonld": dataset_jsonld(
                dataset, catalog, self.settings, self.whole_number("DATASETS_JSONLD_CITATIONS", 0)
            ),
            "sources_shown": sources_shown(dataset, self.whole_number("DATASETS_SOURCES_SHOWN", 1)),
            "dataset_charts": self.dataset_charts(dataset),
        }

    def generate_context(self):
        """Work out what each page shows (articles and charts are known by now)."""
        catalog = catalog_from(self)
        page_size = self.whole_number("DATASETS_TABLE_PAGE_SIZE", 1)
        text = text_for(self.settings)
        self.dataset_views = []
        row_addresses = {}
        for dataset in catalog.datasets.values():
            dataset_page = self.dataset_view(dataset, catalog, page_size, text)
            row_addresses.update(row_urls(dataset_page["tables"]))
            self.dataset_views.append(dataset_page)
        self.place_views = []
        for place in catalog.places.values():
            records = catalog.records_for_place(place.id)
            self.place_views += place_pages(
                place,
                catalog.ancestors(place.id),
                sorted(catalog.children(place.id), key=lambda p: p.name_en),
                sorted(records, key=lambda pair: (pair[1].sort_date, pair[1].id)),
                page_size,
            )
        self.context["dataset_views"] = self.dataset_views
        self.context["dataset_row_urls"] = row_addresses
        sitemap = self.context.setdefault("sitemap_extra_urls", [])
        sitemap += ["data/", "places/"]
        # plugins/sitemap: each page's <lastmod> is the last change of its data.
        lastmod = self.context.setdefault("sitemap_lastmod", {})
        newest = max((d.last_updated for d in catalog.datasets.values()), default=None)
        if newest:  # a site without datasets: plugins/sitemap gives these the newest story's
            lastmod.update({"data/": newest, "places/": newest})
        for dataset in catalog.datasets.values():
            urls = [*page_urls(dataset, page_size), *(dataset.record_url(r) for r in dataset.records)]
            sitemap += urls
            lastmod.update(dict.fromkeys(urls, dataset.last_updated))
        for view in self.place_views:
            sitemap.append(view.url)
            changes = {dataset.last_updated for dataset, _ in view.records} or {newest}
            if newest:
                lastmod[view.url] = max(changes)

    def _write(self, writer, save_as, template, **kwargs):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            override_output=True,
            **kwargs,
        )

    def _write_downloads(self, dataset, catalog):
        """The CSV, JSON and datapackage.json: kept from the last build while the
        catalog and settings they are made from are the same (downloads.py)."""
        country_code = page_settings.get(self.settings, "DATASETS_COUNTRY_CODE")
        languages = self.other_languages()
        files = dataset_downloads(
            dataset,
            catalog,
            country_code,
            languages,
            lambda: {
                "csv": to_csv(dataset, catalog, country_code, languages),
                "json": "".join(json_pieces(dataset, catalog)),
                "package": to_datapackage(dataset, catalog, country_code, languages),
            },
        )
        for name, save_as in (
            ("csv", dataset.csv_url),
            ("json", dataset.json_url),
            ("package", dataset.datapackage_url),
        ):
            path = os.path.join(self.output_path, save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(files[name])
            logger.info('Writing "%s"', path)

    def generate_output(self, writer):
        with writing(writer):
            self._write_pages(writer)
        kept = self._kept(writer)
        if kept is not None:
            kept.save()  # every page of the batch is written by now

    def _kept(self, writer):
        """The run's kept pages (plugins/press: pages unchanged since the last good build
        are copied from it); None with a writer that cannot keep pages."""
        if not hasattr(writer, "kept_pages"):
            return None
        return writer.kept_pages(self.settings, self.context)

    def _write_pages(self, writer):
        catalog = catalog_from(self)
        kept = self._kept(writer)
        keys = None
        if kept is not None and kept.enabled:
            context = self.context
            keys = PageKeys(
                catalog,
                context.get("dataset_row_urls") or {},
                context.get("story_links"),
                context.get("locator_maps") or {},
            )
        self._write(
            writer,
            "data/index.html",
            "data_index",
            datasets=self.dataset_views,
            catalog_jsonld=catalog_jsonld(self.dataset_views, self.settings),
        )
        for view in self.dataset_views:
            dataset = view["dataset"]
            for table in view["tables"]:
                self._write(writer, table.save_as, "dataset", table=table, **view)
            for record in dataset.records:
                save_as = f"{dataset.record_url(record)}index.html"
                columns = record_facts(record, dataset.kind)
                if keys is not None:
                    key = keys.record(save_as, dataset, record, columns)
                    if kept.reuse(writer, save_as, key):
                        continue
                self._write(writer, save_as, "record", dataset=dataset, record=record, columns=columns)
            if i18n.is_main_site(self.settings):  # one download for every language
                self._write_downloads(dataset, catalog)
        roots = sorted((p for p in catalog.places.values() if p.parent is None), key=lambda p: p.name_en)
        self._write(writer, "places/index.html", "places", roots=roots)
        for place_view in self.place_views:
            if keys is not None:
                key = keys.place(place_view)
                if kept.reuse(writer, place_view.save_as, key):
                    continue
            self._write(
                writer,
                place_view.save_as,
                "place",
                view=place_view,
                place=place_view.place,
                pages=place_view.pages,
            )
