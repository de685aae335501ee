"""Wire the datasets plugin into Pelican's signals.

Settings (read with defaults, documented in docs/data.md):
- DATASETS_PATH: the data directory; default ``data`` beside the content folder.
- DATASETS_MAX_BYTES: largest data file accepted; default 5 MB.
- DATASETS_TODAY: the date after which a record date counts as "in the future"
  (an ISO date string); default today's date.

The page settings (DATASETS_TABLE_PAGE_SIZE, default 100; DATASETS_CHARTS_SHOWN,
default 4) are documented in settings.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from pelican import signals

import i18n  # plugins/i18n: the site's languages
from strict import abort  # plugins/strict comes first in PLUGINS

from . import cache, downloads, filters
from .load import DEFAULT_MAX_BYTES
from .model import SharedParts
from .validate import PLACES_FILE, build_catalog, check_articles, data_files

logger = logging.getLogger(__name__)


def data_settings(settings):
    """(data directory, directory names are shown relative to, size cap, today)."""
    site_root = Path(os.path.dirname(os.path.abspath(settings["PATH"])))
    data_dir = Path(settings.get("DATASETS_PATH", "data"))
    if not data_dir.is_absolute():
        data_dir = site_root / data_dir
    today = settings.get("DATASETS_TODAY")
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    return (
        data_dir,
        data_dir.parent,
        int(settings.get("DATASETS_MAX_BYTES", DEFAULT_MAX_BYTES)),
        today or dt.date.today(),
    )


def load_catalog(generator):
    """generator_init: load and validate data/ once, into the shared context."""
    context = generator.context
    if "catalog" in context:
        return
    data_dir, shown_base, max_bytes, today = data_settings(generator.settings)
    languages = [language.code for language in i18n.languages(generator.settings)[1:]]
    cache_dir, key = _cache_place(generator.settings, data_dir, max_bytes, today, languages)
    catalog = cache.load_catalog(cache_dir, key) if key else None
    if catalog is None:
        catalog, problems = build_catalog(data_dir, shown_base, max_bytes, today, languages)
        if problems:
            abort(problems)
        if key:
            cache.store_catalog(cache_dir, key, catalog)
        catalog = SharedParts()(catalog)  # as cache.load_catalog does while loading
    if key:
        downloads.remember(catalog, cache_dir, key)  # its downloads may be kept by that key
    context["catalog"] = catalog
    logger.debug(
        "datasets: loaded %d places and %d datasets from %s",
        len(catalog.places),
        len(catalog.datasets),
        data_dir,
    )


def _cache_place(settings, data_dir, max_bytes, today, languages=()):
    """(cache folder, key), or (None, None) when the cache is off or cannot apply."""
    folder = settings.get("DATASETS_CACHE_PATH", ".data-cache")
    if not folder or not data_dir.is_dir():
        return None, None
    if not os.path.isabs(folder):
        folder = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), folder)
    files = [p for p in [data_dir / PLACES_FILE, *data_files(data_dir)] if p.is_file()]
    if any(p.stat().st_size > max_bytes for p in files):
        return None, None  # let the loader report the file that is too large
    return folder, cache.catalog_key(data_dir, files, max_bytes, f"{today}|{','.join(languages)}")


def check_article_slugs(generator):
    """article_generator_finalized: every ``articles`` slug is a published story."""
    catalog = generator.context.get("catalog")
    if catalog is None:
        return
    stories = [
        *generator.articles,
        *generator.translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    # A story that failed to read has reported its own problems (plugins/articles).
    unreadable = set(generator.settings.get("ARTICLES_UNREADABLE_SLUGS", ()))
    from i18n import stories_in_every_language  # a translation's slug counts too

    known = {story.slug for story in stories} | unreadable | stories_in_every_language()
    problems = check_articles(catalog, known)
    if problems:
        abort(problems)


def add_filters(pelican):
    """initialized: Jinja filters that format data values."""
    settings = pelican.settings
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **filters.make_filters(settings)}


def get_generators(pelican):
    from .pages import DataPagesGenerator

    return DataPagesGenerator


def connect():
    """Connect loading, checks, filters and page generation."""
    signals.initialized.connect(add_filters)
    signals.generator_init.connect(load_catalog)
    signals.article_generator_finalized.connect(check_article_slugs)
    signals.get_generators.connect(get_generators)
