"""Builds shared by the related-stories tests (each built once per run, helpers.once_per_run)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from helpers import FIXTURES, build_site, once_per_run  # noqa: E402

# Weights chosen so that every expected list of tests/fixtures/related-lists can
# be worked out by hand (see the scores in test_related_lists.py).
LISTS_SETTINGS = f"""
THEME_TEMPLATES_OVERRIDES = [{str(FIXTURES / "related-lists" / "templates")!r}]
RELATED_WEIGHTS = {{"place": 4, "place_ancestor": 2, "dataset": 3, "tag": 1, "actor": 0,
                   "incident": 5, "link": 6}}
RELATED_THRESHOLD = 1.5
RELATED_HALF_LIFE_DAYS = 30
RELATED_MAX = 5
"""


@pytest.fixture(scope="session")
def lists_settings():
    """LISTS_SETTINGS for tests that build their own variant (a fixture: ``from
    conftest import`` finds whichever conftest module was imported first)."""
    return LISTS_SETTINGS


@pytest.fixture(scope="module")
def lists_site(tmp_path_factory):
    """tests/fixtures/related-lists with hand-checkable weights."""
    site = once_per_run(
        tmp_path_factory,
        "related-lists",
        lambda folder: build_site(folder, fixture="related-lists", settings=LISTS_SETTINGS),
    )
    assert site.ok, site.log
    return site


@pytest.fixture(scope="module")
def links_site(tmp_path_factory):
    """tests/fixtures/related-links: links between stories, redirects (default settings)."""
    site = once_per_run(
        tmp_path_factory, "related-links", lambda folder: build_site(folder, fixture="related-links")
    )
    assert site.ok, site.log
    return site


@pytest.fixture(scope="module")
def dangling_site(tmp_path_factory):
    """tests/fixtures/related-dangling: every kind of dangling reference (must fail)."""
    return once_per_run(
        tmp_path_factory, "related-dangling", lambda folder: build_site(folder, fixture="related-dangling")
    )
