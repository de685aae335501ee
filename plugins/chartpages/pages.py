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
import math
import re
import textwrap
from dataclasses import dataclass

from pelican.generators import Generator

from articles.structured import absolute_url
from i18n import N_, translation
from press.writer import writing  # plugins/press: pages written on every core

from . import settings as page_settings

VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
EMBED_LABEL = N_("%(title)s (%(site)s)")
EMBED_CREDIT = N_("%(site)s: this chart, its data and notes")
EMBED_SOURCE = N_("Source: %(source)s")

# The embed page's layout, as its style sheets set it (charts.css, chartpages.css),
# in CSS px: what embed_height() needs to know how tall the page is at a width.
FRAME_WIDTHS = (320, 360, 390, 430, 500, 560, 619, 620, 700, 800)  # small phone to wide column
PAGE_PADDING = (12, 8)  # .embed__main: inline (each side), block (each side)
FIXED = 5 * 6.4 + 12 + 24  # the grid's gaps, the drawing's margins, and room to spare
WIDE_FROM = 620  # charts.css's container query: the wide drawing from here
NARROW_MOST, WIDE_MOST = 480, 736  # the drawings' max-inline-size (30rem, 46rem)
# (font size, line height) of each text line: title, subtitle, source and credit.
TITLE, SUBTITLE, SMALL = (17.6, 1.3), (15.2, 1.4), (13.6, 1.45)
CHAR_EM = 0.56  # a generous average advance of a character, in em (system sans-serif)
RTL_LINE = 1.5  # Arabic script: taller lines in its fonts (measured: under 1.5 of the font size)


def _lines(text, width, size) -> int:
    return len(textwrap.wrap(text, max(8, int(width / (size * CHAR_EM))))) if text else 0


def _drawn_height(svg, width) -> float:
    found = VIEWBOX.search(str(svg or ""))
    if not found:
        return 0.0
    view_w, view_h = float(found.group(1)), float(found.group(2))
    return view_h * width / view_w


def embed_height(figure, source_line="", credit="", rtl=False) -> int:
    """The iframe height (CSS px) that shows the whole embed page, chart and source
    line included, in any frame from a small phone's width (320 px) to a wide
    column's (800 px): the tallest the page gets over FRAME_WIDTHS, each drawing
    scaled as charts.css scales it and each text wrapped at a generous average
    character width. No JavaScript is needed for it; embed-height.js lets a host
    follow the page's exact height instead."""
    tallest = 0.0
    for frame in FRAME_WIDTHS:
        column = frame - 2 * PAGE_PADDING[0]
        if column >= WIDE_FROM and figure.svg_wide:
            drawing = _drawn_height(figure.svg_wide, min(column, WIDE_MOST))
        else:
            drawing = _drawn_height(figure.svg, min(column, NARROW_MOST)) or 300
        text = 0.0
        for words, (size, line) in (
            (figure.title, TITLE),
            (figure.subtitle, SUBTITLE),
            (source_line, SMALL),
            (credit, SMALL),
        ):
            text += _lines(words, column, size) * size * max(line, RTL_LINE if rtl else 0)
        tallest = max(tallest, drawing + text + 2 * PAGE_PADDING[1] + FIXED)
    return math.ceil(tallest)


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
                embed_code=embed_code(
                    absolute_url(settings, embed_url),
                    label,
                    embed_height(
                        figure,
                        words.gettext(EMBED_SOURCE) % {"source": figure.source},
                        words.gettext(EMBED_CREDIT) % {"site": settings.get("SITENAME", "")},
                        rtl=settings.get("TEXT_DIRECTION") == "rtl",
                    ),
                )
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
        listed = set(extra)  # `page.url not in extra` would go through the list for every chart
        files = self.context.setdefault("plugin_files", {})
        for page in self.chart_pages:
            if page.url not in listed:
                listed.add(page.url)
                extra.append(page.url)
            if page.embed_save_as:
                files.setdefault(
                    page.embed_save_as, f"the embed page of chart '{page.name}' (plugins/chartpages)"
                )

    def generate_output(self, writer):
        with writing(writer):
            self._write_pages(writer)

    def _write_pages(self, writer):
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
