"""Write a figure for the story's language, with Babel (articles.filters.number)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from articles.filters import number  # the one memoised Babel number formatter
from datasets.model import Range

from . import settings as figure_settings

LATIN = "latn"


@dataclass(frozen=True)
class Writing:
    """How a story writes numbers: its language, Babel locale and digits."""

    language: str
    locale: str
    digits: str = LATIN  # a CLDR numbering system: "latn" (0-9), "arab" (٠-٩)

    def number(self, value) -> str:
        if self.digits == LATIN:
            return number(value, self.locale)
        return number(value, self.locale, self.digits)


def writing_for(content, settings) -> Writing:
    """The story's language, and the locale and digits its figures are written in.

    The site's own language uses LOCALE_BABEL; another language the locale the
    LANGUAGES setting gives it (plugins/i18n), else FIGURES_LOCALES. Digits come
    from LANGUAGES too ("digits"), as for every other number the edition shows.
    """
    default = settings.get("DEFAULT_LANG", "en")
    language = getattr(content, "lang", None) or default
    languages = settings.get("LANGUAGES")
    entry = (languages.get(language) if isinstance(languages, dict) else None) or {}
    if language == default:
        locale = settings.get("LOCALE_BABEL", "en_GB")
    else:
        locale = entry.get("locale") or figure_settings.get(settings, "FIGURES_LOCALES").get(
            language, language
        )
    return Writing(language, locale, entry.get("digits") or LATIN)


def _pattern(settings, name, language):
    table = figure_settings.get(settings, name)
    return table.get(language) or table.get(language.split("_")[0]) or table["en"]


def figure_text(found, shortcode, writing, settings):
    """'15', '15-17', 'between 15 and 17', 'at least 89', '110,393' ... as plain text.

    Returns (text, problem); problem names an unknown ``range=`` style.
    """
    value = found.value
    if isinstance(value, Range) and not value.exact:
        formats = _pattern(settings, "FIGURES_RANGE_FORMATS", writing.language)
        style = shortcode.options.get("range") or figure_settings.get(settings, "FIGURES_RANGE_FORMAT")
        if style not in formats:
            return None, f"{shortcode.kind}: range={style}: expected one of {', '.join(sorted(formats))}"
        text = formats[style].format(min=writing.number(value.min), max=writing.number(value.max))
    else:
        text = writing.number(value.min if isinstance(value, Range) else value)
    if found.at_least:
        text = _pattern(settings, "FIGURES_AT_LEAST", writing.language).format(figure=text)
    return text, None


def figure_html(found, text, writing, settings, link=True):
    """The figure linked to the page its records are on; a total says what it leaves out.

    The link is Pelican's own ``{static}/<address>`` (process.py registers the
    address), so Pelican writes it for each page that shows the story's text:
    relative on the story's page, absolute in the feed.
    """
    shown = escape(text)
    if link:
        shown = f'<a class="figure" href="{{static}}/{escape(found.url)}">{shown}</a>'
    if found.missing:
        pattern = _pattern(settings, "FIGURES_WITHOUT_FIGURE", writing.language)
        shown = escape(pattern).format(
            figure=shown,
            missing=writing.number(found.missing),
            records=writing.number(len(found.records)),
        )
    return shown
