"""Builds that overlap, permissions of what a build leaves, and Ctrl-C.

A copy of the project with a small site (tests/fixtures/datasets-site) is built
with `invoke build`, what `make build` runs, from the caches of that fixture's
session build (the subject is the command, not a cold build).
"""

import fcntl
import os
import signal
import stat
import subprocess
import time

import pytest
from helpers import INVOKE, copy_project, snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory, synthetic_caches):
    project = copy_project(
        tmp_path_factory.mktemp("builds") / "project", fixture="datasets-site", caches=synthetic_caches
    )
    assert build(project).returncode == 0
    return project


def build(project, umask=None, **kwargs):
    return subprocess.run(
        [str(INVOKE), "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1553000000"),
        **kwargs,
    )


def start(project):
    return subprocess.Popen(
        [str(INVOKE), "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1553000000"),
    )


def test_a_second_build_waits_for_the_first_and_says_why(project):
    good = snapshot(project / "output")
    with open(project / ".build" / "lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # stands for a build in progress
        lock.truncate(0)
        lock.write("pid 4242 (a test)\n")
        lock.flush()
        second = start(project)
        said = second.stdout.readline()  # the build says why it waits, then waits
        assert "waiting for it to finish" in said, f"the second build did not say it waits: {said!r}"
        assert waits_for_a_file_lock(second), "the second build did not wait"
        assert snapshot(project / "output") == good, "output/ changed while another build held the lock"
        assert not list((project / ".build").glob("output-*")), "the waiting build started staging"
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, out + err
    said += out
    assert "Another build of this project is running (pid 4242 (a test)); waiting for it to finish..." in said


def waits_for_a_file_lock(process, timeout=60):
    """Whether ``process`` comes to sleep in the kernel waiting for a file lock (Linux
    names the wait in /proc/<pid>/wchan); where that is not shown, whether it still
    runs 2 s later."""
    wchan = f"/proc/{process.pid}/wchan"
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with open(wchan, encoding="ascii") as reading:
                waiting_in = reading.read().strip()
        except OSError:
            waiting_in = "0"
        if waiting_in == "0":  # the kernel does not say
            time.sleep(2)
            return process.poll() is None
        if waiting_in == "locks_lock_inode_wait":
            return True
        time.sleep(0.01)
    return False


def test_builds_started_together_never_publish_a_half_written_site(project):
    builds = [start(project) for _ in range(3)]
    seen_incomplete = []
    while any(b.poll() is None for b in builds):
        for name in (
            "index.html",
            "feeds/all.atom.xml",
            "data/casualties/index.html",
            "2019/03/test-story/index.html",
        ):
            if not (project / "output" / name).is_file():
                seen_incomplete.append(name)
        time.sleep(0.005)
    for process in builds:
        out, err = process.communicate()
        assert process.returncode == 0, out + err
    assert not seen_incomplete, f"output/ lacked {sorted(set(seen_incomplete))} while builds overlapped"


def test_output_is_readable_by_another_user_even_under_a_strict_umask(project):
    result = build(project, umask=0o077)
    assert result.returncode == 0, result.stdout + result.stderr
    output = project / "output"
    problems = []
    for path in [output, *output.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        needed = 0o755 if path.is_dir() else 0o644
        if mode & needed != needed:
            problems.append(f"{path.relative_to(project)}: {oct(mode)}")
    assert not problems, problems[:10]


def test_ctrl_c_ends_with_one_line_and_leaves_output(project):
    good = snapshot(project / "output")
    (project / "content" / "articles" / "added.md").write_text(
        "Title: Added\nDate: 2019-03-19 12:00+02:00\nCategory: Idlib\n\nBody.\n", encoding="utf-8"
    )
    try:
        process = start(project)
        deadline = time.monotonic() + 60
        while not list((project / ".build").glob("output-*")) and time.monotonic() < deadline:
            time.sleep(0.01)  # Pelican is running once its staging folder exists
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        out, err = process.communicate(timeout=60)
    finally:
        (project / "content" / "articles" / "added.md").unlink()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert process.returncode == 130, out + err
    assert lines == ["Build interrupted; output/ was left as it was."], lines
    assert snapshot(project / "output") == good
    assert not list((project / ".build").glob("output-*")), "staging left behind"
