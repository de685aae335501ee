"""Chart pages: a page of its own for every named chart, and one to embed.

/charts/<name>/ shows the chart with everything its figure carries, the
stories that use it, its social card and the code to embed it;
/charts/<name>/embed/ is the page other sites put in an <iframe> (the only
pages the _headers file lets another site frame). Both exist in every
language's site. See docs/charts.md ("Chart pages and embeds"); settings in
settings.py.
"""

from pelican import signals

from . import settings


def _generators(pelican):
    from .pages import ChartPagesGenerator

    return ChartPagesGenerator


def register():
    signals.initialized.connect(settings.fill_defaults)
    signals.get_generators.connect(_generators)
