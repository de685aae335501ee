"""What a record page shows, as a key (plugins/press/kept.py keeps the page while it is the same).

A record page (theme/templates/record.html) shows the record, its dataset's
title, links and columns, the gazetteer's names of its places (and their
governorates, for search), the stories that report it (headline, address,
date, section, standfirst, and how many there are) and its row's address in
the dataset's table. Its key is a digest of exactly those values and of the
page's own address; the site-wide part (settings, theme, translations, code)
is press's. Record ids are unique in a catalog, so one record's page is keyed
by that record alone: changing one incident renders one record page again.

A place page (theme/templates/place.html) shows the gazetteer's entries of the
place, its parents and children, its locator map, one numbered page of the
records that name it or a place inside it (each with its dataset and row
address) and the stories about it; its key is a digest of those.
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


class PageKeys:
    """The keys of one run's record and place pages."""

    def __init__(self, catalog, row_urls, story_links, locators):
        self.catalog = catalog_digest(catalog)
        self.row_urls = row_urls  # {record id: its row's address in its dataset's table}
        self.story_links = story_links  # plugins/related's, or None
        self.locators = locators  # plugins/charts' locator maps, by place id
        self._records: dict[int, str] = {}  # id(record) -> its JSON: a record is on several pages
        self._cards: dict[int, list] = {}  # id(story) -> story_values: a story reports many records

    def _record(self, dataset, record) -> list:
        shown = self._records.get(id(record))
        if shown is None:
            shown = self._records[id(record)] = record.model_dump_json()
        return [dataset.id, record.kind, shown, self.row_urls.get(record.id)]

    def _stories(self, subject) -> list:
        """How many stories a page lists for ``subject``, and the cards of those it shows."""
        if self.story_links is None:
            return [0, []]
        cards = []
        for story in self.story_links.latest(subject):
            card = self._cards.get(id(story))
            if card is None:  # Pelican works the summary out again on every access
                card = self._cards[id(story)] = story_values(story)
            cards.append(card)
        return [len(self.story_links.of(subject)), cards]

    def record(self, save_as, dataset, record, columns) -> str:
        """The key of one record page: every value of its own that record.html reads."""
        values = [
            save_as,
            self.catalog,
            self._record(dataset, record),
            [column.key for column in columns],
            self._stories(record),
        ]
        return json.dumps(values, ensure_ascii=False)

    def place(self, view) -> str:
        """The key of one place page (one numbered page of its records): what place.html reads."""
        locator = self.locators.get(view.place.id)
        values = [
            view.save_as,
            self.catalog,
            view.place.id,
            [place.id for place in view.ancestors],
            [place.id for place in view.children],
            [self._record(dataset, record) for dataset, record in view.records],
            repr(view.pages),
            [str(locator.svg), locator.note, locator.caption] if locator else None,
            self._stories(view.place),
        ]
        return json.dumps(values, ensure_ascii=False)
