"""Every path the build will publish, worked out before any file is written.

Used to check site-relative links in stories ("/data/casualties/"): such a link
is fine when its path is one of these. Pages of other plugins come from
``sitemap_extra_urls`` (data, place, record and chart pages), downloads from the
catalog, and more from the setting RELATED_EXTRA_PATHS.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit


def normal(path):
    """'/a/b/index.html?x#y' -> 'a/b': the form paths are compared in."""
    path = unquote(urlsplit(path).path).lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")


def _content_paths(generators):
    for generator in generators:
        for attr in (
            "articles",
            "translations",
            "hidden_articles",
            "hidden_translations",
            "pages",
            "hidden_pages",
            "staticfiles",
        ):
            for item in getattr(generator, attr, None) or ():
                yield getattr(item, "save_as", "")
                yield getattr(item, "url", "")
        for attr in ("categories", "tags", "authors"):
            found = getattr(generator, attr, None) or ()
            for item in found.keys() if isinstance(found, dict) else (pair[0] for pair in found):
                yield item.save_as
                yield item.url


def _settings_paths(settings):
    for name in settings.get("DIRECT_TEMPLATES", ()):
        yield settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
    for name in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        if settings.get(name):
            yield settings[name]
    yield settings.get("INDEX_SAVE_AS", "index.html")


def _theme_paths(settings):
    theme = settings.get("THEME", "")
    target = settings.get("THEME_STATIC_DIR", "theme")
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = os.path.join(theme, folder)
        for directory, _, files in os.walk(root):
            for name in files:
                relative = os.path.relpath(os.path.join(directory, name), root)
                yield f"{target}/{relative}".replace(os.sep, "/")


def _catalog_paths(catalog):
    """The downloads; the datasets plugin lists its pages in ``sitemap_extra_urls``."""
    for dataset in catalog.datasets.values():
        yield dataset.csv_url
        yield dataset.json_url
        yield dataset.datapackage_url


def known_paths(generators, settings, context, catalog, extra=(), redirects=()):
    """Normalised paths of every page and file the build will publish."""
    paths: set[str] = set()
    for group in (
        _content_paths(generators),
        _settings_paths(settings),
        _theme_paths(settings),
        _catalog_paths(catalog) if catalog is not None else (),
        context.get("sitemap_extra_urls") or (),
        extra,
        redirects,
    ):
        paths.update(normal(p) for p in group if p)
    paths.add("")
    return paths
