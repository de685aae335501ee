"""Related stories from inverted indices: weighted shared keys, time decay, threshold.

Pure Python, no Pelican: the plugin turns articles into :class:`Story` objects;
the benchmark and the unit tests build them directly.

Score of two stories A and B::

    (sum of the weights of the keys they share + link weight if one links to the other)
    * 0.5 ** (days between them / half-life)

Keys: tags, actors, datasets, records (incidents), places. A place counts with
``place`` when both stories name it, and with ``place_ancestor`` when one story's
place lies inside the other's (through the gazetteer's parent chain). On a large
site, a key carried by more than ``common_share`` of the stories (a tag on every
tenth story) says little and is ignored, as Hugo's ``cardinalityThreshold``.
Stories scoring below the threshold are left out; the best ``max_items`` remain,
after the pinned ones (the author's pins, then the stories that pin this one).

Each story is compared only with stories sharing a key with it (posting lists,
rarest key first). Once the best ``max_items`` are known, keys whose remaining
weight cannot beat them and stories too far away in time to do so are skipped,
so the result equals scoring every pair (:func:`naive_related`), only faster.
"""

from __future__ import annotations

import gc
import heapq
import math
import sys
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_WEIGHTS = {
    "link": 3.0,  # one story links to the other in its text
    "incident": 3.0,  # both report the same record (incident, patrol, count...)
    "place": 2.0,  # both name the same place
    "dataset": 1.5,  # both use the same dataset
    "tag": 1.0,  # a shared tag
    "place_ancestor": 0.75,  # one story's place lies inside the other's
    "actor": 0.5,  # a shared actor (Russia, Turkey, ...)
}
EPSILON = 1e-9


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building many small objects.

    The index makes no reference cycles; without the pause, collections
    triggered by the allocations take half the build time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Story:
    """What the index knows of one story. ``day``: days since any fixed origin."""

    slug: str
    day: float
    tags: tuple = ()
    actors: tuple = ()
    places: tuple = ()
    place_ancestors: tuple = ()  # ancestors of ``places`` that are not in ``places``
    datasets: tuple = ()
    records: tuple = ()
    links: tuple = ()  # slugs this story links to in its text
    pins: tuple = ()  # slugs pinned by the author, in order


@dataclass(frozen=True)
class Match:
    """One related story: its position in the index, its score, why it is there."""

    story: int
    score: float
    pinned: str = ""  # "" (scored), "pinned" (by this story), "pinned-by" (the other pins it)


def story_keys(story, weights):
    """(query terms [(key, weight, partner)], document keys {key}) of a story.

    A story's terms match other stories' document keys: tags, actors, datasets,
    records and named places ("p") match themselves; a named place also matches
    the stories inside it ("w"), and an ancestor of its places matches the stories
    naming that ancestor. ``partner`` is the key the same relation uses from the
    other story's side (so a relation dropped as too common is dropped both ways).
    """
    doc, terms, intern = set(), [], sys.intern  # one string per key: compared by identity
    for prefix, values, weight in (
        ("t\0", story.tags, weights.get("tag", 0)),
        ("a\0", story.actors, weights.get("actor", 0)),
        ("d\0", story.datasets, weights.get("dataset", 0)),
        ("r\0", story.records, weights.get("incident", 0)),
    ):
        for value in values:
            key = intern(prefix + value)
            if key not in doc:
                doc.add(key)
                if weight:
                    terms.append((key, weight, key))
    place, ancestor = weights.get("place", 0), weights.get("place_ancestor", 0)
    for value in dict.fromkeys(story.places):
        named, inside = intern("p\0" + value), intern("w\0" + value)
        doc.add(named)
        if place:
            terms.append((named, place, named))
        if ancestor:
            terms.append((inside, ancestor, named))
    for value in dict.fromkeys(story.place_ancestors):
        named, inside = intern("p\0" + value), intern("w\0" + value)
        if inside in doc or named in doc:
            continue
        doc.add(inside)
        if ancestor:
            terms.append((named, ancestor, inside))
    return terms, doc


