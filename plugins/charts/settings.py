"""The charts plugin's settings and their documented defaults.

All are optional in pelicanconf.py (read with ``settings.get(NAME, DEFAULT)``):

- CHARTS_PATH: folder of named chart specs; default ``charts`` inside DATASETS_PATH.
- CHARTS_CACHE_PATH: where rendered SVGs are kept between builds; default
  ``.chart-cache`` beside the content folder (the project root; gitignored).
- CHARTS_WIDTH: width in pixels of the static SVG's plot (it scales to the column);
  default 360, legible on a phone.
- CHARTS_WORKERS: processes rendering charts; default the number of cores.
- CHARTS_PARALLEL_MIN: fewest charts to render before worker processes are worth
  their start-up (about a second); default 16.
- CHARTS_MODULES: Python modules to import that register custom chart functions;
  default none. They are imported from the project root.
- CHARTS_GALLERY_SAVE_AS / CHARTS_GALLERY_URL: the gallery page; default
  ``charts/index.html`` / ``charts/``.
- CHARTS_BUNDLE_SAVE_AS: the self-hosted Vega bundle; default
  ``<THEME_STATIC_DIR>/js/vega-bundle.js``.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "CHARTS_WIDTH": 360,
    "CHARTS_WORKERS": os.cpu_count() or 1,
    "CHARTS_PARALLEL_MIN": 16,
    "CHARTS_MODULES": [],
    "CHARTS_GALLERY_SAVE_AS": "charts/index.html",
    "CHARTS_GALLERY_URL": "charts/",
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
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    settings.setdefault("CHARTS_BUNDLE_SAVE_AS", f"{static_dir}/js/vega-bundle.js")
