"""Draw cards with vl-convert (its SVG rasteriser), kept in CARDS_CACHE_PATH so a warm
build draws none.

A card is kept as ``<key>.png``, the key a sha256 of what it is drawn from: its
text, direction and chart drawing, the code of this plugin and vl-convert's
version. An unchanged card costs a file copy; nothing is unpickled or
evaluated, a kept file is only copied into the output.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from pathlib import Path

from press.files import write_atomic

from .layout import CardText, card_svg

CODE_FILES = ("layout.py", "measure.py", "render.py", "card.svg")


@functools.cache  # the code and vl-convert do not change during a run
def _code_digest() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


@functools.cache
def _vl_convert_version() -> str:
    from importlib.metadata import version

    return version("vl-convert-python")


def card_key(card: CardText) -> str:
    """The cache key of a card: everything that decides its pixels."""
    parts = {
        "card": dataclasses.asdict(card),
        "code": _code_digest(),
        "vl_convert": _vl_convert_version(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def kept_path(cache_dir, key) -> str:
    return os.path.join(cache_dir, f"{key}.png")


def draw(card: CardText, cache_dir) -> tuple[str, bool]:
    """(path of the card's PNG in the cache, whether it was drawn now)."""
    key = card_key(card)
    kept = kept_path(cache_dir, key)
    if os.path.isfile(kept):
        return kept, False
    import vl_convert as vlc  # only when a card must be drawn

    write_atomic(kept, vlc.svg_to_png(card_svg(card)))
    return kept, True


def copy_into(kept, target):
    """Copy a kept card to its place in the output (a plain, world-readable file)."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(kept, "rb") as source, open(target, "wb") as out:
        out.write(source.read())
