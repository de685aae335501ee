"""The charts plugin's settings and their documented defaults.

All are optional in pelicanconf.py (read with ``settings.get(NAME, DEFAULT)``):

- CHARTS_PATH: folder of named chart specs; default ``charts`` inside DATASETS_PATH.
- CHARTS_CACHE_PATH: where rendered SVGs are kept between builds; default
  ``.chart-cache`` beside the content folder (the project root; gitignored).
- CHARTS_WIDTH: width in CSS pixels (axes included) of the static SVG drawn for
  phones; default 350, a phone's column (390 px less the page's margins), so its
  text shows at the size it was drawn.
- CHARTS_WIDE_WIDTH: width of the static SVG drawn for wider columns (tablets and
  desktops); default 660. charts.css shows one of the two by the column's width.
- CHARTS_DOWNLOAD_SAVE_AS: where each named chart's "Download image" files go,
  ``{name}`` the chart's name and ``{ext}`` png or svg; default
  ``charts/{name}/{name}.{ext}``. Empty: no downloads.
- CHARTS_BASEMAP_PATH: folder of the basemap GeoJSON (countries.geojson,
  governorates.geojson); default the repository's data/geo/.
- CHARTS_WORKERS: processes rendering charts; default the number of cores.
- CHARTS_PARALLEL_MIN: fewest charts to render before worker processes are worth
  their start-up (about a second); default 16.
- CHARTS_SOURCES_SHOWN: most sources a chart's caption names (the rest are
  counted and left to the dataset page, where each record names its own);
  default 6; 0 names them all.
- CHARTS_MODULES: Python modules to import that register custom chart functions;
  default none. They are imported from the project root.
- CHARTS_GALLERY_SAVE_AS / CHARTS_GALLERY_URL: the gallery's first page; default
  ``charts/index.html`` / ``charts/``. An empty SAVE_AS writes no gallery.
- CHARTS_GALLERY_PAGE_SIZE: charts on each gallery page; default 24 (0 or None:
  all on one page).
- CHARTS_GALLERY_PAGE_SAVE_AS / CHARTS_GALLERY_PAGE_URL: the gallery's later
  pages, ``{number}`` from 2; default ``charts/page/{number}/index.html`` /
  ``charts/page/{number}/``.
- CHARTS_BUNDLE_SAVE_AS: the self-hosted Vega bundle; default
  ``<THEME_STATIC_DIR>/js/vega-bundle.{hash}.js``. ``{hash}`` becomes the first
  12 hex digits of the sha256 of the bundle's bytes, so a new bundle gets a new
  name and hosts may cache it for good: the pattern (``{hash}`` as ``*``) is added
  to SECURITY_IMMUTABLE_FILES, which gives it a long immutable Cache-Control in
  _headers (plugins/security). Without ``{hash}`` the name stays as written.
  Pages do not load it with a <script> tag: charts.js fetches it after the page
  has loaded.
"""

from __future__ import annotations

import os

from .spool import with_charts

DEFAULTS = {
    "CHARTS_WIDTH": 350,
    "CHARTS_WIDE_WIDTH": 660,
    "CHARTS_WORKERS": os.cpu_count() or 1,
    "CHARTS_PARALLEL_MIN": 16,
    "CHARTS_MODULES": [],
    "CHARTS_SOURCES_SHOWN": 6,
    "CHARTS_DOWNLOAD_SAVE_AS": "charts/{name}/{name}.{ext}",
    "CHARTS_GALLERY_SAVE_AS": "charts/index.html",
    "CHARTS_GALLERY_URL": "charts/",
    "CHARTS_GALLERY_PAGE_SIZE": 24,
    "CHARTS_GALLERY_PAGE_SAVE_AS": "charts/page/{number}/index.html",
    "CHARTS_GALLERY_PAGE_URL": "charts/page/{number}/",
}


def get(settings, name):
    """A setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def project_root(settings) -> str:
    """The folder holding content/ (and data/, the cache)."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def _under_root(settings, path):
    return path if os.path.isabs(path) else os.path.join(project_root(settings), path)


def charts_path(settings) -> str:
    if settings.get("CHARTS_PATH"):
        return _under_root(settings, settings["CHARTS_PATH"])
    return os.path.join(_under_root(settings, settings.get("DATASETS_PATH", "data")), "charts")


def cache_path(settings) -> str:
    return _under_root(settings, settings.get("CHARTS_CACHE_PATH") or ".chart-cache")


def fill_defaults(pelican):
    """initialized: put every default into the settings (templates read some)."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    # Stories carry their figures' large parts as markers until written (spool.py).
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "with_charts": with_charts}
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    settings.setdefault("CHARTS_BUNDLE_SAVE_AS", f"{static_dir}/js/vega-bundle.{{hash}}.js")
    _cache_bundle_for_good(settings)


def _cache_bundle_for_good(settings):
    """A bundle named by its hash may be cached for good: list it in SECURITY_IMMUTABLE_FILES."""
    bundle = settings["CHARTS_BUNDLE_SAVE_AS"]
    if not bundle or "{hash}" not in bundle:
        return
    immutable = list(settings.get("SECURITY_IMMUTABLE_FILES") or [])
    pattern = bundle.replace("{hash}", "*")
    if pattern not in immutable:
        settings["SECURITY_IMMUTABLE_FILES"] = [*immutable, pattern]
