"""Page weight of each page kind of a built site, as a reader's browser fetches it.

"To read" is what a page needs before it can be read: the HTML (with its inline
SVG charts), its screen stylesheets and its images. Scripts are counted apart:
the deferred scripts the page names, and what those fetch after the page has
loaded (the Vega bundle, named in charts.js's data-vega-bundle attribute).
Sizes are bytes: raw, gzip -9 and brotli -q 11, as pre-compressed files are
served when publishing (pelican-precompress).
"""

from __future__ import annotations

import gzip
import posixpath
from pathlib import Path

import brotli
from bs4 import BeautifulSoup


def sizes(data: bytes) -> dict:
    return {
        "raw": len(data),
        "gzip": len(gzip.compress(data, 9, mtime=0)),
        "brotli": len(brotli.compress(data, quality=11)),
    }


def _add(total, more):
    for key, value in more.items():
        total[key] = total.get(key, 0) + value


def _local(output: Path, page: Path, href: str):
    """The output file a relative or site-absolute href points to, if any."""
    if not href or "//" in href or href.startswith(("data:", "#")):
        return None
    href = href.split("#")[0].split("?")[0]
    base = page.parent.relative_to(output).as_posix()
    relative = href.lstrip("/") if href.startswith("/") else posixpath.join(base, href)
    target = output / posixpath.normpath(relative)
    return target if target.is_file() else None


def weigh(output: Path, page: Path) -> dict:
    """Weights of one page (see the module docstring)."""
    html = page.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    read, scripts, after = sizes(html), {}, {}
    for link in soup.select('link[rel~="stylesheet"]'):
        if link.get("media", "all") in ("print",):
            continue
        target = _local(output, page, link.get("href"))
        if target:
            _add(read, sizes(target.read_bytes()))
    for image in soup.select("img[src]"):
        target = _local(output, page, image["src"])
        if target:
            _add(read, sizes(target.read_bytes()))
    for script in soup.select("script[src]"):
        target = _local(output, page, script["src"])
        if target:
            _add(scripts, sizes(target.read_bytes()))
        bundle = _local(output, page, script.get("data-vega-bundle", ""))
        if bundle:
            _add(after, sizes(bundle.read_bytes()))
    return {
        "path": page.relative_to(output).as_posix(),
        "html": sizes(html),
        "to_read": read,
        "scripts": scripts,
        "after_load": after,
        "inline_svg_charts": len(soup.select("figure.chart svg")),
    }


def _first(output, pattern):
    found = sorted(output.glob(pattern))
    return found[0] if found else None


def page_kinds(output: Path, site=None) -> dict:
    """One page of each kind of the synthetic site (or of the project's own site)."""
    first_story = site.story_paths[0].stem if site else "russia-escalates-idlib-march-2019"
    last_story = site.story_paths[-1].stem if site else "reactions-idlib-escalation-march-2019"
    dataset = "synthetic-incidents" if site else "casualties"
    kinds = {
        "home": output / "index.html",
        "story with two charts" if site else "story with three charts": _first(
            output, f"*/*/{first_story}/index.html"
        ),
        "story without charts": _first(output, f"*/*/{last_story}/index.html"),
        "dataset page": output / "data" / dataset / "index.html",
        "dataset page 2": output / "data" / dataset / "page" / "2" / "index.html",
        "record page": _first(output, f"data/{dataset}/*/index.html"),
        "place page": output / "places" / "idlib-city" / "index.html",
        "data index": output / "data" / "index.html",
        "charts gallery": output / "charts" / "index.html",
        "tag page": _first(output, "tags/*/index.html") or _first(output, "tag/*.html"),
        "archives": _first(output, "archives/index.html") or _first(output, "archives.html"),
    }
    return {name: path for name, path in kinds.items() if path is not None and path.is_file()}


def page_weights(output: Path, site=None) -> dict:
    """{page kind: weights} for a built output folder."""
    return {name: weigh(output, path) for name, path in page_kinds(output, site).items()}
