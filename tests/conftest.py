"""Shared fixtures: the default site is built once per test session."""

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
