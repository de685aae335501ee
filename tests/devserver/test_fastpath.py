"""plugins/devserver's fast path: a save rendered from the kept sites, byte for byte
what the whole pipeline renders for the same save.

One warm Preview (in this process, as ``make serve`` keeps it) on a copy of the
project; each edit is rendered by the fast path, then by a full preview (Pelican's
whole pipeline, both languages), and the pages must be identical.
"""

import pytest
from helpers import copy_project

from devserver.preview import Preview

STORY = "content/articles/turkish-patrols-dmz-march-2019.md"
STORY_PAGE = "2019/03/turkish-patrols-dmz-march-2019/index.html"
SENTENCE = "Turkey's armed forces ran their first patrol"


@pytest.fixture(scope="module")
def warm(tmp_path_factory, warm_caches):
    # Charts and cards drawn already (the default site's caches): the test is about the fast path.
    project = copy_project(tmp_path_factory.mktemp("fastpath"), caches=warm_caches)
    preview = Preview(project / "pelicanconf.py")
    first = preview.render({STORY_PAGE}, set())
    assert not first.problems, first.problems
    assert preview.kept is not None
    return project, preview


def save(project, relative, old, new):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


def test_a_story_saved_is_rendered_as_the_whole_pipeline_renders_it(warm):
    project, preview = warm
    for words in ("a first revision", "a second revision"):  # the second edits the kept, edited story
        path = save(project, STORY, SENTENCE, f"{SENTENCE} ({words})")
        fast = preview.fast({path})
        assert fast is not None and fast.fast and not fast.problems, fast
        assert STORY_PAGE in fast.pages, sorted(fast.pages)
        assert f"({words})".encode() in fast.pages[STORY_PAGE]
        full = preview.render({STORY_PAGE}, {path})
        assert not full.problems, full.problems
        assert set(fast.pages) <= set(full.pages)  # the full one adds its translation's, unchanged
        for page, body in fast.pages.items():
            assert full.pages[page] == body, page
        save(project, STORY, f"{SENTENCE} ({words})", SENTENCE)


def test_a_story_mistake_is_listed_and_the_kept_story_stays(warm):
    project, preview = warm
    path = save(project, STORY, SENTENCE, f"{SENTENCE}\n\n{{chart: no-such-chart}}\n\n")
    fast = preview.fast({path})
    assert fast is not None and fast.fast and not fast.pages
    assert any("unknown chart 'no-such-chart'" in problem for problem in fast.problems), fast.problems
    save(project, STORY, f"{SENTENCE}\n\n{{chart: no-such-chart}}\n\n", SENTENCE)
    mended = preview.fast({path})
    assert mended is not None and not mended.problems and STORY_PAGE in mended.pages


def test_a_changed_front_matter_goes_the_whole_way(warm):
    project, preview = warm
    path = save(project, STORY, "Tags: ", "Tags: ceasefire, ")
    try:
        assert preview.fast({path}) is None
    finally:
        save(project, STORY, "Tags: ceasefire, ", "Tags: ")
    assert preview.fast({str(project / "theme/templates/base.html")}) is None


def fast_then_full(preview, path, wanted):
    fast = preview.fast({path}, wanted)
    assert fast is not None and fast.fast and not fast.problems, fast
    full = preview.render(wanted, {path})
    assert not full.problems, full.problems
    return fast, full


def test_a_chart_spec_saved_redraws_the_chart_in_the_story_in_view(warm):
    project, preview = warm
    chart = "data/charts/patrols-timeline.yml"
    path = save(project, chart, "by force and where", "by force (revised) and where")
    fast, full = fast_then_full(preview, path, {STORY_PAGE})
    assert sorted(fast.pages) == [STORY_PAGE]
    assert b"by force (revised) and where" in fast.pages[STORY_PAGE]
    assert fast.pages[STORY_PAGE] == full.pages[STORY_PAGE]


def test_a_record_saved_is_validated_alone_and_its_page_rendered(warm):
    project, preview = warm
    record_page = "data/patrols/turkish-patrol-dmz-2019-03/index.html"
    path = save(project, "data/patrols.yml", "No route was published", "No route was ever published")
    in_view = {record_page, f"ar/{record_page}", "data/patrols/index.html"}  # and its dataset's page
    fast, full = fast_then_full(preview, path, in_view)
    assert sorted(fast.pages) == sorted(full.pages) == sorted(in_view)
    assert b"No route was ever published" in fast.pages[record_page]
    for page, body in fast.pages.items():
        assert full.pages[page] == body, page
    # A mistake in the record: its line, as a build says it; the kept catalog stays.
    broken = save(project, "data/patrols.yml", "date: 2019-03-15", "date: 2019-15-03")
    listed = preview.fast({broken}, {record_page})
    assert listed is not None and listed.problems and "patrols.yml:" in listed.problems[0], listed
