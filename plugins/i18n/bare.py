"""Jinja filters and globals that let the theme render without this plugin.

benchmarks/bench.py times bare Pelican (PLUGINS = []) on Marsad's theme: the
templates' {% trans %} and _() then print the English messages as they are.
"""

from __future__ import annotations


def _gettext(message, **variables):
    return message % variables if variables else message


def _ngettext(singular, plural, count, **variables):
    message = singular if count == 1 else plural
    return message % variables if variables else message


FILTERS = {"translate": lambda text: text, "in_main_site": lambda path: path}
GLOBALS = {"gettext": _gettext, "ngettext": _ngettext}
