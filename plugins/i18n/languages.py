"""The site's languages, from the setting LANGUAGES (pelicanconf.py).

LANGUAGES is an ordered dict ``{code: {...}}``; its first key is DEFAULT_LANG,
built at the site root, and every other language is built as a subsite under
/<code>/. Each language's settings (all optional but ``name``):

- ``name``: the language's own name, shown in the language switch ("العربية").
- ``locale``: Babel locale for dates and numbers (default: the code).
- ``direction``: "ltr" or "rtl" (default "ltr").
- ``digits``: "latn" (0-9) or the locale's own numbering system such as "arab"
  (٠-٩); default "latn" (docs/i18n.md says why for Arabic).
- ``settings``: Pelican settings that differ in this language (SITENAME, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """One edition of the site: its code, name, Babel locale, direction and digits."""

    code: str
    name: str
    locale: str
    direction: str = "ltr"
    digits: str = "latn"
    prefix: str = ""  # "" for the default language, else "<code>" (its folder under the site root)
    settings: dict = field(default_factory=dict, compare=False, hash=False)


# (id(LANGUAGES setting), DEFAULT_LANG, LOCALE_BABEL) -> (the setting, a copy of it, languages):
# every page asks for the languages several times (language switch, in_main_site,
# digits), so they are worked out once for each value of the settings they come from.
_KNOWN: dict = {}


def languages(settings) -> list[Language]:
    """Every language of the site, the default one first."""
    configured = settings.get("LANGUAGES") or {}
    default = settings.get("DEFAULT_LANG", "en")
    locale = settings.get("LOCALE_BABEL")
    key = (id(configured), default, locale)
    known = _KNOWN.get(key)
    if known is not None and known[0] is configured and known[1] == configured:
        return list(known[2])
    result = _languages(settings)
    if isinstance(configured, dict) and configured is settings.get("LANGUAGES"):  # not a fresh {}
        import copy

        _KNOWN[key] = (configured, copy.deepcopy(configured), tuple(result))
    return result


def _languages(settings) -> list[Language]:
    default = settings.get("DEFAULT_LANG", "en")
    configured = settings.get("LANGUAGES") or {}
    if isinstance(configured, (list, tuple)):
        # A plain list of codes: stories may be written in these languages, but
        # they are published in one site, in the default language's interface.
        configured = {default: {}}
    if default not in configured:  # LANGUAGES does not describe this site: one language
        configured = {default: {}}
    main = next(iter(configured))
    result = []
    for code, options in configured.items():
        options = options or {}
        result.append(
            Language(
                code=code,
                name=options.get("name", code),
                locale=options.get("locale")
                or (settings.get("LOCALE_BABEL", code) if code == main else code),
                direction=options.get("direction", "ltr"),
                digits=options.get("digits", "latn"),
                prefix="" if code == main else code,
                settings=dict(options.get("settings") or {}),
            )
        )
    return result


def main_language(settings) -> Language:
    """The language built at the site root."""
    return languages(settings)[0]


def current_language(settings) -> Language:
    """The language being built (a subsite's DEFAULT_LANG is its own code)."""
    code = settings.get("DEFAULT_LANG")
    for language in languages(settings):
        if language.code == code:
            return language
    return main_language(settings)
