"""The fast path for data: a saved chart spec or data record put into the kept sites.

- A named chart (data/charts/<name>.yml) the last preview drew: it is read, checked
  and drawn again (plugins/charts' figure cache) into each site's named charts, and
  the stories in view that embed it are re-embedded and rendered (fastpath.py).
- A data record: the saved file is compared with the text the kept catalog was read
  from; when the change lies inside one record (not the last one, the records list
  being the file's last key, the record's id unchanged), only that record is parsed
  and validated, with the dataset's own header, at its own line numbers, and the
  checks a build runs on a record (places, dates, translations). The kept catalog
  gets the new record; the record's page and the dataset's record and table pages
  in view are rendered.

Everything else returns None: the full preview. Pages that show the data through
other pages' work (place pages, charts of the edited dataset, a story's figures) are updated by the full build behind the preview.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from .fastpath import Kept, Result, render_with, update_story

TOP_LEVEL_KEY = re.compile(r"^[^\s#-]", re.MULTILINE)


def update_chart(kept: Kept, path: str, in_view: set[str], collected_problems) -> Result | None:
    """A named chart saved: draw it again in each site; render the stories in view."""
    from charts.prepare import redraw_named  # plugins/charts

    started = time.perf_counter()
    name = Path(path).stem
    stories: set[str] = set()
    for site in kept.sites:
        generator = site.articles()
        if generator is None:
            continue
        found = redraw_named(generator, name, path)
        if found is None:
            return None  # a new chart, or one the last preview could not draw
        problems = collected_problems()
        if problems:
            return Result({}, problems, time.perf_counter() - started, "chart")
        stories |= {
            story.source_path
            for story in found
            if os.path.normpath(os.path.join(site.folder, story.save_as)) in in_view
        }
    pages: dict[str, bytes] = {}
    for source in sorted(stories):
        result = update_story(kept, source, collected_problems)
        if result is None or result.problems:
            return result
        pages.update(result.pages)
    return Result(pages, [], time.perf_counter() - started, "chart")


def update_record(kept: Kept, path: str, in_view: set[str], collected_problems) -> Result | None:
    """A dataset file saved: the one changed record validated and put into the catalog."""
    started = time.perf_counter()
    old_text = kept.data_texts.get(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if old_text is None:
        return None
    if text == old_text:
        return Result({}, [], time.perf_counter() - started, "record")
    changes = []
    for site in kept.sites:
        generator = site.data_pages()
        if generator is None:
            return None
        change = _changed_record(generator, path, old_text, text, collected_problems)
        if change is None:
            return None
        if change.problems:
            return Result({}, change.problems, time.perf_counter() - started, "record")
        changes.append((site, generator, change))
    jobs = []
    for site, generator, change in changes:
        catalog = _put_in_catalog(site, change)
        urls = {
            os.path.normpath(os.path.join(site.folder, f"{change.dataset.record_url(r)}index.html")): r
            for r in change.dataset.records
        }
        shown = [record for page, record in urls.items() if page in in_view or record is change.record]
        jobs += [_record_page(site, generator, record, change.dataset) for record in shown]
        jobs += _dataset_pages(site, generator, change.dataset, catalog, in_view)
    kept.data_texts[path] = text
    return Result(render_with(jobs), [], time.perf_counter() - started, "record")


class _Change:
    def __init__(self, dataset=None, record=None, problems=()):
        self.dataset, self.record, self.problems = dataset, record, list(problems)
        self.old_dataset = None


def _changed_record(generator, path, old_text, text, collected_problems):
    """The dataset with its one changed record validated anew; None when the change is
    not inside one record."""
    from datasets import catalog_from
    from datasets.load import DataError, parse_text
    from datasets.model import Dataset
    from datasets.signals import data_settings
    from datasets.validate import check_dataset, check_translations, check_unvalidated, read_dataset
    from i18n import languages

    catalog = catalog_from(generator)
    dataset = catalog.datasets.get(Path(path).stem)
    if dataset is None or len(dataset.records) < 2 or any(r.origin is None for r in dataset.records):
        return None
    old_lines, lines = old_text.splitlines(keepends=True), text.splitlines(keepends=True)
    first, (old_end, new_end) = _differing(old_lines, lines)
    starts = [record.origin.line for record in dataset.records if record.origin]  # 1-based, old text
    at = next(
        (i for i in range(len(starts) - 1) if starts[i] <= first + 1 and old_end < starts[i + 1] - 1), None
    )
    if at is None:
        return None  # the header, two records, or the last record (what follows it is unknown)
    if TOP_LEVEL_KEY.search("".join(lines[starts[0] - 1 :])):
        return None  # another key after the records list
    shift = len(lines) - len(old_lines)
    block = lines[starts[at] - 1 : starts[at + 1] - 1 + shift]
    padding = ["\n"] * (starts[at] - starts[0])
    data_dir, shown_base, _max_bytes, today = data_settings(generator.settings)
    shown = os.path.relpath(path, shown_base)
    problems: list[str] = []
    unchecked: list = []
    try:
        data = parse_text("".join(lines[: starts[0] - 1] + padding + block), shown)
    except DataError as error:
        return _Change(problems=[str(error)])
    single = read_dataset(dataset.id, data, shown, problems, unchecked)
    if single is not None and len(single.records) == 1:
        codes = tuple(language.code for language in languages(generator.settings)[1:])
        problems += check_dataset(single, catalog.places, today)
        problems += check_translations([single], catalog.places, codes)
    problems += check_unvalidated(unchecked, catalog.places)
    problems += collected_problems()
    if problems:
        return _Change(problems=problems)
    if single is None or len(single.records) != 1 or single.records[0].id != dataset.records[at].id:
        return None  # records added, removed or renamed
    if single.model_dump(exclude={"records"}) != dataset.model_dump(exclude={"records"}):
        return None  # the header as read differs: not a one-record change
    records = (*dataset.records[:at], single.records[0], *dataset.records[at + 1 :])
    fields = {name: getattr(dataset, name) for name in Dataset.model_fields}
    change = _Change(Dataset.model_construct(**{**fields, "records": records}), single.records[0])
    change.old_dataset = dataset
    return change


def _differing(old_lines, lines):
    """(first differing line index, (last differing index in old, in new)), 0-based."""
    first = 0
    limit = min(len(old_lines), len(lines))
    while first < limit and old_lines[first] == lines[first]:
        first += 1
    old_end, new_end = len(old_lines) - 1, len(lines) - 1
    while old_end >= first and new_end >= first and old_lines[old_end] == lines[new_end]:
        old_end, new_end = old_end - 1, new_end - 1
    return first, (old_end, new_end)


def _put_in_catalog(site, change):
    """A new catalog with the changed dataset, in the site's shared context."""
    from datasets.model import Catalog

    context = site.articles().context if site.articles() is not None else site.generators[0].context
    old = context["catalog"]
    datasets = {**old.datasets, change.dataset.id: change.dataset}
    context["catalog"] = Catalog(places=old.places, datasets=datasets)
    return context["catalog"]


