"""Shared fixtures: the default site is built once per test session, and one
Debian chromium (Playwright, never a downloaded browser) serves every browser test."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import PUBLISH_ORIGIN, build_site, copy_project, invoke  # noqa: E402


@pytest.fixture(scope="session")
def default_site(tmp_path_factory):
    """The project's own content and data, built once with the real pelicanconf."""
    site = build_site(tmp_path_factory.mktemp("default"), default_site=True)
    assert site.ok, site.log
    return site


@pytest.fixture(scope="session")
def published_project(tmp_path_factory):
    """A copy of the project after `invoke publish` (what `make publish` runs) for
    PUBLISH_ORIGIN, made once per test session: the publish, sub-path and
    compression tests read it and must not change it."""
    project = copy_project(tmp_path_factory.mktemp("publish"))
    result = invoke(
        project,
        "publish",
        env={
            "PATH": "/usr/bin:/bin",
            "MARSAD_SITE_ORIGIN": PUBLISH_ORIGIN,
            "SOURCE_DATE_EPOCH": "1553000000",
            "TZ": "UTC",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def chromium_browser():
    """One chromium for the whole session: Playwright's sync API allows one at a time."""
    import chromium

    with chromium.running() as browser:
        yield browser
