"""Make vl-convert's SVG fit for inlining in a page.

- Responsive: the fixed width and height go, the viewBox stays (CSS sets width 100%).
- Accessible: ``role="img"`` with a <title> and <desc> named by aria-labelledby; the
  marks' own ARIA attributes go (the children of an image are not read).
- Unique: ids (clip paths, gradients) get the chart's prefix, so two charts on one
  page cannot borrow each other's clip paths.
- Safe under the site's CSP and against odd data: only drawing elements and
  presentation attributes survive (no script, foreignObject, style, event
  handlers or outside links). Text is escaped by the serialiser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

ELEMENTS = {
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "clipPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "title",
    "desc",
    "pattern",
    "mask",
    "symbol",
}
DROPPED_ATTRIBUTES = {"style", "role", "width", "height", "href", "tabindex", "focusable"}
URL_REF = re.compile(r"url\(#([^)]+)\)")


ID = re.compile(r'(\sid=")([^"]+)(")')
ID_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def canonical_ids(text: str, prefix: str = "d") -> str:
    """Renumber ids in document order, ``prefix`` + 1, 2... (vl-convert counts clip
    paths per process, so the same chart would otherwise differ with what was
    rendered before it)."""
    mapping: dict[str, str] = {}
    for match in ID.finditer(text):
        mapping.setdefault(match.group(2), f"{prefix}{len(mapping) + 1}")
    if not mapping:
        return text
    text = ID.sub(lambda m: m.group(1) + mapping[m.group(2)] + m.group(3), text)
    return ID_REF.sub(lambda m: m.group(1) + mapping.get(m.group(2), m.group(2)), text)


class UnsafeSVG(Exception):
    """vl-convert produced something that is not plain drawing markup."""


def _local(name):
    return name.rsplit("}", 1)[-1]


def _clean(element, prefix):
    for child in list(element):
        if (
            _local(child.tag) not in ELEMENTS
            or child.tag.startswith("{")
            and not child.tag.startswith("{" + SVG)
        ):
            element.remove(child)
            continue
        _clean(child, prefix)
    for name in list(element.attrib):
        local = _local(name)
        value = element.attrib[name]
        if (
            (
                local in DROPPED_ATTRIBUTES
                and not (local in ("width", "height") and _local(element.tag) != "svg")
            )
            or local.startswith("on")
            or local.startswith("aria-")
        ):
            del element.attrib[name]
        elif local == "id":
            element.attrib[name] = f"{prefix}-{value}"
        elif "url(" in value:
            element.attrib[name] = URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value)


def inline_svg(text: str, dom_id: str, title: str, description: str) -> str:
    """Clean vl-convert SVG and give it its accessible name and description."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise UnsafeSVG(f"not well-formed SVG: {error}") from None
    if root.tag != f"{{{SVG}}}svg":
        raise UnsafeSVG(f"expected an <svg> root, found {root.tag}")
    if "viewBox" not in root.attrib:
        width, height = root.get("width"), root.get("height")
        root.set("viewBox", f"0 0 {width} {height}")
    _clean(root, dom_id)
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("class", "chart__svg")
    root.set("role", "img")
    root.set("aria-labelledby", f"{dom_id}-svg-title {dom_id}-svg-desc")
    desc = ET.Element(f"{{{SVG}}}desc", {"id": f"{dom_id}-svg-desc"})
    desc.text = description
    label = ET.Element(f"{{{SVG}}}title", {"id": f"{dom_id}-svg-title"})
    label.text = title
    root.insert(0, desc)
    root.insert(0, label)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)
