"""Regenerate the chart screenshots of docs/charts.md (not a test).

    .venv/bin/python tests/charts/screenshots.py

Builds the default site and the synthetic chart site (tests/fixtures/charts-site),
opens their /charts/ galleries in Debian's chromium (desktop, light, interactive)
and saves one PNG per chart type in docs/img/. Types the default site does not use
are shown with the synthetic data, whose titles say "(synthetic)". At phone width
(390 px, interactive): the grouped bars in English (chart-grouped-bar-phone.png)
and the Arabic gallery's grouped bars, big number and map (ar-charts-phone.png).
"""

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT / "plugins")]

import chromium  # noqa: E402
from helpers import build_site  # noqa: E402
from localserver import SiteServer  # noqa: E402
from synthetic import CUSTOM_SETTINGS, chart_site_files  # noqa: E402

DEFAULT = {
    "bar": "targeted-locations-by-governorate",
    "grouped-bar": "casualties-by-date-and-place",
    "line": "displacement-over-time",
    "timeline": "patrols-timeline",
    "map": "incidents-map",
}
SYNTHETIC = {
    "stacked-bar": "test-counts-stacked",
    "area": "test-displacement-area",
    "big-number": "test-displacement-latest",
    "custom": "test-custom",
}


def shoot(output, charts, browser, target):
    with SiteServer(output) as server, chromium.visit(browser, server.url("charts/")) as tab:
        tab.page.wait_for_function(
            "() => [...document.querySelectorAll('figure.chart')]"
            ".every(f => f.classList.contains('chart--interactive'))"
        )
        for kind, name in charts.items():
            tab.page.locator(f"#chart-{name}").screenshot(path=str(target / f"chart-{kind}.png"))
            print(f"docs/img/chart-{kind}.png")


def shoot_phone(output, browser, target):
    with SiteServer(output) as server:
        for path, name, first, last in (
            ("charts/", "chart-grouped-bar-phone", "casualties-by-date-and-place", None),
            ("ar/charts/", "ar-charts-phone", "casualties-by-date-and-place", "incidents-map"),
        ):
            with chromium.visit(browser, server.url(path), viewport="phone") as tab:
                tab.page.wait_for_function(
                    "() => [...document.querySelectorAll('figure.chart')]"
                    ".every(f => f.classList.contains('chart--interactive'))"
                )
                top = tab.page.locator(f"#chart-{first}").bounding_box()
                bottom = tab.page.locator(f"#chart-{last or first}").bounding_box()
                clip = {
                    "x": 0,
                    "y": top["y"],
                    "width": 390,
                    "height": bottom["y"] + bottom["height"] - top["y"],
                }
                tab.page.screenshot(path=str(target / f"{name}.png"), clip=clip, full_page=True)
                print(f"docs/img/{name}.png")


def main():
    target = ROOT / "docs" / "img"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        default = build_site(Path(tmp) / "default", default_site=True)
        synthetic = build_site(
            Path(tmp) / "synthetic",
            fixture="charts-site",
            files=chart_site_files(payload=""),
            settings=CUSTOM_SETTINGS,
        )
        assert default.ok and synthetic.ok, default.log + synthetic.log
        with chromium.running() as browser:
            shoot(default.output, DEFAULT, browser, target)
            shoot_phone(default.output, browser, target)
            shoot(synthetic.output, SYNTHETIC, browser, target)


if __name__ == "__main__":
    main()
