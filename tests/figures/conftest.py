"""Fixtures for the figures tests: plugins on sys.path, one good and one failing build."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from helpers import build_site, once_per_run  # noqa: E402

# The fixture has an Arabic story beside the English ones, built in one site.
SETTINGS = 'LANGUAGES = ["en", "ar"]\n'


@pytest.fixture(scope="session")
def figures_site(tmp_path_factory):
    """tests/fixtures/figures-site: stories whose counts are all bound or cited."""
    site = once_per_run(
        tmp_path_factory,
        "figures-site",
        lambda folder: build_site(folder, fixture="figures-site", settings=SETTINGS),
    )
    assert site.ok, site.log
    return site
