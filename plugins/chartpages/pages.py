"""Each named chart's own page and its embed page.

- ``charts/<name>/`` (template ``chart``): the chart with its caption, sources,
  data table and downloads, the stories that use it, its social card
  (plugins/cards, when it made one) and the "Embed this chart" code.
- ``charts/<name>/embed/`` (template ``chart_embed``): what other sites show in
  an <iframe>: the chart, its title, source line and a link back, nothing else.
  Readable without JavaScript (the static SVG); charts.js makes it interactive
  with the self-hosted Vega bundle. It is ``noindex``, left out of the sitemap
  and of the search index (no ``data-pagefind-body``).

The figures come from the charts plugin's public results (``charts_by_name``);
this module only works out addresses and the code to copy.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pelican.generators import Generator

from articles.structured import absolute_url
from i18n import N_, translation

from . import settings as page_settings

VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
CAPTION_HEIGHT = 230  # title, subtitle and source line around the chart, as they wrap on a phone, CSS px
EMBED_LABEL = N_("%(title)s (%(site)s)")


@dataclass(frozen=True)
class ChartPage:
    """One chart's page and embed page, as the templates receive them."""

    name: str
    figure: object  # charts.figure.Figure
    url: str
    save_as: str
    canonical: str  # absolute address of the chart page
    embed_url: str
    embed_save_as: str
    embed_code: str  # the <iframe> element other sites copy
    card: object = None  # cards.plan.Card, when plugins/cards made one


def embed_height(figure) -> int:
    """The iframe height (CSS px) that shows the taller of the chart's two drawings whole."""
    heights = []
    for svg in (str(figure.svg), str(figure.svg_wide or "")):
        found = VIEWBOX.search(svg)
        if found:
            heights.append(float(found.group(2)))
    return int(max(heights, default=300) + CAPTION_HEIGHT)


def embed_code(src, title, height) -> str:
    """The <iframe> element to copy, every value escaped for an attribute."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
        f'height="{height}" loading="lazy" referrerpolicy="no-referrer" style="border:0"></iframe>'
    )


def chart_pages(figures_by_name, cards, settings) -> list[ChartPage]:
    """The chart pages of the site (none when CHARTPAGES_SAVE_AS is empty)."""
    get = page_settings.get
    if not get(settings, "CHARTPAGES_SAVE_AS"):
        return []
    with_embeds = bool(get(settings, "CHARTPAGES_EMBED_SAVE_AS"))
    words = translation(settings)
    pages = []
    for name, figure in figures_by_name.items():
        embed_url = get(settings, "CHARTPAGES_EMBED_URL").format(name=name) if with_embeds else ""
        label = words.gettext(EMBED_LABEL) % {"title": figure.title, "site": settings.get("SITENAME", "")}
        pages.append(
            ChartPage(
                name=name,
                figure=figure,
                url=get(settings, "CHARTPAGES_URL").format(name=name),
                save_as=get(settings, "CHARTPAGES_SAVE_AS").format(name=name),
                canonical=absolute_url(settings, get(settings, "CHARTPAGES_URL").format(name=name)),
                embed_url=embed_url,
                embed_save_as=get(settings, "CHARTPAGES_EMBED_SAVE_AS").format(name=name)
                if with_embeds
                else "",
                embed_code=embed_code(absolute_url(settings, embed_url), label, embed_height(figure))
                if with_embeds
                else "",
                card=(cards or {}).get(name),
            )
        )
    return pages


class ChartPagesGenerator(Generator):
    """Writes every named chart's page and embed page."""

    def generate_context(self):
        self.chart_pages = chart_pages(
            self.context.get("charts_by_name") or {}, self.context.get("chart_cards"), self.settings
        )
        self.context["chart_pages"] = {page.name: page for page in self.chart_pages}
        extra = self.context.setdefault("sitemap_extra_urls", [])
        files = self.context.setdefault("plugin_files", {})
        for page in self.chart_pages:
            if page.url not in extra:
                extra.append(page.url)
            if page.embed_save_as:
                files.setdefault(
                    page.embed_save_as, f"the embed page of chart '{page.name}' (plugins/chartpages)"
                )

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        for page in self.chart_pages:
            writer.write_file(
                page.save_as,
                self.get_template("chart"),
                self.context,
                relative_urls=relative,
                chart_page=page,
                chart_figures=[page.figure],
                page_name="chart",
            )
            if page.embed_save_as:
                writer.write_file(
                    page.embed_save_as,
                    self.get_template("chart_embed"),
                    self.context,
                    relative_urls=relative,
                    chart_page=page,
                    chart_figures=[page.figure],
                    page_name="chart_embed",
                )
