"""Bad data stops the real build: every problem listed, exit 1, no traceback, output kept."""

from helpers import ROOT, build_site, copy_project, invoke, snapshot

RULES = ROOT / "tests" / "fixtures" / "datasets-rules"
STORY = """\
Title: A story
Date: 2019-03-17 18:00+02:00
Category: Idlib
Slug: a-story

Body.
"""


def rule(name):
    return (RULES / name).read_text(encoding="utf-8")


def test_build_fails_listing_problems_of_every_file(tmp_path):
    site = build_site(
        tmp_path,
        files={
            "content/articles/a-story.md": STORY,
            "data/places.yml": rule("places.yml"),
            "data/one.yml": rule("min-greater-than-max.yml"),
            "data/two.yml": rule("unknown-place.yml").replace("id: t-1", "id: t-2"),
            "data/three.yml": rule("duplicate-key.yml").replace("id: t-1", "id: t-3"),
        },
    )
    assert site.returncode == 1
    assert "data/one.yml:19: t-1: killed: expected min <= max, found min 20 > max 15" in site.log
    assert "data/two.yml:17: t-2: place: unknown place 'test-village'" in site.log
    assert "data/three.yml:21: killed: duplicate key (first given on line 19)" in site.log
    assert "Traceback" not in site.log
    assert not (site.output / "data").exists()


def test_unknown_article_slug_fails_the_build(tmp_path):
    dataset = rule("missing-field.yml").replace(
        "  - id: t-1  # <- error\n",
        "  - id: t-1\n    articles: [a-story, no-such-story]\n    documented_by: Test Monitor\n",
    )
    site = build_site(
        tmp_path,
        files={
            "content/articles/a-story.md": STORY,
            "data/places.yml": rule("places.yml"),
            "data/casualties.yml": dataset,
        },
    )
    assert site.returncode == 1, site.log
    assert "data/casualties.yml:16: t-1: articles: unknown article slug 'no-such-story'" in site.log, site.log
    assert "'a-story'" not in site.log
    assert "Traceback" not in site.log


def test_invalid_data_leaves_previous_output_untouched(tmp_path, warm_caches):
    """`invoke build` (what `make build` runs) keeps the last good output/ (the first
    build starts from the default site's caches: its charts are drawn already)."""
    copy_project(tmp_path, caches=warm_caches)
    first = invoke(tmp_path, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    output = tmp_path / "output"
    assert (output / "data" / "casualties" / "casualties.csv").is_file()
    before = snapshot(output)

    casualties = tmp_path / "data" / "casualties.yml"
    casualties.write_text(
        casualties.read_text(encoding="utf-8").replace(
            "    killed: 15\n", "    killed: {min: 15, max: 12}\n"
        ),
        encoding="utf-8",
    )
    second = invoke(tmp_path, "build")
    log = second.stdout + second.stderr
    assert second.returncode == 1
    assert "data/casualties.yml:" in log and "idlib-city-2019-03-13: killed: expected min <= max" in log
    assert "Traceback" not in log
    assert snapshot(output) == before
