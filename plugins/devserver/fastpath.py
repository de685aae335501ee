"""The fast path: a saved story put into the sites the last preview left in memory.

A full preview (:mod:`devserver.preview`) runs Pelican's whole pipeline; at the
size of a newsroom's archive that is tens of seconds. After one succeeded, its
sites (each language's generators and their shared context: the stories, the
catalog, the charts drawn, the related index) are kept here. When the next save
is one story whose front matter did not change, only that story is read again
with Pelican's readers (the articles plugin's Markdown cache, every plugin's
``content_object_init``), given what the plugins' generator-wide passes gave the
story before (its address, related stories, social card, translations), run
through the per-story steps of those passes (figures' shortcodes and count rule,
charts' embedding, the JSON-LD), and its pages are rendered with the kept
templates and context. The full build behind it stays the truth.

Anything else (a changed front matter, a new or removed story, a template,
settings or data change) returns None: the caller runs the full preview. The
chart and record fast paths live in :mod:`devserver.fastdata`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from pelican import signals, writers
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

logger = logging.getLogger(__name__)

STORY_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# Where a generator keeps its contents; the lists it writes pages for come first.
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")
PAGE_LISTS = (
    "translations",
    "pages",
    "hidden_translations",
    "hidden_pages",
    "draft_translations",
    "draft_pages",
)
OTHER_LISTS = ("drafts", "drafts_translations", "draft_pages")

# (site language, source path) -> the metadata as read (content_object_init): what a
# re-read is compared with to know that the front matter did not change.
_read_metadata: dict[tuple[str, str], dict] = {}


def _note_metadata(content):
    path = getattr(content, "source_path", None)
    if path:
        _read_metadata[(content.settings.get("DEFAULT_LANG", ""), path)] = dict(content.metadata)


signals.content_object_init.connect(_note_metadata)


@dataclass
class KeptSite:
    """One language's site of the last good preview: its generators and output folder."""

    generators: list
    folder: str  # relative to output/: "" for the main site, "ar" for a subsite

    @property
    def language(self) -> str:
        return self.generators[0].settings.get("DEFAULT_LANG", "") if self.generators else ""

    def articles(self):
        return next((g for g in self.generators if isinstance(g, ArticlesGenerator)), None)

    def data_pages(self):
        """plugins/datasets' generator of the dataset, record and place pages."""
        return next((g for g in self.generators if type(g).__name__ == "DataPagesGenerator"), None)


@dataclass
class Kept:
    """Every site of the last good preview, and the metadata each content was read with."""

    sites: list[KeptSite]
    metadata: dict = field(default_factory=dict)
    data_texts: dict[str, str] = field(default_factory=dict)  # dataset file -> text

    def holders(self, source_path: str):
        """[(site, generator, content)] for every content read from ``source_path``."""
        found = []
        for site in self.sites:
            for generator in site.generators:
                if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
                    continue
                for content in _contents(generator):
                    if getattr(content, "source_path", None) == source_path:
                        found.append((site, generator, content))
                        break
        return found


def keep(sites_generators, scratch: str) -> Kept:
    """What a successful preview leaves: its sites (generators per site) and metadata."""
    sites = []
    for generators in sites_generators:
        if generators:
            folder = os.path.relpath(generators[0].output_path, scratch)
            sites.append(KeptSite(list(generators), "" if folder == "." else folder))
    return Kept(sites, dict(_read_metadata), _data_texts(sites))


def _data_texts(sites) -> dict[str, str]:
    """The dataset files as they are now: what a record save is compared with. (A file
    saved again while the preview ran is compared with its newer text; the full build
    behind the preview still shows the truth.)"""
    from datasets.signals import data_settings  # plugins/datasets
    from datasets.validate import data_files

    if not sites or not sites[0].generators:
        return {}
    texts = {}
    for path in data_files(data_settings(sites[0].generators[0].settings)[0]):
        try:
            texts[str(path)] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def _contents(generator):
    seen = set()
    for name in (*ARTICLE_LISTS, *PAGE_LISTS, *OTHER_LISTS):
        for content in getattr(generator, name, None) or []:
            if id(content) not in seen:
                seen.add(id(content))
                yield content


@dataclass
class Result:
    """A fast preview: {output path relative to output/: bytes}, or problems."""

    pages: dict[str, bytes]
    problems: list[str]
    seconds: float
    what: str


def update_story(kept: Kept, source_path: str, collected_problems) -> Result | None:
    """Put the saved story ``source_path`` into ``kept`` and render its pages; None
    when it cannot be done safely here (the caller runs the full preview)."""
    started = time.perf_counter()
    holders = kept.holders(source_path)
    if not holders:
        return None  # a new story, or one no site published: the full preview finds it
    fresh = []
    for site, generator, old in holders:
        new = _read_again(generator, old)
        problems = collected_problems()
        if problems:  # the author's mistake (a reader's check): listed, nothing kept
            return Result({}, problems, time.perf_counter() - started, "story")
        before = _metadata(kept, site, old)
        if new is None or before is None or before != _metadata_now(site, new):
            return None  # its front matter changed: taxonomies, lists, links may follow
        fresh.append((site, generator, old, new))
    for _site, generator, old, new in fresh:
        _carry_over(old, new)
        _per_story_passes(generator, old, new)
    problems = collected_problems()
    if problems:
        for _site, _generator, old, new in fresh:
            _undo_figures(old, new)
        return Result({}, problems, time.perf_counter() - started, "story")
    pages = render(
        [(site, generator, new) for site, generator, old, new in fresh if _written(generator, old)]
    )
    for site, generator, old, new in fresh:
        _swap(site, generator, old, new)
        kept.metadata[(site.language, source_path)] = _metadata_now(site, new)
    return Result(pages, [], time.perf_counter() - started, "story")