def _plugin_page(generator, **variables):
    """The variables plugins/datasets' generator writes its pages with."""
    return {
        "relative_urls": generator.settings.get("RELATIVE_URLS", False),
        "override_output": True,
        **variables,
    }


def _record_page(site, generator, record, dataset):
    from datasets.views import record_facts  # plugins/datasets: what the record page lists

    variables = _plugin_page(
        generator, dataset=dataset, record=record, columns=record_facts(record, dataset.kind)
    )
    return (site, generator, f"{dataset.record_url(record)}index.html", "record", variables)


def _dataset_pages(site, generator, dataset, catalog, in_view):
    """The dataset's table pages in view, worked out again (and kept for the next save)."""
    from datasets.filters import text_for  # plugins/datasets

    view = None
    for index, kept_view in enumerate(generator.dataset_views):
        if kept_view["dataset"].id == dataset.id:
            page_size = generator.whole_number("DATASETS_TABLE_PAGE_SIZE", 1)
            view = generator.dataset_view(dataset, catalog, page_size, text_for(generator.settings))
            generator.dataset_views[index] = view  # context["dataset_views"] is this list
    if view is None:
        return []
    return [
        (site, generator, table.save_as, "dataset", _plugin_page(generator, table=table, **view))
        for table in view["tables"]
        if os.path.normpath(os.path.join(site.folder, table.save_as)) in in_view
    ]
