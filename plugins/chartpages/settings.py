"""The chart pages plugin's settings and their documented defaults.

All are optional in pelicanconf.py (read with ``settings.get(NAME, DEFAULT)``);
``{name}`` is the chart's name:

- CHARTPAGES_URL / CHARTPAGES_SAVE_AS: each named chart's own page; default
  ``charts/{name}/`` / ``charts/{name}/index.html``. An empty SAVE_AS writes
  no chart pages (and no embed pages).
- CHARTPAGES_EMBED_URL / CHARTPAGES_EMBED_SAVE_AS: the page other sites put in
  an <iframe>; default ``charts/{name}/embed/`` / ``charts/{name}/embed/index.html``.
  Empty SAVE_AS: no embed pages and no "Embed this chart" code.
  Their address rule (``/charts/:name/embed/*``, and the same under each other
  language's prefix) is added to SECURITY_FRAMEABLE_PATHS, so the _headers file
  lets other sites frame them (plugins/security; who may: SECURITY_FRAME_ANCESTORS).
"""

from __future__ import annotations

DEFAULTS = {
    "CHARTPAGES_URL": "charts/{name}/",
    "CHARTPAGES_SAVE_AS": "charts/{name}/index.html",
    "CHARTPAGES_EMBED_URL": "charts/{name}/embed/",
    "CHARTPAGES_EMBED_SAVE_AS": "charts/{name}/embed/index.html",
}


def get(settings, name):
    """A setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def header_rule(url) -> str:
    """The _headers path rule of an embed URL pattern: 'charts/{name}/embed/' -> '/charts/:name/embed/*'."""
    rule = "/" + url.replace("{name}", ":name").lstrip("/")
    return rule + "*" if rule.endswith("/") else rule


def fill_defaults(pelican):
    """initialized: the defaults, and the embed pages' rules in SECURITY_FRAMEABLE_PATHS."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    if not settings["CHARTPAGES_SAVE_AS"] or not settings["CHARTPAGES_EMBED_SAVE_AS"]:
        return
    from i18n import languages  # each language's site has its own embed pages

    frameable = list(settings.get("SECURITY_FRAMEABLE_PATHS") or [])
    for language in languages(settings):
        prefix = f"/{language.prefix}" if language.prefix else ""
        rule = prefix + header_rule(settings["CHARTPAGES_EMBED_URL"])
        if rule not in frameable:
            frameable.append(rule)
    settings["SECURITY_FRAMEABLE_PATHS"] = frameable
