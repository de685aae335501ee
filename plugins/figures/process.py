"""Put figures into stories and hold every story to the count rule (one run, every problem).

Runs on article_generator_pretaxonomy (before the other plugins read the
articles' text or standfirst) and page_generator_finalized.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from articles.contents import every_content
from articles.reader import source_text  # each source is read once a build
from datasets import catalog_from

from . import formatting, lookup
from . import settings as figure_settings
from .check import check_story
from .memo import memo_for
from .shortcodes import find_in_html, replace
from .source import read_story

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishedPage:
    """A page another plugin publishes (a record, a place, a dataset), as Pelican's
    ``{static}`` links look one up in context["static_content"]: by its ``url``."""

    url: str


def _publish_address(context, url):
    context.setdefault("static_content", {}).setdefault(url, PublishedPage(url))


def _forget_rendered(content):
    """Drop Pelican's memoised content and summary (computed from the text before figures)."""
    for method in (content.get_content, content.get_summary):
        cache = getattr(method, "cache", {})
        for key in [k for k in cache if k and k[0] is content]:
            del cache[key]


def _resolve(part, content, catalog, settings, shown, problems):
    """[(shortcode, found, text)] for the shortcodes of ``part``; problems for the others."""
    writing = formatting.writing_for(content, settings)
    resolved = []
    for shortcode in part.shortcodes:
        found, problem = lookup.find(catalog, shortcode)
        text = None
        if found is not None:
            text, problem = formatting.figure_text(found, shortcode, writing, settings)
        if problem:
            problems.append(f"{shown}:{shortcode.line}: {content.slug}: {problem}")
            found = None
        resolved.append((shortcode, found, text))
    return resolved


def _figures(resolved, html, content, settings, shown, problems, link=True):
    """The HTML with every shortcode replaced by its figure (in the order written)."""
    spans = find_in_html(html or "")
    if len(spans) != len(resolved):
        line = resolved[0][0].line if resolved else 1
        problems.append(
            f"{shown}:{line}: {content.slug}: figure: found {len(resolved)} shortcodes in the Markdown "
            f"but {len(spans)} in the rendered text; write each one in plain prose (not inside code)"
        )
        return html
    writing = formatting.writing_for(content, settings)
    markup = []
    for (start, _end), (shortcode, found, text) in zip(spans, resolved, strict=True):
        if found is None:
            markup.append(shortcode.text)
            continue
        inside_link = html.rfind("<a ", 0, start) > html.rfind("</a>", 0, start)
        if link and not inside_link:
            _publish_address(content._context, found.url)
        shown_text = formatting.figure_html(found, text, writing, settings, link and not inside_link)
        markup.append(shown_text)
    return replace(html, spans, markup)


def _datasets(content):
    datasets = getattr(content, "datasets", None) or content.metadata.get("datasets") or []
    if isinstance(datasets, str):
        datasets = [d.strip() for d in datasets.split(",") if d.strip()]
    return datasets


def process(generator):
    """Replace shortcodes and check the count rule in every story the generator read."""
    settings = generator.settings
    catalog = catalog_from(generator)
    base = os.path.dirname(os.path.abspath(settings["PATH"]))
    check_pages = figure_settings.get(settings, "FIGURES_CHECK_PAGES")
    problems: list = []
    memo = memo_for(settings)
    for content in every_content(generator):
        path = getattr(content, "source_path", None)
        if not path or not path.endswith((".md", ".markdown", ".mkd", ".mdown")):
            continue
        try:
            text = source_text(path)
        except OSError:
            continue
        shown = os.path.relpath(path, base)
        story = read_story(path, text)
        resolved = {
            part.where: _resolve(part, content, catalog, settings, shown, problems) for part in story.parts
        }
        if type(content).__name__ != "Page" or check_pages:
            bound = [found.value for found_list in resolved.values() for _, found, _ in found_list if found]
            year = content.date.year if getattr(content, "date", None) else None
            problems += check_story(
                story, content.slug, catalog, _datasets(content), year, shown, bound, memo.find
            )
        else:
            problems += [f"{shown}:{line}: {content.slug}: {message}" for line, message in story.problems]
        if resolved.get("body"):
            content._content = _figures(
                resolved["body"], content._content, content, settings, shown, problems
            )
        if resolved.get("summary"):
            # Pelican writes the standfirst's links once, absolute, for every page: plain figures there.
            summary = content.metadata.get("summary")
            summary = _figures(resolved["summary"], summary, content, settings, shown, problems, link=False)
            content.metadata["summary"] = content._summary = summary
        _forget_rendered(content)
    memo.save()
    for problem in problems:
        logger.error("%s", problem)
