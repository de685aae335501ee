"""Figures bound to data: shortcodes that put a record's figure into a story, and the
rule that no count reaches a reader without its source.

    {figure: idlib-city-2019-03-13 killed}            -> 15, linked to the record page
    {total: casualties killed place=idlib-city}       -> a total, summed as the dataset page does

A number in a story's prose that counts people, attacks, places, patrols or
families must be written with a shortcode or carry a footnote naming its source,
or the build fails naming the file, line and number. See docs/figures.md;
settings in settings.py.
"""

from pelican import signals

from . import settings


def _process(generator):
    from .process import process

    process(generator)


def register():
    signals.initialized.connect(settings.fill_defaults)
    signals.article_generator_pretaxonomy.connect(_process)
    signals.page_generator_finalized.connect(_process)
