"""Chart mistakes fail the real build, each named with its file and line, all listed."""

import textwrap

import pytest
import synthetic
import yaml
from helpers import build_site

STORY = """\
Title: A story with chart mistakes
Date: 2001-02-02 10:00+00:00
Category: Tests
Slug: broken-story
Charts: test-good, no-such-listed-chart

Intro.

{chart: no-such-chart}

Some words {chart: test-good} inside a sentence.

```chart
type: bar
dataset: test-incidents
category: nonsense
colour: red
title: Broken inline chart
source: Test Monitor
alt: A chart that cannot be built.
```

{chart: test-good}

{chart: test-good}

{chart: test-bad-field}

{chart: test-empty-dataset}
"""

GOOD = """\
type: bar
dataset: test-counts
category: place
value: count
title: A good chart
source: Test Monitor
alt: Bars.
"""

BAD_FIELD = """\
type: bar
dataset: test-incidents
value: kiled
category: place
title: Misspelt field
source: Test Monitor
alt: Bars.
"""

NOTHING_LEFT = """\
type: bar
dataset: test-incidents
category: place
value: killed
filter:
  place: exampletown
  date: {from: 2001-01-20}
title: A filter that leaves nothing
source: Test Monitor
alt: Bars.
"""

UNUSED_KEY = """\
type: timeline
dataset: test-patrols
time: date
lane: force
sort: category
unit: patrols
title: A timeline given bar and big-number keys
source: Test Monitor
alt: Events.
"""

EMPTY_DATASET = """\
type: bar
dataset: test-empty
category: place
value: killed
title: A chart over an empty dataset
source: Test Monitor
alt: Bars.
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    empty = yaml.safe_load(synthetic.incidents())
    empty["records"] = []
    files = {
        **synthetic.data_files(),
        "data/test-empty.yml": yaml.safe_dump(empty, sort_keys=False),
        "content/articles/broken-story.md": STORY,
        "data/charts/test-good.yml": GOOD,
        "data/charts/test-bad-field.yml": BAD_FIELD,
        "data/charts/test-nothing-left.yml": NOTHING_LEFT,
        "data/charts/test-empty-dataset.yml": EMPTY_DATASET,
        "data/charts/test-unused-key.yml": UNUSED_KEY,
        "data/charts/Bad_Name.yml": GOOD,
    }
    return build_site(tmp_path_factory.mktemp("charts-broken"), files=files)


def test_build_fails_without_a_traceback(broken):
    assert broken.returncode == 1, broken.log
    assert "Traceback" not in broken.log


@pytest.mark.parametrize(
    "expected",
    [
        "content/articles/broken-story.md:9: broken-story: chart: unknown chart 'no-such-chart'; "
        "expected one of: test-",
        "content/articles/broken-story.md:11: broken-story: chart: expected '{chart: name}' alone "
        "in its own paragraph",
        "content/articles/broken-story.md:16: broken-story: category: unknown field 'nonsense' for "
        "a casualties dataset; expected one of: id, documented_by",
        "content/articles/broken-story.md:17: broken-story: colour: unknown key; expected one of: "
        "type, dataset",
        "content/articles/broken-story.md:25: broken-story: chart: 'test-good' is already embedded "
        "on line 23; embed a chart once per story",
        "content/articles/broken-story.md:5: broken-story: charts: unknown chart 'no-such-listed-chart'",
        "data/charts/test-bad-field.yml:3: test-bad-field: value: unknown field 'kiled' for a "
        "casualties dataset",
        "data/charts/test-nothing-left.yml:5: test-nothing-left: filter: no records to chart: the "
        "filter leaves none in 'test-incidents'; expected at least one",
        "data/charts/test-empty-dataset.yml:2: test-empty-dataset: dataset: no records to chart: "
        "the dataset leaves none in 'test-empty'",
        "data/charts/Bad_Name.yml:1: Bad_Name: file name: expected a chart name in lower-case",
        # A key the chart type would silently ignore is refused by name, each on its line.
        "data/charts/test-unused-key.yml:5: test-unused-key: sort: a timeline chart does not use "
        "'sort'; expected one of: type, dataset, title, subtitle, notes, source, alt, filter, time, "
        "lane, label, height, found 'sort'",
        "data/charts/test-unused-key.yml:6: test-unused-key: unit: a timeline chart does not use 'unit'",
        "content/articles/broken-story.md:27: broken-story: chart: 'test-bad-field' cannot be "
        "shown; fix the problems listed for data/charts/test-bad-field.yml",
        "content/articles/broken-story.md:29: broken-story: chart: 'test-empty-dataset' cannot be "
        "shown; fix the problems listed for data/charts/test-empty-dataset.yml",
    ],
)
def test_each_problem_is_named_with_file_and_line(broken, expected):
    assert expected in broken.log, broken.log


def test_all_problems_are_listed_together(broken):
    summary = broken.log[broken.log.index("Build failed with") :]
    assert summary.count("broken-story.md:") >= 6
    assert summary.count("data/charts/") >= 4


def test_a_good_chart_beside_bad_ones_is_still_checked_not_crashed(broken):
    assert "A good chart" not in broken.log  # it is fine: nothing to report about it


def test_invalid_yaml_in_a_chart_block_names_the_line(tmp_path):
    story = textwrap.dedent("""\
        Title: Bad YAML
        Date: 2001-02-02 10:00+00:00
        Category: Tests
        Slug: bad-yaml

        ```chart
        type: bar
        title: [unclosed
        ```
        """)
    site = build_site(tmp_path, files={**synthetic.data_files(), "content/articles/bad-yaml.md": story})
    assert site.returncode == 1
    assert "content/articles/bad-yaml.md:9: bad-yaml: chart: invalid YAML" in site.log, site.log
    assert "Traceback" not in site.log


def test_a_missing_basemap_is_named_not_a_traceback(tmp_path):
    files = {
        **synthetic.data_files(),
        "data/charts/test-map.yml": (
            "type: map\ndataset: test-incidents\ntitle: A map\nsource: Test Monitor\nalt: Circles.\n"
        ),
    }
    site = build_site(tmp_path, files=files, settings="CHARTS_BASEMAP_PATH = 'no-such-folder'\n")
    assert site.returncode == 1 and "Traceback" not in site.log
    assert (
        "data/charts/test-map.yml:1: test-map: type: CHARTS_BASEMAP_PATH: expected countries.geojson"
        in site.log
    )
