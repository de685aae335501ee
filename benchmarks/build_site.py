"""Benchmark: a full Marsad build against bare Pelican on the same content.

Generates N synthetic stories (never published: they live in a temporary
folder) on top of the default site's content and data, then times, in the same
run and on the same machine:

- bare Pelican: no plugins, Pelican's built-in theme;
- Marsad: the project's pelicanconf.py (all plugins, the Marsad theme).

Usage:  .venv/bin/python benchmarks/build_site.py [--stories 500] [--repeat 3]
Prints the median wall time of each and their ratio.
"""

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PELICAN = Path(sys.executable).parent / "pelican"
PLACES = ["idlib-governorate", "hama-governorate", "aleppo-governorate", "idlib-city", "demilitarized-zone"]
TAGS = ["air strikes", "patrols", "displacement", "civilians", "diplomacy"]


def synthetic_story(number, rng):
    day = 1 + number % 28
    places = ", ".join(rng.sample(PLACES, 2))
    tags = ", ".join(rng.sample(TAGS, 2))
    paragraphs = "\n\n".join(
        " ".join(f"Synthetic benchmark sentence {number}-{p}-{w}." for w in range(12)) for p in range(6)
    )
    return (
        f"Title: Synthetic benchmark story {number}\n"
        f"Date: 2019-{1 + number % 12:02d}-{day:02d} 12:00+02:00\n"
        f"Category: {rng.choice(['Idlib', 'Explainers', 'Displacement'])}\n"
        f"Tags: {tags}\nAuthors: Benchmark Desk\nPlaces: {places}\n"
        f"Slug: synthetic-{number}\nSummary: Synthetic story {number} for timing only.\n\n{paragraphs}\n"
    )


def lay_out(folder, stories):
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "data", folder / "data")
    rng = random.Random(1)
    articles = folder / "content" / "articles"
    for number in range(stories):
        (articles / f"synthetic-{number}.md").write_text(synthetic_story(number, rng), encoding="utf-8")
    (folder / "marsad.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(folder / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDATASETS_PATH = {str(folder / 'data')!r}\n",
        encoding="utf-8",
    )
    (folder / "bare.py").write_text(
        f"PATH = {str(folder / 'content')!r}\nARTICLE_PATHS = ['articles']\nPAGE_PATHS = ['pages']\n"
        "SITENAME = 'bare'\nSITEURL = ''\nTIMEZONE = 'Asia/Damascus'\nPLUGINS = []\n"
        "ARTICLE_URL = '{date:%Y}/{date:%m}/{slug}/'\nARTICLE_SAVE_AS = ARTICLE_URL + 'index.html'\n",
        encoding="utf-8",
    )


def time_build(folder, settings, output):
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [str(PELICAN), str(folder / "content"), "-s", str(folder / settings), "-o", str(output)],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{settings} build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lay_out(folder, args.stories)
        timings = {"bare Pelican": [], "Marsad": []}
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            timings["bare Pelican"].append(time_build(folder, "bare.py", folder / "out-bare"))
            timings["Marsad"].append(time_build(folder, "marsad.py", folder / "out-marsad"))
        pages = sum(1 for _ in (folder / "out-marsad").rglob("*.html"))
    bare, marsad = (statistics.median(timings[k]) for k in ("bare Pelican", "Marsad"))
    print(f"stories: {args.stories} synthetic + default content; runs: {args.repeat}; Marsad pages: {pages}")
    print(f"bare Pelican (no plugins, default theme): median {bare:.2f} s")
    print(f"Marsad (all plugins, Marsad theme):      median {marsad:.2f} s")
    print(f"ratio Marsad / bare Pelican: {marsad / bare:.2f}x")


if __name__ == "__main__":
    main()
