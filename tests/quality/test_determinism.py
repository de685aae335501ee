"""Two builds of the same input are byte-identical, even when everything that
should not matter differs: the folder, the clock, SOURCE_DATE_EPOCH, the time
zone, the locale and Python's hash seed (set iteration order)."""

import difflib
import hashlib
import time

from helpers import build_site


# Pagefind (plugins/search) writes its filter and metadata indexes from a hash
# map, so their bytes, and the hashed names that point to them, change from run
# to run (upstream issue Pagefind/pagefind#638: fragments and word indexes are
# stable since 1.3.0; "other files will still change, such as the
# filter/metadata indexes"). Those few files are compared by count per language,
# not by bytes; every fragment, word index and script must still be identical.
UNSTABLE_INDEX_FILES = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def _unstable(path):
    return path.startswith(UNSTABLE_INDEX_FILES) and (
        path.endswith((".pf_filter", ".pf_meta")) or path.endswith("pagefind-entry.json")
    )


def tree(folder):
    """{relative path: sha256} of every file under ``folder``; Pagefind's unstable
    index files as {"<folder>/<language>_*<suffix> #<n>": ""} (counted, not hashed)."""
    found, counts = {}, {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        path = p.relative_to(folder).as_posix()
        if _unstable(path):
            key = f"{path.rsplit('/', 1)[0]}/{p.name.split('_')[0]}*{p.suffix}"
            counts[key] = counts.get(key, 0) + 1
            found[f"{key} #{counts[key]}"] = ""
        else:
            found[path] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def first_difference(a, b):
    try:
        lines = difflib.unified_diff(
            a.read_text(encoding="utf-8").splitlines(),
            b.read_text(encoding="utf-8").splitlines(),
            lineterm="",
            n=0,
        )
        return "\n      ".join(list(lines)[2:8])
    except UnicodeDecodeError:
        return "(binary files differ)"


def test_two_builds_are_byte_identical(default_site, tmp_path):
    time.sleep(1.1)  # the clock has moved on since the first build
    other = build_site(
        tmp_path / "elsewhere" / "deeper",
        default_site=True,
        env={
            "SOURCE_DATE_EPOCH": "1700000000",
            "TZ": "Pacific/Kiritimati",
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "PYTHONHASHSEED": "4242",
        },
    )
    assert other.ok, other.log
    first, second = tree(default_site.output), tree(other.output)
    assert sorted(first) == sorted(second), (
        f"files only in the first build: {sorted(set(first) - set(second))}; "
        f"only in the second: {sorted(set(second) - set(first))}"
    )
    differing = [path for path in first if first[path] != second[path]]
    details = [
        f"{path}:\n      {first_difference(default_site.output / path, other.output / path)}"
        for path in differing[:10]
    ]
    assert not differing, f"{len(differing)} files differ between two builds:\n" + "\n".join(details)
