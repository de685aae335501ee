"""The datasets plugin's page settings and their documented defaults.

All are optional in pelicanconf.py (read with :func:`get`; documented in docs/data.md).
The data settings (DATASETS_PATH, DATASETS_MAX_BYTES, DATASETS_TODAY) are read
in signals.py.

- DATASETS_TABLE_PAGE_SIZE: most records a dataset page shows in one table;
  default 100. A dataset with at most that many records gets the whole table on
  data/<id>/ plus one pre-rendered page per sort order (data/<id>/sort/...). A
  bigger one is split into numbered pages in date order (data/<id>/, then
  data/<id>/page/2/, ...) without sorted variants: readers sort and filter the
  CSV/JSON download instead.
- DATASETS_CHARTS_SHOWN: most charts shown on a dataset's page (data/<id>/ only);
  default 4. When the dataset has more, the page links to the charts gallery.
- CHARTS_GALLERY_URL: the gallery that link points to; default ``charts/`` (the
  charts plugin's setting, read here with the same default).
- DATASETS_COUNTRY_CODE: ISO 3166-1 alpha-3 code of the country the gazetteer
  covers, written in the CSV downloads' #country+code column; default "" (no
  such column).
"""

from __future__ import annotations

DEFAULTS = {
    "DATASETS_TABLE_PAGE_SIZE": 100,
    "DATASETS_CHARTS_SHOWN": 4,
    "CHARTS_GALLERY_URL": "charts/",
    "DATASETS_COUNTRY_CODE": "",
}


def get(settings, name):
    """A setting, or its default."""
    return settings.get(name, DEFAULTS[name])
