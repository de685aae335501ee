"""Marsad i18n: the site in every language of the setting LANGUAGES.

- The first language is built at the site root, each other one as a subsite
  under /<code>/ by pelican-i18n-subsites (pinned from PyPI), with that
  language's settings, so every plugin's pages exist in every language.
- Stories and pages pair with their translations the Pelican way (``Lang``
  metadata, same ``Slug``); an untranslated story is listed in its own language only.
- Interface strings are gettext messages ({% trans %}, ``_()`` in templates,
  ``N_()`` in Python); the catalogs are checked (a missing translation fails the
  build, with the .po or template file and line) and compiled at the start.
- Plugins translate their own strings with :func:`translation` and format
  with :func:`babel_locale` and :func:`digits`.
"""

from __future__ import annotations

import copy

from pelican import signals

from . import compiled, notfound, strings
from .alternates import language_links, remember_taxonomies, with_translations
from .catalog import (
    babel_locale,
    compile_catalogs,
    compiled_path,
    plural_samples,
    translation,
    translation_in,
)
from .languages import Language, current_language, languages, main_language

__all__ = [
    "Language",
    "babel_locale",
    "current_language",
    "digits",
    "languages",
    "main_language",
    "in_main_site",
    "is_main_site",
    "stories_in_every_language",
    "translation",
    "N_",
    "plural_samples",
]


def N_(message):
    """Mark a string for the catalog without translating it yet (shown with |translate)."""
    return message


# Slugs of every published or hidden story in any language. Each (sub)site
# drops the other languages' stories before its plugins check references, so a
# dataset naming a story of one language only would look like a dangling link.
_STORY_SLUGS: set[str] = set()


def _content_language(content):
    """content_object_init: a story or page without Lang is in the main language.

    Pelican would give it the DEFAULT_LANG of the (sub)site reading it, so the
    English stories would pass for Arabic ones in the Arabic subsite.
    """
    from pelican.contents import Article, Page

    if not isinstance(content, (Article, Page)) or "lang" in content.metadata:
        return
    content.lang = main_language(content.settings).code
    content.in_default_lang = content.lang == content.settings["DEFAULT_LANG"]


OTHER_LISTS = (
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "hidden_pages",
    "draft_pages",
)


def _keep_own_language(generator):
    """article/page_generator_finalized: drop drafts and hidden content of other languages.

    i18n_subsites moves published stories to their own language's site; the
    lists it leaves alone would publish an English draft under /ar/drafts/.
    """
    code = current_language(generator.settings).code
    for name in OTHER_LISTS:
        contents = getattr(generator, name, None)
        if contents:
            contents[:] = [content for content in contents if content.lang == code]


def _remember_story(content):
    """content_object_init: note a story's slug, whatever its language."""
    from pelican.contents import Article

    if isinstance(content, Article) and getattr(content, "status", "published") in ("published", "hidden"):
        _STORY_SLUGS.add(content.slug)


def stories_in_every_language() -> set[str]:
    """Slugs of the stories of every language read so far in this run."""
    return set(_STORY_SLUGS)


def in_main_site(settings, path) -> str:
    """``path`` of the main site, relative to the root of the (sub)site being built.

    Files published once for every language (the CSV and JSON downloads) live in
    the main site; an Arabic page links to them with ``{{ path | in_main_site }}``.
    """
    prefix = current_language(settings).prefix
    return f"{'../' * len(prefix.split('/'))}{path}" if prefix else path


def main_site_url(settings, path) -> str:
    """Absolute address of ``path`` in the main site, from any (sub)site: files
    published once for every language (downloads, the publisher's logo)."""
    origin = settings.get("I18N_MAIN_ORIGIN") or (settings.get("SITE_ORIGIN") or settings.get("SITEURL", ""))
    return f"{origin.rstrip('/')}/{path.lstrip('/')}"


def is_main_site(settings) -> bool:
    """Whether the site being built is the first language's (at the root)."""
    return not current_language(settings).prefix


def digits(settings) -> str:
    """Numbering system of the language being built: 'latn' (0-9) or e.g. 'arab'."""
    return current_language(settings).digits


