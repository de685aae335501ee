"""Wire the related plugin into Pelican.

All the work happens once, at ``all_generators_finalized``: every article, page,
static file and the datasets catalog are known then, and nothing is written yet.
Redirect pages are written by :class:`redirects.RedirectGenerator`.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import redirects
from . import settings as config
from .index import RelatedIndex
from .navigation import (
    LatestStories,
    RelatedStory,
    link_categories,
    story_data,
    story_places,
)
from .references import Site, check_links, check_metadata
from .sitepaths import known_paths, normal
from .sources import read_source
from .stories import Reporting, StoryLinks, story_features

logger = logging.getLogger(__name__)
MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


class _NoCatalog:
    """Stands in for the catalog when the datasets plugin is not loaded."""

    places: dict = {}
    datasets: dict = {}

    def records(self):
        return []

    def record(self, _):
        return None

    def ancestors(self, _):
        return []


def _unique(*groups):
    return list({id(item): item for group in groups for item in group or ()}.values())


def _shown(path, settings):
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def check_settings(pelican):
    """initialized: report settings the plugin cannot work with."""
    for problem in config.problems(pelican.settings):
        logger.error("%s", problem)


def _related_list(article, matches, index_stories, site, by_slug):
    """RelatedStory entries: own pins, stories pinning this one, then scored ones."""
    entries, seen = [], {article.slug}
    pins = getattr(article, "related", None) or []
    for slug in [pins] if isinstance(pins, str) else pins:
        if slug in site.stories and slug not in seen:
            seen.add(slug)
            entries.append(RelatedStory(site.stories[slug], 0.0, "pinned"))
    for match in matches:
        slug = index_stories[match.story].slug
        if slug in seen:
            continue
        seen.add(slug)
        entries.append(RelatedStory(by_slug[slug], round(match.score, 3), match.pinned))
    return entries


def link_stories(generators):
    """all_generators_finalized: check references, compute related lists and links."""
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles_gen is None:
        return
    pages_gen = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    settings, context = articles_gen.settings, articles_gen.context
    if config.problems(settings):
        return  # reported at initialized; the build fails at its end (plugins/strict)
    cfg = config.read(settings)
    catalog = context.get("catalog")
    data = catalog if catalog is not None else _NoCatalog()

    published = list(articles_gen.articles)
    stories = _unique(
        published, articles_gen.translations, articles_gen.hidden_articles, articles_gen.hidden_translations
    )
    drafts = _unique(articles_gen.drafts, articles_gen.drafts_translations)
    pages = _unique(
        *(getattr(pages_gen, a, ()) for a in ("pages", "translations", "hidden_pages", "hidden_translations"))
    )
    sources = {
        id(item): read_source(
            item.source_path, _shown(item.source_path, settings), markdown=item.source_path.endswith(MARKDOWN)
        )
        for item in stories + drafts + pages
    }

    # References, links and redirects.
    taken = known_paths(generators, settings, context, catalog, cfg.extra_paths)
    planned, problems = redirects.plan(stories, {a: sources[id(a)] for a in stories}, settings, taken)
    site = Site(
        settings,
        catalog,
        {a.slug: a for a in stories},
        context.get("generated_content", {}),
        context.get("static_content", {}),
        taken | {normal(r.save_as) for r in planned},
    )
    drafts_site = Site(
        settings, catalog, {a.slug: a for a in stories + drafts}, site.generated, site.static, site.paths
    )
    links = {}
    for item in stories + drafts + pages:
        checked_against = drafts_site if item in drafts else site
        if item not in pages:
            problems += check_metadata(item, sources[id(item)], checked_against)
        found, links[id(item)] = check_links(item, sources[id(item)], checked_against)
        problems += found
    for problem in problems:
        logger.error("%s", problem)
    context["redirect_pages"] = planned

    # What each story is about; stories per dataset, place and record.
    reporting, story_links = Reporting(data), StoryLinks(data, cfg.stories_shown)
    features, listed = {}, {id(a) for a in published}
    for article in stories + drafts:
        story, places, datasets, records = story_features(
            article, data, reporting, links.get(id(article), ())
        )
        features[id(article)] = story
        article.story_data = story_data(article, data, records, datasets)
        article.story_places = story_places(article, data)
        if id(article) in listed:
            story_links.add(article, places, datasets, records)
    story_links.finish()
    context["story_links"] = story_links

    # Related lists.
    index = RelatedIndex(
        [features[id(a)] for a in published],
        weights=cfg.weights,
        threshold=cfg.threshold,
        half_life=cfg.half_life,
        max_items=cfg.max_items,
        common_share=cfg.common_share,
        common_min=cfg.common_min,
    )
    lists = index.all_related()
    by_slug = {a.slug: a for a in published}
    newest = LatestStories(published)
    for article in stories + drafts:
        matches = lists.get(article.slug, []) if id(article) in listed else []
        article.related_stories = _related_list(article, matches, index.stories, site, by_slug)
        article.more_stories = (
            [] if article.related_stories or not cfg.fallback else newest.around(article, cfg.max_items)
        )
    link_categories(published)
    logger.debug("related: %d stories indexed, %d redirects", len(published), len(planned))


def get_generators(pelican):
    return redirects.RedirectGenerator


def connect():
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(link_stories)
    signals.get_generators.connect(get_generators)
