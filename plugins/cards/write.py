"""Write the cards of a (sub)site into its output folder, drawing those not kept.

``CARDS_CACHE_PATH/last-build-<language>.json`` says how many cards the last
run of each language wrote and drew, in how many seconds, and the CPU seconds
(user + system) of the worker processes that drew them.
"""

from __future__ import annotations

import json
import logging
import os
import time

from pelican.generators import Generator

from . import settings as card_settings
from .drawing import wait
from .render import copy_into, draw

logger = logging.getLogger(__name__)


class CardsGenerator(Generator):
    """Writes the PNG of every card the site's stories and chart pages name."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        cards = {card.save_as: card for card in self.context.get("social_cards") or ()}
        if not cards:
            return
        cache_dir = card_settings.cache_path(self.settings)
        started = time.monotonic()
        drawn, workers_cpu = wait(self.settings)  # the workers drawing the cards not kept (drawing.py)
        for save_as, card in sorted(cards.items()):
            kept, new = draw(card.drawn_text(), cache_dir)
            drawn += new
            copy_into(kept, os.path.join(self.output_path, save_as))
        seconds = time.monotonic() - started
        logger.info("Cards: %d written, %d drawn, in %.2f s", len(cards), drawn, seconds)
        # What this run did, per language (tests and benchmarks read it).
        language = self.settings.get("DEFAULT_LANG", "en")
        with open(os.path.join(cache_dir, f"last-build-{language}.json"), "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "written": len(cards),
                    "drawn": drawn,
                    "seconds": round(seconds, 3),
                    "workers_cpu_s": round(workers_cpu, 3),
                },
                handle,
            )
