"""Write a figure for the story's language, with Babel (articles.filters.number)."""

from __future__ import annotations

from html import escape

from articles.filters import number  # the one memoised Babel number formatter
from datasets.model import Range

from . import settings as figure_settings


def language_and_locale(content, settings):
    """The story's language and the Babel locale its figures are written in."""
    language = getattr(content, "lang", None) or settings.get("DEFAULT_LANG", "en")
    if language == settings.get("DEFAULT_LANG", "en"):
        return language, settings.get("LOCALE_BABEL", "en_GB")
    locales = figure_settings.get(settings, "FIGURES_LOCALES")
    return language, locales.get(language, language)


def _pattern(settings, name, language):
    table = figure_settings.get(settings, name)
    return table.get(language) or table.get(language.split("_")[0]) or table["en"]


def figure_text(found, shortcode, language, locale, settings):
    """'15', '15-17', 'between 15 and 17', 'at least 89', '110,393' ... as plain text.

    Returns (text, problem); problem names an unknown ``range=`` style.
    """
    value = found.value
    if isinstance(value, Range) and not value.exact:
        formats = _pattern(settings, "FIGURES_RANGE_FORMATS", language)
        style = shortcode.options.get("range") or figure_settings.get(settings, "FIGURES_RANGE_FORMAT")
        if style not in formats:
            return None, f"{shortcode.kind}: range={style}: expected one of {', '.join(sorted(formats))}"
        text = formats[style].format(min=number(value.min, locale), max=number(value.max, locale))
    else:
        text = number(value.min if isinstance(value, Range) else value, locale)
    if found.at_least:
        text = _pattern(settings, "FIGURES_AT_LEAST", language).format(figure=text)
    return text, None


def figure_html(found, text, language, locale, settings, link=True):
    """The figure linked to the page its records are on; a total says what it leaves out.

    The link is Pelican's own ``{static}/<address>`` (process.py registers the
    address), so Pelican writes it for each page that shows the story's text:
    relative on the story's page, absolute in the feed.
    """
    shown = escape(text)
    if link:
        shown = f'<a class="figure" href="{{static}}/{escape(found.url)}">{shown}</a>'
    if found.missing:
        pattern = _pattern(settings, "FIGURES_WITHOUT_FIGURE", language)
        shown = escape(pattern).format(
            figure=shown,
            missing=number(found.missing, locale),
            records=number(len(found.records), locale),
        )
    return shown
