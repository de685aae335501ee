"""Two builds of the same input are byte-identical, even when everything that
should not matter differs: the folder, the clock, SOURCE_DATE_EPOCH, the time
zone, the locale, Python's hash seed (set iteration order), the build caches and
the number of processes that write the pages (plugins/press).

The first is the session's publish (tests/conftest.py: `invoke publish`, what
`make publish` runs, started from the caches of the default site's build); the
second publishes another copy, cold (no cache: every chart, card and index made
afresh), in other conditions. A publish runs every plugin a development build
runs, plus the compressed copies, which must be reproducible too.
"""

import difflib
import os
import time

import pytest
from helpers import PUBLISH_ENV, copy_project, file_hashes, invoke


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


@pytest.fixture(scope="module")
def cold_publish(published_project, tmp_path_factory):
    """Another copy of the project published cold, elsewhere, later, in other conditions."""
    time.sleep(1.1)  # the clock has moved on since the first build
    project = copy_project(tmp_path_factory.mktemp("elsewhere") / "deeper" / "project")
    # The first publish wrote its pages on min(2, cores) processes; this one on another number.
    processes = 1 if (os.cpu_count() or 1) >= 2 else 3
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nMARSAD_WRITE_PROCESSES = {processes}\n")
    env = {
        **PUBLISH_ENV,
        "SOURCE_DATE_EPOCH": "1700000000",
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "4242",
    }
    result = invoke(project, "publish", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_two_builds_are_byte_identical(published_project, cold_publish):
    first_output, second_output = published_project / "output", cold_publish / "output"
    first, second = file_hashes(first_output), file_hashes(second_output)
    assert sorted(first) == sorted(second), (
        f"files only in the first build: {sorted(set(first) - set(second))}; "
        f"only in the second: {sorted(set(second) - set(first))}"
    )
    differing = [path for path in first if first[path] != second[path]]
    details = [
        f"{path}:\n      {first_difference(first_output / path, second_output / path)}"
        for path in differing[:10]
    ]
    assert not differing, f"{len(differing)} files differ between two builds:\n" + "\n".join(details)
    # The compressed copies were compared too.
    assert any(name.endswith(".gz") for name in first) and any(name.endswith(".br") for name in first)
