"""The datasets tests import plugins/datasets (their ``synthetic_site`` is tests/conftest.py's)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
