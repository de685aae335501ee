"""``make serve`` from outside: a copy of the project, the server started in it, its status.

The tests (tests/devserver/, tests/helpers.py) and the benchmark of the author's
loop (benchmarks/edit_loop.py) use this one copy of the code: which files a
project copy needs, how to start ``invoke livereload`` on a free port, read
``/_marsad/status`` and wait on it, and stop the server as Ctrl-C would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INVOKE = Path(sys.executable).parent / "invoke"
# What ``invoke build`` and ``invoke livereload`` need of the project.
PROJECT_FILES = [
    "content",
    "data",
    "theme",
    "plugins",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
    "babel.cfg",
]


def copy_project(target, with_content=True, content_from=None) -> Path:
    """Copy PROJECT_FILES into ``target``; return it.

    with_content: False leaves out content/ and data/.
    content_from: a folder whose content/ and data/ are copied instead of the project's.
    """
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if not with_content and name in ("content", "data"):
            continue
        source = ROOT / name
        if content_from and name in ("content", "data"):
            source = Path(content_from) / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def free_port() -> int:
    """A port nothing listens on now (never 8000: the machine is shared)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerStopped(RuntimeError):
    """The dev server exited, or did not reach the state waited for in time."""


class RunningServer:
    """``invoke livereload`` in ``project`` on a free port, its output in ``log``."""

    def __init__(self, project, log):
        self.project, self.port = Path(project), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(log)
        with open(self.log, "w", encoding="utf-8") as output:
            self.process = subprocess.Popen(
                [str(INVOKE), "livereload"],
                cwd=self.project,
                env=dict(os.environ, MARSAD_PORT=str(self.port)),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def status(self) -> dict:
        """/_marsad/status: changes_seen, previews, fast_previews, builds, busy, last_build, ..."""
        with urllib.request.urlopen(f"{self.url}/_marsad/status", timeout=10) as response:
            return json.loads(response.read())

    def wait(self, test, what, seconds=240.0) -> dict:
        """The status once ``test(status)`` holds; ServerStopped (with the log) if never."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerStopped(f"{what}: the dev server stopped\n{self._log_text()}")
            try:
                state = self.status()
                if test(state):
                    return state
            except OSError:
                pass
            time.sleep(0.05)
        raise ServerStopped(f"{what}: not within {seconds} s\n{self._log_text()}")

    def idle_after(self, changes_seen: int, seconds=600.0) -> dict:
        """Wait until a change after ``changes_seen`` was seen and all work is done."""
        return self.wait(lambda s: s["changes_seen"] > changes_seen and not s["busy"], "idle", seconds)

    def save(self, relative, text) -> dict:
        """Save a file as an editor would; wait until the server has seen it (its full
        build may still run: the next save interrupts it, as when an author saves again)."""
        seen = self.status()["changes_seen"]
        (self.project / relative).write_text(text, encoding="utf-8")
        return self.wait(lambda s: s["changes_seen"] > seen, f"after saving {relative}")

    def get(self, path) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read()

    def stop(self):
        """Stop the server as Ctrl-C would (its full build too)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def _log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8")[-20000:]
        except OSError:
            return ""
