"""Fixtures for the datasets tests: the plugin on sys.path and one synthetic site build."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from helpers import build_site, once_per_run  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory):
    """tests/fixtures/datasets-site (synthetic places, records and stories), built once per run."""
    site = once_per_run(
        tmp_path_factory, "datasets-site", lambda folder: build_site(folder, fixture="datasets-site")
    )
    assert site.ok, site.log
    return site
