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

from . import filters, reader, sanitize, structured


def _add_filters(pelican):
    locale = pelican.settings.get("LOCALE_BABEL", filters.DEFAULT_LOCALE)
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(filters.make_filters(locale))


def register():
    signals.initialized.connect(_add_filters)
    signals.readers_init.connect(reader.install)
    signals.content_object_init.connect(sanitize.clean_content)
    signals.all_generators_finalized.connect(structured.add_structured_data)