def _metadata(kept, site, content):
    return kept.metadata.get((site.language, content.source_path))


def _metadata_now(site, content):
    return _read_metadata.get((site.language, content.source_path))


def _read_again(generator, old):
    """The story or page read again by Pelican's readers, as generate_context reads it."""
    article = isinstance(generator, ArticlesGenerator)
    prefix = "article" if article else "page"
    try:
        content = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(old.source_path, generator.path),
            content_class=Article if article else Page,
            context=generator.context,
            preread_signal=getattr(signals, f"{prefix}_generator_preread"),
            preread_sender=generator,
            context_signal=getattr(signals, f"{prefix}_generator_context"),
            context_sender=generator,
        )
    except Exception:  # noqa: BLE001 - the full preview reports it as a build does
        logger.debug("devserver: fast path cannot read %s", old.source_path, exc_info=True)
        return None
    if type(content) is not type(old) or getattr(content, "status", None) != getattr(old, "status", None):
        return None
    return content


def _carry_over(old, new):
    """What the generator-wide passes gave the story before (its address fixed, related
    stories, social card, navigation, corrections, translations): the same for the new one,
    since its front matter is the same. The body's own work is redone after."""
    for name, value in vars(old).items():
        if name not in vars(new):
            setattr(new, name, value)
    new.translations = list(old.translations)
    for name in ("lang", "in_default_lang"):
        if hasattr(old, name):
            setattr(new, name, getattr(old, name))


def _per_story_passes(generator, old, new):
    """Figures, charts and JSON-LD for the one story, as their generator-wide passes do."""
    from charts.prepare import embed_in  # plugins/charts
    from figures.process import process  # plugins/figures

    lists = {"articles": [new]} if isinstance(new, Article) else {"pages": [new]}
    process(SimpleNamespace(settings=generator.settings, context=generator.context, **lists))
    named = list(getattr(old, "chart_figures", None) or [])
    named += list((generator.context.get("charts_by_name") or {}).values())
    for figure in named:
        figure.used_in[:] = [story for story in figure.used_in if story is not old]
    embed_in(generator, new)
    if isinstance(new, Article) and hasattr(old, "jsonld"):
        from articles.structured import news_article  # plugins/articles

        new.jsonld = news_article(new, generator.settings)


def _undo_figures(old, new):
    for figure in getattr(new, "chart_figures", None) or []:
        figure.used_in[:] = [story for story in figure.used_in if story is not new]
        if old not in figure.used_in and figure in (getattr(old, "chart_figures", None) or []):
            figure.used_in.append(old)


def _replace_in(container, old, new):
    if isinstance(container, list):
        for index, member in enumerate(container):
            if member is old:
                container[index] = new
    elif isinstance(container, dict):
        for key, value in container.items():
            if value is old:
                container[key] = new
            elif isinstance(value, list):
                _replace_in(value, old, new)
    elif isinstance(container, tuple) and len(container) == 2 and isinstance(container[1], list):
        _replace_in(container[1], old, new)  # a taxonomy's (tag, stories)


def _swap(site, generator, old, new):
    """Put the new story where the old one was: the generators' lists and taxonomies,
    the shared context, other stories' translations, related lists and navigation."""
    context = generator.context
    for holder in site.generators:
        for value in list(vars(holder).values()):
            if isinstance(value, (list, dict)):
                _replace_in(value, old, new)
                if isinstance(value, list):
                    for member in value:
                        _replace_in(member, old, new)
        for content in _contents(holder) if isinstance(holder, (ArticlesGenerator, PagesGenerator)) else ():
            for name, value in vars(content).items():
                if value is old:
                    setattr(content, name, new)
                elif isinstance(value, list):
                    _replace_in(value, old, new)
    for key, value in list(context.items()):
        if value is old:
            context[key] = new
        elif isinstance(value, (list, dict)) and key not in ("catalog",):
            _replace_in(value, old, new)


def render(chosen) -> dict[str, bytes]:
    """Write the pages of [(site, generator, content)] as their generators do; their bytes."""
    jobs = []
    for site, generator, content in chosen:
        variables = {
            "override_output": hasattr(content, "override_save_as"),
            "url": content.url,
            "relative_urls": generator.settings["RELATIVE_URLS"],  # generate_output's partial
        }
        if isinstance(content, Article):
            variables.update(article=content, category=getattr(content, "category", None), blog=True)
        else:
            variables.update(page=content)
        jobs.append((site, generator, content.save_as, content.template, variables))
    return render_with(jobs)


def render_with(jobs) -> dict[str, bytes]:
    """Write [(site, generator, save_as, template name, variables)] with Pelican's Writer
    into a scratch folder; {output path relative to output/: bytes}. Plugin pages give
    ``override_output`` and ``relative_urls`` as their generators do."""
    scratch = tempfile.mkdtemp(prefix="marsad-fast-")
    pages = {}
    try:
        for site, generator, save_as, template, variables in jobs:
            writer = writers.Writer(os.path.join(scratch, site.folder), settings=generator.settings)
            writer.write_file(save_as, generator.get_template(template), generator.context, **variables)
            relative = os.path.normpath(os.path.join(site.folder, save_as))
            pages[relative] = (Path(scratch) / relative).read_bytes()
    finally:
        threading.Thread(target=shutil.rmtree, args=(scratch, True), daemon=True).start()
    return pages


def _written(generator, content) -> bool:
    lists = ARTICLE_LISTS if isinstance(generator, ArticlesGenerator) else PAGE_LISTS
    return bool(content.save_as) and any(
        member is content for name in lists for member in getattr(generator, name, None) or []
    )
