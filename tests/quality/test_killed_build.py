"""Never half-published: `invoke build` (what `make build` runs) killed at any
moment leaves the previous output/ exactly as it was.

A copy of the project, with the build caches of the session's default site
(charts and cards drawn, as on a newsroom's machine), is built once (the last
good output), then a story is added and `invoke build` is started and SIGKILLed (with its Pelican child) at
several points of its run. After each kill output/ must be byte-identical to the
last good build, or (if the kill came after the swap) to a complete new build.
"""

import os
import signal
import subprocess
import time

from helpers import INVOKE, copy_project, snapshot

KILL_POINTS = [0.1, 0.4, 0.7, 0.95]  # fractions of a full build's duration
NEW_STORY = """\
Title: A story added before the killed builds
Date: 2019-03-19 12:00+02:00
Category: Idlib
Authors: Marsad Syria Desk
Slug: added-before-killed-builds
Summary: A synthetic story (tests only) that only a finished build would publish.

Synthetic body (tests only).
"""


def start_build(project):
    return subprocess.Popen(
        [str(INVOKE), "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1553000000"),
    )


def full_build(project):
    started = time.monotonic()
    process = start_build(project)
    assert process.wait(timeout=600) == 0, "a plain `invoke build` failed"
    return time.monotonic() - started


def test_killed_builds_leave_the_last_good_output(tmp_path, warm_caches):
    project = copy_project(tmp_path / "project", caches=warm_caches)
    output = project / "output"
    duration = full_build(project)
    good = snapshot(output)
    assert good is not None and (output / "index.html").is_file()

    (project / "content" / "articles" / "added.md").write_text(NEW_STORY, encoding="utf-8")
    states = []
    for point in KILL_POINTS:
        process = start_build(project)
        time.sleep(duration * point)
        finished = process.poll() is not None
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:  # it ended on its own and poll() reaped it: nothing to kill
            assert finished, "the build's process group vanished while it still ran"
        process.wait(timeout=60)
        states.append((point, finished, snapshot(output)))

    full_build(project)
    new = snapshot(output)
    assert new != good, "the added story changed nothing: the test could not tell the builds apart"
    problems = [
        f"killed at {point:.0%} of a build ({'after' if finished else 'before'} it ended): "
        f"output/ is {'missing' if state is None else 'neither the old nor a complete new build'}"
        for point, finished, state in states
        if state not in (good, new)
    ]
    assert not problems, "\n".join(problems)
    assert any(state == good for _, _, state in states), "no kill landed before the swap"
    assert not list((project / ".build").glob("output-*")), "a finished build left staging folders behind"