class RelatedIndex:
    """Inverted indices over stories; :meth:`related` gives one story's list."""

    def __init__(
        self,
        stories,
        weights=None,
        threshold=2.0,
        half_life=180.0,
        max_items=5,
        common_share=0.1,
        common_min=200,
    ):
        with paused_gc():
            self._build(stories, weights, threshold, half_life, max_items, common_share, common_min)

    def _build(self, stories, weights, threshold, half_life, max_items, common_share, common_min):
        # Weights in 1/1024ths: sums are then exact, so a score is the same
        # whichever story it is computed from.
        self.weights = {
            name: round(float(value) * 1024) / 1024
            for name, value in dict(DEFAULT_WEIGHTS, **(weights or {})).items()
        }
        self.threshold = float(threshold)
        self.half_life = float(half_life or 0)
        self.rate = math.log(2) / self.half_life if self.half_life else 0.0
        self.max_items = int(max_items)
        # Position is the tie-break: newer first, then slug.
        self.stories = sorted(stories, key=lambda s: (-s.day, s.slug))
        self.days = [s.day for s in self.stories]
        self.position = {s.slug: i for i, s in enumerate(self.stories)}
        keyed = [story_keys(s, self.weights) for s in self.stories]
        self.docs = [doc for _, doc in keyed]
        members: dict[str, list[int]] = {}
        for i, doc in enumerate(self.docs):
            for key in doc:
                members.setdefault(key, []).append(i)
        count = len(self.stories)
        limit = max(common_share * count, 1) if common_share and count >= common_min else None
        self.common = {k for k, m in members.items() if limit is not None and len(m) > limit}
        # Posting lists by day (positions run from newest to oldest), days for bisection.
        self.postings = {}
        for key, found in members.items():
            if key not in self.common:
                found.reverse()
                self.postings[key] = (found, [self.days[i] for i in found])
        # Each story's terms, rarest first, with the weight left from each term on.
        postings = self.postings
        size = {key: len(found) for key, (found, _) in postings.items()}
        self.terms, self.remaining = [], []
        for terms, _ in keyed:
            ordered = sorted(((size[k], k, w) for k, w, partner in terms if k in size and partner in size))
            left, total = [], 0.0
            for _, _, weight in reversed(ordered):
                total += weight
                left.append(total)
            self.terms.append([(k, w) for _, k, w in ordered])
            self.remaining.append(left[::-1])
        self._links_and_pins()

    def _links_and_pins(self):
        self.linked: list[set[int]] = [set() for _ in self.stories]
        self.pinned_by: list[list[int]] = [[] for _ in self.stories]
        for i, story in enumerate(self.stories):
            for slug in story.links:
                j = self.position.get(slug)
                if j is not None and j != i:
                    self.linked[i].add(j)
                    self.linked[j].add(i)
            for slug in story.pins:
                j = self.position.get(slug)
                if j is not None and j != i and i not in self.pinned_by[j]:
                    self.pinned_by[j].append(i)

    # --- scoring ---------------------------------------------------------------------

    def base(self, i, j):
        """Score of two stories before time decay."""
        doc, total = self.docs[j], 0.0
        for key, weight in self.terms[i]:
            if key in doc:
                total += weight
        if j in self.linked[i]:
            total += self.weights.get("link", 0)
        return total

    def score(self, i, j):
        return self.base(i, j) * math.exp(-abs(self.days[i] - self.days[j]) * self.rate)

    def pins(self, i):
        """Story i's pinned stories: its own pins in order, then those pinning it."""
        result, seen = [], {i}
        for slug in self.stories[i].pins:
            j = self.position.get(slug)
            if j is not None and j not in seen:
                seen.add(j)
                result.append(Match(j, self.score(i, j), "pinned"))
        for j in sorted(self.pinned_by[i]):
            if j not in seen:
                seen.add(j)
                result.append(Match(j, self.score(i, j), "pinned-by"))
        return result

    def scored(self, i, count, exclude=()):
        """The best ``count`` stories for story i scoring at least the threshold."""
        heap: list = []
        self._search(i, count, {i, *exclude}, heap)
        return [Match(-neg, value) for value, neg in sorted(heap, reverse=True)]

    def related(self, i):
        """Story i's related list: pinned first, then the best scored ones."""
        pinned = self.pins(i)
        return pinned + self.scored(i, self.max_items - len(pinned), exclude={m.story for m in pinned})

    def all_related(self):
        """{slug: [Match, ...]} for every story."""
        with paused_gc():
            return {story.slug: self.related(i) for i, story in enumerate(self.stories)}

    def _search(self, i, count, seen, heap):
        """Fill ``heap`` with story i's best (score, -position) items, skipping ``seen``."""
        if count <= 0:
            return
        threshold, rate, days, docs = self.threshold, self.rate, self.days, self.docs
        half_life, exp, log2 = self.half_life, math.exp, math.log2
        push, replace = heapq.heappush, heapq.heapreplace
        bound = threshold  # a story must score at least this to enter the list
        for j in sorted(self.linked[i] - seen):
            seen.add(j)
            value = self.score(i, j)
            if value + EPSILON >= threshold:
                if len(heap) < count:
                    push(heap, (value, -j))
                elif (value, -j) > heap[0]:
                    replace(heap, (value, -j))
                if len(heap) == count:
                    bound = max(threshold, heap[0][0])
        day, terms, left = days[i], self.terms[i], self.remaining[i]
        for t, (key, shared) in enumerate(terms):
            remaining = left[t]
            if remaining + EPSILON < bound:
                break  # what is left cannot reach the threshold or beat the list
            members, member_days = self.postings[key]
            if rate:  # stories further away than this cannot reach the bound
                limit = log2(remaining / bound) * half_life + EPSILON
                low = bisect_left(member_days, day - limit)
                high = bisect_right(member_days, day + limit)
                members, member_days = members[low:high], member_days[low:high]
            # A story first met here shares this term and no earlier one.
            tail = terms[t + 1 :]
            least = bound - EPSILON
            for j, other_day in zip(members, member_days, strict=True):
                if j in seen:
                    continue
                seen.add(j)
                doc, base = docs[j], shared
                for k, weight in tail:
                    if k in doc:
                        base += weight
                if base < least:
                    continue  # cannot enter the list even without decay
                value = base * exp((other_day - day if day > other_day else day - other_day) * rate)
                if value + EPSILON < threshold:
                    continue
                item = (value, -j)
                if len(heap) < count:
                    push(heap, item)
                elif item > heap[0]:
                    replace(heap, item)
                else:
                    continue
                if len(heap) == count and heap[0][0] > bound:
                    # Later terms get a smaller window (this term's is a superset).
                    bound = heap[0][0]
                    least = bound - EPSILON


def naive_related(index: RelatedIndex, i):
    """Story i's list by scoring every other story (the baseline the index must equal)."""
    pinned = index.pins(i)
    room = index.max_items - len(pinned)
    skip = {i} | {m.story for m in pinned}
    scored = []
    for j in range(len(index.stories)):
        if j not in skip:
            value = index.score(i, j)
            if value + EPSILON >= index.threshold:
                scored.append((value, -j))
    scored.sort(reverse=True)
    return pinned + [Match(-neg, value) for value, neg in scored[: max(room, 0)]]
