"""A file of named parts: a line of JSON, then the parts' bytes one after another.

The first line holds the caller's own small fields, ``parts`` (each part's
``[offset, length]`` in the bytes after the line) and ``digest`` (the sha256 of
those bytes). Never pickle, which runs code when loaded: reading a part file
only parses JSON and slices bytes. A file that is truncated, mixed up with
another or edited by hand fails :func:`read_parts`, and the caller makes what
it held afresh. Both sides stream: the parts are written one after another
without being joined, and read in one read into one buffer whose parts are
views, never copies (kept downloads are several MB).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .files import replacing

Head = TypeVar("Head", bound=BaseModel)
Bytes = bytes | bytearray | memoryview


def write_parts(path: str | os.PathLike[str], fields: Mapping[str, Any], parts: Mapping[str, Bytes]) -> None:
    """Replace ``path`` (atomically) with a part file of ``fields`` and ``parts``."""
    places, offset, digest = {}, 0, hashlib.sha256()
    for name, data in parts.items():
        places[name] = (offset, len(data))
        offset += len(data)
        digest.update(data)
    head = {**fields, "parts": places, "digest": digest.hexdigest()}
    with replacing(path, text=False) as out:
        out.write(json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n")
        for data in parts.values():
            out.write(data)


def read_parts(path: str | os.PathLike[str], model: type[Head]) -> tuple[Head, dict[str, memoryview]] | None:
    """(the first line checked by ``model``, {name: a view of its bytes}); None if the
    file cannot be read, the line does not validate, the digest does not match or a
    part lies outside the file.

    ``model`` must have the fields ``parts: dict[str, tuple[int, int]]`` (its key type
    may list the part names allowed) and ``digest: str``."""
    try:
        with open(path, "rb", buffering=0) as handle:  # one read into one buffer of the file's size
            data = handle.readall()
    except OSError:
        return None
    cut = data.find(b"\n")
    if cut < 0:
        return None
    whole = memoryview(data)
    blob = whole[cut + 1 :]
    try:
        head = model.model_validate_json(whole[:cut].tobytes())
    except (ValueError, ValidationError):
        return None
    if hashlib.sha256(blob).hexdigest() != getattr(head, "digest", None):
        return None
    parts = {}
    for name, (offset, length) in getattr(head, "parts", {}).items():
        if offset < 0 or length < 0 or offset + length > len(blob):
            return None
        parts[name] = blob[offset : offset + length]
    return head, parts
