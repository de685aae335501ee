"""The /charts/ gallery and the self-hosted Vega bundle.

The gallery (template ``charts``) shows every named chart with the stories that
use it. The bundle (vl-convert's Vega + Vega-Lite + vega-embed) is written only
when the site has a chart; pages load it only when they show one.
"""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from . import settings as chart_settings
from .render import vega_bundle

logger = logging.getLogger(__name__)


class ChartsGenerator(Generator):
    """Writes charts/index.html and the Vega bundle."""

    def generate_context(self):
        url = chart_settings.get(self.settings, "CHARTS_GALLERY_URL")
        extra = self.context.setdefault("sitemap_extra_urls", [])
        if url and url not in extra:
            extra.append(url)

    def generate_output(self, writer):
        figures = list(self.context.get("charts_by_name", {}).values())
        save_as = chart_settings.get(self.settings, "CHARTS_GALLERY_SAVE_AS")
        if save_as:
            writer.write_file(save_as, self.get_template("charts"), self.context,
                              relative_urls=self.settings.get("RELATIVE_URLS", False),
                              chart_figures=figures, page_name="charts")
        if figures or self.context.get("charts_on_pages"):
            self._write_bundle()

    def _write_bundle(self):
        save_as = self.settings.get("CHARTS_BUNDLE_SAVE_AS")
        if not save_as:
            return
        text = vega_bundle(chart_settings.cache_path(self.settings))
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        logger.info('Writing "%s"', path)
