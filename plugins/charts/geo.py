"""The basemap (data/geo/, Natural Earth) and the map's layout: what area to show,
where each label goes so that none covers another or a circle, and a scale bar.

The geometry is read from GeoJSON files committed in the repository (made by
data/geo/build-basemap.sh; provenance in data/geo/README.md); nothing is fetched.
Label placement works in the same Mercator projection Vega fits to the area, at
the narrow (phone) width: the interactive view is never drawn smaller, so labels
that clear each other there clear each other everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import os
from pathlib import Path

BASEMAP_PATH = Path(__file__).resolve().parents[2] / "data" / "geo"
FILES = ("countries.geojson", "governorates.geojson")
FONT_PX = 12  # reference and area labels; data labels are 13 px bold
CHAR_EM = 0.58  # average advance of a character without a width below, in em (Arabic letters)
# Advances of Latin letters, digits and punctuation in em, grouped as Arial's (and
# Liberation Sans', which vl-convert lays out with) fall; a tenth more for the
# interactive view's system fonts and bold.
LATIN_EM = {
    **dict.fromkeys("iljI.,;:'!|", 0.24),
    **dict.fromkeys("tfr -()[]/", 0.33),
    **dict.fromkeys("mwMW", 0.86),
    **dict.fromkeys("ABCDEGHKNOPQRSUVXYZ&", 0.72),
    **dict.fromkeys("FJLT", 0.61),
    **dict.fromkeys("abdeghnopqu0123456789", 0.56),
    **dict.fromkeys("ckvxyzs", 0.5),
}
LATIN_SLACK = 1.1


class BasemapMissing(Exception):
    """The basemap files are not where the settings say."""


def basemap_path(settings) -> Path:
    """CHARTS_BASEMAP_PATH; else the site's own data/geo/ (beside content/) if it has
    the files; else the one shipped with these plugins (the repository's data/geo/)."""
    if settings.get("CHARTS_BASEMAP_PATH"):
        return Path(settings["CHARTS_BASEMAP_PATH"])
    own = Path(os.path.dirname(os.path.abspath(settings["PATH"]))) / "data" / "geo"
    return own if all((own / name).is_file() for name in FILES) else BASEMAP_PATH


@functools.lru_cache(maxsize=4)
def load(folder: str):
    """(countries, governorates): lists of GeoJSON features, each with its bounding box."""
    missing = [name for name in FILES if not (Path(folder) / name).is_file()]
    if missing:
        raise BasemapMissing(
            f"CHARTS_BASEMAP_PATH: expected {' and '.join(FILES)} in {folder}, found no {', '.join(missing)} "
            "(data/geo/build-basemap.sh makes them)"
        )
    layers = []
    for name in FILES:
        features = json.loads((Path(folder) / name).read_text(encoding="utf-8"))["features"]
        for feature in features:
            _clockwise(feature["geometry"])
            feature["bbox"] = _bbox(feature["geometry"])
        layers.append(features)
    return tuple(layers)


def digest(folder) -> str:
    """Hash of the basemap files (a changed basemap redraws the maps)."""
    sha = hashlib.sha256()
    for name in FILES:
        path = Path(folder) / name
        sha.update(path.read_bytes() if path.is_file() else b"")
    return sha.hexdigest()


def _clockwise(geometry):
    """Vega (d3-geo) reads a polygon whose outer ring runs counter-clockwise, as the
    files have it (RFC 7946), as the whole globe but that polygon: turn the rings."""
    for ring in _rings(geometry):
        ring.reverse()


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _bbox(geometry):
    points = [point for ring in _rings(geometry) for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats))


def contains(feature, lon, lat) -> bool:
    """Is the point inside the feature (ray casting over every ring: holes count out)?"""
    x0, y0, x1, y1 = feature.get("bbox") or _bbox(feature["geometry"])
    if not (x0 <= lon <= x1 and y0 <= lat <= y1):
        return False
    inside = False
    for ring in _rings(feature["geometry"]):
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > lat) != (by > lat) and lon < (bx - ax) * (lat - ay) / (by - ay) + ax:
                inside = not inside
    return inside


