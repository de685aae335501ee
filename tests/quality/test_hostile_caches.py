"""Caches never hide a problem: a warm build gives what a cold build gives, and a
cache file can neither run code nor inject markup when loaded.

The test of a code change builds with copies of plugins/ (PLUGIN_PATHS), in a
process of their own, so that it can change plugin code between two builds; the
others build with the project's plugins (as children of the build server).
"""

import json
import pickle
import shutil

import pytest
from helpers import FIXTURES, ROOT, build_site, seed_caches, snapshot

from press.parts import write_parts

CHART = """\
type: grouped-bar
dataset: casualties
category: [date, place]
value: [killed, injured]
sort: category
title: Casualties by day{suffix}
source: Synthetic test data
alt: Bars of killed and injured per incident (tests only).
"""
# Five named charts: a tampered build tampers each kept figure in its own way. Their
# titles differ, so that each has image downloads of its own.
FILES = {
    f"data/charts/casualty-bars{suffix}.yml": CHART.format(suffix=suffix)
    for suffix in ("", "-2", "-3", "-4", "-5")
}


def copy_plugins(target):
    shutil.copytree(ROOT / "plugins", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def change_json_escaper(plugins):
    """A visible change to plugins/articles' formatters, which shape cached figures: the
    JSON escaper also escapes "c" (a letter of no JSON literal), and dates are in capitals."""
    filters = plugins / "articles" / "filters.py"
    text = filters.read_text(encoding="utf-8")
    changed = text.replace('("&", "\\\\u0026"),', '("&", "\\\\u0026"),\n        ("c", "\\\\u0063"),', 1)
    changed = changed.replace(
        "format_date(value, pattern, locale=locale)",
        "format_date(value, pattern, locale=locale).upper()",
    )
    assert changed.count("u0063") == 1 and ".upper()" in changed
    filters.write_text(changed, encoding="utf-8")


def build(base, plugins=None, files=None, **kwargs):
    """The fixture and FILES built with ``plugins`` (a copy of plugins/), else the project's."""
    # The copied plugins have no repository beside them: point the charts at its basemap.
    settings = (
        f"PLUGIN_PATHS = [{str(plugins)!r}]\nCHARTS_BASEMAP_PATH = {str(ROOT / 'data' / 'geo')!r}\n"
        if plugins
        else ""
    )
    site = build_site(
        base, fixture="datasets-site", files={**FILES, **(files or {})}, settings=settings, **kwargs
    )
    assert site.ok, site.log
    return site


def test_a_code_change_after_a_warm_build_gives_what_a_cold_build_gives(tmp_path, warm_site):
    # The warm build starts from the caches a build of the unchanged code left (the
    # module's first build, copied before any test here tampers with them): the caches
    # are keyed by file contents and relative paths, not by where the site lies.
    caches = warm_site[3]
    assert list((caches / ".chart-cache" / "figures").glob("*.kept")), "no figure was kept"
    warm_plugins = copy_plugins(tmp_path / "warm-plugins")
    change_json_escaper(warm_plugins)
    warm = build(tmp_path / "warm", warm_plugins, caches=caches)
    cold_plugins = copy_plugins(tmp_path / "cold-plugins")
    change_json_escaper(cold_plugins)
    cold = build(tmp_path / "cold", cold_plugins)
    gallery = cold.read("charts/index.html")
    assert "\\u0063" in gallery and "MARCH 2019" in gallery, "the changed code should reach the figures"
    assert snapshot(warm.output) == snapshot(cold.output)


class Bomb:
    """Unpickling this writes a file: proof that a cache ran code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture(scope="module")
def warm_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("tamper")
    site = build(base)
    pristine = seed_caches(base / "pristine-caches", site.site)  # before any test tampers
    return base, site, snapshot(site.output), pristine


def read_parts(path):
    """A part file (plugins/press/parts.py: kept figures and downloads): its first line's
    fields and its parts' bytes, read here without the plugin's checks."""
    head, _, blob = path.read_bytes().partition(b"\n")
    fields = json.loads(head)
    parts = {name: blob[start : start + length] for name, (start, length) in fields.pop("parts").items()}
    del fields["digest"]
    return fields, parts


def read_kept(path):
    """A kept figure (plugins/charts/cache.py): its first line's fields and its parts' texts."""
    fields, parts = read_parts(path)
    return fields, {name: data.decode() for name, data in parts.items()}


def write_kept(path, fields, parts):
    """Write a kept figure back with a digest that fits: only the checks can refuse it."""
    write_parts(path, fields, {name: text.encode() for name, text in parts.items()})


def unsigned_table_change(path):
    """A change the checks would let through (a figure in the table, "1" made "7"),
    the digest left as it was."""
    head, _, blob = path.read_bytes().partition(b"\n")
    start, length = json.loads(head)["parts"]["table"]
    table = blob[start : start + length]
    assert b"1" in table
    path.write_bytes(head + b"\n" + blob[:start] + table.replace(b"1", b"7") + blob[start + length :])


def unreadable_wide_drawing(path):
    """The wide drawing's Vega-Lite cut short (digest rewritten to fit), and the image
    downloads it is read for gone from the cache, so this build must draw them."""
    fields, parts = read_kept(path)
    write_kept(path, fields, {**parts, "static_wide": '{"mark": "bar", '})
    images = list((path.parent.parent / "downloads").glob(f"{fields['image_key']}.*"))
    assert images, "the figure's image downloads are not in the cache"
    for image in images:
        image.unlink()


def signed(change):
    """A tampering of the parts' texts written back with a digest that fits them:
    only the checks can refuse it."""

    def tamper(path):
        fields, parts = read_kept(path)
        write_kept(path, fields, change(parts))

    return tamper


TAMPERINGS = [
    signed(
        lambda parts: {
            **parts,
            "svg": parts["svg"].replace("<g", '<script>alert(1)</script><g onload="alert(2)"', 1),
        }
    ),
    signed(lambda parts: {**parts, "spec_json": '{"injected": "</script><script>alert(3)</script>"}'}),
    signed(lambda parts: {**parts, "table": '"<b>injected</b>"'}),
    unsigned_table_change,
    unreadable_wide_drawing,
]


def test_a_tampered_figure_is_drawn_afresh_not_trusted(warm_site):
    """Each kept figure tampered in one way: a script in its drawing, a spec that ends
    its <script>, a table that is not rows, a wide drawing that does not parse when
    the image downloads must be drawn from it (each with a digest rewritten to fit), a
    figure changed without its digest. Every one is drawn again: the pages are the
    good build's. So are the data downloads: a kept CSV with a formula planted or
    bytes changed under its digest is made again, an untouched one copied."""
    base, site, good, _ = warm_site
    kept = sorted((site.site / ".chart-cache" / "figures").glob("*.kept"))
    assert len(kept) == len(TAMPERINGS)
    for path, tamper in zip(kept, TAMPERINGS, strict=True):
        tamper(path)
    untouched = tamper_downloads(site)  # in the same build: the data downloads' entries
    again = build(base)
    assert kept_downloads(site)["displacement"].stat().st_mtime_ns == untouched, "kept downloads not used"
    assert snapshot(again.output) == good
    assert b"planted" not in (again.output / "data" / "counts" / "counts.csv").read_bytes()
    for page in again.output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alert(" not in text and "injected" not in text, page


def kept_downloads(site):
    """{dataset id: its kept downloads' file} (plugins/datasets/downloads.py)."""
    folder = site.site / ".data-cache" / "downloads"
    return {path.name.rsplit("-", 1)[0]: path for path in folder.glob("*.kept")}


def tamper_downloads(site):
    """A formula planted in the counts' kept CSV (its digest rewritten to fit) and the
    patrols' bytes changed under their digest; the displacement's left alone."""
    kept = kept_downloads(site)
    assert set(kept) == {"casualties", "counts", "displacement", "patrols"}
    fields, parts = read_parts(kept["counts"])
    parts["csv"] += b'=HYPERLINK("http://example.org"),planted\r\n'
    write_parts(kept["counts"], fields, parts)
    head, _, blob = kept["patrols"].read_bytes().partition(b"\n")
    kept["patrols"].write_bytes(head + b"\n" + blob.replace(b"2019", b"2020"))
    return kept["displacement"].stat().st_mtime_ns


def test_kept_downloads_follow_the_data(warm_site):
    """Any data file changed: the catalog's key changes, and with it every kept
    download's (their tampering: test_a_tampered_figure_is_drawn_afresh_not_trusted)."""
    base, site, good, _ = warm_site
    data = (FIXTURES / "datasets-site" / "data" / "casualties.yml").read_text(encoding="utf-8")
    changed = data.replace("killed: {min: 15, max: 17}", "killed: {min: 15, max: 19}", 1)
    assert changed != data
    csv_text = build(base, files={"data/casualties.yml": changed}).read("data/casualties/casualties.csv")
    assert ",15,19," in csv_text and ",15,17," not in csv_text
    # (the next test's build reads the fixture's data again)


def test_a_pickle_in_a_cache_folder_is_never_loaded(warm_site):
    base, site, good, _ = warm_site
    marker = base / "pickle-ran"
    bomb = pickle.dumps(Bomb(str(marker)))
    data_cache = site.site / ".data-cache"
    for kept in data_cache.glob("catalog-*.json"):
        (data_cache / kept.name.replace(".json", ".pickle")).write_bytes(bomb)
        kept.write_text('{"places": [{"id": "<script>"}], "datasets": []}', encoding="utf-8")
    for kept in (site.site / ".chart-cache" / "figures").glob("*.kept"):
        kept.with_suffix(".pickle").write_bytes(bomb)
    content_cache = site.site / ".content-cache"
    for kept in content_cache.glob("markdown-*.json"):
        kept.with_suffix(".pickle").write_bytes(bomb)
        entries = json.loads(kept.read_text(encoding="utf-8"))
        # The wrong shape: a list where a key's lines should be.
        kept.write_text(json.dumps({key: {**entry, "meta": []} for key, entry in entries.items()}))
    for name in ("cache", "content-cache"):  # where Pelican's own reader cache would be
        (site.site / name).mkdir(exist_ok=True)
        (site.site / name / "ArticlesGenerator-Readers").write_bytes(bomb)
    again = build(base)
    assert not marker.exists(), "a pickle in a cache folder was loaded"
    assert snapshot(again.output) == good


def test_markdown_is_kept_per_story_and_a_planted_entry_is_still_cleaned(warm_site):
    """The Markdown cache (plugins/articles/cache.py) holds one entry per story and
    page; an entry written by someone else goes through nh3 like any story."""
    base, site, good, _ = warm_site
    kept = site.site / ".content-cache" / "markdown-en.json"
    entries = json.loads(kept.read_text(encoding="utf-8"))
    sources = list((site.site / "content").rglob("*.md"))
    assert len(entries) == len(sources), "one entry per Markdown source"
    planted = '<p>Planted</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
    kept.write_text(json.dumps({key: {**entry, "content": planted} for key, entry in entries.items()}))
    try:
        again = build(base)
        pages = [page.read_text(encoding="utf-8") for page in again.output.rglob("*.html")]
        assert any("Planted" in page for page in pages), "the entries should have been used"
        assert not any("alert(" in page for page in pages)
    finally:
        kept.unlink()  # the next build converts the stories afresh
    assert snapshot(build(base).output) == good
