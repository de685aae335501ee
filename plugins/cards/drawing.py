"""Draw the cards not kept from an earlier build in worker processes, started when
Pelican asks for its writer (signal ``get_writer``: a build, never ``make check``),
so they are drawn while Pelican writes the pages; the cards generator waits for
them before it copies the cards into the output.

Measuring and drawing a card takes vl-convert a good part of a second; a cold
build of a large archive draws thousands. Workers are started with "spawn" (a
fresh interpreter), as the charts plugin's are: forking a process that already
runs vl-convert's JavaScript engine is unsafe. A card of the same text is drawn
once (a story led by a chart shares the chart page's card).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import site
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from charts.draw import ended_children_cpu

from . import settings as card_settings
from .layout import first_measures
from .measure import measured
from .plan import PLANNED
from .render import card_key, draw, kept_path

logger = logging.getLogger(__name__)
DRAWINGS: dict = {}  # id(settings) -> CardDrawing of that (sub)site, until written


def _draw_batch(texts_and_cache):
    """Draw a batch of cards in a worker; how many were drawn. Their words are
    measured first, together (a Vega view costs vl-convert some 4 ms, a word in it
    well under one)."""
    texts, cache_dir = texts_and_cache
    measured([key for text in texts for key in first_measures(text)])
    return sum(draw(text, cache_dir)[1] for text in texts)


class CardDrawing:
    """The cards of a (sub)site that are not kept, being drawn by ``workers`` processes
    (when there are at least ``parallel_min`` of them; else the writer draws them)."""

    def __init__(self, cards, cache_dir, workers=2, parallel_min=16):
        todo = {}
        for card in cards:
            text = card.drawn_text()  # a chart card's drawing, read from its figure now
            key = card_key(text)
            if key not in todo and not os.path.isfile(kept_path(cache_dir, key)):
                todo[key] = text
        self.pool = self.pending = None
        self.drawn, self.started = 0, time.monotonic()
        self.workers_cpu = 0.0  # user + system seconds of the workers, once they ended
        if workers > 1 and len(todo) >= max(parallel_min, 2):
            plugins_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            processes = min(workers, len(todo))
            self.pool = ProcessPoolExecutor(
                processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=site.addsitedir,
                initargs=(plugins_dir,),
            )
            texts = list(todo.values())
            size = max(1, len(texts) // (processes * 32))  # small batches: the workers end together
            batches = [(texts[i : i + size], cache_dir) for i in range(0, len(texts), size)]
            self.pending = self.pool.map(_draw_batch, batches)
            # If the build stops before the cards are written (another plugin aborted),
            # drop the queued cards instead of drawing them at exit (as charts.draw does).
            threading._register_atexit(self.cancel)  # type: ignore[attr-defined]  # private, see above
            logger.info("Cards: drawing %d in %d processes", len(texts), processes)

    def wait(self) -> int:
        """Wait for the workers; how many cards they drew."""
        if self.pool is not None:
            try:
                self.drawn = sum(self.pending or ())
                logger.info("Cards: %d drawn in %.2f s", self.drawn, time.monotonic() - self.started)
            finally:
                before = ended_children_cpu()
                self.pool.shutdown(cancel_futures=True)
                self.workers_cpu = ended_children_cpu() - before
                self.pool = None
        return self.drawn

    def cancel(self):
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def start(settings):
    """Start drawing the planned cards of the (sub)site with these settings."""
    planned = PLANNED.pop(id(settings), None)
    if planned:
        DRAWINGS[id(settings)] = CardDrawing(
            planned,
            card_settings.cache_path(settings),
            card_settings.get(settings, "CARDS_WORKERS"),
            card_settings.get(settings, "CARDS_PARALLEL_MIN"),
        )


def wait(settings) -> tuple[int, float]:
    """Wait for the (sub)site's drawing, if one was started; (how many cards it drew,
    the workers' CPU seconds)."""
    drawing = DRAWINGS.pop(id(settings), None)
    if drawing is None:
        return 0, 0.0
    return drawing.wait(), drawing.workers_cpu
