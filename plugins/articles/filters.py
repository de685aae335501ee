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
# Digits: "latn" (0-9) or a CLDR numbering system such as "arab" (Arabic-Indic).
# Babel formats with the system's separators (numbering_system) but always
# writes 0-9, and ships no digit table: the digits of the systems Marsad's
# languages may use are listed here (CLDR numberingSystems.xml).
LATIN_DIGITS = "latn"
DIGITS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


def with_digits(text, digits=LATIN_DIGITS, locale=DEFAULT_LOCALE):
    """``text`` with 0-9 written in the numbering system ``digits``."""
    if digits == LATIN_DIGITS:
        return text
    return text.translate(str.maketrans("0123456789", DIGITS[digits]))


@lru_cache(maxsize=8192, typed=True)
def format_day(value, pattern="long", locale=DEFAULT_LOCALE, digits=LATIN_DIGITS):
    """A date in a Babel pattern: 'long' gives '17 March 2019' ('17 آذار 2019' in ar_SY)."""
    return with_digits(format_date(value, pattern, locale=locale), digits, locale)


def long_date(value, locale=DEFAULT_LOCALE, digits=LATIN_DIGITS):
    """'17 March 2019' (or the locale's long form)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_day(value, "long", locale, digits)


def long_datetime(value, locale=DEFAULT_LOCALE, digits=LATIN_DIGITS):
    """'17 March 2019, 13:41 +03:00' in the article's own timezone."""
    if not _right_to_left(locale):
        return with_digits(format_datetime(value, "d MMMM y, HH:mm xxx", locale=locale), digits, locale)
    # Right to left: the Arabic comma, and the offset isolated (U+2066...U+2069) so
    # that "+02:00" keeps its sign on the left instead of reading "02:00+".
    text = format_datetime(value, "d MMMM y، HH:mm", locale=locale)
    offset = format_datetime(value, "xxx", locale=locale)
    return with_digits(f"{text} \u2066{offset}\u2069", digits, locale)


@lru_cache(maxsize=16)
def _right_to_left(locale):
    from babel import Locale

    return Locale.parse(locale).character_order == "right-to-left"


def iso(value):
    """ISO 8601 for <time datetime> and JSON-LD."""
    return value.isoformat()


@lru_cache(maxsize=8192, typed=True)
def number(value, locale=DEFAULT_LOCALE, digits=LATIN_DIGITS):
    """Group digits: 110393 -> '110,393' (or '١١٠٬٣٩٣' with digits 'arab')."""
    return with_digits(format_decimal(value, locale=locale, numbering_system=digits), digits, locale)


# What json_script escapes: (character, its JSON escape).
SCRIPT_ESCAPES = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("'", "\\u0027"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def json_script(value):
    """JSON safe to place inside <script>: escapes <, >, &, ' and U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    for char, escaped in SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return Markup(text)


def is_script_safe(text: str) -> bool:
    """True if ``text`` holds none of the characters :func:`json_script` escapes (so it
    cannot end the <script> it is placed in): the test for JSON escaped earlier."""
    return not any(char in text for char, _ in SCRIPT_ESCAPES)


def make_filters(locale=DEFAULT_LOCALE, digits=LATIN_DIGITS):
    """The filters, with dates and numbers formatted for ``locale`` (setting LOCALE_BABEL)."""
    return {
        "long_date": lambda value: long_date(value, locale, digits),
        "long_datetime": lambda value: long_datetime(value, locale, digits),
        "iso": iso,
        "number": lambda value: number(value, locale, digits),
        "json_script": json_script,
    }
