"""Charts: declarative chart specs -> Altair -> static SVG + interactive Vega-Lite.

Named charts live in data/charts/<name>.yml; authors embed one with
``{chart: name}`` alone in a paragraph, or write a one-off chart in a
```` ```chart ```` block. Each chart becomes a <figure> (partials/figure.html)
with its caption, source, an accessible data table and an inline SVG rendered by
vl-convert; charts.js swaps in the interactive view when JavaScript runs.
Named charts also appear on their dataset's page and in the /charts/ gallery.
See docs/charts.md; settings in settings.py.
"""

from pelican import signals

from . import settings


def _generators(pelican):
    from .pages import ChartsGenerator

    return ChartsGenerator


def _start(generator):
    from .prepare import start

    start(generator)


def _prepare(generator):
    from .prepare import prepare

    prepare(generator)


def register():
    signals.initialized.connect(settings.fill_defaults)
    signals.generator_init.connect(_start)
    signals.article_generator_finalized.connect(_prepare)
    signals.get_generators.connect(_generators)
