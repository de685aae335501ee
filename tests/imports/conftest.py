"""Fixtures for the importer's tests: the plugins on sys.path, a synthetic data/ folder."""

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import monitor_exports as synthetic  # noqa: E402

TODAY = dt.date.fromisoformat(synthetic.TODAY)  # the synthetic exports' "today"


@pytest.fixture
def data_dir(tmp_path):
    """data/ with the synthetic gazetteer and an empty casualties dataset."""
    return synthetic.write_data(tmp_path)


@pytest.fixture
def run(data_dir):
    """run(fmt, file, **options): one import into ``data_dir`` on the synthetic 'today'."""
    from imports.run import run_import

    def _run(fmt, file, dataset="casualties", **options):
        return run_import(fmt, file, dataset, data_dir, today=TODAY, **options)

    return _run
