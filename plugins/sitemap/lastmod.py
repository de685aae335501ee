"""Work out each sitemap entry's last change (see __init__.py)."""

from __future__ import annotations

from pelican.paginator import Paginator


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


def numbered_pages(name, save_as, url, stories, settings):
    """[(address, its stories)] of pages 2, 3, ... of a paginated listing, as Pelican's
    writer names them (its own Paginator and PAGINATION_PATTERNS: index2.html ...)."""
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    if not save_as or name not in paginated or not stories:
        return []
    per_page = paginated[name] or settings.get("DEFAULT_PAGINATION")
    if not per_page:
        return []
    paginator = Paginator(save_as, url, list(stories), settings, per_page)
    pages = [paginator.page(number) for number in range(2, paginator.num_pages + 1)]
    return [(page.url, page.object_list) for page in pages]


def listings(context, settings):
    """(template, save_as, url, stories) of the home page and each category, tag and author."""
    found = []
    if "index" in settings.get("DIRECT_TEMPLATES", ()):
        found.append(("index", settings.get("INDEX_SAVE_AS", "index.html"), "", context.get("articles", [])))
    for group, template in (("categories", "category"), ("tags", "tag"), ("authors", "author")):
        found += [(template, item.save_as, item.url, stories) for item, stories in context.get(group, ())]
    return found


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
    listed = set(extra)  # `path not in extra` would go through the list for every page

    def add(path):
        if path not in listed:
            listed.add(path)
            extra.append(path)

    for path in listing_pages(generators[0].settings):
        add(path)
        lastmod.setdefault(path, site_newest)
    for page in context.get("pages", ()):
        lastmod.setdefault(
            page.url, getattr(page, "modified", None) or getattr(page, "date", None) or site_newest
        )
    # Numbered pages of story lists (index2.html, category/<slug>/index2.html ...): each
    # is its own indexable page (canonical to itself, linked from the one before), the way
    # to a newsroom's older stories; its last change is its newest story's.
    for template, save_as, url, stories in listings(context, generators[0].settings):
        for path, shown in numbered_pages(template, save_as, url, stories, generators[0].settings):
            add(path)
            lastmod.setdefault(path, newest(shown))
    data_newest = max(data_changes, default=None)
    for path in context.get("sitemap_extra_urls", ()):
        lastmod.setdefault(path, data_newest or site_newest)
