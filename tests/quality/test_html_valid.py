"""Valid and whole: the Nu HTML Checker finds no error in any generated page, and
every feed, sitemap, SVG and JSON file parses."""

import json
from xml.etree import ElementTree

import pytest
import tools
from helpers import once_per_run

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def vnu_messages(site_output, tmp_path_factory):
    """One JVM for every page of the site, plus one invalid page that proves the checker
    runs; once per run, however many workers run these tests."""
    record = once_per_run(tmp_path_factory, "vnu-messages", lambda folder: _vnu(site_output, folder))
    control = record.parent / "vnu-control"
    return json.loads(record.read_text(encoding="utf-8")), control


def _vnu(site_output, folder):
    control = folder / "vnu-control"
    control.mkdir()
    (control / "invalid.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></p><img src=a.png>", encoding="utf-8"
    )
    messages = tools.vnu([site_output, control], extra=["--errors-only", "--skip-non-html"])
    record = folder / "messages.json"
    record.write_text(json.dumps(messages), encoding="utf-8")
    return record


def test_nu_html_checker_finds_no_error(site_output, vnu_messages):
    messages, control = vnu_messages
    assert list(site_output.rglob("*.html")), "no HTML in the build"
    site = [m for m in messages if control.name not in m.get("url", "")]
    assert not site, f"{len(site)} vnu errors:\n" + tools.describe_vnu(site, site_output)


def test_nu_html_checker_catches_an_invalid_page(vnu_messages):
    """The checker is really running: the invalid control page gives errors."""
    messages, control = vnu_messages
    assert any(control.name in m.get("url", "") and "alt" in m.get("message", "") for m in messages), messages


def test_feeds_are_atom_documents(site_output):
    feeds = sorted((site_output / "feeds").glob("*.atom.xml"))
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
