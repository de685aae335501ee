"""Every problem of the data is listed in one run: a duplicate key, a record that
fails its schema or a misspelt field never hides the other problems of its file,
of the other files, or the cross-checks (unknown places) of that same record."""

from helpers import FIXTURES, build_site, snapshot

DATA = FIXTURES / "datasets-site" / "data"


def edited(name, *replacements):
    text = (DATA / name).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    return text


def line_of(text, fragment, nth=1):
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return lines[nth - 1]


def test_one_run_lists_every_problem_once(tmp_path, synthetic_site):
    good = build_site(tmp_path, fixture="datasets-site", caches=synthetic_site.site)
    assert good.ok, good.log
    before = snapshot(good.output)
    casualties = edited(
        "casualties.yml",
        ("    injured: 20\n", "    injured: 20\n    injured: 21\n"),  # duplicate key in s-1
        ("    killed: 4\n", "    killed: four\n"),  # schema error in s-2 ...
        ("    place: gamma-village\n", "    place: nowhere-town\n"),  # ... and an unknown place
    )
    counts = edited("counts.yml", ("    place: alpha-governorate\n", "    plce: alpha-governorate\n"))
    patrols = edited(
        "patrols.yml",
        ("license: CC0 1.0\n", ""),  # the header fails ...
        (
            "    places: [beta-town, gamma-village]\n",
            "    places: [beta-town, atlantis]\n",
        ),  # ... a place too
    )
    files = {"data/casualties.yml": casualties, "data/counts.yml": counts, "data/patrols.yml": patrols}
    site = build_site(tmp_path, fixture="datasets-site", files=files)
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log
    expected = [
        f"data/casualties.yml:{line_of(casualties, 'injured: 21')}: injured: duplicate key (first given on line {line_of(casualties, 'injured: 20')}); keep one",
        f"data/casualties.yml:{line_of(casualties, 'killed: four')}: s-2: killed: expected a figure (15) or a range (min: 15, max: 17), found 'four'",
        f"data/casualties.yml:{line_of(casualties, 'nowhere-town')}: s-2: place: unknown place 'nowhere-town'; expected an id from data/places.yml",
        f"data/counts.yml:{line_of(counts, 'plce:')}: c-1: plce: unknown field (did you mean 'place'?)",
        "data/patrols.yml:1: header: license: required field is missing",
        f"data/patrols.yml:{line_of(patrols, 'atlantis')}: p-1: places: unknown place 'atlantis'; expected an id from data/places.yml",
    ]
    listed = [
        line[4:] for line in site.log.split("Build failed with", 1)[1].splitlines() if line.startswith("  - ")
    ]
    missing = [e for e in expected if listed.count(e) != 1]
    assert not missing, "not listed once:\n" + "\n".join(missing) + "\nlisted:\n" + "\n".join(listed)
    assert len(listed) == len(expected), "\n".join(listed)  # no knock-on problem ("place: required")
    assert snapshot(site.output) == before
