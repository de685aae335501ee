"""Jinja filters that format dates, numbers and embedded JSON (templates compute nothing)."""

import datetime as dt
import json
from functools import lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from markupsafe import Markup

DEFAULT_LOCALE = "en_GB"


# Formatting the same few dates and numbers thousands of times is most of a
# large build's template time in Babel; each result depends only on its arguments.
# The datasets and charts plugins format through these two as well.
@lru_cache(maxsize=8192, typed=True)
def format_day(value, pattern="long", locale=DEFAULT_LOCALE):
    """A date in a Babel pattern: 'long' gives '17 March 2019'."""
    return format_date(value, pattern, locale=locale)


def long_date(value, locale=DEFAULT_LOCALE):
    """'17 March 2019' (or the locale's long form)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_day(value, "long", locale)


def long_datetime(value, locale=DEFAULT_LOCALE):
    """'17 March 2019, 13:41 +03:00' in the article's own timezone."""
    return format_datetime(value, "d MMMM y, HH:mm xxx", locale=locale)


def iso(value):
    """ISO 8601 for <time datetime> and JSON-LD."""
    return value.isoformat()


@lru_cache(maxsize=8192, typed=True)
def number(value, locale=DEFAULT_LOCALE):
    """Group digits: 110393 -> '110,393'."""
    return format_decimal(value, locale=locale)


def json_script(value):
    """JSON safe to place inside <script>: escapes <, >, &, ' and U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("'", "\\u0027"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)


def make_filters(locale=DEFAULT_LOCALE):
    """The filters, with dates and numbers formatted for ``locale`` (setting LOCALE_BABEL)."""
    return {
        "long_date": lambda value: long_date(value, locale),
        "long_datetime": lambda value: long_datetime(value, locale),
        "iso": iso,
        "number": lambda value: number(value, locale),
        "json_script": json_script,
    }
