"""Find one page of each kind in a built site, from the files themselves.

Where a kind has many pages (articles, datasets, places) the largest one is
taken: it carries the most features (tables, charts, corrections) to check.
"""

import re
from pathlib import Path

# kind: (pattern of the output path, required?)
KINDS = {
    "home": (r"index\.html", True),
    "article": (r"\d{4}/\d{2}/[^/]+/index\.html", True),
    "page": (r"about/index\.html", True),
    "category": (r"category/[^/]+/index\.html", True),
    "categories": (r"category/index\.html", True),
    "tag": (r"tags/[^/]+/index\.html", True),
    "tags": (r"tags/index\.html", True),
    "author": (r"authors/[^/]+/index\.html", True),
    "authors": (r"authors/index\.html", True),
    "archive": (r"archives/index\.html", True),
    "not-found": (r"404\.html", True),
    "data": (r"data/index\.html", True),
    "dataset": (r"data/[^/]+/index\.html", True),
    "dataset-sorted": (r"data/[^/]+/sort/[^/]+/index\.html", True),
    "record": (r"data/[^/]+/[^/]+/index\.html", True),
    "places": (r"places/index\.html", True),
    "place": (r"places/[^/]+/index\.html", True),
    "charts": (r"charts/index\.html", True),
}
# The Arabic edition (plugins/i18n) under ar/: the page kinds issue 12 names, each
# checked like its English twin. ("ar-not-found" is ar/404.html opened directly.)
ARABIC = [
    "home",
    "article",
    "page",
    "category",
    "tag",
    "author",
    "archive",
    "not-found",
    "dataset",
    "record",
    "place",
    "charts",
]
KINDS.update({f"ar-{kind}": (f"ar/{KINDS[kind][0]}", True) for kind in ARABIC})


def html_files(output):
    """Every HTML file of the output, as sorted posix paths relative to it."""
    output = Path(output)
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def find(output, kind):
    """The output path of the page chosen for ``kind``, or None."""
    pattern = re.compile(KINDS[kind][0] + r"\Z")
    matches = [path for path in html_files(output) if pattern.match(path)]
    if not matches:
        return None
    return max(matches, key=lambda path: ((Path(output) / path).stat().st_size, path))


def required(kind):
    return KINDS[kind][1]
