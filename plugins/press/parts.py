"""A file of named parts: a line of JSON, then the parts' bytes one after another.

The first line holds the caller's own small fields, ``parts`` (each part's
``[offset, length]`` in the bytes after the line) and ``digest`` (the sha256 of
those bytes). Never pickle, which runs code when loaded: reading a part file
only parses JSON and slices bytes. A file that is truncated, mixed up with
another or edited by hand fails :func:`unpack_parts`, and the caller makes what
it held afresh.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

Head = TypeVar("Head", bound=BaseModel)


def pack_parts(fields: dict[str, Any], parts: dict[str, bytes]) -> bytes:
    """The bytes of a part file: ``fields`` and where each of ``parts`` is, then the parts."""
    places, offset = {}, 0
    for name, data in parts.items():
        places[name] = (offset, len(data))
        offset += len(data)
    blob = b"".join(parts.values())
    head = {**fields, "parts": places, "digest": hashlib.sha256(blob).hexdigest()}
    return json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + blob


def unpack_parts(data: bytes, model: type[Head]) -> tuple[Head, dict[str, bytes]] | None:
    """(the first line checked by ``model``, {name: bytes}); None if the line does not
    validate, the digest does not match or a part lies outside the file.

    ``model`` must have the fields ``parts: dict[str, tuple[int, int]]`` (its key type
    may list the part names allowed) and ``digest: str``."""
    line, _, blob = data.partition(b"\n")
    try:
        head = model.model_validate_json(line)
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
