"""Work out each sitemap entry's last change (see __init__.py)."""

from __future__ import annotations


def changed(story):
    """When a story last changed: ``modified`` if set, else ``date``."""
    return getattr(story, "modified", None) or story.date


def newest(stories):
    return max((changed(s) for s in stories), default=None)


LISTINGS = ("archives", "categories", "tags", "authors")


def listing_pages(settings):
    """Paths of the direct-template listings (archives/, category/, tags/, authors/)."""
    paths = []
    for name in LISTINGS:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", "")
        if name in settings.get("DIRECT_TEMPLATES", ()) and save_as.endswith("index.html"):
            paths.append(save_as.removesuffix("index.html"))
    return paths


def add_lastmod(generators):
    """all_generators_finalized: fill the context's ``sitemap_lastmod``."""
    context = generators[0].context
    lastmod = context.setdefault("sitemap_lastmod", {})
    made_by_plugins = set(context.get("sitemap_extra_urls", ()))
    data_changes = [value for path, value in lastmod.items() if path in made_by_plugins and value]
    articles = context.get("articles", [])
    site_newest = newest(articles)
    for story in articles:
        lastmod.setdefault(story.url, changed(story))
    for group in ("categories", "tags", "authors"):
        for listing, stories in context.get(group, ()):
            lastmod.setdefault(listing.url, newest(stories))
    lastmod.setdefault("", site_newest)
    extra = context.setdefault("sitemap_extra_urls", [])
    for path in listing_pages(generators[0].settings):
        if path not in extra:
            extra.append(path)
        lastmod.setdefault(path, site_newest)
    for page in context.get("pages", ()):
        lastmod.setdefault(
            page.url, getattr(page, "modified", None) or getattr(page, "date", None) or site_newest
        )
    data_newest = max(data_changes, default=None)
    for path in context.get("sitemap_extra_urls", ()):
        lastmod.setdefault(path, data_newest or site_newest)