def overlapping(features, box):
    """The features whose bounding box meets ``box`` (west, south, east, north)."""
    w, s, e, n = box
    return [
        f
        for f in features
        if f["bbox"][0] <= e and f["bbox"][2] >= w and f["bbox"][1] <= n and f["bbox"][3] >= s
    ]


def plain(feature):
    """The feature as Vega needs it (without the bounding box kept for layout)."""
    return {"type": "Feature", "properties": feature["properties"], "geometry": feature["geometry"]}


def _mercator(lon, lat):
    return math.radians(lon), -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class Frame:
    """The map's area and its projection onto a plot of ``width`` x ``height`` pixels,
    as Vega's ``fit`` computes it for the same two corners."""

    def __init__(self, box, width, height):
        self.box, self.width, self.height = box, width, height
        (x0, y1), (x1, y0) = _mercator(box[0], box[1]), _mercator(box[2], box[3])
        self.scale = min(width / (x1 - x0), height / (y1 - y0))
        self.dx = (width - self.scale * (x0 + x1)) / 2
        self.dy = (height - self.scale * (y0 + y1)) / 2

    def project(self, lon, lat):
        x, y = _mercator(lon, lat)
        return self.dx + self.scale * x, self.dy + self.scale * y

    def unproject(self, x, y):
        lam, phi = (x - self.dx) / self.scale, -(y - self.dy) / self.scale
        return math.degrees(lam), math.degrees(2 * math.atan(math.exp(phi)) - math.pi / 2)

    def corners(self):
        """The fitted area as a GeoJSON feature (Vega's projection ``fit``)."""
        w, s, e, n = self.box
        return {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[w, s], [e, n]]},
        }


def area(points, governorates, pad=0.12, least=0.5):
    """(west, south, east, north) showing every point and the governorates they lie
    in (so a place near a border shows the border), with ``pad`` of room around."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    for feature in governorates:
        if any(contains(feature, lon, lat) for lon, lat in points):
            x0, y0, x1, y1 = feature["bbox"]
            lons += [x0, x1]
            lats += [y0, y1]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    grow_x = max((e - w) * pad, (least - (e - w)) / 2, 0.05)
    grow_y = max((n - s) * pad, (least - (n - s)) / 2, 0.05)
    return (w - grow_x, s - grow_y, e + grow_x, n + grow_y)


def text_width(text, size) -> float:
    """About how wide ``text`` is drawn at ``size`` px (never narrower than it is)."""
    em = sum(LATIN_EM[c] * LATIN_SLACK if c in LATIN_EM else CHAR_EM for c in text)
    return em * size


def text_box(x, y, text, align, size, dy=0.0):
    """Pixel box (x0, y0, x1, y1) of a label drawn at (x, y), baseline middle; lines
    broken by newlines (Vega's lineBreak) run down from the first."""
    lines = text.split("\n")
    width = max(text_width(line, size) for line in lines)
    below = size * 1.2 * (len(lines) - 1)  # Vega centres the first line, the others follow
    x0 = {"left": x, "right": x - width, "center": x - width / 2}[align]
    return (x0, y + dy - size * 0.65, x0 + width, y + dy + size * 0.65 + below)


def _hits(a, b, gap=2):
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _inside(box, frame, margin=2):
    return (
        box[0] >= margin
        and box[1] >= margin
        and box[2] <= frame.width - margin
        and box[3] <= frame.height - margin
    )


class Lines:
    """The drawn border and coast lines of ``features`` in the frame's pixels, kept in
    a grid of cells so that a label's box is tested only against the lines near it."""

    CELL = 24

    def __init__(self, frame, features=()):
        self.cells: dict = {}
        margin = 40
        for feature in features:
            for ring in _rings(feature["geometry"]):
                points = [frame.project(lon, lat) for lon, lat in ring]
                for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                    if max(ax, bx) < -margin or min(ax, bx) > frame.width + margin:
                        continue
                    if max(ay, by) < -margin or min(ay, by) > frame.height + margin:
                        continue
                    segment = (ax, ay, bx, by)
                    for cell in self._cells((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))):
                        self.cells.setdefault(cell, []).append(segment)

    @classmethod
    def merged(cls, frame, many):
        """One :class:`Lines` with the segments of ``many``."""
        lines = cls(frame)
        for one in many:
            for cell, segments in one.cells.items():
                lines.cells.setdefault(cell, []).extend(segments)
        return lines

    def _cells(self, box):
        c = self.CELL
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def cross(self, box, gap=0.0) -> bool:
        """Does a line run through ``box`` grown by ``gap`` pixels on every side?"""
        x0, y0, x1, y1 = box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
        for cell in self._cells((x0, y0, x1, y1)):
            for segment in self.cells.get(cell, ()):
                if _segment_meets_box(segment, (x0, y0, x1, y1)):
                    return True
        return False


