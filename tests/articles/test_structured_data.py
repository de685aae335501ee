"""NewsArticle JSON-LD: desks are Organizations, reporters Persons, and a story's
image is offered only when it is a raster file at least 1200 px wide."""

import json

import vl_convert


def _png(width, height):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><rect width="100%" height="100%" fill="#369"/></svg>'
    return vl_convert.svg_to_png(svg)


def _story(slug, image, author):
    return f"""\
Title: Story {slug}
Date: 2019-03-17 18:00+02:00
Category: Idlib
Authors: {author}
Slug: {slug}
Image: {image}
Image_alt: A blue rectangle

Body.
"""


def test_image_author_and_publisher(tmp_path):
    files = {
        "content/images/wide.png": _png(1280, 720),
        "content/images/small.png": _png(800, 450),
        "content/images/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"></svg>',
        "content/articles/wide.md": _story("wide", "images/wide.png", "Marsad Syria Desk"),
        "content/articles/small.md": _story("small", "images/small.png", "Rania Haddad"),
        "content/articles/vector.md": _story("vector", "images/chart.svg", "Marsad Data Desk"),
    }
    site = build_site_ok(tmp_path, files)
    data = {slug: _jsonld(site, slug) for slug in ("wide", "small", "vector")}
    assert data["wide"]["image"] == {
        "@type": "ImageObject",
        "url": "http://localhost:8000/images/wide.png",
        "width": 1280,
        "height": 720,
    }
    # Too narrow, or not raster: the story's social card (plugins/cards) instead.
    for slug in ("small", "vector"):
        assert data[slug]["image"] == {
            "@type": "ImageObject",
            "url": f"http://localhost:8000/cards/{slug}.png",
            "width": 1200,
            "height": 630,
        }
    assert data["wide"]["author"][0]["@type"] == "Organization"
    assert data["small"]["author"][0] == {
        "@type": "Person",
        "name": "Rania Haddad",
        "url": "http://localhost:8000/authors/rania-haddad/",
    }
    assert data["vector"]["publisher"]["logo"]["url"] == "http://localhost:8000/theme/img/logo.png"
    # Shared links show the card (made for 1200x630, with its text alternative).
    for slug in ("wide", "small", "vector"):
        page = site.html(f"2019/03/{slug}/index.html")
        assert page.find("meta", property="og:image")["content"] == f"http://localhost:8000/cards/{slug}.png"


def build_site_ok(tmp_path, files):
    from helpers import build_site

    site = build_site(tmp_path, files=files, settings='STATIC_PATHS = ["images"]\n')
    assert site.ok, site.log
    return site


def _jsonld(site, slug):
    return json.loads(
        site.html(f"2019/03/{slug}/index.html").find("script", type="application/ld+json").string
    )
