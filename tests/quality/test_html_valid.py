"""Valid and whole: the Nu HTML Checker finds no error in any generated page, and
every feed, sitemap, SVG and JSON file parses."""

import json
from xml.etree import ElementTree

import tools

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_nu_html_checker_finds_no_error(site_output):
    messages = tools.vnu([site_output], extra=["--errors-only", "--skip-non-html"])
    assert list(site_output.rglob("*.html")), "no HTML in the build"
    assert not messages, f"{len(messages)} vnu errors:\n" + tools.describe_vnu(messages, site_output)


def test_nu_html_checker_catches_an_invalid_page(tmp_path):
    """The checker is really running: an invalid page gives errors."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p><img src=a.png>", encoding="utf-8")
    messages = tools.vnu([tmp_path], extra=["--errors-only", "--skip-non-html"])
    assert any("alt" in m.get("message", "") for m in messages), messages


def test_feeds_are_atom_documents(site_output):
    feeds = sorted((site_output / "feeds").glob("*.xml"))
    assert feeds, "no feeds in the build"
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed", f"{feed.name}: root is {root.tag}"
        assert root.find(f"{ATOM}title") is not None, f"{feed.name}: no title"


def test_sitemap_is_a_sitemap(site_output):
    root = ElementTree.parse(site_output / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    assert root.findall(f"{SITEMAP}url/{SITEMAP}loc"), "sitemap lists no URL"


def test_every_svg_and_json_file_parses(site_output):
    problems = []
    for path in sorted(site_output.rglob("*.svg")):
        try:
            ElementTree.parse(path)
        except ElementTree.ParseError as error:
            problems.append(f"{path.relative_to(site_output)}: {error}")
    for path in sorted(site_output.rglob("*.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            problems.append(f"{path.relative_to(site_output)}: {error}")
    assert not problems, "\n".join(problems)
