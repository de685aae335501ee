"""What a record page shows, as a key (plugins/press/kept.py keeps the page while it is the same).

A record page (theme/templates/record.html) shows the record, its dataset's
title, links and columns, the gazetteer's names of its places (and their
governorates, for search), the stories that report it (headline, address,
date, section, standfirst, and how many there are) and its row's address in
the dataset's table. Its key is a digest of exactly those values and of the
page's own address; the site-wide part (settings, theme, translations, code)
is press's. Record ids are unique in a catalog, so one record's page is keyed
by that record alone: changing one incident renders one record page again.
"""

from __future__ import annotations

import hashlib
import json


def catalog_digest(catalog) -> str:
    """Every place of the gazetteer and every dataset's own fields (its records left out)."""
    digest = hashlib.sha256(b"marsad-catalog-shown 1\n")
    for place_id in sorted(catalog.places):
        digest.update(catalog.places[place_id].model_dump_json().encode() + b"\n")
    for dataset_id in sorted(catalog.datasets):
        dataset = catalog.datasets[dataset_id]
        digest.update(dataset.model_dump_json(exclude={"records"}).encode() + b"\n")
    return digest.hexdigest()


def story_values(story) -> list:
    """What a story card shows of a story (theme/templates/partials/story_card.html)."""
    category = getattr(story, "category", None)
    return [
        story.url,
        str(story.title),
        story.date.isoformat(),
        str(category.name) if category else None,
        str(getattr(story, "summary", "") or ""),
    ]


def record_key(shown_catalog, save_as, dataset, record, columns, row_url, story_links) -> str:
    """The key of one record page: every value of its own that record.html reads."""
    stories = story_links.of(record) if story_links is not None else []
    listed = story_links.latest(record) if story_links is not None else []
    values = [
        save_as,
        shown_catalog,
        dataset.id,
        record.kind,
        record.model_dump_json(),
        [column.key for column in columns],
        row_url,
        len(stories),
        [story_values(story) for story in listed],
    ]
    return json.dumps(values, ensure_ascii=False)
