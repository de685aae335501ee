"""Benchmark: the hand-typed-count rule (plugins/figures) on stories of two kinds.

- the synthetic benchmark stories (benchmarks/synthetic.py: every sentence holds
  numbers, so every paragraph is tokenized: the rule's worst case);
- the default stories of content/articles, read many times over (real prose).

It prints the CPU time per story of reading a story for the rule and checking
it (plugins/figures source.read_story + check.check_story), best of --repeat runs.

Usage:  .venv/bin/python benchmarks/figures_rule.py [--stories 2000] [--repeat 3]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import lay_out  # noqa: E402
from datasets.model import Catalog  # noqa: E402
from figures.check import check_story  # noqa: E402
from figures.source import read_story  # noqa: E402


def best_cpu_seconds(texts, repeat):
    """Least CPU time of ``repeat`` runs of the rule over ``texts``."""
    catalog, best = Catalog(), None
    for _ in range(repeat):
        start = time.process_time()
        for path, text in texts:
            check_story(read_story(path, text), "story", catalog, [], 2019, path)
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = lay_out(Path(folder), stories=args.stories, incidents=10, charts=5)
        synthetic = [(str(p), p.read_text(encoding="utf-8")) for p in site.story_paths]
    stories = sorted((ROOT / "content" / "articles").glob("*.md"))
    default = [(str(p), p.read_text(encoding="utf-8")) for p in stories]
    default = default * max(1, args.stories // len(default))
    for label, texts in (("synthetic stories", synthetic), ("default stories", default)):
        seconds = best_cpu_seconds(texts, args.repeat)
        print(
            f"{label:18} {len(texts):6d} stories  {seconds:6.2f} s CPU  {1000 * seconds / len(texts):6.2f} ms a story"
        )


if __name__ == "__main__":
    main()
