"""Fixtures for the datasets tests: the plugin on sys.path and one synthetic site build."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from helpers import build_site  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory):
    """tests/fixtures/datasets-site (synthetic places, records and stories), built once."""
    site = build_site(tmp_path_factory.mktemp("datasets-site"), fixture="datasets-site")
    assert site.ok, site.log
    return site
