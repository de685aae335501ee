""" "Download image": a PNG and an SVG of every named chart, drawn at build time.

The image is the chart's wide layout with its title and subtitle above it and the
source line and credit under it, in fixed colours on white paper (an image
leaves the page's theme behind), so a reposted chart keeps its source.
vl-convert renders both; they are kept in CHARTS_CACHE_PATH under a hash of
what they are drawn from, so an unchanged chart is not rendered again.
"""

from __future__ import annotations

import copy
import json
import os
import textwrap

from .render import VL_VERSION, cache_key, write_atomic
from .words import word

PRINT_INK, PRINT_SOFT, PRINT_PAPER = "#1a1a1a", "#4a4a4a", "#ffffff"
FORMATS = ("png", "svg")


def download_urls(name, settings) -> dict:
    """{format: site-relative URL} of a named chart's images (CHARTS_DOWNLOAD_SAVE_AS)."""
    pattern = settings.get("CHARTS_DOWNLOAD_SAVE_AS")
    if not pattern:
        return {}
    return {ext: pattern.format(name=name, ext=ext) for ext in FORMATS}


def download_links(urls) -> list:
    """[(the reader's word for the format, URL)] for the figure's "Download image" line."""
    return [(word(f"download_{ext}"), url) for ext, url in urls.items()]


def image_spec(figure) -> dict:
    """The Vega-Lite of the downloadable image: the chart with title, source and credit."""
    inner = json.loads(json.dumps(figure.static_wide).replace("currentColor", PRINT_INK))
    config = inner.pop("config", {})
    datasets = inner.pop("datasets", None)
    for key in ("$schema", "autosize", "background", "padding"):
        inner.pop(key, None)
    width = inner.get("width", 640)
    lines = textwrap.wrap(word("source_line", source=figure.source), max(40, int(width / 6.8)))
    footer = {
        "width": width,
        "height": 16 * (len(lines) + 1),
        "data": {"values": [{}]},
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "top",
            "x": 0,
            "y": 0,
            "fontSize": 12,
            "lineHeight": 16,
            "color": PRINT_SOFT,
            "lineBreak": "\n",
        },
        "encoding": {"text": {"value": "\n".join([*lines, word("credit")])}},
    }
    config = copy.deepcopy(config)
    config["background"] = PRINT_PAPER
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": config,
        "background": PRINT_PAPER,
        "padding": 16,
        "title": {
            "text": textwrap.wrap(figure.title, 70),
            "subtitle": textwrap.wrap(figure.subtitle, 95) if figure.subtitle else [],
            "anchor": "start",
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


def write_downloads(figure, output_path, cache_dir):
    """Write the figure's PNG and SVG to their URLs under output/ (rendered or from the cache)."""
    if not figure.downloads or not figure.static_wide:
        return
    spec = image_spec(figure)
    key = cache_key(spec)
    for ext, url in download_urls(figure.name, {"CHARTS_DOWNLOAD_SAVE_AS": figure.download_pattern}).items():
        kept = os.path.join(cache_dir, "downloads", f"{key}.{ext}")
        if not os.path.isfile(kept):
            import vl_convert as vlc  # only when an image must be rendered

            if ext == "png":
                data = vlc.vegalite_to_png(spec, VL_VERSION, scale=2)
            else:
                data = vlc.vegalite_to_svg(spec, VL_VERSION).encode("utf-8")
            write_atomic(kept, data)
        target = os.path.join(output_path, url)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with (
            open(kept, "rb") as source,
            open(target, "wb") as out,
        ):  # a plain file: readable by the web server
            out.write(source.read())
