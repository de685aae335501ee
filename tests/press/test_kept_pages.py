"""plugins/press/kept.py: a record or place page is copied from the last good output
while its key (plugins/datasets/keys.py) is the same, and rendered again when
anything it shows changed.

The site-wide part of the key (settings, theme, translations, plugins' code) is
checked without a build; the record's own part with one fixture site built
three times: built, edited and built warm (publishing as `make build` does: the
last output moved aside, the new one written into a fresh folder), then built
cold with the same edits, which must give the same bytes.
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from helpers import build_site, snapshot  # noqa: E402

from press import kept  # noqa: E402

LAST = "published"  # PRESS_LAST_OUTPUT of the sites below


# -- the site-wide digest -------------------------------------------------------
@pytest.fixture
def site_folders(tmp_path):
    for path, text in {
        "theme/templates/record.html": "<p>{{ record.id }}</p>",
        "theme/static/css/data.css": "dl { margin: 0 }",
        "theme/translations/ar/LC_MESSAGES/messages.po": 'msgid "Data"\nmsgstr "بيانات"\n',
        "plugins/datasets/pages.py": "SHOWN = 1\n",
        ".i18n-cache/ar/LC_MESSAGES/messages.mo": "compiled",
        "content/a.md": "",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    settings = {
        "PATH": str(tmp_path / "content"),
        "THEME": str(tmp_path / "theme"),
        "PLUGIN_PATHS": [str(tmp_path / "plugins")],
        "OUTPUT_PATH": str(tmp_path / "output"),
        "SITENAME": "Marsad",
        "JINJA_FILTERS": {"number": len},
    }
    return tmp_path, settings


@pytest.mark.parametrize(
    "change",
    [
        "theme/templates/record.html",
        "theme/static/css/data.css",
        "theme/translations/ar/LC_MESSAGES/messages.po",
        ".i18n-cache/ar/LC_MESSAGES/messages.mo",
        "plugins/datasets/pages.py",
        "setting",
        "categories",
    ],
)
def test_the_site_digest_changes_with_what_every_page_shows(site_folders, change):
    folder, settings = site_folders
    before = kept.site_digest(settings, {})
    assert kept.site_digest({**settings, "OUTPUT_PATH": str(folder / "staging")}, {}) == before
    subsites = {"I18N_SUBSITES": {"ar": {"OUTPUT_PATH": str(folder / "output" / "ar")}}}
    staged = {"I18N_SUBSITES": {"ar": {"OUTPUT_PATH": str(folder / "staging" / "ar")}}}
    assert kept.site_digest({**settings, **subsites}, {}) == kept.site_digest({**settings, **staged}, {})
    (folder / "plugins" / "datasets" / "__pycache__").mkdir()
    (folder / "plugins" / "datasets" / "__pycache__" / "pages.cpython-311.pyc").write_bytes(b"\0")
    assert kept.site_digest(settings, {}) == before, "byte-code caches are no code change"
    context = {}
    if change == "setting":
        settings["SITENAME"] = "Marsad!"
    elif change == "categories":

        class Category:
            name, url = "Analysis", "category/analysis/"

        context["categories"] = [(Category(), [])]
    else:
        path = folder / change
        path.write_bytes(path.read_bytes() + b" ")
    assert kept.site_digest(settings, context) != before


# -- a manifest someone else wrote ---------------------------------------------------
def test_a_tampered_manifest_only_makes_pages_render_again(tmp_path):
    from pelican.settings import DEFAULT_CONFIG

    from guard.writer import GuardedWriter

    site_folder = tmp_path / "site"
    (site_folder / "content").mkdir(parents=True)
    page = "data/casualties/s-1/index.html"
    body = b"<p>published</p>"
    (site_folder / LAST / page).parent.mkdir(parents=True)
    (site_folder / LAST / page).write_bytes(body)
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(site_folder / "content"),
        "THEME": str(tmp_path / "no-theme"),
        "PLUGIN_PATHS": [],
        "PRESS_LAST_OUTPUT": LAST,
        "I18N_GETTEXT_LOCALEDIR": str(tmp_path / "no-catalogs"),
    }
    manifest = site_folder / ".press-cache" / "pages-en.json"
    manifest.parent.mkdir()

    def reuse(entries):
        manifest.write_text(json.dumps(entries), encoding="utf-8")
        output = tmp_path / "output"
        shutil.rmtree(output, ignore_errors=True)
        pages = kept.KeptPages(settings, {}, output)
        writer = GuardedWriter(str(output), settings=settings)
        return pages.reuse(writer, page, "the record's values"), output

    key = kept.KeptPages(settings, {}, tmp_path / "output").key("the record's values")
    digest = hashlib.sha256(body).hexdigest()
    good = {"layout": kept.LAYOUT, "pages": {page: [key, digest]}}
    reused, output = reuse(good)
    assert reused and (output / page).read_bytes() == body
    for hostile in (
        {"layout": kept.LAYOUT, "pages": {page: [key, "<script>alert(1)</script>"]}},
        {"layout": kept.LAYOUT, "pages": {page: {"key": key, "html": "<script>"}}},
        {"layout": kept.LAYOUT, "pages": {page: [key, "0" * 64]}},  # not the published bytes
        {"layout": kept.LAYOUT, "pages": [page]},
        {"layout": "0", "pages": {page: [key, digest]}},
        ["not", "a", "manifest"],
    ):
        reused, output = reuse(hostile)
        assert not reused and not (output / page).exists(), hostile
    manifest.write_text("\0\0 not JSON", encoding="utf-8")
    assert kept.KeptPages(settings, {}, tmp_path / "output").previous == {}


# -- a record page kept, and rendered again when what it shows changed -----------
RECORD_PAGE = "data/casualties/{}/index.html"


def _build(folder, **kwargs):
    site = build_site(folder, settings=f"PRESS_LAST_OUTPUT = {LAST!r}\n", **kwargs)
    assert site.ok, site.log
    return site


def _publish(site):
    """What `make build` does once a build succeeded: its output becomes the last good one."""
    shutil.rmtree(site.site / LAST, ignore_errors=True)
    site.output.rename(site.site / LAST)


def _edit(site_folder):
    """A story that reports s-2 retitled, a source of s-1 retitled, s-3's figure changed."""
    story = site_folder / "content" / "articles" / "record-story.md"
    story.write_text(story.read_text().replace("Story named only by a record", "A retitled story"))
    data = site_folder / "data" / "casualties.yml"
    text = data.read_text()
    edited = text.replace('title: "Report one: Beta town"', 'title: "Report one, corrected"', 1)
    edited = edited.replace("    killed: null\n    injured: 7\n", "    killed: null\n    injured: 8\n", 1)
    assert edited.count("corrected") == 1 and "injured: 8" in edited
    data.write_text(edited)


