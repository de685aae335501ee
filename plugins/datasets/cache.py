"""The validated catalog kept between builds, while no data file has changed.

Parsing YAML in pure Python is slow (about a second per megabyte); editors
rebuild many times a day while the data stays the same. The key is a hash of
every data file's bytes and name, the settings that change validation (size
cap, "today"), the plugin's own code and the version of every installed
package, so any change means a full load and validation, exactly as without
the cache. Only a catalog without problems is kept.

Entries are lines of JSON (one place, dataset header or record a line), never
pickle (which runs code when loaded): loading one
validates every place, dataset and record again through the same pydantic
models, so a tampered or truncated entry is either exactly what the models
accept or ignored (and the data is read afresh).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import distributions
from pathlib import Path

from pydantic import ValidationError

from press.files import replacing

from .model import RECORD_TYPES, Catalog, Dataset, Place, Record, SharedParts

FORMAT = "4"  # bump when what is stored changes


@cache
def installed_versions() -> str:
    """'name==version' of every installed distribution: pinned dependencies in the key."""
    found = {(d.metadata["Name"] or "").lower(): d.version for d in distributions()}
    return "\n".join(f"{name}=={version}" for name, version in sorted(found.items()))


def code_digest(*folders) -> str:
    """Hash of the Python files of ``folders`` (plugin packages) and the installed versions."""
    digest = hashlib.sha256(installed_versions().encode())
    for folder in folders:
        for path in sorted(Path(folder).glob("*.py")):
            digest.update(b"\x00" + path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()


def catalog_key(data_dir: Path, files, max_bytes: int, today) -> str:
    """Hex key of a data directory's catalog: file names and bytes, settings, code, versions."""
    digest = hashlib.sha256(f"{FORMAT}|{max_bytes}|{today}|{code_digest(Path(__file__).parent)}".encode())
    for path in files:
        digest.update(b"\x00" + os.path.relpath(path, data_dir).encode() + b"\x00")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _with_origin(model) -> dict:
    data = model.model_dump(mode="json")
    data["origin"] = model.origin.model_dump(mode="json") if model.origin else None
    return data


def catalog_lines(catalog: Catalog) -> Iterator[str]:
    """The catalog as lines of JSON, origins (file and lines) included: each place,
    each dataset's own fields followed by its records, one a line, then an end line
    that counts the lines before it (so a file cut short between two lines is refused)."""
    count = 0
    for place in catalog.places.values():
        count += 1
        yield json.dumps(["place", _with_origin(place)], ensure_ascii=False)
    for dataset in catalog.datasets.values():
        count += 1
        yield json.dumps(
            ["dataset", _with_origin(dataset.model_copy(update={"records": ()}))], ensure_ascii=False
        )
        for record in dataset.records:
            count += 1
            yield json.dumps(["record", _with_origin(record)], ensure_ascii=False)
    yield json.dumps(["end", count])


def catalog_from_lines(lines: Iterable[str]) -> Catalog:
    """A catalog validated again by the models; raises ValueError if anything does not fit.

    One line is parsed at a time and let go as its model is made: parsing the whole
    catalog at once left the process some 20 MB larger (5,000 records) after its
    objects were freed, in memory the allocator could not give back."""
    share = SharedParts()
    places: list[Place] = []
    datasets: list[Dataset] = []
    dataset: tuple[dict, type[Record], list] | None = None  # the one being read
    count = 0

    def finish():
        if dataset is not None:
            entry, _, records = dataset
            datasets.append(share(Dataset.model_validate({**entry, "records": tuple(records)})))

    for line in lines:
        kind, data = json.loads(line)
        if kind == "end":
            if data != count:
                break
            finish()
            return Catalog(places={p.id: p for p in places}, datasets={d.id: d for d in datasets})
        count += 1
        if kind == "place":
            places.append(share(Place.model_validate(data)))
        elif kind == "dataset":
            finish()
            dataset = (data, RECORD_TYPES[data["kind"]], [])
        elif kind == "record" and dataset is not None:
            dataset[2].append(share(dataset[1].model_validate(data)))
        else:
            break
    raise ValueError("the kept catalog is cut short or out of order")


def load_catalog(cache_dir, key):
    """The kept catalog for ``key``, or None (missing, unreadable or not valid)."""
    try:
        path = os.path.join(cache_dir, f"catalog-{key}.json")
        with open(path, encoding="utf-8", newline="\n") as handle:
            return catalog_from_lines(handle)
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None


def store_catalog(cache_dir, key, catalog):
    """Keep a validated catalog; older entries go (one data directory, one entry)."""
    os.makedirs(cache_dir, exist_ok=True)
    for old in [*Path(cache_dir).glob("catalog-*.json"), *Path(cache_dir).glob("catalog-*.pickle")]:
        old.unlink(missing_ok=True)
    with replacing(os.path.join(cache_dir, f"catalog-{key}.json")) as out:
        for line in catalog_lines(catalog):
            out.write(line + "\n")
