"""Interface strings translated once per template environment, not once per use.

A page of the site asks for some thirty interface strings (``_("Sources")``,
``{% trans %}Data{% endtrans %}``), so a build of 8,000 pages asks for about
250,000. Jinja's i18n extension answers each through three calls (``_``
looks up ``gettext`` in the context, which calls the catalog, makes the
answer Markup and formats it with ``%``), about 3 microseconds each. A string
without variables always gets the same answer in one environment: it is kept
the first time. Strings with variables (``_("%(n)s stories", n=...)``) go the
extension's way every time.

pelican-i18n-subsites installs each language's catalog in every generator's
environment in the last run's ``get_writer`` handler; :func:`remember` notes the
generators (``generator_init``) and :func:`keep_answers` (``get_writer``,
connected after pelican-i18n-subsites' handler) puts the keeping functions in
front of what it installed. The answers are those the extension gives (the
same calls, made once), so the pages are byte-identical.
"""

from __future__ import annotations

import weakref

from jinja2 import pass_context

_GENERATORS: weakref.WeakSet = weakref.WeakSet()
_KEEPING: weakref.WeakSet = weakref.WeakSet()  # the gettext functions made here


def remember(generator):
    """generator_init: a generator whose template environment may get a catalog."""
    if getattr(generator, "env", None) is not None:
        _GENERATORS.add(generator)


def keeping_gettext(installed):
    """A ``gettext`` for templates that gives ``installed``'s answers, each string's
    kept once it is known (per autoescape setting: the answer is Markup or not)."""
    answers: dict = {}

    @pass_context
    def gettext(__context, __string, **variables):
        if variables:
            return __context.call(installed, __string, **variables)
        key = (__string, __context.eval_ctx.autoescape)
        try:
            return answers[key]
        except KeyError:
            answer = answers[key] = __context.call(installed, __string)
            return answer

    _KEEPING.add(gettext)
    return gettext


def keeping_alias(gettext):
    """``_`` for templates: Jinja's alias of whatever ``gettext`` the context has,
    calling :func:`keeping_gettext`'s function directly when that is it."""

    @pass_context
    def underscore(__context, *args, **kwargs):
        found = __context.resolve("gettext")  # Undefined, which raises when called, if none
        if found is gettext:
            return gettext(__context, *args, **kwargs)
        return __context.call(found, *args, **kwargs)

    return underscore


def keep_in(environment) -> bool:
    """Put the keeping ``gettext`` and ``_`` in front of the catalog installed in a Jinja
    ``environment`` (newstyle gettext only); False when there is nothing to do."""
    installed = environment.globals.get("gettext")
    if installed is None or installed in _KEEPING or not getattr(environment, "newstyle_gettext", False):
        return False
    gettext = keeping_gettext(installed)
    environment.globals["gettext"] = gettext
    environment.globals["_"] = keeping_alias(gettext)
    return True


def keep_answers(pelican):
    """get_writer: every remembered generator's environment keeps its answers."""
    for generator in list(_GENERATORS):
        keep_in(generator.env)
