"""The build server (tests/buildserver.py) runs the same Pelican a ``pelican`` process runs.

Each build here is made twice, once as a child of the server and once in a
process of its own (``own_process``): the same exit code, the same log and the
same files.
"""

import json
import re
import subprocess

import helpers
import pytest
from helpers import build_site, file_hashes

SMALL = "datasets-site"


def same_log(log, folder):
    """The log's words without what changes from run to run (the clock, the durations,
    the folder) nor where rich broke its lines (at 80 columns, inside paths too)."""
    log = re.sub(r"^\[\d\d:\d\d:\d\d\]", "", log, flags=re.MULTILINE)
    log = re.sub(r"\d+\.\d+ s", "N s", log)  # "in 2.31 seconds", "drawn, in 0.22 s"
    return "".join(log.split()).replace(str(folder), "SITE")


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"content/articles/broken.md": "Title: Broken\nDate: not a date\nCategory: Idlib\n\nBody.\n"},
    ],
    ids=["good", "broken"],
)
def test_a_served_build_is_the_build_of_its_own_process(tmp_path, files):
    # -v: Pelican's console log (rich) at INFO, which a child must keep as a process does.
    served = build_site(tmp_path / "child", SMALL, files=files, pelican_args=["-v"])
    alone = build_site(tmp_path / "alone", SMALL, files=files, pelican_args=["-v"], own_process=True)
    assert served.returncode == alone.returncode == (0 if not files else 1), served.log
    assert ("INFO" if served.ok else "ERROR") in served.log  # the console's lines, not strict's list alone
    assert same_log(served.log, tmp_path / "child") == same_log(alone.log, tmp_path / "alone")
    if served.ok:
        assert file_hashes(served.output) == file_hashes(alone.output)
    else:
        assert "content/articles/broken.md:2: broken: date" in served.log
        assert not served.output.exists()


def test_a_served_build_has_its_own_environment(tmp_path, synthetic_caches):
    origin = "https://example.org/served"
    site = build_site(tmp_path, SMALL, env={"MARSAD_SITE_ORIGIN": origin}, caches=synthetic_caches)
    assert site.ok, site.log
    assert f'href="{origin}/' in site.read("index.html")


def test_what_a_child_cannot_take_from_the_build_runs_in_a_process_of_its_own():
    server = helpers._build_server()  # either of the two: one environment
    assert server.fits({**server.env, "SOURCE_DATE_EPOCH": "1", "MARSAD_SITE_ORIGIN": "https://example.org"})
    assert not server.fits({**server.env, "COLUMNS": "400"})  # read by rich's console when imported
    assert not server.fits({**server.env, "PYTHONHASHSEED": "1"})  # read by the interpreter as it starts


def test_a_served_build_that_runs_too_long_is_killed(tmp_path, synthetic_caches):
    with pytest.raises(subprocess.TimeoutExpired):
        build_site(tmp_path / "slow", SMALL, timeout=0.5)
    assert build_site(tmp_path / "next", SMALL, caches=synthetic_caches).ok  # the server goes on


# Appended to the settings: the modules the build imported, written when Pelican exits.
MODULES_AT_EXIT = """
import atexit as _atexit, json as _json, sys as _sys
_atexit.register(lambda: open({path!r}, "w").write(_json.dumps(sorted(_sys.modules))))
"""


def test_a_served_build_holds_the_modules_of_its_own_process(tmp_path, synthetic_caches):
    """The server imports nothing a warm build of a small site would not import itself."""
    modules = {}
    for name, own_process in (("child", False), ("alone", True)):
        tail = MODULES_AT_EXIT.format(path=str(tmp_path / f"{name}.json"))
        site = build_site(
            tmp_path / name, SMALL, settings=tail, caches=synthetic_caches, own_process=own_process
        )
        assert site.ok, site.log
        modules[name] = set(json.loads((tmp_path / f"{name}.json").read_text()))
    assert sorted(modules["child"] - modules["alone"]) == []
    assert sorted(modules["alone"] - modules["child"]) == []


def test_two_builds_in_a_row_iterate_sets_in_different_orders(tmp_path, synthetic_caches):
    """As two processes would (their hash seeds differ): a test that compares two
    builds still sees a build that depends on the order of a set."""
    orders = []
    for name in ("first", "second"):
        seen = tmp_path / f"{name}.txt"
        tail = f"open({str(seen)!r}, 'w').write(str(hash('marsad')))\n"
        assert build_site(tmp_path / name, SMALL, settings=tail, caches=synthetic_caches).ok
        orders.append(seen.read_text())
    assert orders[0] != orders[1]