MARK = b"<!-- the published copy -->\n"


def _mark_published(site_folder, pages):
    """Mark the published copy of each page (its digest in the manifest too): a page
    kept is copied with the mark, a page rendered again comes without it."""
    manifest_file = site_folder / ".press-cache" / "pages-en.json"
    manifest = json.loads(manifest_file.read_text())
    for page in pages:
        published = site_folder / LAST / page
        published.write_bytes(published.read_bytes() + MARK)
        manifest["pages"][page][1] = hashlib.sha256(published.read_bytes()).hexdigest()
    manifest_file.write_text(json.dumps(manifest))


def test_unchanged_record_pages_are_kept_and_edited_ones_rendered_as_a_cold_build_would(tmp_path):
    first = _build(tmp_path / "warm", fixture="datasets-site")
    _publish(first)
    records = {record: RECORD_PAGE.format(record) for record in ("s-1", "s-2", "s-3", "s-4")}
    places = {place: f"places/{place}/index.html" for place in ("gamma-village", "delta-area")}
    _mark_published(first.site, [*records.values(), *places.values()])
    _edit(first.site)
    warm = _build(tmp_path / "warm")  # no fixture: build_site would copy its files over the edits

    def kept(page):
        return (warm.output / page).read_bytes().endswith(MARK)

    assert kept(records["s-4"]), "an unchanged record page should be copied from the last output"
    assert not kept(records["s-1"]) and "Report one, corrected" in warm.read(records["s-1"])
    assert not kept(records["s-2"]) and "A retitled story" in warm.read(records["s-2"])
    injured = warm.html(records["s-3"]).find("dt", string="Injured").find_next("dd")
    assert not kept(records["s-3"]) and injured.get_text(strip=True) == "8"
    # Place pages: gamma-village lists the retitled story (it reports a record there),
    # delta-area shows s-3's figures.
    assert not kept(places["gamma-village"]) and "A retitled story" in warm.read(places["gamma-village"])
    assert not kept(places["delta-area"]) and "injured 8" in warm.read(places["delta-area"])
    page = warm.output / records["s-4"]
    page.write_bytes(page.read_bytes()[: -len(MARK)])

    cold_folder = tmp_path / "cold" / "site"
    for folder in ("content", "data"):
        shutil.copytree(warm.site / folder, cold_folder / folder)
    cold = build_site(cold_folder.parent, settings="PRESS_CACHE_PATH = ''\n")
    assert cold.ok, cold.log
    assert snapshot(warm.output) == snapshot(cold.output)
