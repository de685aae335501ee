"""No page can take another page's address: every output path, compared before writing.

At ``all_generators_finalized`` every generator has worked out what it will
write and nothing is written yet. This module lists the output path of each
content object of every generator (articles, translations, drafts, pages,
static files, and whatever another plugin's generator holds: found by type, not
by name), each category, tag and author page, the direct templates, the feeds,
the pages other plugins announce in ``sitemap_extra_urls`` (datasets, places,
records, charts) or in ``plugin_files`` (social cards, chart embed pages), the
dataset downloads, the Vega bundle, the theme's files and
the headers file. Two sources with one path fail the build, naming both.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any

from pelican.contents import Content, Static
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

from strict import abort

FEED_SETTINGS = ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS")
PER_ITEM_FEEDS = {
    "categories": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "tags": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
    "authors": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
}


def normal(path) -> str:
    """'a/b/index.html', 'a/b/', '/a/b' -> 'a/b': the form output paths are compared in."""
    path = posixpath.normpath("/" + str(path).replace(os.sep, "/")).lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")


def _shown(path, settings):
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def _address_field(content):
    meta = content.metadata
    for field in ("save_as", "url", "slug"):
        if field in meta:
            return field
    return "file" if not hasattr(content, "title") else "title"


def _describe(content, settings, field=None):
    """(where, field) of a content object: 'content/a.md:3: slug', 'save_as'."""
    from articles.reader import key_lines  # one metadata-line reader for both plugins

    field = field or _address_field(content)
    shown = _shown(content.source_path, settings)
    line = key_lines(content.source_path).get(field, 1) if field != "file" else 1
    label = getattr(content, "slug", None) or os.path.basename(content.source_path)
    return f"{shown}:{line}: {label}", field


def _contents(generators):
    """Every content object of every generator, once: static files first, then by source path."""
    found: dict[Any, Any] = {}
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, (list, tuple)):
                found.update((id(item), item) for item in value if isinstance(item, Content))
    return sorted(found.values(), key=lambda c: (not isinstance(c, Static), c.source_path or ""))


def _wrappers(generators):
    """(kind, category/tag/author, its articles) of every generator."""
    for generator in generators:
        for name in PER_ITEM_FEEDS:
            found = getattr(generator, name, None) or ()
            pairs = found.items() if isinstance(found, dict) else found
            for wrapper, articles in pairs:
                if isinstance(wrapper, URLWrapper):
                    yield name, wrapper, articles


def _numbered_pages(save_as, template, articles, settings):
    """save_as of pages 2, 3, ... of a paginated template, as Pelican's writer names them."""
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    if not save_as or template not in paginated or not articles:
        return []
    per_page = paginated[template] or settings.get("DEFAULT_PAGINATION")
    if not per_page:
        return []
    paginator = Paginator(save_as, "", list(articles), settings, per_page)
    return [paginator.page(number).save_as for number in range(2, paginator.num_pages + 1)]


class Addresses:
    """Claims on output paths; the first claim of a path wins, later ones are problems."""

    def __init__(self):
        self.owners: dict[str, tuple[object, str]] = {}
        self.problems: list[str] = []

    def claim(self, path, owner, description, field="address"):
        """Claim ``path`` for ``owner``; ``description`` starts with 'file:line: slug' for content."""
        if not path:
            return
        key = normal(path)
        found = self.owners.get(key)
        if found is None:
            self.owners[key] = (owner, description)
        elif found[0] != owner:
            self.problems.append(
                f"{description}: {field}: expected an address no other page uses, found '{path}', "
                f"which is also written by {found[1]}"
            )


