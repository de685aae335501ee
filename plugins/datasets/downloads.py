"""A dataset's downloads (CSV, JSON, datapackage.json), kept between builds.

The three files are made from the catalog alone (exports.py, package.py) and
the settings that shape them (DATASETS_COUNTRY_CODE, the site's languages). The
catalog's own cache key (cache.catalog_key: every data file's bytes, the
validation settings, this plugin's code, every installed package's version)
names what they are made of, so a warm build whose data did not change copies
the bytes it wrote last time instead of writing 5,000 records out again. A
catalog that is not the one loaded under that key (the dev server puts a saved
record into its kept catalog: devserver/fastdata.py) has no key, and its
downloads are made afresh.

Kept in ``DATASETS_CACHE_PATH/downloads/<dataset>-<key>.kept``, a part file
(press/parts.py): a line of JSON (each file's place in the bytes after it, and
their digest), then the files' bytes, read in one read and checked as views of
those bytes, never copied. Before they reach the output they are checked: the digest
matches (a truncated or mixed-up entry), every file is UTF-8 and starts as the
writers start it, and no CSV cell starts a spreadsheet formula that
exports.safe_cell would have escaped. An entry that fails is ignored and the
files made afresh.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import weakref
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from press.parts import read_parts, write_parts

FORMAT = "2"  # bump when what is kept changes (2: a part file, press/parts.py)
_KEYS: dict = {}  # id(catalog) -> (weak reference to it, cache folder, catalog key)
# A CSV cell (after a comma, a line break or its opening quote) that starts like a
# formula (exports.FORMULA_START) and is not a plain number: what safe_cell
# escapes. A line break inside a quoted cell can only make it refuse more. Searched
# in the UTF-8 bytes: the pattern is ASCII, and no byte of a longer UTF-8 character is.
FORMULA = re.compile(rb'(?:^|[,\n])"?(?:[=+@\t]|\r(?!\n)|-(?![0-9]+(?:\.[0-9]+)?(?:[,\r]|$)))', re.M)
CHUNK = 1 << 20  # UTF-8 is checked this many bytes at a time
STARTS = {"csv": b"id,", "json": b'{\n  "dataset": ', "package": b"{\n"}


class KeptDownloads(BaseModel):
    """The first line of a kept entry: where each file is, and the digest of them all."""

    model_config = ConfigDict(extra="forbid")

    parts: dict[str, tuple[int, int]]
    digest: str


def remember(catalog, folder, key):
    """The catalog just loaded (or read from the cache) is the one ``key`` names."""
    for number, (ref, *_) in list(_KEYS.items()):
        if ref() is None:
            del _KEYS[number]
    _KEYS[id(catalog)] = (weakref.ref(catalog), folder, key)


def _place(catalog):
    """(cache folder, catalog key) of this very catalog, or None."""
    found = _KEYS.get(id(catalog))
    if found is None or found[0]() is not catalog:
        return None
    return found[1], found[2]


def _path(folder, dataset, key):
    return os.path.join(folder, "downloads", f"{dataset.id}-{key}.kept")


def _key(catalog_key, dataset, settings_part) -> str:
    return hashlib.sha256(f"{FORMAT}|{catalog_key}|{dataset.id}|{settings_part}".encode()).hexdigest()


def _clean(name, data: memoryview) -> bool:
    if bytes(data[: len(STARTS[name])]) != STARTS[name]:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), CHUNK):
            decoder.decode(data[start : start + CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return name != "csv" or FORMULA.search(data) is None


def _load(path) -> dict | None:
    """The kept files as views of the entry's bytes (read once, never copied), or None."""
    unpacked = read_parts(path, KeptDownloads)
    if unpacked is None or set(unpacked[1]) != set(STARTS):
        return None
    files = unpacked[1]
    return files if all(_clean(name, data) for name, data in files.items()) else None


def _store(path, files: dict):
    folder = Path(path).parent
    stem = Path(path).name.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*.kept") if folder.is_dir() else ():  # one entry per dataset
        if len(old.name) == len(Path(path).name):
            old.unlink(missing_ok=True)
    write_parts(path, {}, files)


def dataset_downloads(dataset, catalog, country_code, languages, make) -> dict:
    """{"csv", "json", "package": bytes-like} of a dataset's downloads: the kept ones when
    the catalog and settings are those they were made from, else ``make()``'s
    ({name: text}), kept for the next build."""
    place = _place(catalog)
    path = None
    if place is not None and place[0]:
        key = _key(place[1], dataset, f"{country_code}|{','.join(languages)}")
        path = _path(place[0], dataset, key)
        kept = _load(path)
        if kept is not None:
            return kept
    files = {name: text.encode("utf-8") for name, text in make().items()}
    if path is not None:
        try:
            _store(path, files)
        except OSError:
            pass  # a cache that cannot be written: the next build makes them again
    return files