def _segment_meets_box(segment, box):
    ax, ay, bx, by = segment
    x0, y0, x1, y1 = box
    if max(ax, bx) < x0 or min(ax, bx) > x1 or max(ay, by) < y0 or min(ay, by) > y1:
        return False
    # Bounding boxes overlap: the segment meets the box unless all four corners lie
    # on one side of its line.
    sides = {
        (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) > 0
        for cx, cy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))
    }
    return len(sides) == 2 or (ax, ay) == (bx, by)


class Labels:
    """Greedy label placement: each label takes the first of its candidate spots that
    stays inside the plot and clears every label and circle placed before it, and if
    it can, every line of ``lines`` (:class:`Lines`, the ones to avoid most first:
    borders and coast, then governorate boundaries); where every spot crosses some
    line, the label gives up the last first."""

    def __init__(self, frame, *lines):
        self.frame, self.taken = frame, []
        self.lines = Lines.merged(frame, lines)
        self.ranked = lines

    def block(self, box):
        self.taken.append(box)

    @staticmethod
    def _candidates(radius, size, start):
        end = "right" if start == "left" else "left"
        gap = radius + 4
        side = 1 if start == "left" else -1
        return [
            (start, side * gap, 0.0),
            (end, -side * gap, 0.0),
            ("center", 0.0, -(gap + size * 0.6)),
            ("center", 0.0, gap + size * 0.6),
            (start, side * gap * 0.7, -(gap * 0.7 + size * 0.5)),
            (end, -side * gap * 0.7, -(gap * 0.7 + size * 0.5)),
            (start, side * gap * 0.7, gap * 0.7 + size * 0.5),
            (end, -side * gap * 0.7, gap * 0.7 + size * 0.5),
        ]

    def place_all(self, labels, tries=720):
        """Spots (as :meth:`place` gives, or None) for ``labels``: (x, y, text, radius,
        size, start) each, placed in the order that drops fewest and crosses fewest
        lines (borders weigh more than governorate lines); every order is tried up
        to ``tries`` of them, else the given one."""
        orders = itertools.islice(itertools.permutations(range(len(labels))), tries)
        kept, best = len(self.taken), None
        for order in orders:
            spots, cost = [None] * len(labels), 0
            for index in order:
                x, y, text, radius, size, start = labels[index]
                spot = spots[index] = self.place(x, y, text, radius, size, start)
                if spot is None:
                    cost += 1000
                    continue
                box = self.taken[-1]
                cost += sum(
                    10 ** (len(self.ranked) - k) for k, lines in enumerate(self.ranked) if lines.cross(box, 3)
                )
            if best is None or cost < best[0]:
                best = (cost, spots, self.taken[kept:])
            del self.taken[kept:]
            if cost == 0:
                break
        if best is None:
            return []
        self.taken.extend(best[2])
        return best[1]

    def place(self, x, y, text, radius, size, start="left", must=False):
        """(align, dx, dy) for a label beside a point of ``radius`` px, or None."""
        candidates = self._candidates(radius, size, start)
        for avoid in range(len(self.ranked), -1, -1):  # a spot off the lines if there is one
            for align, dx, dy in candidates:
                box = text_box(x + dx, y, text, align, size, dy)
                if not _inside(box, self.frame) or any(_hits(box, other) for other in self.taken):
                    continue
                if any(lines.cross(box, 3) for lines in self.ranked[:avoid]):
                    continue
                self.taken.append(box)
                return align, dx, dy
        if must:  # a data label is never dropped: the inside spot that covers least
            inside = [
                c for c in candidates if _inside(text_box(x + c[1], y, text, c[0], size, c[2]), self.frame)
            ]
            align, dx, dy = min(
                inside or candidates,
                key=lambda c: sum(
                    _hits(text_box(x + c[1], y, text, c[0], size, c[2]), o) for o in self.taken
                ),
            )
            self.taken.append(text_box(x + dx, y, text, align, size, dy))
            return align, dx, dy
        return None


