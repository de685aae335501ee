"""Each page's versions in the other languages: the language switch and hreflang.

Addresses are worked out in "output" coordinates, the path from the root of the
whole output (the default language's site): a subsite's pages sit under its
prefix ("ar/..."). A story or page links to its translation (Pelican pairs
them by slug; i18n_subsites points each translation at its native address); a
story without one links to the other language's front page and says so. Every
other page (data, places, charts, listings) exists at the same path in every
language, except a section, topic or reporter page that only one language has:
those are known from each site's stories.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from .languages import current_language, languages

# {language code: addresses of its section, topic and reporter pages}; filled
# as each (sub)site's stories are generated, which all happens before writing.
_TAXONOMY_URLS: dict[str, set[str]] = {}


@dataclass(frozen=True)
class Alternate:
    """A page's version in one language."""

    code: str
    name: str  # in its own language ("العربية"), for the switch
    name_here: str  # in the language of the page ("Arabic" on an English page)
    direction: str
    href: str  # relative to the current site's SITEURL (use as "{{ SITEURL }}/{{ href }}")
    absolute: str  # for <link rel="alternate" hreflang>
    exists: bool  # False: no translation, href leads to that language's front page
    current: bool


def remember_taxonomies(generator):
    """article_generator_finalized: the listing pages this language has."""
    urls = set()
    for name in ("categories", "tags", "authors"):
        for entry in getattr(generator, name, None) or []:
            wrapper = entry[0] if isinstance(entry, tuple) else entry
            urls.add(wrapper.url)
    _TAXONOMY_URLS[current_language(generator.settings).code] = urls


@lru_cache(maxsize=64)
def _display_name(code, locale):
    try:
        return Locale.parse(locale).languages.get(code) or code
    except (ValueError, LookupError):
        return code


def _page_path(output_file):
    path = output_file or ""
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path


def _origin(settings):
    origin = settings.get("I18N_MAIN_ORIGIN") or settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")
    return origin.rstrip("/")


def _href(here, target):
    """``target`` (output coordinates) seen from the current site's root ``here``."""
    if here:
        target = posixpath.relpath(target or ".", here) + ("/" if target.endswith("/") or not target else "")
        return "" if target == "./" else target
    return target


def _translation_path(content, language, here):
    """Output path of ``content``'s translation into ``language``, or None."""
    if getattr(content, "lang", None) == language.code:
        return posixpath.join(here, content.url) if here else content.url
    for translation in getattr(content, "translations", None) or []:
        if translation.lang == language.code:
            path = posixpath.normpath(posixpath.join(here or ".", translation.url))
            return "" if path == "." else path + ("/" if translation.url.endswith("/") else "")
    return None


def with_translations(jsonld, alternates, main_code):
    """A story's JSON-LD with its translation relation (schema.org workTranslation /
    translationOfWork), from the page's ``alternates``."""
    if not jsonld:
        return jsonld
    others = [a for a in alternates if a.exists and not a.current]
    if not others:
        return jsonld
    data = dict(jsonld)
    own = next((a for a in alternates if a.current), None)
    if own is not None and own.code == main_code:
        data["workTranslation"] = [
            {"@type": data.get("@type", "CreativeWork"), "url": a.absolute, "inLanguage": a.code}
            for a in others
        ]
    else:
        original = next((a for a in others if a.code == main_code), others[0])
        data["translationOfWork"] = {
            "@type": data.get("@type", "CreativeWork"),
            "url": original.absolute,
            "inLanguage": original.code,
        }
    return data


def language_links(settings, output_file, content=None):
    """Every language's version of the page being written, the current one included."""
    current = current_language(settings)
    here = current.prefix
    page = _page_path(output_file)
    links = []
    for language in languages(settings):
        if content is not None and getattr(content, "url", None) is not None:
            target = _translation_path(content, language, here)
        elif page in _TAXONOMY_URLS.get(current.code, ()) and page not in _TAXONOMY_URLS.get(
            language.code, ()
        ):
            target = None
        else:
            target = posixpath.join(language.prefix, page) if language.prefix else page
        exists = target is not None
        if not exists:
            target = f"{language.prefix}/" if language.prefix else ""
        links.append(
            Alternate(
                code=language.code,
                name=language.name,
                name_here=_display_name(language.code, current.locale),
                direction=language.direction,
                href=_href(here, target),
                absolute=f"{_origin(settings)}/{target}",
                exists=exists,
                current=language.code == current.code,
            )
        )
    return links
