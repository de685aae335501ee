"""Rendering is cached by a hash of spec and data: an unchanged chart is not
rendered again; a changed one is. Counted by the plugin's own tally of renders
(.chart-cache/last-build.json) and by the cache files' modification times."""

import json
import shutil

from helpers import build_site
from synthetic import CUSTOM_SETTINGS, chart_site_files

CHARTS = 11  # the fixture's ten named charts and one inline chart
OVER_INCIDENTS = 4  # charts drawn from the incidents dataset
DRAWINGS = 2  # SVGs a chart renders: one for phones, one for wider columns
LOCATOR = 1  # and the place pages' locator map of Syria (plugins/charts/locator.py)


def _stats(site):
    """The build's chart tally, without its timing (seconds spent drawing, workers' CPU)."""
    stats = json.loads((site.site / ".chart-cache" / "last-build.json").read_text())
    assert stats.pop("seconds") >= 0
    # Drawn in the build's process, no worker's CPU time; in workers, theirs.
    cpu = stats.pop("workers_cpu_s")
    assert cpu == 0 if stats["workers"] == 1 else cpu > 0, stats
    return stats


def _svgs(site):
    return {p.name: p.stat().st_mtime_ns for p in (site.site / ".chart-cache").glob("*.svg")}


def test_unchanged_charts_are_not_rendered_again(tmp_path, chart_site):
    # The first build is the session's chart site (this fixture, files and settings,
    # built cold); the next builds run in a copy of it (caches and their times kept).
    first = chart_site
    assert _stats(first) == {"rendered": CHARTS, "cached": 0, "drawn": CHARTS, "workers": 1}
    before = _svgs(first)
    assert len(before) == CHARTS * DRAWINGS + LOCATOR
    page = first.read("2001/02/chart-story/index.html")
    shutil.copytree(first.site, tmp_path / "site", symlinks=True)  # copy2: modification times kept

    second = build_site(tmp_path, fixture="charts-site", files=chart_site_files(), settings=CUSTOM_SETTINGS)
    assert second.ok, second.log
    # Every figure is kept but the custom chart's (its function may read anything):
    # it is built again, and its SVG comes from the cache.
    assert _stats(second) == {"rendered": 0, "cached": CHARTS, "drawn": 1, "workers": 1}
    assert _svgs(second) == before
    assert second.read("2001/02/chart-story/index.html") == page

    # One figure in the data changes: only the charts drawn from it render again.
    third = build_site(
        tmp_path, fixture="charts-site", files=chart_site_files(killed_max=9), settings=CUSTOM_SETTINGS
    )
    assert third.ok, third.log
    assert _stats(third) == {
        "rendered": OVER_INCIDENTS,
        "cached": CHARTS - OVER_INCIDENTS,
        "drawn": OVER_INCIDENTS + 1,
        "workers": 1,
    }
    after = _svgs(third)
    assert {k: v for k, v in after.items() if k in before} == before
    assert len(after) == (CHARTS + OVER_INCIDENTS) * DRAWINGS + LOCATOR
    assert "3–9" in third.read("2001/02/chart-story/index.html")


def test_many_charts_render_in_worker_processes_with_the_same_result(tmp_path, chart_site):
    serial = chart_site  # the same site, rendered in the build process (session fixture)
    assert _stats(serial)["workers"] == 1
    parallel = build_site(
        tmp_path,
        fixture="charts-site",
        files=chart_site_files(),
        settings=CUSTOM_SETTINGS
        + "CHARTS_PARALLEL_MIN = 2\nCHARTS_WORKERS = 2\nCARDS_PARALLEL_MIN = 2\nCARDS_WORKERS = 2\n",
    )
    assert parallel.ok, parallel.log
    assert _stats(parallel) == {"rendered": CHARTS, "cached": 0, "drawn": CHARTS, "workers": 2}
    assert set(_svgs(parallel)) == set(_svgs(serial))
    for name in _svgs(serial):
        assert (parallel.site / ".chart-cache" / name).read_bytes() == (
            serial.site / ".chart-cache" / name
        ).read_bytes(), name
    assert parallel.read("charts/index.html") == serial.read("charts/index.html")
    # Social cards and "Download image" files drawn in fresh worker processes are the
    # files the build process drew after everything else (vl-convert numbers clip
    # paths per process: the download SVG's ids must not depend on it).
    images = sorted(
        path.relative_to(serial.output)
        for path in serial.output.rglob("*")
        if path.suffix in (".png", ".svg") and path.parts[len(serial.output.parts)] in ("cards", "charts")
    )
    assert any(p.parts[0] == "cards" for p in images) and any(p.suffix == ".svg" for p in images)
    for image in images:
        assert (parallel.output / image).read_bytes() == (serial.output / image).read_bytes(), image