def plan(generators, settings, context) -> list[str]:
    """Problems: output paths claimed by two sources, or escaping the output folder."""
    addresses = Addresses()

    # Site-wide outputs first: a story may not take the home page, a feed or a data page.
    stories = [a for g in generators for a in getattr(g, "articles", None) or () if isinstance(a, Content)]
    for name in settings.get("DIRECT_TEMPLATES", ()):
        path = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        addresses.claim(path, ("template", name), f"the site's '{name}' page (DIRECT_TEMPLATES)")
        for number, page in enumerate(_numbered_pages(path, name, stories, settings), start=2):
            addresses.claim(page, ("template", name, number), f"page {number} of the site's '{name}' page")
    for name in FEED_SETTINGS:
        addresses.claim(settings.get(name), ("feed", name), f"the feed {name}")
    for name, wrapper, articles in _wrappers(generators):
        kind = name.rstrip("s").replace("ie", "y")
        for feed in PER_ITEM_FEEDS[name]:
            if settings.get(feed):
                addresses.claim(
                    settings[feed].format(slug=wrapper.slug),
                    ("feed", feed, wrapper.slug),
                    f"the feed of {kind} '{wrapper.name}' ({feed})",
                )
        addresses.claim(wrapper.save_as, (name, wrapper.slug), f"the page of {kind} '{wrapper.name}'")
        template = name.rstrip("s").replace("ie", "y")
        for number, page in enumerate(
            _numbered_pages(wrapper.save_as, template, articles, settings), start=2
        ):
            addresses.claim(page, (name, wrapper.slug, number), f"page {number} of {kind} '{wrapper.name}'")
    catalog = context.get("catalog")
    for dataset in getattr(catalog, "datasets", {}).values():
        where = f"{dataset.origin.file}:{dataset.origin.line}"
        addresses.claim(dataset.csv_url, ("download", dataset.id, "csv"), f"the CSV download of {where}")
        addresses.claim(dataset.json_url, ("download", dataset.id, "json"), f"the JSON download of {where}")
        addresses.claim(
            dataset.datapackage_url, ("download", dataset.id, "datapackage"), f"the Data Package of {where}"
        )
    for url in context.get("sitemap_extra_urls") or ():
        addresses.claim(
            url, ("plugin page", normal(url)), f"the site's page /{normal(url)}/ (a plugin's page)"
        )
    # Files and pages plugins write that the sitemap does not list (social cards,
    # chart embed pages): {output path: what writes it}.
    for path, description in sorted((context.get("plugin_files") or {}).items()):
        addresses.claim(path, ("plugin file", normal(path)), description)
    if context.get("charts_bundle_url"):
        addresses.claim(context["charts_bundle_url"], "bundle", "the Vega bundle (CHARTS_BUNDLE_SAVE_AS)")
    if settings.get("SECURITY_HEADERS_SAVE_AS", "_headers"):
        headers = settings.get("SECURITY_HEADERS_SAVE_AS", "_headers")
        addresses.claim(headers, "headers", "the headers file (SECURITY_HEADERS_SAVE_AS)")
    theme_target = settings.get("THEME_STATIC_DIR", "theme")
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = os.path.join(settings.get("THEME", ""), folder)
        for directory, _, names in os.walk(root):
            for file_name in names:
                relative = os.path.relpath(os.path.join(directory, file_name), root).replace(os.sep, "/")
                addresses.claim(
                    f"{theme_target}/{relative}", ("theme", relative), f"the theme's file {folder}/{relative}"
                )

    slug_problems, repeated = duplicate_slugs(generators, settings)
    for content in _contents(generators):
        if id(content) in repeated:
            continue  # already reported as a duplicate slug
        where, field = _describe(content, settings)
        save_as = getattr(content, "save_as", "")
        if save_as and _escapes(save_as):
            addresses.problems.append(
                f"{where}: {field}: expected an address inside the site, found '{save_as}'"
            )
            continue
        addresses.claim(save_as, id(content), where, field)
        url = content.metadata.get("url")
        if url and normal(url) != normal(save_as):
            addresses.claim(url, id(content), *_describe(content, settings, "url"))
    return addresses.problems + slug_problems


def duplicate_slugs(generators, settings):
    """(problems, ids of the later ones): stories (or pages) sharing a slug in one language."""
    from articles.reader import key_lines

    problems: list[str] = []
    first: dict[Any, Any] = {}
    repeated: set[Any] = set()
    for content in _contents(generators):
        slug = getattr(content, "slug", None)
        if not slug or isinstance(content, Static):
            continue
        kind = "page" if type(content).__name__ == "Page" else "story"
        key = (kind, slug, getattr(content, "lang", None))
        field = "slug" if "slug" in content.metadata else "title"
        where = f"{_shown(content.source_path, settings)}:{key_lines(content.source_path).get(field, 1)}"
        if key in first:
            problems.append(
                f"{where}: {slug}: {field}: expected a slug no other {kind} uses, found '{slug}', "
                f"which {first[key]} also has"
            )
            repeated.add(id(content))
        else:
            first[key] = where
    return problems, repeated


def _escapes(path) -> bool:
    text = str(path).replace(os.sep, "/")
    return text.startswith("/") or ".." in text.split("/") or ":" in text.split("/")[0]


def check_addresses(generators):
    """all_generators_finalized: fail before writing if two sources share an output path."""
    generators = list(generators)
    if not generators:
        return
    problems = plan(generators, generators[0].settings, generators[0].context)
    if problems:
        abort(problems)
