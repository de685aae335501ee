"""Each story's and page's address worked out once, when every plugin has set it.

Pelican's ``Content.url`` and ``save_as`` are properties that format the URL
settings again on every access (tens of thousands of times in a large build:
every story card, feed entry, sitemap line and alternate link). Once all the
generators have read their content and every plugin has changed what it
changes (slugs, translations linked by pelican-i18n-subsites, which does it in
its own get_writer handler, before this one), the addresses no longer change:
they are kept in ``override_url`` / ``override_save_as``, Pelican's own
attributes for a fixed address, which its properties return as they are.
"""

import weakref

# id(settings) of a run -> weak references to its generators, until it writes (weak:
# a run stopped before writing, such as a dev server's failed preview, is not kept).
_GENERATORS: dict = {}


def remember_generators(generators):
    """all_generators_finalized: the run's generators, for :func:`fix_addresses`."""
    for key in [key for key, kept in _GENERATORS.items() if any(ref() is None for ref in kept)]:
        del _GENERATORS[key]
    if generators:
        _GENERATORS[id(generators[0].settings)] = [weakref.ref(generator) for generator in generators]


def fix_addresses(pelican):
    """get_writer: keep each content's url and save_as as they are now (and index the
    taxonomies' story lists, plugins/articles/taxonomies.py)."""
    from pelican.contents import Content

    from .contents import every_content
    from .taxonomies import index_taxonomies

    kept = _GENERATORS.pop(id(pelican.settings), ())
    generators = [generator for generator in (ref() for ref in kept) if generator is not None]
    index_taxonomies(generators)
    for generator in generators:
        for content in every_content(generator):
            if not isinstance(content, Content):
                continue  # a plugin generator's own "pages" (datasets, places)
            for key in ("url", "save_as"):
                if not hasattr(content, f"override_{key}"):
                    setattr(content, f"override_{key}", getattr(content, key))
