"""The chart types a spec may name, and the registry of editors' custom chart functions.

Kept apart from build.py so that checking specs does not import Altair: a
build whose charts all come from the cache never needs it.
"""

from __future__ import annotations

from .spec import BUILTIN_TYPES

CUSTOM: dict = {}


def register(name):
    """Decorator for data editors: a function (records, catalog, spec) -> Altair chart.

    Editors import it as ``from charts.build import register`` (docs/charts.md).
    """

    def wrap(function):
        CUSTOM[name] = function
        return function

    return wrap


def known_types():
    """Chart types a spec may name (``custom`` maps to the registered functions)."""
    return {**{name: None for name in BUILTIN_TYPES if name != "custom"}, "custom": CUSTOM}