def subsite_settings(settings) -> dict:
    """I18N_SUBSITES for pelican-i18n-subsites: each extra language's overrides."""
    origin = (settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")).rstrip("/")
    siteurl = settings.get("SITEURL", "").rstrip("/")
    feed_domain = (settings.get("FEED_DOMAIN") or origin).rstrip("/")
    site_path = settings.get("SITE_PATH", "")
    overrides = {}
    for language in languages(settings)[1:]:
        overrides[language.code] = {
            "SITEURL": f"{siteurl}/{language.code}",
            "SITE_ORIGIN": f"{origin}/{language.code}",
            "FEED_DOMAIN": f"{feed_domain}/{language.code}",
            "SITE_PATH": f"{site_path}/{language.code}",
            "LOCALE_BABEL": language.locale,
            "TEXT_DIRECTION": language.direction,
            # Story images are plain paths under the subsite: copy them there too.
            "STATIC_PATHS": list(settings.get("STATIC_PATHS", [])),
            "ROBOTS_SAVE_AS": "",  # one robots.txt, at the root, names every sitemap
            **language.settings,
        }
    return overrides


def check_languages(settings) -> list[str]:
    """Problems of the setting LANGUAGES, in the usual ``file: key: expected, found`` form."""
    from babel import Locale, UnknownLocaleError

    from articles.filters import DIGITS

    problems = []
    for language in languages(settings):
        where = f"settings: LANGUAGES[{language.code!r}]"
        if language.direction not in ("ltr", "rtl"):
            problems.append(f"{where}: direction: expected 'ltr' or 'rtl', found {language.direction!r}")
        if language.digits not in DIGITS:
            problems.append(f"{where}: digits: expected one of {sorted(DIGITS)}, found {language.digits!r}")
        try:
            Locale.parse(language.locale)
        except (ValueError, UnknownLocaleError):
            problems.append(
                f"{where}: locale: expected a Babel locale such as 'ar_SY', found {language.locale!r}"
            )
    return problems


def own_language_feeds(settings):
    """Each language's site feed lists that language's stories only.

    Pelican's FEED_ALL_ATOM/RSS mix in every translation; its FEED_ATOM/RSS hold
    the stories of the site's own language. The same paths move to the latter.
    """
    for kind in ("ATOM", "RSS"):
        if settings.get(f"FEED_ALL_{kind}") and not settings.get(f"FEED_{kind}"):
            settings[f"FEED_{kind}"] = settings[f"FEED_ALL_{kind}"]
            settings[f"FEED_ALL_{kind}"] = None


# Python-Markdown's footnotes extension (in "extra") titles each back-link; "{}"
# is the footnote's number.
FOOTNOTE_BACKLINK_TITLE = N_("Jump back to footnote {} in the text")


def footnotes_in_language(markdown, messages) -> dict:
    """A copy of the MARKDOWN setting whose footnote back-links are titled in the
    language of ``messages`` (the footnotes extension's BACKLINK_TITLE)."""
    markdown = copy.deepcopy(markdown or {})
    configs = markdown.setdefault("extension_configs", {})
    if "markdown.extensions.extra" in configs:  # extra passes each of its extensions its own options
        footnotes = configs["markdown.extensions.extra"].setdefault("footnotes", {})
    else:
        footnotes = configs.setdefault("markdown.extensions.footnotes", {})
    footnotes["BACKLINK_TITLE"] = messages.gettext(FOOTNOTE_BACKLINK_TITLE)
    return markdown


def configure(pelican):
    """initialized: set up the language being built (and, on the main site, the others)."""
    settings = pelican.settings
    if "I18N_SUBSITES" not in settings:  # the main site: runs once, before any subsite
        from strict import abort  # plugins/strict comes first in PLUGINS

        settings["I18N_MAIN_ORIGIN"] = (settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")).rstrip(
            "/"
        )
        settings["I18N_SUBSITES"] = subsite_settings(settings)
        settings.setdefault("I18N_UNTRANSLATED_ARTICLES", "remove")
        settings.setdefault("I18N_UNTRANSLATED_PAGES", "remove")
        settings["I18N_GETTEXT_LOCALEDIR"] = str(compiled_path(settings))
        problems = check_languages(settings) or compile_catalogs(settings)
        if problems:
            abort(problems)
    if len(languages(settings)) > 1:
        own_language_feeds(settings)
    if current_language(settings).prefix:
        # A subsite starts from a copy of the main site's settings; these are worked
        # out by plugins from THEME_STATIC_DIR and must be worked out again, so that
        # the subsite uses the main site's file (one Vega bundle for every language).
        for name in settings.get("I18N_PER_SITE_SETTINGS", ["CHARTS_BUNDLE_SAVE_AS"]):
            settings.pop(name, None)
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    extensions = list(jinja.get("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    jinja["extensions"] = extensions
    language = current_language(settings)
    if "bytecode_cache" in jinja:
        jinja["bytecode_cache"] = compiled.for_language(jinja["bytecode_cache"], language.code)
    settings["JINJA_ENVIRONMENT"] = jinja
    messages = translation(settings)
    settings["MARKDOWN"] = footnotes_in_language(settings.get("MARKDOWN"), messages)
    settings["JINJA_FILTERS"] = {
        **(settings.get("JINJA_FILTERS") or {}),
        "translate": lambda text: messages.gettext(text) if text else text,
        "in_main_site": lambda path: in_main_site(settings, path),
        "with_translations": lambda jsonld, alternates: with_translations(
            jsonld, alternates, main_language(settings).code
        ),
    }
    settings["JINJA_GLOBALS"] = {
        **(settings.get("JINJA_GLOBALS") or {}),
        "language": language,
        "languages": languages(settings),
        "language_links": lambda output_file, content=None: language_links(settings, output_file, content),
        # A message in another edition's language: gettext_in(language, "Front page").
        "gettext_in": lambda other, message: translation_in(settings, other).gettext(message),
    }


def register():
    from pelican.plugins.i18n_subsites import i18n_subsites

    signals.initialized.connect(configure)
    signals.article_generator_finalized.connect(remember_taxonomies)
    signals.content_object_init.connect(_content_language)
    signals.article_generator_finalized.connect(_keep_own_language)
    signals.page_generator_finalized.connect(_keep_own_language)
    signals.content_object_init.connect(_remember_story)
    signals.finalized.connect(notfound.write_redirects)
    signals.generator_init.connect(strings.remember)
    i18n_subsites.register()
    # After pelican-i18n-subsites' get_writer handler, which installs the catalogs.
    signals.get_writer.connect(strings.keep_answers)
