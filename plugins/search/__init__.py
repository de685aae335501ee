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
  Two parts: stories, datasets, places and charts in ``SEARCH_BUNDLE_DIR``,
  record pages in its ``records/`` (a query loads the first part first).
- ``cache.py``: keeps the last index and reuses it while no page changed.

Settings (defaults in settings.py, documented in pelicanconf.py):
``SEARCH_INDEX``, ``SEARCH_BUNDLE_DIR``, ``SEARCH_TIMEOUT``.
"""

from pelican import signals

from . import facets, index


def _add_filters(pelican):
    """initialized (once per language): facets in the language being built."""
    settings = pelican.settings
    text = facets.ENGLISH
    samples: tuple[tuple[str, int], ...] = (("one", 1), ("other", 2))  # English, without plugins/i18n
    if "i18n" in settings.get("PLUGINS", []):
        from datasets.filters import text_for
        from i18n import plural_samples

        text, samples = text_for(settings), plural_samples(settings)
    # A new dict: an i18n subsite's settings start as a shallow copy of the main site's.
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **facets.make_filters(text)}
    settings["SEARCH_PLURAL_SAMPLES"] = samples
    settings["SEARCH_DIGITS"] = text.digits
    index.fill_defaults(settings)


def register():
    signals.initialized.connect(_add_filters)
    signals.finalized.connect(index.build_index)
