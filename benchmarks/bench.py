"""`make bench`: the full Marsad build against bare Pelican, in one run.

On a synthetic site (benchmarks/synthetic.py: N stories, M incidents, C charts,
written to a temporary folder, never to content/ or data/) it builds:

- bare Pelican: the project's pelicanconf.py and theme, PLUGINS = [] (the
  theme's Jinja filters are given as JINJA_FILTERS, a Pelican setting);
- Marsad cold: all plugins, chart and data caches empty;
- Marsad warm: caches full, nothing changed;
- after changing one story, and after changing one data record;
- Hugo (Debian's `hugo`, when installed) on the same stories' Markdown
  (benchmarks/hugo.py), interleaved with bare Pelican and Marsad warm.

Then the scaling (--scale, default 500, 2000 and 8000 stories, incidents and
charts as given): at each size a cold build (to fill the caches), then bare
Pelican, Marsad warm and Hugo, and each one's growth from size to size.

Each build runs in its own process (benchmarks/run_build.py) and reports wall
time, its own peak memory (VmHWM, with its workers' and Pagefind's sampled:
benchmarks/memory.py) and the time of each plugin and generator. Then it times single
charts, weighs each page kind (gzip and brotli), runs the related-index
benchmark, prints a table and writes everything, with a description of the
machine, to benchmarks/results/<date>.json and benchmarks/results/latest.json.

Usage:  .venv/bin/python benchmarks/bench.py [--stories 2000] [--incidents 5000]
        [--charts 300] [--repeat 3] [--scale 500,2000,8000] [--edits 10]
        [--edit-sites default,synthetic]
A quick run: make bench BENCH_ARGS="--repeat 1 --scale 500,2000".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import edit_loop
import hugo
import report
import search_cost
import synthetic
import weights

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
GOALS = {
    "warm_time_ratio": 1.0,
    "warm_hugo_ratio": 3.0,
    "cold_warm_ratio": 2.0,
    "warm_memory_ratio": 1.5,
    "growth_8000_2000": 4.2,
    "dataset_page_kb": 100,
    "chart_phase_factor": 1.3,
    "related_20000_s": 2.0,
    "story_with_two_charts_kb": 60,
    "search_index_share": 0.10,
    "search_first_results_kb": 150,
}

SETTINGS_HEAD = f"""import sys
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(ROOT / "plugins")!r})
from pelicanconf import *  # noqa
THEME = {str(ROOT / "theme")!r}
PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
HOME_LEAD_SLUG = None
LANGUAGES = {{"en": LANGUAGES["en"]}}  # the synthetic site is English only
"""
BARE_TAIL = """PLUGINS = []
from articles.filters import make_filters
from datasets.filters import FILTERS
from i18n import bare
from search.facets import FILTERS as SEARCH_FILTERS
from charts.spool import with_charts
JINJA_FILTERS = {**make_filters(), **FILTERS, **bare.FILTERS, **SEARCH_FILTERS, "page_policy": lambda output_file: "", "with_charts": with_charts}
JINJA_GLOBALS = bare.GLOBALS
"""


def machine():
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        memory_gb = round(int(memory) / 2**20, 1)
    except OSError:
        memory_gb = None
    import pelican

    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pelican": pelican.__version__,
        "load_average_at_start": os.getloadavg(),
    }


# The last good output of a Marsad build, as `make build` keeps output/ while it builds
# into a fresh staging folder: plugins/press copies unchanged pages from it.
PUBLISHED = "published"
MARSAD_TAIL = f"PRESS_LAST_OUTPUT = {PUBLISHED!r}\n"


def write_settings(site, name, tail=MARSAD_TAIL):
    path = site.folder / f"{name}.py"
    path.write_text(
        SETTINGS_HEAD + f"PATH = {str(site.content)!r}\nDATASETS_PATH = {str(site.data)!r}\n" + tail,
        encoding="utf-8",
    )
    return path


def build(site, settings, label):
    """One build in a fresh output folder (as `make build` stages it); its report.

    A Marsad build's output becomes the last good output (PUBLISHED) when the next
    build starts, as `make build` swaps its staging folder into output/; a bare
    Pelican build's output is thrown away."""
    output, published = site.folder / "output", site.folder / PUBLISHED
    marker = site.folder / "output-is-marsad"
    if marker.exists() and output.is_dir():
        shutil.rmtree(published, ignore_errors=True)
        os.rename(output, published)
    shutil.rmtree(output, ignore_errors=True)
    marker.unlink(missing_ok=True)
    report = site.folder / "report.json"
    load = os.getloadavg()
    done = subprocess.run(
        [PYTHON, str(HERE / "run_build.py"), str(settings), str(site.content), str(output), str(report)],
        capture_output=True,
        text=True,
        cwd=site.folder,
    )
    if done.returncode != 0:
        sys.exit(f"{label}: build failed\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    if MARSAD_TAIL in settings.read_text(encoding="utf-8"):
        marker.touch()
    result = json.loads(report.read_text())
    result["pages"] = sum(1 for _ in output.rglob("*.html"))
    result["load_before"] = load
    charts = site.folder / ".chart-cache" / "last-build.json"
    result["charts"] = json.loads(charts.read_text()) if charts.exists() else None
    if charts.exists():
        charts.unlink()  # so the next build's figures are its own
    print(f"  {label}: {result['wall_s']:.2f} s, {result['peak_rss_mb']:.0f} MB", flush=True)
    return result


def time_single_chart(site, samples=30):
    """Per-chart seconds, warm, one process: whole drawing, and vl-convert alone."""
    done = subprocess.run(
        [PYTHON, str(HERE / "single_chart.py"), str(site.data), str(samples)], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"single chart timing failed\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def related_index():
    done = subprocess.run([PYTHON, str(HERE / "related_index.py")], capture_output=True, text=True)
    return {"output": done.stdout.strip().splitlines(), "exit": done.returncode}


def median(runs):
    """The median run, with every run's wall time and the highest peak memory."""
    walls = [r["wall_s"] for r in runs]
    middle = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    return {
        **middle,
        "wall_s_runs": walls,
        # plugins/search in each run: "reused" (the kept index) or "indexed" (Pagefind ran)
        "search_index_runs": [r.get("search_index") for r in runs],
        "wall_s": statistics.median(walls),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def work_folder(choice):
    """Where the synthetic site and its builds are written: RAM (tmpfs) by default,
    so that the disk's write-back of earlier builds does not slow later ones."""
    if choice:
        return choice
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def save(args, results):
    """Write the results so far: benchmarks/results/<size>-<date>.json and latest.json."""
    folder = Path(args.results)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = results["when"][:19].replace(":", "")
    text = json.dumps(results, indent=1, default=str)
    (folder / f"bench-{args.stories}-{stamp}.json").write_text(text, encoding="utf-8")
    (folder / "latest.json").write_text(text, encoding="utf-8")
    return folder / "latest.json"


def run(args):
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "size": vars(args),
        "goals": GOALS,
    }
    folder = work_folder(args.workdir)
    results["machine"]["work_folder"] = folder or tempfile.gettempdir()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-", dir=folder) as tmp:
        site = synthetic.lay_out(Path(tmp), args.stories, args.incidents, args.charts)
        bare, full = write_settings(site, "bare", BARE_TAIL), write_settings(site, "marsad")
        print(
            f"Synthetic site in {tmp}: {args.stories} stories, {args.incidents} incidents, "
            f"{args.charts} charts",
            flush=True,
        )
        build(site, bare, "bare Pelican, to warm the disk cache (not counted)")
        for cache in (".chart-cache", ".data-cache", ".press-cache", PUBLISHED):
            shutil.rmtree(site.folder / cache, ignore_errors=True)
        results["cold"] = build(site, full, "Marsad cold")
        hugo_site = hugo.lay_out(site, site.folder / "hugo") if hugo.available() else None
        # What the search index adds: the same warm build without it (interleaved too),
        # then Pagefind alone over the output of a full warm build, and a query
        # weighed in chromium.
        no_search = write_settings(site, "no-search", MARSAD_TAIL + "SEARCH_INDEX = False\n")
        bare_runs, warm_runs, no_search_runs, hugo_runs = [], [], [], []
        for number in range(args.repeat):  # interleaved: all see the same machine load
            bare_runs.append(build(site, bare, f"bare Pelican ({number + 1}/{args.repeat})"))
            warm_runs.append(build(site, full, f"Marsad warm ({number + 1}/{args.repeat})"))
            no_search_runs.append(
                build(site, no_search, f"Marsad warm, no search index ({number + 1}/{args.repeat})")
            )
            if hugo_site:
                hugo_runs.append(build_hugo(hugo_site, f"Hugo ({number + 1}/{args.repeat})"))
        results["bare"], results["warm"] = median(bare_runs), median(warm_runs)
        results["warm_no_search"] = median(no_search_runs)
        results["hugo"] = median(hugo_runs) if hugo_runs else None
        build(site, full, "Marsad warm, for the search measures (not counted)")
        results["search"] = search_cost.measure(site.folder / "output", "Idlib")
        results["weights"] = weights.page_weights(site.folder / "output", site)

        story = site.story_paths[len(site.story_paths) // 2]
        story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
        results["story_changed"] = build(site, full, "one story changed")

        record_id, expected = synthetic.change_one_record(site)
        results["record_changed"] = build(site, full, "one record changed")
        results["record_changed"]["record"] = record_id
        results["record_changed"]["charts_selecting_it"] = expected
        results["single_chart"] = time_single_chart(site)
        import check  # benchmarks/check.py: make check's times (it imports this module)

        results["check"] = check.measure(site, full)
    results["related_index"] = related_index()
    save(args, results)  # the main size's figures are kept even if the scaling is stopped
    results["scaling"] = scaling(args, folder, results)
    return results


def build_hugo(folder, label):
    load = os.getloadavg()
    result = hugo.build(folder)
    result["load_before"] = load
    print(f"  {label}: {result['wall_s']:.2f} s, {result['peak_rss_mb']:.0f} MB", flush=True)
    return result


def _point(result):
    return {
        "wall_s": result["wall_s"],
        "peak_rss_mb": result["peak_rss_mb"],
        "own_peak_rss_mb": result.get("own_peak_rss_mb"),
        "pages": result["pages"],
        "load_before": result.get("load_before"),
    }


def scaling(args, folder, results):
    """{stories: {bare, warm, hugo, cold, load}} at each --scale size, and growth factors.

    The main size's point is the main run's medians; the others are one build
    each (bare, warm and Hugo in a row, after a cold build that fills the caches).
    """
    points = {}
    for stories in sorted({int(size) for size in args.scale.split(",") if size.strip()}):
        if stories == args.stories:
            point = {key: _point(results[key]) for key in ("cold", "bare", "warm")}
            point["hugo"] = _point(results["hugo"]) if results.get("hugo") else None
            point["load"] = results["machine"]["load_average_at_start"]
            points[stories] = point
            continue
        print(f"Scaling: {stories} stories", flush=True)
        with tempfile.TemporaryDirectory(prefix="marsad-bench-", dir=folder) as tmp:
            site = synthetic.lay_out(Path(tmp), stories, args.incidents, args.charts)
            bare, full = write_settings(site, "bare", BARE_TAIL), write_settings(site, "marsad")
            point = {"load": os.getloadavg()}
            point["cold"] = _point(build(site, full, f"{stories}: Marsad cold"))
            point["bare"] = _point(build(site, bare, f"{stories}: bare Pelican"))
            point["warm"] = _point(build(site, full, f"{stories}: Marsad warm"))
            if hugo.available():
                point["hugo"] = _point(
                    build_hugo(hugo.lay_out(site, site.folder / "hugo"), f"{stories}: Hugo")
                )
            else:
                point["hugo"] = None
            points[stories] = point
            results["scaling"] = {
                "points": {str(size): points[size] for size in sorted(points)},
                "growth": {},
            }
            save(args, results)
    sizes = sorted(points)
    growth = {}
    for smaller, larger in zip(sizes, sizes[1:], strict=False):
        growth[f"{larger}/{smaller}"] = {
            build: {
                "time": points[larger][build]["wall_s"] / points[smaller][build]["wall_s"],
                "memory": points[larger][build]["peak_rss_mb"] / points[smaller][build]["peak_rss_mb"],
            }
            for build in ("bare", "warm", "cold", "hugo")
            if points[larger].get(build) and points[smaller].get(build)
        }
    return {"points": {str(size): points[size] for size in sizes}, "growth": growth}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--incidents", type=int, default=5000)
    parser.add_argument("--charts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="bare and warm builds; median")
    parser.add_argument(
        "--scale",
        default="500,2000,8000",
        help="story counts for the scaling figures, comma-separated ('' for none)",
    )
    parser.add_argument("--results", default=str(HERE / "results"))
    parser.add_argument(
        "--workdir",
        help="folder for the synthetic site and builds "
        "(default: /dev/shm when writable, else the temp folder)",
    )
    parser.add_argument(
        "--edits",
        type=int,
        default=10,
        help="the author's loop (benchmarks/edit_loop.py): saves of each kind; 0 skips it",
    )
    parser.add_argument(
        "--edit-sites",
        default="default,synthetic",
        help="sites of the edit loop: default (the project's own) and/or synthetic (--stories)",
    )
    args = parser.parse_args()
    results = run(args)
    print(report.table(results))
    if args.edits:
        sites = [site for site in args.edit_sites.split(",") if site]
        results["edit_loop"] = edit_loop.measure(args.edits, sites, args.stories, work_folder(args.workdir))
        print(edit_loop.table(results["edit_loop"]))
    print(f"Written to {save(args, results)}")


if __name__ == "__main__":
    main()
