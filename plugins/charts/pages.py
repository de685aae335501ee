"""The /charts/ gallery (paginated) and the self-hosted Vega bundle.

The gallery (template ``charts``) shows every named chart with the stories that
use it, CHARTS_GALLERY_PAGE_SIZE charts a page: charts/ is the first page,
charts/page/2/ the second, and so on. The pages are worked out here; the
template only prints them.

The bundle (vl-convert's Vega + Vega-Lite + vega-embed) is written only when
the site has a chart, under a name carrying a hash of its bytes
(CHARTS_BUNDLE_SAVE_AS, ``{hash}``), so hosts may cache it for good. Pages never
load it with a <script> tag: charts.js does, after the page has loaded, from the
URL in its own ``data-vega-bundle`` attribute (``charts_bundle_url``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass

from pelican.generators import Generator

from . import settings as chart_settings
from .downloads import write_downloads
from .render import vega_bundle

logger = logging.getLogger(__name__)

HASH_LENGTH = 12


@dataclass(frozen=True)
class GalleryPage:
    """One page of the gallery: its number (from 1), where it is, what it shows."""

    number: int
    url: str
    save_as: str
    figures: tuple


@dataclass(frozen=True)
class PageLink:
    """One entry of a page's pagination nav."""

    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    """What a gallery page's nav prints: every page, and the previous and next ones."""

    links: tuple
    previous: GalleryPage | None
    next: GalleryPage | None


def bundle_name(save_as: str, data: bytes) -> str:
    """CHARTS_BUNDLE_SAVE_AS with ``{hash}`` replaced by the first 12 hex of sha256(data)."""
    return save_as.replace("{hash}", hashlib.sha256(data).hexdigest()[:HASH_LENGTH])


def split_pages(figures, size, first_url, first_save_as, url_pattern, save_as_pattern):
    """The gallery's pages, ``size`` figures each (all on one page if size < 1).

    There is always a first page, empty when the site has no chart.
    """
    figures = tuple(figures)
    size = size if size and size > 0 else max(len(figures), 1)
    chunks = [figures[start : start + size] for start in range(0, len(figures), size)] or [()]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        if number == 1:
            url, save_as = first_url, first_save_as
        else:
            url, save_as = url_pattern.format(number=number), save_as_pattern.format(number=number)
        pages.append(GalleryPage(number, url, save_as, chunk))
    return pages


def pagination(pages, page):
    """The nav of ``page`` among ``pages``."""
    links = tuple(PageLink(p.number, p.url, p is page) for p in pages)
    index = page.number - 1
    previous = pages[index - 1] if index > 0 else None
    following = pages[index + 1] if index + 1 < len(pages) else None
    return Pagination(links, previous, following)


class ChartsGenerator(Generator):
    """Writes the gallery pages and the Vega bundle."""

    def generate_context(self):
        self.pages = self._gallery_pages()
        extra = self.context.setdefault("sitemap_extra_urls", [])
        listed = set(extra)  # `page.url not in extra` would go through the list for every page
        for page in self.pages:
            if page.url and page.url not in listed:
                listed.add(page.url)
                extra.append(page.url)
        self.bundle = None
        if self.context.get("charts_by_name") or self.context.get("charts_on_pages"):
            self.bundle = self._bundle()
        if self.bundle:
            self.context["charts_bundle_url"] = self.bundle[0]

    def _gallery_pages(self):
        """The gallery pages, or none when CHARTS_GALLERY_SAVE_AS is empty."""
        get = chart_settings.get
        if not get(self.settings, "CHARTS_GALLERY_SAVE_AS"):
            return []
        figures = self.context.get("charts_by_name", {}).values()
        return split_pages(
            figures,
            get(self.settings, "CHARTS_GALLERY_PAGE_SIZE"),
            get(self.settings, "CHARTS_GALLERY_URL"),
            get(self.settings, "CHARTS_GALLERY_SAVE_AS"),
            get(self.settings, "CHARTS_GALLERY_PAGE_URL"),
            get(self.settings, "CHARTS_GALLERY_PAGE_SAVE_AS"),
        )

    def _bundle(self):
        """(output path, bytes) of the Vega bundle, or None if CHARTS_BUNDLE_SAVE_AS is empty."""
        save_as = self.settings.get("CHARTS_BUNDLE_SAVE_AS")
        if not save_as:
            return None
        data = vega_bundle(chart_settings.cache_path(self.settings)).encode("utf-8")
        return bundle_name(save_as, data), data

    def generate_output(self, writer):
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template("charts"),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                chart_figures=list(page.figures),
                page_name="charts",
                gallery_page=page,
                gallery_page_count=len(self.pages),
                gallery_pagination=pagination(self.pages, page),
            )
        if self.bundle:
            self._write_bundle(*self.bundle)
        cache_dir = chart_settings.cache_path(self.settings)
        for figure in self.context.get("charts_by_name", {}).values():
            write_downloads(figure, self.output_path, cache_dir)

    def _write_bundle(self, save_as, data):
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        logger.info('Writing "%s"', path)
