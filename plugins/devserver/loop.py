"""The edit loop: a save -> a preview of the pages in view -> the full build behind it."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import watchfiles

from press.files import write_atomic

from .pages import Pages
from .preview import Preview, warm_drawing

logger = logging.getLogger(__name__)

# Changes to these (relative to the project) cannot be previewed in a warm process:
# Python code is not imported again; only the full build (a new process) sees it.
CODE_SUFFIXES = (".py",)
# A change to a file a page loads (CSS, scripts, images) leaves the page's HTML
# as it was: its browsers reload when the full build has copied the new file.
ASSET_FOLDERS = ("theme/static", "content/images")


class EditLoop:
    """Watches ``watched`` (paths under ``root``) and keeps output/ up to date.

    ``build_command`` is the ordinary atomic build (``invoke build``), run in a
    child process; a newer save interrupts it (SIGINT: it stops Pelican and
    leaves output/ as it was) and starts it again after the new preview.
    """

    def __init__(self, root: Path, output: Path, settings_file: Path, watched, build_command, pages: Pages):
        self.root, self.output = Path(root), Path(output)
        self.watched = [Path(root) / path for path in watched]
        self.build_command = list(build_command)
        self.pages = pages
        self.preview = Preview(settings_file)
        self._changes: list[set[tuple[watchfiles.Change, str]]] = []
        self._wake = threading.Condition()
        self._build: subprocess.Popen | None = None
        self._stop = threading.Event()
        self._working = True  # the first round (the warm-up preview) starts at once
        # /_marsad/status (tests and benchmarks wait on it): rounds of changes seen,
        # previews and full builds finished, whether work is left, the last build's end.
        self.status: dict[str, Any] = {
            "changes_seen": 0,
            "previews": 0,
            "fast_previews": 0,
            "builds": 0,
            "busy": True,
            "last_build": None,
        }
        self.status_lock = threading.Lock()

    # -- threads ---------------------------------------------------------------
    def start(self):
        threading.Thread(target=self._watch, name="devserver-watch", daemon=True).start()
        threading.Thread(target=self._work, name="devserver-work", daemon=True).start()

    def stop(self):
        self._stop.set()
        self._interrupt_build(wait=True)

    def _watch(self):
        for changes in watchfiles.watch(*self.watched, stop_event=self._stop, debounce=400, step=30):
            with self._wake:
                self._changes.append(changes)
                self._set(busy=True, changes_seen=self.status["changes_seen"] + 1)
                self._wake.notify()

    def _work(self):
        warm = True  # one preview at start: imports, caches and templates are warm before the first save
        while not self._stop.is_set():
            if warm:
                changed: set[str] = set()
                warm = False
            else:
                with self._wake:
                    while not self._changes:
                        self._wake.wait()
                    changed = {path for batch in self._changes for _, path in batch}
                    self._changes.clear()
                    self._working = True
            try:
                self._handle(changed)
                if not changed:
                    warm_drawing()  # after the warm-up round, before the first save
            except Exception:  # never let the loop die: the terminal gets the traceback
                logger.exception("devserver: the edit loop failed on %s", sorted(changed))
            finally:
                with self._wake:
                    self._working = False
                    self._refresh_busy()

    def _refresh_busy(self):
        """busy: a change waits, a round runs or a full build runs (call holding _wake)."""
        self._set(busy=bool(self._changes) or self._working or self._build is not None)

    def _set(self, **values):
        with self.status_lock:
            self.status.update(values)

    # -- one round -------------------------------------------------------------
    def _handle(self, changed: set[str]):
        started = time.perf_counter()
        stopping = self._interrupt_build(wait=False)
        relative = sorted(os.path.relpath(path, self.root) for path in changed)
        code_changed = any(path.endswith(CODE_SUFFIXES) for path in relative)
        if changed:
            print(f"devserver: changed {', '.join(relative)}", flush=True)
        if not code_changed:
            in_view = self.pages.in_view()
            result = self.preview.fast(set(changed), in_view) or self.preview.render(in_view, set(changed))
            self._set(
                previews=self.status["previews"] + 1, fast_previews=self.status["fast_previews"] + result.fast
            )
            if stopping is not None:
                stopping.wait()  # the interrupted build must not swap output/ after this
            if result.problems:
                self.pages.show_problems(result.problems)
                print(
                    f"devserver: preview found {len(result.problems)} problem(s), last good pages kept",
                    flush=True,
                )
            else:
                written = [page for page, body in result.pages.items() if self._write(page, body)]
                self.pages.clear_problems()
                self.pages.announce()
                if changed:
                    shown = ", ".join(written) or "no page in view changed"
                    how = "fast preview" if result.fast else "preview"
                    print(f"devserver: {how} in {result.seconds:.2f} s: {shown}", flush=True)
                    logger.debug("round took %.2f s", time.perf_counter() - started)
        elif stopping is not None:
            stopping.wait()
        if changed:
            assets = code_changed or any(path.startswith(ASSET_FOLDERS) for path in relative)
            self._start_build(reload_all=assets)

    def _write(self, page: str, body: bytes) -> bool:
        """Put one previewed page into output/ (atomically); False if it was already so."""
        target = self.output / page
        try:
            if target.read_bytes() == body:
                return False
        except OSError:
            pass
        write_atomic(target, body)
        return True

    # -- the full build --------------------------------------------------------
    def _start_build(self, reload_all: bool):
        process = subprocess.Popen(
            self.build_command,
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # Ctrl-C in the terminal reaches it through stop(), not twice
        )
        with self._wake:
            self._build = process
        threading.Thread(target=self._await_build, args=(process, reload_all), daemon=True).start()

    def _await_build(self, process: subprocess.Popen, reload_all: bool):
        log, _ = process.communicate()
        code = process.returncode
        with self._wake:
            current = self._build is process
        if code == 130 or not current:
            self._set(last_build="interrupted")
            return
        # strict's list and tasks.py's summary are both "  - " lines; the summary's
        # "pelican failed (problems listed above)" only points at the others.
        problems = [
            line[4:] for line in log.splitlines() if line.startswith("  - ") and "listed above" not in line
        ]
        problems = list(dict.fromkeys(problems))
        if code == 0:
            self.pages.clear_problems()
            self.pages.announce(reload_all=reload_all)
            print("devserver: full build done, output/ replaced", flush=True)
        else:
            print(log, end="", flush=True)
            self.pages.show_problems(problems or [f"the full build failed (exit {code}); see the terminal"])
        with self._wake:
            if self._build is process:
                self._build = None
            self._set(builds=self.status["builds"] + 1, last_build="ok" if code == 0 else "failed")
            self._refresh_busy()

    def _interrupt_build(self, wait: bool):
        """Interrupt a running full build as Ctrl-C would; return a waiter (or None)."""
        with self._wake:
            process, self._build = self._build, None
        if process is None or process.poll() is not None:
            return None
        try:
            os.kill(process.pid, signal.SIGINT)  # invoke stops Pelican and removes its staging folder
        except ProcessLookupError:
            return None
        waiter = threading.Event()

        def wait_for_exit():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            waiter.set()

        threading.Thread(target=wait_for_exit, daemon=True).start()
        if wait:
            waiter.wait()
        return waiter
