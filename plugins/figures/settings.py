"""Settings of plugins/figures, with their defaults (documented in docs/figures.md).

FIGURES_RANGE_FORMAT: how a range ("15-17") is written unless a shortcode says
    ``range=<name>``; one of the names in FIGURES_RANGE_FORMATS. Default "dash".
FIGURES_RANGE_FORMATS: {language: {name: pattern}}; a pattern has {min} and {max}.
FIGURES_AT_LEAST: {language: pattern}: a figure published as "no less than" ({figure}).
FIGURES_WITHOUT_FIGURE: {language: pattern}: a total some of whose records give
    no figure; {figure}, {missing} (records without one) and {records} (all).
FIGURES_LOCALES: {language: Babel locale} for stories whose language is not the
    site's DEFAULT_LANG and that LANGUAGES (plugins/i18n) gives no locale (the
    site's own language uses LOCALE_BABEL).
FIGURES_CHECK_PAGES: also hold pages (About...) to the count rule. Default True.
FIGURES_CACHE_PATH: where the counts found in each story's prose are kept between
    builds (memo.py), beside content/ unless absolute; "" keeps nothing. Default
    ".figures-cache".
"""

DEFAULTS = {
    "FIGURES_RANGE_FORMAT": "dash",
    "FIGURES_RANGE_FORMATS": {
        "en": {"dash": "{min}-{max}", "words": "between {min} and {max}"},
        "ar": {"dash": "{min}-{max}", "words": "بين {min} و{max}"},
    },
    "FIGURES_AT_LEAST": {"en": "at least {figure}", "ar": "ما لا يقل عن {figure}"},
    "FIGURES_WITHOUT_FIGURE": {
        "en": "{figure} (no figure given for {missing} of the {records} records)",
        "ar": "{figure} (من دون رقم في {missing} من أصل {records} من السجلات)",
    },
    "FIGURES_LOCALES": {"en": "en_GB", "ar": "ar"},
    "FIGURES_CHECK_PAGES": True,
    "FIGURES_CACHE_PATH": ".figures-cache",
}


def fill_defaults(pelican):
    """initialized: every FIGURES_ setting present, so the plugin reads them plainly."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
