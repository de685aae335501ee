"""Time `make check` (plugins/strict/check.py) on the synthetic benchmark site.

Lays out benchmarks/synthetic.py's site (2,000 stories, 5,000 incidents, 300
charts by default) in a temporary folder, never in content/ or data/, and runs
the check in its own process: cold (no caches: every chart is drawn, the data
validated), warm (nothing changed), after changing one story and after changing
one data record. Prints the wall time of each.

`make bench` runs :func:`measure` on its own synthetic site (results["check"]).

Usage:  .venv/bin/python benchmarks/check.py [--stories 2000] [--incidents 5000] [--charts 300]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import write_settings  # noqa: E402
from synthetic import change_one_record, lay_out  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


GOAL_S = 10  # issue 14: under 10 s on the 2,000-story, 5,000-incident site


def timed_check(site, settings, label):
    """(wall, CPU) seconds of one check (CPU time: what an idle machine's wall time
    would be for this single-process run, when other work shares the cores)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "strict.check", "-s", str(settings)],
        capture_output=True,
        text=True,
        cwd=site.folder,
        env=env,
    )
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"{label}: check failed\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    load = os.getloadavg()[0]
    print(
        f"  {label}: {seconds:.2f} s wall, {cpu:.2f} s CPU (load {load:.1f}; {done.stdout.strip()})",
        flush=True,
    )
    return seconds, cpu


def measure(site, settings) -> dict:
    """make check on a laid-out synthetic site: warm (twice, the better kept), after
    changing one story, after changing one record. {label: {"wall_s", "cpu_s"}}."""
    print("make check:", flush=True)
    results = {}
    runs = [timed_check(site, settings, f"warm ({n}/2)") for n in (1, 2)]
    results["warm"] = min(runs)
    story = site.story_paths[1]
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    results["story_changed"] = timed_check(site, settings, "after changing one story")
    change_one_record(site)
    results["record_changed"] = timed_check(site, settings, "after changing one record")
    found = {
        label: {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)} for label, (wall, cpu) in results.items()
    }
    return {**found, "goal_s": GOAL_S}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--incidents", type=int, default=5000)
    parser.add_argument("--charts", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-check-bench-") as folder:
        site = lay_out(Path(folder), stories=args.stories, incidents=args.incidents, charts=args.charts)
        settings = write_settings(site, "settings")
        print(f"make check on {args.stories} stories, {args.incidents} incidents, {args.charts} charts:")
        timed_check(site, settings, "cold (no caches)")
        timed_check(site, settings, "warm")
        timed_check(site, settings, "warm, again")
        story = site.story_paths[0]
        story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        timed_check(site, settings, "after changing one story")
        change_one_record(site)
        timed_check(site, settings, "after changing one record")


if __name__ == "__main__":
    main()