def label_spot(feature, frame, labels, text, size=FONT_PX, steps=16):
    """A spot inside ``feature`` and the frame for an area name, clear of every label
    and as far from the border and coast lines (``labels.lines``) as the area allows:
    the spots whose box, grown by the widest margin, meets no line; among them the one
    farthest from the frame's edges. None if the name fits nowhere off the lines."""
    w, s, e, n = frame.box
    # Its bounding box worked out once, not in each of the few hundred tests below.
    feature = {**feature, "bbox": feature.get("bbox") or _bbox(feature["geometry"])}
    spots = []
    for i in range(1, steps):
        for j in range(1, steps):
            lon, lat = w + (e - w) * i / steps, s + (n - s) * j / steps
            if not contains(feature, lon, lat):
                continue
            x, y = frame.project(lon, lat)
            box = text_box(x, y, text, "center", size)
            if not _inside(box, frame, 6) or any(_hits(box, other, 4) for other in labels.taken):
                continue
            if not all(contains(feature, *frame.unproject(cx, cy)) for cx, cy in _corners(box)):
                continue
            room = min(x, frame.width - x, y, frame.height - y)
            spots.append((room, lon, lat, box))
    for margin in (14, 10, 7, 4):
        clear = [spot for spot in spots if not labels.lines.cross(spot[3], margin)]
        if clear:
            room, lon, lat, box = max(clear, key=lambda spot: spot[0])
            labels.block(box)
            return lon, lat
    return None


def _corners(box):
    return ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))


def scale_bar(frame, x=12, y_from_bottom=14, lines=None, label="100 km"):
    """A scale bar of a round distance, about a fifth of the plot wide, in the lower
    left corner (or, if a border or coast line runs through it or its ``label``
    there, the lower right one): (km, [[lon, lat], [lon, lat]]) of its two ends."""
    y = frame.height - y_from_bottom
    lon0, lat0 = frame.unproject(x, y)
    lon_far, _ = frame.unproject(x + frame.width / 5, y)
    km_per_degree = 111.32 * math.cos(math.radians(lat0))
    target = (lon_far - lon0) * km_per_degree
    km = max(k for k in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500) if k <= max(target, 1))
    length = km / km_per_degree * frame.scale * math.pi / 180  # in pixels
    room = length + 5 + text_box(0, 0, label, "left", FONT_PX)[2]
    for start in (x, frame.width - x - room):
        box = (start - 2, y - 8, start + room + 2, y + 8)
        if lines is None or not lines.cross(box, 2):
            break
    else:
        start = x
    lon0, _ = frame.unproject(start, y)
    return km, [[lon0, lat0], [lon0 + km / km_per_degree, lat0]]
