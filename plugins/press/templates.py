"""Compile, before forking, every template a batch's pages extend, include or import.

Pelican hands the writer each page's own template, compiled in the build's
process; the templates *it* names (``base.html``, the partials, the macros) are
loaded when a page is rendered. Loaded first in a forked process, they would be
compiled again there, once per batch, and thrown away with the process. Loaded
here, the forked processes share them compiled (copy-on-write), as they share
the pages' templates. Only names written as plain strings are followed; a
template picked at render time is loaded where it is rendered, as before.
"""

from __future__ import annotations

import weakref

from jinja2 import Environment, TemplateNotFound, meta

# environment -> {template name: the names it refers to}; each build has its own environments
_REFERENCES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _references(environment: Environment, name: str) -> tuple[str, ...]:
    known = _REFERENCES.setdefault(environment, {})
    if name not in known:
        try:
            source, _, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        except TemplateNotFound:
            source = ""
        found = meta.find_referenced_templates(environment.parse(source)) if source else ()
        known[name] = tuple(reference for reference in found if reference)
    return known[name]


def compile_named(templates) -> None:
    """Load (so compile, once) every template that ``templates`` name, and those they name."""
    waiting = [(template.environment, template.name) for template in templates if template.name]
    seen = set()
    while waiting:
        environment, name = waiting.pop()
        if (id(environment), name) in seen or environment.loader is None:
            continue
        seen.add((id(environment), name))
        for reference in _references(environment, name):
            try:
                environment.get_template(reference)
            except TemplateNotFound:
                continue  # "ignore missing": the page renders without it, as before
            waiting.append((environment, reference))
