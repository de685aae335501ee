"""plugins/devserver's fast path: a save rendered from the kept sites, byte for byte
what the whole pipeline renders for the same save.

One warm Preview (in this process, as ``make serve`` keeps it) on a copy of the
project; each edit is rendered by the fast path, then by a full preview (Pelican's
whole pipeline, both languages), and the pages must be identical.
"""

import shutil

import pytest
from helpers import ROOT, copy_project

from devserver.preview import Preview

STORY = "content/articles/turkish-patrols-dmz-march-2019.md"
STORY_PAGE = "2019/03/turkish-patrols-dmz-march-2019/index.html"
SENTENCE = "Turkey's armed forces ran their first patrol"


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("fastpath"))
    for cache in (".chart-cache", ".data-cache"):
        if (ROOT / cache).is_dir():
            shutil.copytree(ROOT / cache, project / cache)
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
