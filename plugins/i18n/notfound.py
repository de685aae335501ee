"""Each language's own "page not found" at its missing addresses.

Hosts answer a missing address with the site's root 404.html. The ``_redirects``
file (``I18N_REDIRECTS_SAVE_AS``; Netlify's format, which hosts of that family
read) sends every missing address under a language's folder to that language's
404 page, with status 404: ``/ar/*  /ar/404.html  404``. The development
servers (``invoke serve``, plugins/devserver) and the tests' server read the same
file (:func:`not_found_page`).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .languages import current_language, languages

DEFAULT_REDIRECTS_SAVE_AS = "_redirects"


def not_found_rules(settings) -> list[str]:
    """The ``_redirects`` lines: one per language built in a folder of its own."""
    site_path = settings.get("SITE_PATH", "").rstrip("/")
    page = settings.get("404_SAVE_AS") or "404.html"
    return [
        f"{site_path}/{language.prefix}/*  {site_path}/{language.prefix}/{page}  404"
        for language in languages(settings)
        if language.prefix
    ]


def write_redirects(pelican):
    """finalized (main site): write the ``_redirects`` file beside the root 404 page."""
    settings = pelican.settings
    save_as = settings.get("I18N_REDIRECTS_SAVE_AS", DEFAULT_REDIRECTS_SAVE_AS)
    if not save_as or current_language(settings).prefix:
        return
    rules = not_found_rules(settings)
    if not rules:
        return
    path = os.path.join(pelican.output_path, save_as)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("# Each language's own 404 page (plugins/i18n/notfound.py)\n" + "\n".join(rules) + "\n")


def not_found_page(output, path, prefix=""):
    """The page a host answers a missing ``path`` with: the target of the first 404
    rule of the site's _redirects that matches (/ar/* -> /ar/404.html, written by
    :func:`write_redirects`), else the root 404.html. ``prefix``: the path the site is served under."""
    output = Path(output)
    rules = output / "_redirects"
    lines = rules.read_text(encoding="utf-8").splitlines() if rules.is_file() else []
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2] == "404" and fnmatch.fnmatchcase(path, parts[0]):
            target = parts[1][len(prefix) :] if prefix and parts[1].startswith(prefix + "/") else parts[1]
            page = output / target.lstrip("/")
            if page.is_file():
                return page
    return output / "404.html"
