""" "Download image": a PNG and an SVG of every named chart, drawn at build time.

The image is the chart's wide layout with its title and subtitle above it and the
source line and credit under it, in fixed colours on white paper (an image
leaves the page's theme behind), so a reposted chart keeps its source.
vl-convert renders both (one layout); they are kept in CHARTS_CACHE_PATH under a hash of
what they are drawn from, so an unchanged chart is not rendered again.
"""

from __future__ import annotations

import copy
import json
import os
import re
import textwrap

from press.files import write_atomic

from .render import VL_VERSION, cache_key
from .svg import canonical_ids
from .words import bidi, word

PRINT_INK, PRINT_SOFT, PRINT_PAPER = "#1a1a1a", "#4a4a4a", "#ffffff"
FORMATS = ("png", "svg")
DOWNLOAD_FORMAT = "3"  # bump when the kept files change (2: SVG ids after the key; 3: map PNGs unclipped)
SHAPE_CLIP = re.compile(r'(<g class="mark-shape role-mark[^"]*") clip-path="url\(#[^)"]*\)"')


def download_urls(name, settings) -> dict:
    """{format: site-relative URL} of a named chart's images (CHARTS_DOWNLOAD_SAVE_AS)."""
    pattern = settings.get("CHARTS_DOWNLOAD_SAVE_AS")
    if not pattern:
        return {}
    return {ext: pattern.format(name=name, ext=ext) for ext in FORMATS}


def download_links(urls, translate=None) -> list:
    """[(the reader's word for the format, URL)] for the figure's "Download image" line."""
    return [(word(f"download_{ext}", translate), url) for ext, url in urls.items()]


def image_spec(static_wide, title, subtitle, source, data=None) -> dict:
    """The Vega-Lite of the downloadable image: the chart with title, source and credit.
    ``data`` (charts.data.ChartData) gives the words in the chart's language and its
    direction (right to left: title and footer set from the right)."""
    words = getattr(data, "words", None)
    direction = getattr(data, "direction", "ltr")
    rtl = direction == "rtl"

    def lines(text, chars):
        return [bidi(line, direction) for line in textwrap.wrap(text, chars)]

    inner = json.loads(json.dumps(static_wide).replace("currentColor", PRINT_INK))
    config = inner.pop("config", {})
    datasets = inner.pop("datasets", None)
    for key in ("$schema", "autosize", "background", "padding"):
        inner.pop(key, None)
    width = inner.get("width", 640)
    footer_lines = lines(word("source_line", words=words, source=source), max(40, int(width / 6.8)))
    footer_lines.append(bidi(word("credit", words=words), direction))
    # One text mark per line (not one text broken at "\n"): vl-convert's PNG renderer
    # lays multi-line right-to-left text on one baseline.
    footer = {
        "width": width,
        "height": 16 * len(footer_lines),
        "data": {"values": [{"line": line, "y": 16 * i} for i, line in enumerate(footer_lines)]},
        "mark": {
            "type": "text",
            "align": "right" if rtl else "left",
            "baseline": "top",
            "x": width if rtl else 0,
            "fontSize": 12,
            "color": PRINT_SOFT,
        },
        "encoding": {
            "text": {"field": "line", "type": "nominal"},
            "y": {"field": "y", "type": "quantitative", "scale": None},
        },
    }
    config = copy.deepcopy(config)
    config["background"] = PRINT_PAPER
    if rtl:
        # Named first, the Arabic face is drawn at the weight asked for (as a fallback
        # for letters Liberation Sans lacks, vl-convert's renderer took its bold).
        config["font"] = '"Noto Sans Arabic", "Liberation Sans", Arial, sans-serif'

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": config,
        "background": PRINT_PAPER,
        "padding": 16,
        "title": {
            "text": lines(title, 70),
            "subtitle": lines(subtitle, 95) if subtitle else [],
            "anchor": "end" if rtl else "start",
            "fontSize": 18,
            "subtitleFontSize": 13,
            "color": PRINT_INK,
            "subtitleColor": PRINT_SOFT,
            "offset": 14,
        },
        "vconcat": [inner, footer],
        "spacing": 14,
    }
    if datasets:
        spec["datasets"] = datasets
    return spec


def render_images(static_wide, title, subtitle, source, cache_dir, data=None) -> str:
    """Render the PNG and SVG of a chart into the cache (unless kept); their key.
    draw.py calls it where the chart is drawn (worker processes on a large site).

    Vega lays the image out once: the PNG is the SVG rasterised (what vl-convert's
    own PNG export does after laying it out again; the pixels are the same). The
    SVG's ids are numbered in document order after the key, so the same chart gives
    the same file whatever the process rendered before it."""
    spec = image_spec(static_wide, title, subtitle, source, data)
    key = cache_key({"image": spec, "format": DOWNLOAD_FORMAT})
    kept = {ext: _kept(cache_dir, key, ext) for ext in FORMATS}
    if all(os.path.isfile(path) for path in kept.values()):
        return key
    import vl_convert as vlc  # only when an image must be rendered

    svg = vlc.vegalite_to_svg(spec, VL_VERSION)
    write_atomic(kept["png"], vlc.svg_to_png(_to_rasterise(svg, static_wide), scale=2))
    write_atomic(kept["svg"], canonical_ids(svg, f"chart-{key[:12]}-"))
    return key


def _to_rasterise(svg, static_wide) -> str:
    """The SVG the PNG is drawn from: a static map's shapes without their clip paths,
    since the projection already cut their paths to the plot (``clipExtent``,
    build.vega_lite). vl-convert's rasteriser draws every clipped group through a mask
    the size of the image: a map's PNG took 5 x as long (320 against 65 ms). What
    changes is the outer half of a border's stroke along the map's edge, drawn now."""
    projection = static_wide.get("projection")
    if isinstance(projection, dict) and projection.get("clipExtent"):
        return SHAPE_CLIP.sub(r"\1", svg)
    return svg


def _kept(cache_dir, key, ext):
    return os.path.join(cache_dir, "downloads", f"{key}.{ext}")


def images_kept(cache_dir, key) -> bool:
    """True if the image downloads of ``key`` (a figure's ``image_key``) are in the cache."""
    return bool(key) and all(os.path.isfile(_kept(cache_dir, key, ext)) for ext in FORMATS)


def write_downloads(figure, output_path, cache_dir):
    """Write the figure's PNG and SVG to their URLs under output/ (from the cache)."""
    if not figure.download_pattern or not figure.parts.has("static_wide"):  # read back only to draw
        return
    key = figure.image_key or render_images(
        figure.static_wide, figure.title, figure.subtitle, figure.source, cache_dir
    )
    pattern = {"CHARTS_DOWNLOAD_SAVE_AS": figure.download_pattern}
    for ext, url in download_urls(figure.name, pattern).items():
        kept = _kept(cache_dir, key, ext)
        if not os.path.isfile(kept):  # the cache was emptied meanwhile
            key = render_images(figure.static_wide, figure.title, figure.subtitle, figure.source, cache_dir)
        target = os.path.join(output_path, url)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with (
            open(kept, "rb") as source,
            open(target, "wb") as out,
        ):  # a plain file: readable by the web server
            out.write(source.read())
