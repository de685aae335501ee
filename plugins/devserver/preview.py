"""Previews: Pelican's whole pipeline, run again in this warm process, writing few pages.

Pelican 4.12 removed its ``WRITE_SELECTED`` setting; :func:`writing_only` puts
the same rule back in this process alone: while a preview runs, Pelican's Writer
writes an HTML page or feed only when its output path was asked for. Plugins'
own files (downloads, chart files, _headers) go to the preview's scratch folder
and are thrown away; only the asked-for pages are kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from pelican import Pelican, signals, writers
from pelican.settings import read_settings

from . import fastdata, fastpath

logger = logging.getLogger(__name__)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory across previews.

    Pelican makes a new Jinja environment for every generator of every run, and
    compiling the theme is most of a small site's run; Jinja checks each
    template's source checksum, so an edited template is compiled again.
    """

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Selection:
    """Output paths (absolute) a preview writes, and the sources whose pages join them."""

    paths: set[str]
    changed_sources: set[str]
    story_pages: dict[str, list[str]] = field(default_factory=dict)  # source -> output paths
    sites: list[list] = field(default_factory=list)  # each language site's generators


_active: Selection | None = None
_lock = threading.Lock()
_write_file = writers.Writer.write_file
_write_feed = writers.Writer.write_feed


def _selected_write_file(self, name, template, context, *args, **kwargs):
    if _active is not None and (
        not name or os.path.normpath(os.path.join(self.output_path, name)) not in _active.paths
    ):
        return None
    return _write_file(self, name, template, context, *args, **kwargs)


def _selected_write_feed(self, *args, **kwargs):
    if _active is not None:
        return None  # feeds are never shown in the browser; the full build writes them
    return _write_feed(self, *args, **kwargs)


writers.Writer.write_file = _selected_write_file
writers.Writer.write_feed = _selected_write_feed


def _contents(generator):
    for name in ("articles", "translations", "hidden_articles", "hidden_translations", "pages"):
        yield from getattr(generator, name, None) or []
    yield from getattr(generator, "hidden_pages", None) or []


def _note_story_pages(generators):
    """all_generators_finalized: the saved stories' pages (and their translations') join the selection.

    Runs before that site writes anything (each language's site sends it after
    making its contexts), so the pages are written in the same preview."""
    if _active is None:
        return
    _active.sites.append(list(generators))
    for generator in generators:
        for content in _contents(generator):
            if not getattr(content, "save_as", None) or not getattr(content, "source_path", None):
                continue  # plugins' own pages (the charts gallery) come from no story
            path = os.path.normpath(os.path.join(generator.output_path, content.save_as))
            _active.story_pages.setdefault(content.source_path, []).append(path)
            family = [content, *getattr(content, "translations", [])]
            if any(getattr(member, "source_path", None) in _active.changed_sources for member in family):
                _active.paths.add(path)


signals.all_generators_finalized.connect(_note_story_pages)


@dataclass
class PreviewResult:
    """What a preview made: {output path relative to output/: bytes}, or the problems."""

    pages: dict[str, bytes]
    problems: list[str]
    seconds: float
    fast: bool = False  # made by the fast path (fastpath.py), not a whole pipeline run


