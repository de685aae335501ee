"""The author's loop (issue 17): from saving a file to the browser showing the change.

Runs the real ``make serve`` (``invoke livereload``) in a copy of the project on
a free port, opens the page in Debian's chromium (Playwright) and, for each kind
of edit (a story's text, a data record's note, a chart spec's subtitle), saves
the file N times with a new word in it. Each time it records the seconds from
the save to the reloaded page's DOMContentLoaded, checks that the new word is in
the page, and waits until the full build behind the preview has finished
(also timed), as an author who saves, looks and saves again.

    .venv/bin/python benchmarks/edit_loop.py [--edits 10] [--site default] [--site synthetic] [--stories 2000]
        [--pause SECONDS] [--workdir /dev/shm]

``--pause``: save again that long after the page showed, without waiting for the
full build (which the save interrupts): on the 2,000-story site a full build
takes minutes on a shared machine, so ten edits of each kind, each waiting for
it, would take hours. The last full build is then waited for and timed once.

Alone, it writes benchmarks/results/edit-loop-latest.json; ``make bench`` calls
:func:`measure` and stores the result in latest.json as "edit_loop".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
from devserver.client import RunningServer, copy_project  # noqa: E402 - the tests' copy too

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
GOALS = {"story": 1.0, "record": 2.0, "chart": 2.0}  # seconds, median (issue 17)
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
WORDS += ["kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]

# kind -> (file, text after which the new word goes, page to watch): the default site.
DEFAULT_EDITS = {
    "story": (
        "content/articles/turkish-patrols-dmz-march-2019.md",
        "Turkey's armed forces ran their first patrol",
        "/2019/03/turkish-patrols-dmz-march-2019/",
    ),
    "record": ("data/patrols.yml", "No route was published", "/data/patrols/turkish-patrol-dmz-2019-03/"),
    "chart": (
        "data/charts/patrols-timeline.yml",
        "Patrols reported or announced, by force and where they were to operate",
        "/2019/03/turkish-patrols-dmz-march-2019/",
    ),
}


def shown_at(page) -> float:
    """Epoch seconds at which the page's DOM was ready (the browser's clock: this machine's)."""
    return (
        page.evaluate(
            "performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        / 1000
    )


def edit_once(
    server: RunningServer, page, path: Path, original: str, anchor: str, word: str, pause=None
) -> dict:
    """Save ``path`` with ``word`` after ``anchor``; seconds until the page shows it.
    Then wait for the full build behind it, or (``pause``) only that many seconds: the
    next save interrupts the full build, as when an author saves again soon."""
    marker = f" (revision {word})"
    status = server.status()
    before, fast_before = status["changes_seen"], status.get("fast_previews", 0)
    with page.expect_event("load", timeout=60_000):
        saved = time.time()
        path.write_text(original.replace(anchor, anchor + marker, 1), encoding="utf-8")
    shown = shown_at(page)
    while marker not in page.content():  # a reload for another reason: wait for the next
        with page.expect_event("load", timeout=60_000):
            pass
        shown = shown_at(page)
    if pause is not None:
        time.sleep(pause)
        state = server.status()
    else:
        state = server.idle_after(before)
    return {
        "shown_s": round(shown - saved, 3),
        "full_build_done_s": None if pause is not None else round(time.time() - saved, 3),
        "last_build": state["last_build"],
        "fast_path": state.get("fast_previews", 0) > fast_before,  # devserver/fastpath.py, fastdata.py
    }


def measure_site(project: Path, edits: dict, count: int, log: Path, pause=None) -> dict:
    from playwright.sync_api import sync_playwright

    server = RunningServer(project, log)
    results: dict = {}
    try:
        state = server.wait(lambda s: not s["busy"] and s["previews"] >= 1, "start (first build)", 1800)
        if state["problems"]:
            raise RuntimeError(f"the site does not build: {state['problems'][:5]} (log: {log})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            for kind, (relative, anchor, url) in edits.items():
                path = project / relative
                original = path.read_text(encoding="utf-8")
                page.goto(server.url + url)
                server.wait(
                    lambda s, url=url: any(url.strip("/") in p for p in s["in_view"]), "page in view", 30
                )
                runs = [
                    edit_once(server, page, path, original, anchor, WORDS[n % len(WORDS)], pause)
                    for n in range(count)
                ]
                before = server.status()["changes_seen"]
                path.write_text(original, encoding="utf-8")
                if pause is None:
                    server.idle_after(before)
                else:
                    server.wait(lambda s, before=before: s["changes_seen"] > before, "the file restored")
                    time.sleep(pause)
                shown = [run["shown_s"] for run in runs]
                full = [run["full_build_done_s"] for run in runs if run["full_build_done_s"] is not None]
                results[kind] = {
                    "file": relative,
                    "page": url,
                    "edits": count,
                    "median_shown_s": round(statistics.median(shown), 3),
                    "max_shown_s": max(shown),
                    "median_full_build_done_s": round(statistics.median(full), 3) if full else None,
                    "pause_s": pause,
                    "fast_path_runs": sum(run["fast_path"] for run in runs),
                    "goal_s": GOALS[kind],
                    "goal_met": statistics.median(shown) < GOALS[kind],
                    "runs": runs,
                }
                after = (
                    f"full build done after {results[kind]['median_full_build_done_s']:.1f} s"
                    if full
                    else f"next save {pause} s later (the full build interrupted)"
                )
                print(
                    f"  {kind:<7} median {results[kind]['median_shown_s']:.2f} s to the page "
                    f"(goal < {GOALS[kind]} s), {after}, fast path {results[kind]['fast_path_runs']}/{count}",
                    flush=True,
                )
            browser.close()
            if pause is not None:  # the last full build, uninterrupted: output/ as make build makes it
                started = time.time()
                state = server.wait(lambda s: not s["busy"], "the last full build", 1800)
                results["last_full_build"] = {
                    "s": round(time.time() - started, 1),
                    "result": state["last_build"],
                }
    finally:
        server.stop()
    return results


def synthetic_edits(project: Path, stories: int, incidents=None, charts=None) -> dict:
    """Lay out benchmarks/synthetic.py's site in ``project``; the edits that fit it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

    settings = project / "pelicanconf.py"  # the copy's: as benchmarks/bench.py sets it up
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write('\nHOME_LEAD_SLUG = None\nLANGUAGES = {"en": LANGUAGES["en"]}  # English only\n')
    site = synthetic.lay_out(  # make bench's proportions: 2,000 stories, 5,000 incidents, 300 charts
        project,
        stories=stories,
        incidents=incidents or max(stories * 5 // 2, 10),
        charts=charts or max(stories * 3 // 20, 2),
    )
    shutil.copytree(ROOT / "data" / "geo", project / "data" / "geo")  # the real basemap, for map charts
    story = site.story_paths[len(site.story_paths) // 2]
    text = story.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]
    anchor = body.split(".", 1)[0].split("\n", 1)[0][:40]
    slug = story.stem
    date_line = next(line for line in text.splitlines() if line.lower().startswith("date:"))
    year, month = date_line.split(":", 1)[1].strip()[:7].split("-")
    edits = {"story": (os.path.relpath(story, project), anchor, f"/{year}/{month}/{slug}/")}
    dataset = f"data/{synthetic.DATASET}.yml"
    edits["record"] = (
        dataset,
        "Synthetic incident 7, invented",
        f"/data/{synthetic.DATASET}/synthetic-00007/",
    )
    first = site.story_paths[0].read_text(encoding="utf-8")  # the first stories carry charts 0 and 1
    first_date = next(line for line in first.splitlines() if line.lower().startswith("date:"))
    year, month = first_date.split(":", 1)[1].strip()[:7].split("-")
    edits["chart"] = (
        "data/charts/synthetic-chart-000.yml",
        "Synthetic chart 0",
        f"/{year}/{month}/synthetic-0/",
    )
    return edits


def measure(count=10, sites=("default",), stories=2000, workdir=None, pause=None) -> dict:
    """The edit loop on each site: {site: {kind: figures}}."""
    found = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the dev server on the way out
    for site in sites:
        with tempfile.TemporaryDirectory(prefix="marsad-edit-loop-", dir=workdir) as folder:
            project = Path(folder)
            print(f"Edit loop on the {site} site ({count} edits of each kind):", flush=True)
            if site == "default":
                copy_project(project)
                edits = DEFAULT_EDITS
            else:
                copy_project(project, with_content=False)
                edits = synthetic_edits(project, stories)
            found[site] = measure_site(
                project, edits, count, Path(tempfile.gettempdir()) / f"marsad-edit-loop-{site}.log", pause
            )
            if site != "default":
                found[site]["stories"] = stories
    return found


def table(results: dict) -> str:
    lines = [
        "Edit loop (save -> page shown, median)",
        f"{'site':<10} {'edit':<7} {'shown':>8} {'goal':>6} {'met':>4} {'full build':>11}",
    ]
    for site, kinds in results.items():
        for kind, figures in kinds.items():
            if isinstance(figures, dict) and "median_shown_s" in figures:
                full = figures["median_full_build_done_s"]
                lines.append(
                    f"{site:<10} {kind:<7} {figures['median_shown_s']:>7.2f}s {figures['goal_s']:>5.1f}s "
                    f"{'yes' if figures['goal_met'] else 'NO':>4} "
                    + (f"{full:>10.1f}s" if full is not None else f"{'(paused)':>11}")
                )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--site", action="append", choices=["default", "synthetic"])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument(
        "--pause",
        type=float,
        help="seconds between a page shown and the next save (default: wait for each full build)",
    )
    parser.add_argument("--workdir", help="folder for the project copy (e.g. /dev/shm)")
    args = parser.parse_args()
    load = os.getloadavg()
    results = measure(args.edits, args.site or ["default"], args.stories, args.workdir, args.pause)
    print(table(results))
    record = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_at_start": load,
        "load_average_at_end": os.getloadavg(),
        "edit_loop": results,
    }
    folder = Path(args.results)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edit-loop-latest.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    print(f"Written to {folder / 'edit-loop-latest.json'} (make bench puts it in latest.json as edit_loop)")


if __name__ == "__main__":
    main()
