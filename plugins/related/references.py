"""Check every reference a story makes; a dangling one is an error naming file and line.

References: pinned stories (``related``), places, datasets, incidents (record ids),
and internal links in the text: ``{filename}``/``{static}`` links Pelican could
not resolve, ``{category}``/``{tag}``/``{author}`` links to nothing, and
site-relative links ("/data/casualties/") to paths the build does not publish.
Each problem reads ``<file>:<line>: <slug>: <field>: <what was expected>``.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from pelican.urlwrappers import Author, Category, Tag

from .sitepaths import normal

WRAPPERS = {"category": Category, "tag": Tag, "author": Author}


@dataclass
class Site:
    """What references are checked against."""

    settings: dict
    catalog: object  # datasets Catalog, or None when no data is loaded
    stories: dict  # slug -> article (published and hidden, every language)
    generated: dict  # Pelican's context["generated_content"]
    static: dict  # Pelican's context["static_content"]
    paths: set  # normalised published paths (sitepaths.known_paths)
    story_paths: dict = field(default_factory=dict)  # normalised article URL -> slug

    def __post_init__(self):
        for slug, article in self.stories.items():
            self.story_paths[normal(article.url)] = slug
        regex = self.settings.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]")
        self.intrasite = re.compile(f"^{regex}(?P<value>.*)$")


def _metadata(article, key):
    value = getattr(article, key, None) or []
    return [value] if isinstance(value, str) else list(value)


def check_metadata(article, source, site):
    """Problems with the story's pinned slugs, places, datasets and incidents."""
    problems = []

    def report(key, value, message):
        problems.append(f"{source.shown}:{source.line_of(key, value)}: {article.slug}: {key}: {message}")

    for slug in _metadata(article, "related"):
        if slug == article.slug:
            report("related", slug, f"'{slug}' is this story's own slug; pin other stories")
        elif slug not in site.stories:
            report("related", slug, f"unknown story '{slug}'; expected the slug of a published story")
    catalog = site.catalog
    if catalog is None:
        return problems
    for place in _metadata(article, "places"):
        if place not in catalog.places:
            report("places", place, f"unknown place '{place}'; expected an id from data/places.yml")
    for dataset in _metadata(article, "datasets"):
        if dataset not in catalog.datasets:
            known = ", ".join(sorted(catalog.datasets)) or "none loaded"
            report("datasets", dataset, f"unknown dataset '{dataset}'; expected one of: {known}")
    for record in _metadata(article, "incidents"):
        if catalog.record(record) is None:
            report(
                "incidents",
                record,
                f"unknown record '{record}'; expected the id of a "
                "record in data/ (an incident, patrol, count...)",
            )
    return problems


def _resolve(article, value, site):
    """Source path (relative to content/) a {filename} value points to, as Pelican does."""
    if value.startswith("/"):
        return value[1:]
    relative_dir = os.path.dirname(
        os.path.relpath(os.path.abspath(article.source_path), os.path.abspath(site.settings["PATH"]))
    )
    return posixpath.normpath(posixpath.join(relative_dir.replace(os.sep, "/"), value))


def _intrasite(article, what, value, site):
    """(problem or None, linked story slug or None) for a {what}value link."""
    path = urlsplit(value).path
    if what in ("filename", "static", "attach"):
        candidates = {_resolve(article, path, site), _resolve(article, unquote(path), site)}
        for candidate in candidates:
            target = site.generated.get(candidate)
            if target is not None and what == "filename":
                slug = getattr(target, "slug", None)
                return None, slug if slug in site.stories else None
            if candidate in site.static or os.path.isfile(os.path.join(site.settings["PATH"], candidate)):
                return None, None
        where = sorted(candidates)[0]
        kind = "story, page or file" if what == "filename" else "file"
        return (
            f"no {kind} at content/{where}; expected a path relative to this file "
            f"(or to content/ when it starts with /)"
        ), None
    wrapper = WRAPPERS.get(what)
    if wrapper is not None and path:
        url = wrapper(path, site.settings).url
        if normal(url) not in site.paths:
            return f"no {what} '{path}' on this site", None
    return None, None


def check_links(article, source, site):
    """(problems, slugs of stories this one links to) for the links in the text."""
    problems, linked = [], []
    for link in source.links:
        target, problem, slug = link.target, None, None
        match = site.intrasite.match(target)
        if match and match.group("what") in ("filename", "static", "attach", *WRAPPERS):
            problem, slug = _intrasite(article, match.group("what"), match.group("value"), site)
        elif target.startswith("/") and not target.startswith("//"):
            path = normal(target)
            slug = site.story_paths.get(path)
            if slug is None and path not in site.paths:
                problem = (
                    "no page of this site has this address; expected a path the "
                    "build publishes, such as /data/ or /places/"
                )
        if problem:
            problems.append(f"{source.shown}:{link.line}: {article.slug}: link: {target}: {problem}")
        if slug and slug != article.slug:
            linked.append(slug)
    return problems, list(dict.fromkeys(linked))
