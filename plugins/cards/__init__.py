"""Cards: a social card (og:image, twitter:image) for every story and chart page.

Each story gets a 1200 x 630 PNG drawn at build time: its lead chart, or a
typographic card with its headline, the site's name, section and date, in the
story's language and direction. Each named chart gets one too, for its chart
page (plugins/chartpages). vl-convert (already used for the charts) draws them,
text included (it shapes Arabic); the cards are kept in CARDS_CACHE_PATH so a
warm build draws none. See docs/charts.md ("Social cards"); settings in
settings.py.
"""

from pelican import signals

from . import settings


def _plan(generator):
    from .plan import plan_cards

    plan_cards(generator)


def _generators(pelican):
    from .write import CardsGenerator

    return CardsGenerator


def _start_drawing(pelican):
    """get_writer (a build, not ``make check``: pages are about to be written):
    start drawing the cards not kept, in worker processes (drawing.py)."""
    from .drawing import start

    start(pelican.settings)


def register():
    signals.initialized.connect(settings.fill_defaults)
    signals.article_generator_finalized.connect(_plan)
    signals.get_generators.connect(_generators)
    signals.get_writer.connect(_start_drawing)
