"""The validated catalog kept between builds, while no data file has changed.

Parsing YAML in pure Python is slow (about a second per megabyte); editors
rebuild many times a day while the data stays the same. The key is a hash of
every data file's bytes and name, the settings that change validation (size
cap, "today") and the plugin's own code, so any change means a full load and
validation, exactly as without the cache. Only a catalog without problems is
kept. Entries are pickles in ``DATASETS_CACHE_PATH``: a local build cache,
trusted like the code beside it; delete the folder to start afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import pydantic

FORMAT = "1"  # bump when what is stored changes


def catalog_key(data_dir: Path, files, max_bytes: int, today) -> str:
    """Hex key of a data directory's catalog: file names and bytes, settings, code."""
    digest = hashlib.sha256(f"{FORMAT}|{pydantic.VERSION}|{max_bytes}|{today}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    for path in files:
        digest.update(b"\x00" + os.path.relpath(path, data_dir).encode() + b"\x00")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def load_catalog(cache_dir, key):
    """The kept catalog for ``key``, or None."""
    try:
        with open(os.path.join(cache_dir, f"catalog-{key}.pickle"), "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store_catalog(cache_dir, key, catalog):
    """Keep a validated catalog; older entries go (one data directory, one entry)."""
    os.makedirs(cache_dir, exist_ok=True)
    for old in Path(cache_dir).glob("catalog-*.pickle"):
        old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        pickle.dump(catalog, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, os.path.join(cache_dir, f"catalog-{key}.pickle"))
