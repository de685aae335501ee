"""The press plugin's setting and its documented default.

- MARSAD_WRITE_PROCESSES: how many processes render and write the pages once
  every generator has made its context; default ``min(2, os.cpu_count())``.
  1 writes every page in the build's own process, as Pelican does.
- PRESS_LAST_OUTPUT: the last good output, where pages kept by their key
  (:mod:`press.kept`) are copied from; default ``"output"``, beside content/.
- PRESS_CACHE_PATH: where the manifest of page keys is kept; default
  ``".press-cache"``, beside content/. Either set to ``""``: every page is rendered.
"""

from __future__ import annotations

import os


def default_processes() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def processes(settings) -> int:
    """MARSAD_WRITE_PROCESSES, checked: a whole number of at least 1."""
    value = settings.get("MARSAD_WRITE_PROCESSES", default_processes())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        from strict import abort  # plugins/strict: the build's problem list

        abort(
            [f"pelicanconf.py: MARSAD_WRITE_PROCESSES: expected a whole number, 1 or more, found {value!r}"]
        )
    return value


def fill_defaults(pelican):
    """initialized: put the default into the settings when pelicanconf.py leaves it out."""
    pelican.settings.setdefault("MARSAD_WRITE_PROCESSES", default_processes())
    processes(pelican.settings)
