"""Social cards (plugins/cards) on the built default site, read as a crawler would.

Every story and chart page, in English and Arabic, names a card in og:image and
twitter:image: an absolute address on the site's origin, a PNG of the output
that decodes to 1200 x 630, with its size and text alternative declared; the
story's NewsArticle JSON-LD carries the same image. A small site built twice
shows that a warm build draws no card and a changed headline redraws only its own.
"""

import json
import re
import struct
import zlib
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import build_site

STORY = re.compile(r"(ar/)?\d{4}/\d{2}/[^/]+/index\.html")
CHART_PAGE = re.compile(r"(ar/)?charts/(?!page/)[^/]+/index\.html")
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


def decode_png(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG after checking every chunk's CRC and inflating its
    pixels to the exact size the header promises (a truncated or corrupt file fails)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    position, idat, header = 8, b"", None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in chunk {kind!r}"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        position += 12 + length
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert interlace == 0 and depth == 8, f"unexpected PNG format {header}"
    pixels = zlib.decompress(idat)
    assert len(pixels) == height * (1 + width * CHANNELS[colour]), "pixel data does not match the header"
    return width, height


def _page(output, path):
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html5lib")


def _meta(soup, key, value):
    found = soup.find("meta", attrs={key: value})
    return found.get("content") if found else None


def _file_of(output, url, origin):
    """The output file an absolute URL on the site's origin names."""
    assert url and url.startswith(origin + "/"), f"{url!r} is not an absolute address on {origin}"
    return output / urlsplit(url).path[len(urlsplit(origin).path) :].lstrip("/")


@pytest.fixture(scope="module")
def pages(default_site):
    output = default_site.output
    found = sorted(p.relative_to(output).as_posix() for p in output.rglob("index.html"))
    stories = [p for p in found if STORY.fullmatch(p)]
    charts = [p for p in found if CHART_PAGE.fullmatch(p)]
    assert len(stories) >= 10 and any(p.startswith("ar/") for p in stories), stories
    assert len(charts) >= 10 and any(p.startswith("ar/") for p in charts), charts
    return output, stories, charts


def _origin(output):
    """The site's public origin, from the home page's canonical link."""
    return _page(output, "index.html").find("link", rel="canonical")["href"].rstrip("/")


def test_every_story_and_chart_page_shares_a_1200x630_card(pages):
    output, stories, charts = pages
    problems, seen, origin = [], {}, _origin(output)
    for path in stories + charts:
        soup = _page(output, path)
        image = _meta(soup, "property", "og:image")
        if not image:
            problems.append(f"{path}: no og:image")
            continue
        card = _file_of(output, image, origin)
        if not card.is_file():
            problems.append(f"{path}: og:image {image} is not a file of the output")
            continue
        size = seen.setdefault(card, decode_png(card.read_bytes()))
        expected = {
            ("property", "og:image:width"): "1200",
            ("property", "og:image:height"): "630",
            ("property", "og:image:type"): "image/png",
            ("name", "twitter:card"): "summary_large_image",
            ("name", "twitter:image"): image,
        }
        for (key, value), wanted in expected.items():
            if _meta(soup, key, value) != wanted:
                problems.append(f"{path}: {value}: expected {wanted!r}, found {_meta(soup, key, value)!r}")
        if size != (1200, 630):
            problems.append(f"{path}: {card.name} is {size}, expected (1200, 630)")
        alt = _meta(soup, "property", "og:image:alt") or ""
        if len(alt) < 20 or alt != _meta(soup, "name", "twitter:image:alt"):
            problems.append(f"{path}: og:image:alt {alt!r}")
        if path in stories:  # the default site's lead images are SVGs, so the card it is
            jsonld = json.loads(soup.find("script", type="application/ld+json").string)
            if jsonld.get("image", {}).get("url") != image:
                problems.append(f"{path}: JSON-LD image {jsonld.get('image')} is not the card {image}")
    assert not problems, "\n".join(problems)


def test_a_story_shares_its_lead_chart_or_else_a_card_of_its_own(pages):
    """A story with a named chart first shares that chart's card (the chart page's,
    byte for byte); a story without a chart a card of its own; each language its own."""
    output, stories, _ = pages
    origin, kinds = _origin(output), set()
    for path in stories:
        soup = _page(output, path)
        image = _meta(soup, "property", "og:image")
        card = _file_of(output, image, origin).read_bytes()
        language = "ar" if path.startswith("ar/") else "en"
        lead = soup.select_one("article.story figure.chart")
        if lead is not None:
            chart_card = (
                output
                / path[: len("ar/") if language == "ar" else 0]
                / "charts"
                / lead["id"].removeprefix("chart-")
                / "card.png"
            )
            assert chart_card.is_file(), f"{path}: its lead chart {lead['id']} is not a named chart"
            assert card == chart_card.read_bytes(), f"{path}: its card is not its lead chart's"
            kinds.add(("chart", language))
        else:
            kinds.add(("headline", language))
            twin = path.removeprefix("ar/") if language == "ar" else "ar/" + path
            if (output / twin).is_file():
                assert _meta(_page(output, twin), "property", "og:image") != image
                assert (
                    _file_of(output, _meta(_page(output, twin), "property", "og:image"), origin).read_bytes()
                    != card
                )
    # The default site has stories with and without charts, in both languages.
    assert kinds == {("chart", "en"), ("chart", "ar"), ("headline", "en"), ("headline", "ar")}, kinds


STORY_MD = """\
Title: {title}
Date: 2019-03-17 10:00+03:00
Category: News
Slug: {slug}

Text of the story.
"""


def test_a_warm_build_draws_no_card_and_a_new_headline_only_its_own(tmp_path):
    files = {
        "content/articles/one.md": STORY_MD.format(title="Strikes on Idlib city", slug="one"),
        "content/articles/two.md": STORY_MD.format(title="Patrols around the zone", slug="two"),
    }
    # Two worker processes draw the first build's two cards; the one card of the
    # second build is drawn in the build's process.
    workers = "CARDS_WORKERS = 2\nCARDS_PARALLEL_MIN = 2\n"
    first = build_site(tmp_path, files=files, settings=workers)
    assert first.ok, first.log
    stats = first.site / ".card-cache" / "last-build-en.json"
    assert json.loads(stats.read_text()) == {**json.loads(stats.read_text()), "written": 2, "drawn": 2}
    assert json.loads(stats.read_text())["workers_cpu_s"] > 0, "the workers' CPU time is reported"
    two = (first.output / "cards" / "two.png").read_bytes()
    files["content/articles/one.md"] = STORY_MD.format(title="Air raids on Idlib city", slug="one")
    second = build_site(tmp_path, files=files, settings=workers)
    assert second.ok, second.log
    assert json.loads(stats.read_text())["drawn"] == 1, "only the changed headline's card is drawn again"
    assert json.loads(stats.read_text())["workers_cpu_s"] == 0, "one card is drawn without workers"
    assert (second.output / "cards" / "two.png").read_bytes() == two
    assert decode_png((second.output / "cards" / "one.png").read_bytes()) == (1200, 630)
    # press.files.write_atomic writes beside the card as .<name>.<random>.tmp
    assert not list((second.site / ".card-cache").glob(".*.tmp")), "no half-written card is left"
