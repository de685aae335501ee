"""Shared fixtures: the default site is built once per test session, and one
Debian chromium (Playwright, never a downloaded browser) serves every browser test."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import build_site  # noqa: E402


@pytest.fixture(scope="session")
def default_site(tmp_path_factory):
    """The project's own content and data, built once with the real pelicanconf."""
    site = build_site(tmp_path_factory.mktemp("default"), default_site=True)
    assert site.ok, site.log
    return site


@pytest.fixture(scope="session")
def chromium_browser():
    """One chromium for the whole session: Playwright's sync API allows one at a time."""
    import chromium

    with chromium.running() as browser:
        yield browser
