"""Fixtures for the i18n tests: plugins on sys.path, the catalog's English messages."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

CATALOG = ROOT / "theme" / "translations" / "ar" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="session")
def arabic_catalog():
    """The Arabic catalog, read with Babel."""
    from babel.messages.pofile import read_po

    with open(CATALOG, "rb") as handle:
        return read_po(handle)
