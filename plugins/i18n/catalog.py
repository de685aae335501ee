"""Gettext catalogs: check every interface string is translated, compile, load.

The catalogs are ``<I18N_TRANSLATIONS_PATH>/<code>/LC_MESSAGES/messages.po``
(default: theme/translations), one per language other than the default one.
At the start of a build each is checked against the strings Babel extracts
from the templates and plugins (babel.cfg) and compiled to a .mo file under
``I18N_GETTEXT_LOCALEDIR`` (default: .i18n-cache beside content/), where
Jinja's i18n extension (installed by i18n_subsites) and :func:`translation`
read it.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from press.files import replacing

from .languages import current_language, languages

ROOT = Path(__file__).resolve().parents[2]  # the repository: babel.cfg, theme/, plugins/
DOMAIN = "messages"
BABEL_CONFIG = "babel.cfg"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def translations_path(settings) -> Path:
    """Where the .po files are: I18N_TRANSLATIONS_PATH, default <THEME>/translations."""
    return Path(
        settings.get("I18N_TRANSLATIONS_PATH")
        or Path(settings.get("THEME") or ROOT / "theme") / "translations"
    )


def babel_config(settings) -> Path:
    """The extraction settings: I18N_BABEL_CONFIG, default babel.cfg beside the theme folder."""
    return Path(
        settings.get("I18N_BABEL_CONFIG")
        or Path(settings.get("THEME") or ROOT / "theme").parent / BABEL_CONFIG
    )


def compiled_path(settings) -> Path:
    """Where the compiled .mo files go (a build cache, not committed)."""
    folder = settings.get("I18N_GETTEXT_LOCALEDIR")
    if folder:
        return Path(folder)
    return Path(os.path.dirname(os.path.abspath(settings["PATH"]))) / ".i18n-cache"


def po_file(settings, code) -> Path:
    return translations_path(settings) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _shown(path) -> str:
    path = Path(path)
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def interface_strings(config):
    """{msgid: 'file:line'} of every string marked in the templates and plugins
    (paths in babel.cfg are relative to its folder)."""
    config = Path(config)
    root = config.parent
    with open(config, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    # Story metadata is checked per site (its content folder may be elsewhere).
    method_map = [(pattern, method) for pattern, method in method_map if not pattern.startswith("content/")]
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def check_catalog(path, code, needed) -> list[str]:
    """Problems of one .po file: untranslated or fuzzy messages, strings it lacks."""
    shown = _shown(path)
    if not path.is_file():
        return [f"{shown}:1: {code}: catalog: expected the {code} translations, found no file"]
    catalog = _read(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.fuzzy or not all(strings):
            problems.append(
                f"{shown}:{message.lineno}: {code}: msgid {msgid!r}: expected a translation, "
                f"found {'a fuzzy one' if message.fuzzy else 'none'}"
            )
    have = {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id}
    for msgid, where in sorted(needed.items(), key=lambda item: item[1]):
        if msgid not in have:
            problems.append(
                f"{where}: {code}: msgid {msgid!r}: expected a translation in {shown}, found none"
            )
    return problems


def compile_catalogs(settings) -> list[str]:
    """Check and compile the catalog of every language but the default one."""
    config = babel_config(settings)
    if not config.is_file():
        return [
            f"{_shown(config)}:1: catalog: expected Babel's extraction settings (babel.cfg), found no file"
        ]
    others = languages(settings)[1:]
    # Extracting every marked string reads all templates and plugins: only when
    # some catalog needs checking (a one-language build has none).
    needed = interface_strings(str(config)) if others else {}
    problems = []
    for language in others:
        path = po_file(settings, language.code)
        found = check_catalog(path, language.code, needed)
        problems += found
        if found:
            continue
        target = compiled_path(settings) / language.code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        with replacing(target, text=False) as handle:
            write_mo(handle, _read(path))
    _load.cache_clear()
    return problems


@lru_cache(maxsize=16)
def _load(folder, code):
    return Translations.load(folder, [code], DOMAIN)


def translation(settings) -> gettext.NullTranslations:
    """The gettext translations of the language being built (null for the default one).

    Plugins translate their own strings with it: ``translation(settings).gettext("Killed")``.
    """
    language = current_language(settings)
    if not language.prefix:
        return NullTranslations()
    return _load(str(compiled_path(settings)), language.code)


def translation_in(settings, language) -> gettext.NullTranslations:
    """The gettext translations of another of the site's languages (a ``Language``),
    for the few lines a page gives in a language other than its own (the root 404 page)."""
    if not language.prefix:
        return NullTranslations()
    return _load(str(compiled_path(settings)), language.code)


def babel_locale(settings) -> str:
    """The Babel locale of the language being built ('en_GB', 'ar_SY')."""
    return current_language(settings).locale


@lru_cache(maxsize=16)
def _plural_samples(locale: str) -> tuple[tuple[str, int], ...]:
    from babel import Locale

    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for count in range(1000):
        samples.setdefault(rule(count), count)
    return tuple(samples.items())


def plural_samples(settings) -> tuple[tuple[str, int], ...]:
    """One count for each CLDR plural category of the language being built, e.g.
    (("zero", 0), ("one", 1), ("two", 2), ("few", 3), ("many", 11), ("other", 100))
    for Arabic: a template writes ``ngettext(..., count)`` for each, and a script
    picks the one ``Intl.PluralRules`` names, so a count in the browser gets the
    catalog's plural form (the same CLDR rules as Babel's)."""
    return _plural_samples(babel_locale(settings))
