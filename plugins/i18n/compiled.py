"""Compiled templates kept apart for each language.

Jinja works out a filter applied to a constant when it compiles a template
(``{{ "Data" | translate }}``, ``{{ "" | in_main_site }}``), and this plugin's
filters answer in the language being built. A bytecode cache shared by the
languages (pelicanconf.py's ``.jinja-cache``, the dev server's memory) would hand
one language's compiled answer to the other: so each language's templates are
kept under keys of their own.
"""

from __future__ import annotations

import jinja2


class LanguageBytecodeCache(jinja2.BytecodeCache):
    """``shared`` (any Jinja bytecode cache), with keys prefixed by ``language``."""

    def __init__(self, shared: jinja2.BytecodeCache, language: str):
        self.shared, self.language = shared, language

    def get_cache_key(self, name, filename=None) -> str:
        return f"{self.language}-{super().get_cache_key(name, filename)}"

    def load_bytecode(self, bucket):
        self.shared.load_bytecode(bucket)

    def dump_bytecode(self, bucket):
        self.shared.dump_bytecode(bucket)

    def clear(self):
        self.shared.clear()


def for_language(cache, language: str):
    """The bytecode cache a ``language`` build uses, given the one in its settings
    (a subsite's settings start as a copy of the main site's, already wrapped)."""
    if cache is None:
        return None
    if isinstance(cache, LanguageBytecodeCache):
        cache = cache.shared
    return LanguageBytecodeCache(cache, language)
