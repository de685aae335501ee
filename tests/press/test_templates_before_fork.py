"""plugins/press/templates.py: the templates a batch's templates name are compiled in
the build's process, so the forked writers find them compiled (the theme's own
templates, and a chain of extends, include, import and "ignore missing")."""

import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from press.templates import compile_named  # noqa: E402


def test_a_chain_of_named_templates_is_compiled_and_a_missing_one_is_left():
    loader = jinja2.DictLoader(
        {
            "story.html": '{% extends "base.html" %}{% block main %}{% include "card.html" %}{% endblock %}',
            "base.html": '{% from "macros.html" import m %}{% block main %}{% endblock %}'
            '{% include "nowhere.html" ignore missing %}{% include page_kind %}',
            "card.html": "{{ m() }}",
            "macros.html": "{% macro m() %}x{% endmacro %}",
            "unused.html": "never named",
        }
    )
    env = jinja2.Environment(loader=loader, auto_reload=False)
    story = env.get_template("story.html")
    compile_named([story])
    assert {name for _, name in env.cache.keys()} == {"story.html", "base.html", "card.html", "macros.html"}


def test_the_theme_article_page_names_its_partials():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")),
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.filters.update({name: str for name in _filters_named(env, "article.html")})
    compile_named([env.get_template("article.html")])
    compiled = {name for _, name in env.cache.keys()}
    assert {"base.html", "partials/head.html"} <= compiled


def _filters_named(env, name, seen=None):
    """Every filter the template and those it names use (so the test compiles the theme
    without the plugins' filters, which it does not render)."""
    from jinja2 import meta, nodes

    seen = set() if seen is None else seen
    if name in seen:
        return set()
    seen.add(name)
    source, _, _ = env.loader.get_source(env, name)
    tree = env.parse(source)
    found = {node.name for node in tree.find_all(nodes.Filter)}
    for reference in meta.find_referenced_templates(tree):
        if reference:
            try:
                found |= _filters_named(env, reference, seen)
            except jinja2.TemplateNotFound:
                pass
    return found
