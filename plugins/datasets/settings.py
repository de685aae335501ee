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
- DATASETS_SOURCES_SHOWN: a dataset of at most this many distinct sources lists
  each one on its page; a bigger one shows its publishers instead (at most this
  many, most cited first, with the number of reports of each), so that the page
  stays light however many reports it cites; default 50. Each record lists its
  own sources in the table and on its page; the downloads carry them all.
- DATASETS_JSONLD_CITATIONS: most sources named in a dataset's JSON-LD
  ``citation`` (the most cited first); default 20.
"""

from __future__ import annotations

DEFAULTS = {
    "DATASETS_TABLE_PAGE_SIZE": 100,
    "DATASETS_CHARTS_SHOWN": 4,
    "CHARTS_GALLERY_URL": "charts/",
    "DATASETS_COUNTRY_CODE": "",
    "DATASETS_SOURCES_SHOWN": 50,
    "DATASETS_JSONLD_CITATIONS": 20,
}


def get(settings, name):
    """A setting, or its default."""
    return settings.get(name, DEFAULTS[name])
