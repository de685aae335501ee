"""Two builds of the same input are byte-identical, even when everything that
should not matter differs: the folder, the clock, SOURCE_DATE_EPOCH, the time
zone, the locale, Python's hash seed (set iteration order) and the number of
processes that write the pages (plugins/press)."""

import difflib
import os
import time

from helpers import build_site, file_hashes


def tree(folder):
    """{relative path: sha256} of every file (Pagefind's unstable index files counted)."""
    return file_hashes(folder)


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
    # default_site wrote its pages on min(2, cores) processes; this build on another number.
    processes = 1 if (os.cpu_count() or 1) >= 2 else 3
    other = build_site(
        tmp_path / "elsewhere" / "deeper",
        default_site=True,
        settings=f"MARSAD_WRITE_PROCESSES = {processes}\n",
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
