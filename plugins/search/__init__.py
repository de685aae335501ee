"""Search: a Pagefind index of the built site, and what its pages tell the index.

- ``facets.py``: Jinja filters that compute, for a story, record, dataset,
  place or chart page, the values the index files it under (kind, date,
  governorates, dataset, year, other spellings of its places). Templates print
  them as ``data-pagefind-*`` attributes (``partials/search_facets.html``).
- ``index.py``: at the end of a successful run (signal ``finalized``) runs the
  Pagefind binary from PyPI (``pagefind[bin]``) over the output folder, so
  every build, ``invoke build`` and a bare ``pelican`` run alike, carries its
  index. ``invoke build`` runs Pelican into a staging folder and swaps it in
  only when Pelican exited 0, so output/ never holds a site without its index.

Settings (defaults in settings.py, documented in pelicanconf.py):
``SEARCH_INDEX``, ``SEARCH_BUNDLE_DIR``, ``SEARCH_TIMEOUT``.
"""

from pelican import signals

from . import facets, index


def _add_filters(pelican):
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(facets.FILTERS)
    index.fill_defaults(pelican.settings)


def register():
    signals.initialized.connect(_add_filters)
    signals.finalized.connect(index.build_index)
