"""Python-Markdown's work on each story, kept between builds while the story is unchanged.

Converting Markdown is most of the time a warm build spends reading stories.
Pelican has a reader cache of its own (CACHE_CONTENT with
CONTENT_CACHING_LAYER "reader"), but it pickles, and a pickle runs code when it
is loaded: Marsad's caches hold data, never code (docs/security.md). This one
keeps, per story, what Python-Markdown gives the reader: the body's HTML, the
raw metadata block (key -> lines) and the HTML of each formatted field. The
metadata is processed again on every build (dates, tags, authors: cheap), the
newsroom's checks run again on every build, and the body is cleaned again by
nh3 (plugins/articles/sanitize.py), so a cache entry can never skip a check.

An entry's key is the sha256 of the source text, the Markdown settings,
FORMATTED_FIELDS, this plugin's code and every installed package's version.
The cache is one JSON file per run (per language) in ARTICLES_CACHE_PATH,
holding only the entries that run used; anything that is not exactly that shape
is ignored and the stories are converted afresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from press.files import replacing

logger = logging.getLogger(__name__)

FORMAT = "1"  # bump when what is stored changes
DEFAULT_PATH = ".content-cache"


def cache_file(settings) -> Path | None:
    """The run's cache file, or None when ARTICLES_CACHE_PATH is "" (off)."""
    folder = settings.get("ARTICLES_CACHE_PATH", DEFAULT_PATH)
    if not folder:
        return None
    if not os.path.isabs(folder):
        # Beside content/, like the data and chart caches.
        folder = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), folder)
    return Path(folder) / f"markdown-{settings.get('DEFAULT_LANG', 'en')}.json"


def _valid(entry) -> bool:
    """Is ``entry`` exactly what :meth:`MarkdownCache.store` writes?"""
    if not isinstance(entry, dict) or set(entry) != {"content", "meta", "formatted"}:
        return False
    meta, formatted = entry["meta"], entry["formatted"]
    return (
        isinstance(entry["content"], str)
        and isinstance(meta, dict)
        and all(
            isinstance(values, list) and all(isinstance(line, str) for line in values)
            for values in meta.values()
        )
        and isinstance(formatted, dict)
        and all(isinstance(key, str) and isinstance(html, str) for key, html in formatted.items())
        and set(formatted) <= {key.lower() for key in meta}
    )


class MarkdownCache:
    """Entries of one run: looked up by key, the used and new ones written at the end."""

    def __init__(self, settings):
        from datasets.cache import code_digest  # the one "code and versions" digest of the caches

        self.path = cache_file(settings)
        self.salt = "|".join(
            [
                FORMAT,
                json.dumps(settings.get("MARKDOWN", {}), sort_keys=True, default=repr),
                ",".join(settings.get("FORMATTED_FIELDS", [])),
                code_digest(Path(__file__).parent),
            ]
        )
        self.kept: dict = {}
        self.used: dict = {}
        if self.path is not None:
            self.kept = self._load()

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {key: entry for key, entry in found.items() if isinstance(key, str) and _valid(entry)}

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\x00{text}".encode()).hexdigest()

    def lookup(self, key: str):
        """The entry kept for ``key`` (content, meta, formatted), or None."""
        entry = self.kept.get(key) or _CONVERTED.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def store(self, key: str, content: str, meta: dict, formatted: dict):
        self.used[key] = _CONVERTED[key] = {"content": content, "meta": meta, "formatted": formatted}

    def save(self):
        """Write this run's entries (atomically); a cache that cannot be written is skipped."""
        if self.path is None or self.used.keys() == self.kept.keys():
            return
        try:
            with replacing(self.path) as out:
                json.dump(self.used, out, ensure_ascii=False)
        except OSError as error:
            logger.warning("articles: cannot write the Markdown cache %s: %s", self.path, error)


_RUNS: dict = {}  # id(settings) of a run -> its MarkdownCache
# Entries converted by any run of this build: each language's run reads every
# source (plugins/i18n drops the other languages' afterwards), so on a cold
# build the second run finds the first one's work here.
_CONVERTED: dict = {}


def _main_run(settings) -> bool:
    """Is this the main site's run (the first language), which no other run encloses?"""
    languages = list(settings.get("LANGUAGES") or [])
    return not languages or settings.get("DEFAULT_LANG") == languages[0]


def for_run(settings) -> MarkdownCache:
    """The cache of the Pelican run whose settings these are (made on first use)."""
    if id(settings) not in _RUNS:
        if _main_run(settings):
            # A new build: whatever a stopped one left (a dev server's failed
            # preview never reaches finalized) is not kept alive.
            _RUNS.clear()
            _CONVERTED.clear()
        _RUNS[id(settings)] = MarkdownCache(settings)
    return _RUNS[id(settings)]


def save_before_writing(pelican):
    """get_writer: every story of the run is read; write the run's cache now and let go
    of its entries, so that the HTML they hold is not kept while the pages are written."""
    cache = _RUNS.get(id(pelican.settings))
    if cache is not None:
        cache.save()
        cache.kept, cache.used = {}, {}  # save() at finalized then has nothing to write


def save_run(pelican):
    """finalized: write the run's cache and forget it."""
    cache = _RUNS.pop(id(pelican.settings), None)
    if cache is not None:
        cache.save()
    if not _RUNS:  # the last run of the build (the main site's, around its subsites)
        _CONVERTED.clear()