class Preview:
    """Runs Pelican in this process again and again for one project's settings file."""

    def __init__(self, settings_file: Path):
        self.settings_file = Path(settings_file)
        self.templates = MemoryBytecodeCache()
        self.kept: fastpath.Kept | None = None  # the last good preview's sites (fastpath.py)

    def _settings(self, scratch):
        settings = read_settings(
            str(self.settings_file), override={"OUTPUT_PATH": scratch, "DELETE_OUTPUT_DIRECTORY": False}
        )
        settings["SEARCH_INDEX"] = False  # Pagefind indexes the full build's output, not a preview's
        # A preview writes a few pages: forking a page writer (plugins/press) would cost more.
        settings["MARSAD_WRITE_PROCESSES"] = 1
        settings["JINJA_ENVIRONMENT"] = {
            **settings.get("JINJA_ENVIRONMENT", {}),
            "bytecode_cache": self.templates,
        }
        return settings

    def render(self, wanted: set[str], changed_sources: set[str]) -> PreviewResult:
        """Run the pipeline; keep the pages ``wanted`` (relative to output/) and those
        of the stories and pages read from ``changed_sources`` (absolute paths)."""
        global _active
        started = time.perf_counter()
        scratch = tempfile.mkdtemp(prefix="marsad-preview-")
        selection = Selection(
            {os.path.normpath(os.path.join(scratch, page)) for page in wanted}, changed_sources
        )
        problems: list[str] = []
        self.kept = None  # not two sites' worth in memory while this run makes its own
        with _lock:
            _reset_between_runs()
            _active = selection
            try:
                Pelican(self._settings(scratch)).run()
            except SystemExit:  # strict.BuildFailed: the problems were logged and collected
                pass
            except Exception as error:  # a plugin's bug, not the author's: say so and keep serving
                traceback.print_exc()  # to the terminal, not to strict's list of the author's problems
                problems.append(
                    f"the preview stopped on an error in Marsad's code: {error!r} (terminal has the traceback)"
                )
            finally:
                _active = None
            problems = _collected_problems() + problems
            self.kept = None if problems else fastpath.keep(selection.sites, scratch)
        pages = {}
        if not problems:
            for path in sorted(selection.paths):
                with contextlib.suppress(FileNotFoundError):
                    pages[os.path.relpath(path, scratch)] = Path(path).read_bytes()
        threading.Thread(target=shutil.rmtree, args=(scratch, True), daemon=True).start()
        return PreviewResult(pages, problems, time.perf_counter() - started)

    def fast(self, changed_sources: set[str], wanted: set[str] | None = None) -> PreviewResult | None:
        """The fast path for a save of stories, a named chart or a dataset file alone
        (fastpath.py, fastdata.py); None when it cannot apply (then :meth:`render`)."""
        if self.kept is None or not changed_sources:
            return None
        updates = [self._fast_update(self.kept, path, set(wanted or ())) for path in sorted(changed_sources)]
        if any(update is None for update in updates):
            return None
        started = time.perf_counter()
        pages: dict[str, bytes] = {}
        with _lock:
            _reset_between_runs()
            try:
                for update in updates:
                    result = update()
                    if result is None:
                        return None
                    if result.problems:
                        return PreviewResult({}, result.problems, time.perf_counter() - started, True)
                    pages.update(result.pages)
            except Exception:  # a gap in the fast path: the full preview is the safe way
                traceback.print_exc()
                self.kept = None
                return None
            finally:
                _forget_texts()
        return PreviewResult(pages, [], time.perf_counter() - started, fast=True)

    @staticmethod
    def _fast_update(kept: fastpath.Kept, path: str, wanted: set[str]):
        """The fast path that fits a saved file, or None."""
        from charts.settings import charts_path  # plugins/charts: CHARTS_PATH

        problems = _collected_problems
        charts = str(charts_path(kept.sites[0].generators[0].settings)) if kept.sites else None
        if path.endswith(fastpath.STORY_SUFFIXES):
            return lambda: fastpath.update_story(kept, path, problems)
        if path in kept.data_texts:
            return lambda: fastdata.update_record(kept, path, wanted, problems)
        if os.path.dirname(path) == charts and path.endswith((".yml", ".yaml")):
            return lambda: fastdata.update_chart(kept, path, wanted, problems)
        return None


def warm_drawing():
    """Import the chart builder and start vl-convert's JavaScript runtime in this process
    once, while no one waits: the first chart spec saved is then drawn as fast as the
    next (its first drawing here took 3-4 s more). Builds draw in worker processes."""
    try:
        import importlib

        import vl_convert

        importlib.import_module("charts.build")  # plugins/charts: Altair, when it is used
        vl_convert.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}})
    except Exception:  # noqa: BLE001 - only a head start; the first chart draws it anyway
        logger.debug("devserver: could not warm the chart drawing", exc_info=True)


def _forget_texts():
    with contextlib.suppress(ImportError):
        from articles.reader import forget_texts  # plugins/articles: each source read once a run

        forget_texts()


def _reset_between_runs():
    """What Pelican's plugins keep per run, reset as Pelican's own autoreload needs it.

    pelican-i18n-subsites forgets its main site only when a run finishes; a run
    stopped by a problem would leave it set, and the next run would skip its subsites.
    """
    from pelican.plugins.i18n_subsites import i18n_subsites

    i18n_subsites._MAIN_SETTINGS = None
    with contextlib.suppress(ImportError):
        import strict

        strict.forget_problems()


def _collected_problems() -> list[str]:
    try:
        import strict
    except ImportError:
        return []
    seen: dict[str, None] = {}
    for problem in strict.problems():
        seen.setdefault(problem)
    return list(seen)
