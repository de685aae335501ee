"""What an article page shows around the story: related list, data, places, prev/next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datasets.labels import record_label, record_when

from .stories import DataRecord, StoryData


@dataclass(frozen=True)
class RelatedStory:
    """An entry of a Related block: the story, its score, and whether it is pinned."""

    story: object
    score: float
    pinned: str = ""  # "", "pinned" (by this story) or "pinned-by" (the other story pins it)


def story_data(article, catalog, records, datasets):
    """'Data in this story' of an article."""
    listed = []
    for record_id in records:
        dataset, record = catalog.record(record_id)
        listed.append(DataRecord(record, dataset, record_label(record, catalog), record_when(record)))
    return StoryData(
        records=sorted(listed, key=lambda r: (r.record.sort_date, r.id)),
        datasets=[catalog.datasets[d] for d in datasets],
        charts=list(getattr(article, "chart_figures", None) or ()),
    )


def story_places(article, catalog):
    """Gazetteer places named in the story's metadata, in the order given."""
    names = getattr(article, "places", None) or []
    names = [names] if isinstance(names, str) else names
    return [catalog.places[p] for p in dict.fromkeys(names) if p in catalog.places]


def link_categories(articles):
    """Set previous_in_category (older) and next_in_category (newer) on each article."""
    by_category: dict[Any, list[Any]] = {}
    for article in articles:
        by_category.setdefault(article.category, []).append(article)
    for members in by_category.values():
        members.sort(key=lambda a: (a.date, a.slug))
        for position, article in enumerate(members):
            article.previous_in_category = members[position - 1] if position > 0 else None
            article.next_in_category = members[position + 1] if position + 1 < len(members) else None


class LatestStories:
    """Fallback for a story without related ones: newest of its category, then others.

    The site's stories are sorted once; each story's list then costs a few steps.
    """

    def __init__(self, articles):
        self.newest = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
        self.by_category: dict = {}
        for article in self.newest:
            self.by_category.setdefault(article.category, []).append(article)

    def around(self, article, count):
        """Up to ``count`` stories other than ``article``."""
        chosen: list[Any] = []
        for candidates in (self.by_category.get(article.category, []), self.newest):
            for story in candidates:
                if len(chosen) == count:
                    return chosen
                if story is not article and story not in chosen:
                    chosen.append(story)
        return chosen
