"""Time single charts, warm, in one process (for the cold-build chart bound).

    python benchmarks/single_chart.py DATA_DIR [SAMPLES]

Loads the synthetic site's catalog and chart specs with the charts plugin's own
modules, draws one chart to warm up (vl-convert's first call starts its
JavaScript engine), then draws SAMPLES charts one after the other. Prints JSON:
mean seconds per chart for the whole drawing (data -> Vega-Lite ->
SVG, what a worker does) and for vl-convert's rendering alone.
"""

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

import vl_convert as vlc  # noqa: E402
from altair.utils.schemapi import debug_mode  # noqa: E402

from charts import load  # noqa: E402
from charts.build import build, vega_lite  # noqa: E402
from charts.data import ChartDataError, RecordColumns, select  # noqa: E402
from charts.draw import draw, make_job  # noqa: E402
from charts.render import VL_VERSION  # noqa: E402
from charts.settings import DEFAULTS  # noqa: E402
from charts.shapes import chart_data  # noqa: E402
from charts.spec import parse  # noqa: E402
from datasets.validate import build_catalog  # noqa: E402

# Each chart is drawn at the plugin's two widths (narrow and wide columns).
WIDTHS = (DEFAULTS["CHARTS_WIDTH"], DEFAULTS["CHARTS_WIDE_WIDTH"])


def main():
    data_dir, samples = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 30
    catalog, problems = build_catalog(data_dir, data_dir.parent, 50 * 2**20, dt.date.today())
    if problems:
        sys.exit("\n".join(problems))
    named, _ = load.read_named(str(data_dir / "charts"), str(data_dir.parent))
    columns = RecordColumns(catalog)
    prepared = []
    for _, data, where in named:
        spec = parse(data, where)[0]
        dataset = catalog.datasets[spec.dataset]
        records = select(spec, dataset, catalog, columns)
        try:
            prepared.append((spec, chart_data(spec, dataset, catalog, records=records)))
        except ChartDataError as error:
            sys.exit(f"{where.file}: {error.message}")
        if len(prepared) == samples + 1:
            break
    with tempfile.TemporaryDirectory() as cache:  # empty: every SVG is rendered
        draw(make_job(*prepared[0], WIDTHS, cache))  # warm-up
        start = time.perf_counter()
        for spec, data in prepared[1:]:
            drawn = draw(make_job(spec, data, WIDTHS, cache))
            assert drawn.problem is None, drawn.problem
        whole = (time.perf_counter() - start) / (len(prepared) - 1)
    statics = []
    for spec, data in prepared[1:]:
        with debug_mode(False):
            for width in WIDTHS:
                statics.append(vega_lite(spec, build(spec, data, None, width), width, validate=False)[0])
    start = time.perf_counter()
    for static in statics:
        vlc.vegalite_to_svg(static, VL_VERSION)
    render = (time.perf_counter() - start) / (len(prepared) - 1)  # per chart, both widths
    print(json.dumps({"samples": len(prepared) - 1, "draw_s": whole, "vl_convert_s": render}))


if __name__ == "__main__":
    main()
