"""Vega-Lite -> static SVG with vl-convert (no browser), cached.

The cache key is a hash of the Vega-Lite spec (which carries the chart's data
inline), the Vega-Lite version and the vl-convert version: an unchanged chart is
read back from ``CHARTS_CACHE_PATH`` instead of being rendered again.
draw.py calls it in worker processes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib.metadata import version

from press.files import write_atomic

from .svg import canonical_ids

logger = logging.getLogger(__name__)

VLC_VERSION = version("vl-convert-python")
VL_VERSION = "6.4"  # Altair 6's Vega-Lite; the browser bundle uses the same
CACHE_FORMAT = "2"  # bump when what is stored changes


def cache_key(vl_spec: dict, vl_version: str = VL_VERSION) -> str:
    """Hash of everything the SVG depends on."""
    text = json.dumps(
        {"spec": vl_spec, "vl": vl_version, "vlc": VLC_VERSION, "format": CACHE_FORMAT},
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def render_svg(vl_spec: dict, cache_dir: str, vl_version: str = VL_VERSION):
    """(SVG text, rendered?) of a Vega-Lite dict: read from the cache when unchanged."""
    path = os.path.join(cache_dir, f"{cache_key(vl_spec, vl_version)}.svg")
    found = _read(path)
    if found is not None:
        return found, False
    import vl_convert as vlc  # imported only when something must be rendered

    svg = canonical_ids(vlc.vegalite_to_svg(vl_spec, vl_version))
    write_atomic(path, svg)
    return svg, True


def vega_bundle(cache_dir: str, vl_version: str = VL_VERSION) -> str:
    """Vega, Vega-Lite and vega-embed in one classic script that sets window.vega,
    window.vegaLite and window.vegaEmbed (vl-convert's own bundle, cached)."""
    path = os.path.join(cache_dir, f"vega-bundle-{VLC_VERSION}-{vl_version}.js")
    found = _read(path)
    if found is None:
        import vl_convert as vlc

        found = vlc.javascript_bundle(vl_version=vl_version)  # type: ignore[call-arg]  # the stub wrongly requires snippet
        write_atomic(path, found)
    return found
