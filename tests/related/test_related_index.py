"""The index on in-memory stories: scores known by hand, and equal to all-pairs scoring."""

import random

import pytest

from related.index import RelatedIndex, Story, naive_related

WEIGHTS = {"place": 4, "place_ancestor": 2, "dataset": 3, "tag": 1, "actor": 0.5, "incident": 5, "link": 6}


def index(stories, **options):
    options = {"weights": WEIGHTS, "threshold": 1.5, "half_life": 30, "max_items": 5, **options}
    return RelatedIndex(stories, **options)


def listed(idx, slug):
    return [(idx.stories[m.story].slug, round(m.score, 3), m.pinned) for m in idx.all_related()[slug]]


def test_same_place_scores_place_weight():
    idx = index([Story("a", 0, places=("town",)), Story("b", 0, places=("town",))])
    assert listed(idx, "a") == [("b", 4.0, "")]


def test_parent_place_scores_ancestor_weight_both_ways():
    idx = index(
        [
            Story("town-story", 0, places=("town",), place_ancestors=("district", "gov")),
            Story("gov-story", 0, places=("gov",), place_ancestors=()),
        ]
    )
    assert listed(idx, "town-story") == [("gov-story", 2.0, "")]
    assert listed(idx, "gov-story") == [("town-story", 2.0, "")]


def test_sibling_places_are_not_related():
    idx = index(
        [
            Story("a", 0, places=("town-a",), place_ancestors=("gov",)),
            Story("b", 0, places=("town-b",), place_ancestors=("gov",)),
        ]
    )
    assert listed(idx, "a") == []


def test_shared_keys_add_up():
    a = Story("a", 0, places=("town",), datasets=("d",), records=("r",), tags=("t",), actors=("russia",))
    b = Story("b", 0, places=("town",), datasets=("d",), records=("r",), tags=("t",), actors=("russia",))
    assert listed(index([a, b]), "a") == [("b", 4 + 3 + 5 + 1 + 0.5, "")]


def test_time_decay_halves_per_half_life():
    idx = index(
        [Story("a", 0, places=("town",)), Story("b", 30, places=("town",)), Story("c", 60, places=("town",))],
        threshold=0.5,
    )
    assert listed(idx, "a") == [("b", 2.0, ""), ("c", 1.0, "")]
    assert listed(index(idx.stories, threshold=0.5, half_life=0), "a") == [
        ("c", 4.0, ""),
        ("b", 4.0, ""),
    ]  # no decay: a tie, the newest first


def test_threshold_cuts_weak_matches():
    stories = [Story("a", 0, tags=("t",)), Story("b", 0, tags=("t",))]
    assert listed(index(stories, threshold=1.5), "a") == []
    assert listed(index(stories, threshold=1.0), "a") == [("b", 1.0, "")]


def test_pins_come_first_and_work_both_ways():
    stories = [
        Story("a", 0, places=("town",), pins=("z",)),
        Story("b", 0, places=("town",)),
        Story("z", -400),
    ]
    idx = index(stories)
    assert listed(idx, "a") == [("z", 0.0, "pinned"), ("b", 4.0, "")]
    assert listed(idx, "z") == [("a", 0.0, "pinned-by")]


def test_pins_count_towards_the_maximum():
    stories = [Story("a", 0, places=("x",), pins=("p1", "p2")), Story("p1", -500), Story("p2", -600)] + [
        Story(f"s{n}", 0, places=("x",)) for n in range(5)
    ]
    assert [s for s, _, _ in listed(index(stories, max_items=3), "a")] == ["p1", "p2", "s0"]


def test_links_in_the_text_count_both_ways():
    idx = index([Story("a", 0, links=("b",)), Story("b", 1)])
    assert [s for s, _, _ in listed(idx, "a")] == ["b"]
    assert [s for s, _, _ in listed(idx, "b")] == ["a"]


def test_unknown_pins_and_links_are_ignored_by_the_index():
    idx = index([Story("a", 0, pins=("ghost",), links=("ghost",))])
    assert listed(idx, "a") == []


def test_common_keys_are_ignored_on_large_sites():
    stories = [Story(f"s{n}", n, tags=("everywhere",)) for n in range(10)]
    assert listed(index(stories, threshold=0.5, common_share=0.5, common_min=5), "s0") == []
    small = index(stories, threshold=0.5, common_share=0.5, common_min=50)
    assert len(listed(small, "s0")) == 5


def random_stories(count, seed):
    rng = random.Random(seed)
    places = [f"town-{n}" for n in range(12)]
    parents = {p: f"gov-{n % 3}" for n, p in enumerate(places)}
    stories = []
    for n in range(count):
        named = set(rng.sample(places, rng.randint(0, 2)))
        if rng.random() < 0.3:
            named.add(f"gov-{rng.randint(0, 2)}")
        above = {parents[p] for p in named if p in parents} - named
        earlier = [s.slug for s in stories]
        stories.append(
            Story(
                f"s{n}",
                rng.uniform(0, 400),
                tags=tuple(rng.sample(["a", "b", "c", "d", "e"], rng.randint(0, 2))),
                actors=tuple(rng.sample(["x", "y"], rng.randint(0, 1))),
                places=tuple(sorted(named)),
                place_ancestors=tuple(sorted(above)),
                datasets=tuple(rng.sample(["d1", "d2", "d3"], rng.randint(0, 1))),
                records=tuple(rng.sample(["r1", "r2", "r3", "r4"], rng.randint(0, 1))),
                links=tuple(rng.sample(earlier, 1)) if earlier and rng.random() < 0.1 else (),
                pins=tuple(rng.sample(earlier, 1)) if earlier and rng.random() < 0.05 else (),
            )
        )
    return stories


@pytest.mark.parametrize(
    "seed,options",
    [
        (1, {}),
        (2, {"half_life": 0}),
        (3, {"threshold": 0.25, "max_items": 3}),
        (4, {"weights": {"place": 0.3, "tag": 0.7, "place_ancestor": 0.1}, "threshold": 0.5}),
        (5, {"common_share": 0.2, "common_min": 10}),
    ],
)
def test_index_equals_scoring_every_pair(seed, options):
    idx = index(random_stories(150, seed), **options)
    batch = idx.all_related()
    for i, story in enumerate(idx.stories):
        expected = naive_related(idx, i)
        assert idx.related(i) == expected
        assert batch[story.slug] == expected


def test_scores_are_symmetric():
    idx = index(random_stories(80, 9), weights={"tag": 0.1, "place": 0.7, "actor": 0.3})
    for i in range(len(idx.stories)):
        for j in range(len(idx.stories)):
            assert idx.score(i, j) == idx.score(j, i)


def test_benchmark_script_runs_and_agrees_with_all_pairs():
    """The benchmark itself (small N, no time limit: timing is not tested here)."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "related_index.py"
    run = subprocess.run(
        [
            sys.executable,
            str(script),
            "--stories",
            "2000",
            "--naive",
            "300",
            "--repeat",
            "1",
            "--limit",
            "600",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "same lists: True" in run.stdout
