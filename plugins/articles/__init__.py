"""Articles: the newsroom's metadata rules, safe article HTML and structured data.

- Every Markdown file's metadata is checked against ``ARTICLE_METADATA_KEYS``:
  an unknown key, a missing title/date/category or a date without time and
  timezone fails the build, naming the file, line and key.
- Rendered article HTML is cleaned with nh3 (an allowlist), because
  Python-Markdown passes raw HTML through.
- Each article gets ``corrections`` (a dated log) and ``jsonld`` (schema.org
  NewsArticle) for the templates, and Jinja gets Babel date/number filters.
"""

from pelican import signals

from . import addresses, cache, filters, reader, sanitize, structured


def _add_filters(pelican):
    settings = pelican.settings
    locale = settings.get("LOCALE_BABEL", filters.DEFAULT_LOCALE)
    digits = filters.LATIN_DIGITS
    if "i18n" in settings.get("PLUGINS", []):
        from i18n import digits as language_digits

        digits = language_digits(settings)
    # A new dict: an i18n subsite's settings start as a shallow copy of the main site's.
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **filters.make_filters(locale, digits)}


def register():
    signals.initialized.connect(_add_filters)
    signals.readers_init.connect(reader.install)
    signals.content_object_init.connect(sanitize.clean_content)
    signals.all_generators_finalized.connect(structured.add_structured_data)
    signals.all_generators_finalized.connect(addresses.remember_generators)
    # After pelican-i18n-subsites' own get_writer handler (plugins/i18n registers first).
    signals.get_writer.connect(addresses.fix_addresses)
    signals.get_writer.connect(cache.save_before_writing)
    # The sources' texts serve the checks that run while stories are read (figures,
    # related, charts); a page being written needs none: let them go before writing
    # (finalized too, for ``make check``, which never asks for a writer).
    signals.get_writer.connect(reader.forget_texts)
    signals.finalized.connect(cache.save_run)
    signals.finalized.connect(reader.forget_texts)
