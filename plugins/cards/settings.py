"""The cards plugin's settings and their documented defaults.

All are optional in pelicanconf.py (read with ``settings.get(NAME, DEFAULT)``):

- CARDS_STORY_SAVE_AS: where each story's social card goes, ``{slug}`` the
  story's slug; default ``cards/{slug}.png`` (under each language's site, so
  the Arabic story's card is /ar/cards/<slug>.png). Empty: stories get no card.
- CARDS_CHART_SAVE_AS: where each named chart's card goes (the image its chart
  page shares), ``{name}`` the chart's name; default ``charts/{name}/card.png``.
  Empty: chart pages get no card.
- CARDS_CACHE_PATH: where drawn cards are kept between builds, one PNG per
  hash of everything it is drawn from; default ``.card-cache`` beside the
  content folder (gitignored).
- CARDS_WORKERS: processes drawing the cards not kept (while the pages are
  written); default the number of cores. 1: drawn one by one as they are written.
- CARDS_PARALLEL_MIN: fewest cards to draw before worker processes are worth
  starting (each costs about a second); default 16.
"""

from __future__ import annotations

import os
from typing import Any

DEFAULTS: dict[str, Any] = {
    "CARDS_STORY_SAVE_AS": "cards/{slug}.png",
    "CARDS_CHART_SAVE_AS": "charts/{name}/card.png",
    "CARDS_CACHE_PATH": ".card-cache",
    "CARDS_WORKERS": os.cpu_count() or 1,
    "CARDS_PARALLEL_MIN": 16,
}


def get(settings, name):
    """A setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def cache_path(settings) -> str:
    """CARDS_CACHE_PATH, relative paths taken from the folder holding content/."""
    path = get(settings, "CARDS_CACHE_PATH") or DEFAULTS["CARDS_CACHE_PATH"]
    if os.path.isabs(path):
        return path
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)


def fill_defaults(pelican):
    """initialized: put every default into the settings (templates read none, plugins all)."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
