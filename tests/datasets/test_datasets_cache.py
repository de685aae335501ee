"""The validated catalog is kept between builds (plugins/datasets/cache.py) only
while no data file changes: a changed figure shows at once, a new mistake is
still reported at its line, and an unchanged rebuild gives the same pages."""

from helpers import FIXTURES, build_site

CASUALTIES = (FIXTURES / "datasets-site" / "data" / "casualties.yml").read_text(encoding="utf-8")
RECORD_PAGE = "data/casualties/s-2/index.html"


def _kept(site):
    return sorted(p.name for p in (site.site / ".data-cache").glob("catalog-*.json"))


def test_catalog_is_kept_until_a_data_file_changes(tmp_path):
    first = build_site(tmp_path, fixture="datasets-site")
    assert first.ok, first.log
    kept = _kept(first)
    assert len(kept) == 1
    page = first.read(RECORD_PAGE)

    second = build_site(tmp_path, fixture="datasets-site")
    assert second.ok, second.log
    assert _kept(second) == kept
    assert second.read(RECORD_PAGE) == page

    changed = CASUALTIES.replace("    killed: 4\n", "    killed: 40\n", 1)
    assert changed != CASUALTIES
    third = build_site(tmp_path, fixture="datasets-site", files={"data/casualties.yml": changed})
    assert third.ok, third.log
    assert len(_kept(third)) == 1 and _kept(third) != kept
    assert third.read(RECORD_PAGE) != page
    assert "40" in third.html(RECORD_PAGE).select_one("main").get_text(" ")


def test_a_new_mistake_is_reported_although_a_catalog_is_kept(tmp_path):
    assert build_site(tmp_path, fixture="datasets-site").ok
    broken = CASUALTIES.replace("    killed: 4\n", "    killed: four\n", 1)
    site = build_site(tmp_path, fixture="datasets-site", files={"data/casualties.yml": broken})
    assert site.returncode == 1
    line = broken.splitlines().index("    killed: four") + 1
    assert f"data/casualties.yml:{line}: s-2: killed:" in site.log
    assert "Traceback" not in site.log
