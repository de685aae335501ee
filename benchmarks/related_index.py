"""Benchmark: the related-stories index on synthetic stories.

Generates N synthetic stories here (never published; nothing is read from
content/ or data/), shaped like a newsroom's archive: eight years of stories,
places drawn from a four-level synthetic gazetteer (governorate > district >
subdistrict > community) with a few busy governorates, tags, actors and
datasets with skewed (Zipf-like) popularity, records reported by stories of
the same days, some links between stories and some pins.

Then it times building the index and computing every story's related list,
and, on a smaller N, compares the index with the naive all-pairs baseline:
same lists (checked) and the speed ratio.

The limit applies to the best of --repeat runs (as timeit does): other work on
a shared machine only ever makes a run slower.

Usage:  .venv/bin/python benchmarks/related_index.py [--stories 20000] [--naive 1500]
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from related.index import RelatedIndex, Story, naive_related  # noqa: E402

YEARS = 8


def zipf_choice(rng, items, exponent=1.1):
    """An item, the first ones much more often (Zipf-like popularity)."""
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def gazetteer(rng):
    """{place: parent} for a synthetic four-level gazetteer (about 1,800 places)."""
    parent = {}
    for g in range(14):
        gov = f"gov-{g}"
        parent[gov] = None
        for d in range(4):
            district = f"{gov}-d{d}"
            parent[district] = gov
            for s in range(4):
                sub = f"{district}-s{s}"
                parent[sub] = district
                for c in range(8):
                    parent[f"{sub}-c{c}"] = sub
    return parent


def ancestors(place, parent):
    chain = []
    while parent.get(place):
        place = parent[place]
        chain.append(place)
    return chain


def synthetic_stories(count, seed=7):
    rng = random.Random(seed)
    parent = gazetteer(rng)
    governorates = [p for p, up in parent.items() if up is None]
    communities = {
        g: [p for p in parent if p.startswith(g + "-") and p.count("-") == 4] for g in governorates
    }
    tags = [f"tag-{n}" for n in range(120)]
    actors = [f"actor-{n}" for n in range(25)]
    datasets = [f"dataset-{n}" for n in range(40)]
    days = YEARS * 365
    stories = []
    for n in range(count):
        day = rng.uniform(0, days)
        gov = zipf_choice(rng, governorates, 1.3)
        places = {rng.choice(communities[gov]) for _ in range(rng.randint(1, 2))}
        if rng.random() < 0.2:
            places.add(ancestors(min(places), parent)[0])
        if rng.random() < 0.4:
            places.add(gov)
        above = {a for p in places for a in ancestors(p, parent)} - places
        records = ()
        if rng.random() < 0.3:
            records = tuple({f"record-{int(day)}-{rng.randint(0, 2)}" for _ in range(rng.randint(1, 3))})
        earlier = [s.slug for s in stories[-50:]]
        links = (
            tuple(rng.sample(earlier, min(len(earlier), rng.randint(1, 2))))
            if earlier and rng.random() < 0.1
            else ()
        )
        pins = (rng.choice(earlier),) if earlier and rng.random() < 0.05 else ()
        stories.append(
            Story(
                slug=f"story-{n}",
                day=day,
                tags=tuple({zipf_choice(rng, tags) for _ in range(rng.randint(1, 4))}),
                actors=tuple({zipf_choice(rng, actors) for _ in range(rng.randint(0, 3))}),
                places=tuple(sorted(places)),
                place_ancestors=tuple(sorted(above)),
                datasets=tuple({zipf_choice(rng, datasets) for _ in range(rng.randint(1, 2))})
                if rng.random() < 0.3
                else (),
                records=records,
                links=links,
                pins=pins,
            )
        )
    return stories


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20000)
    parser.add_argument("--naive", type=int, default=1500, help="N for the all-pairs comparison")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed for --stories")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best one counts")
    args = parser.parse_args()

    stories, generated = timed(lambda: synthetic_stories(args.stories))
    print(f"generated {len(stories)} synthetic stories in {generated:.2f} s")
    totals = []
    for run in range(1, args.repeat + 1):
        cpu = time.process_time()
        index, built = timed(lambda: RelatedIndex(stories))
        lists, computed = timed(index.all_related)
        cpu = time.process_time() - cpu
        totals.append(built + computed)
        print(
            f"run {run}: index built in {built:.2f} s, all related lists in {computed:.2f} s, "
            f"total {built + computed:.2f} s (CPU {cpu:.2f} s)"
        )
    total = min(totals)
    listed = sum(len(v) for v in lists.values())
    empty = sum(1 for v in lists.values() if not v)
    print(
        f"{listed / len(lists):.1f} related per story, {empty} stories with none, "
        f"{len(index.common)} keys too common to count"
    )

    small = RelatedIndex(synthetic_stories(args.naive, seed=11))
    fast, fast_time = timed(lambda: [small.related(i) for i in range(len(small.stories))])
    slow, slow_time = timed(lambda: [naive_related(small, i) for i in range(len(small.stories))])
    same = fast == slow
    print(
        f"on {args.naive} stories: index {fast_time:.3f} s, naive all pairs {slow_time:.3f} s, "
        f"naive/index = {slow_time / max(fast_time, 1e-9):.1f}x; same lists: {same}"
    )
    if not same:
        print("FAIL: the index and the all-pairs baseline disagree")
        return 1
    if total >= args.limit:
        print(f"FAIL: {args.stories} stories took {total:.2f} s at best (limit {args.limit:.1f} s)")
        return 1
    print(f"OK: best run {total:.2f} s, under {args.limit:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
