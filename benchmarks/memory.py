"""Peak memory of a build and of the processes it starts, read from /proc.

``ru_maxrss`` is not a process's own peak on Linux: the kernel carries the
high-water mark across fork and exec, so a child started by a large parent
reports the parent's peak. Each process's own peak is ``VmHWM`` in
/proc/<pid>/status (reset at exec). A build's chart workers and Pagefind are
other processes: :class:`TreeSampler` adds up the resident memory of a process
and all its descendants every few milliseconds and keeps the highest sum. While
there are descendants the sum is of their proportional set sizes (Pss: a page
shared by n processes counts 1/n in each), so the processes plugins/press forks
to write pages, which share the build's memory copy-on-write, are not counted
twice.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from devserver.processes import descendants  # noqa: E402


def _status_mb(pid, field) -> float:
    """``field`` (VmHWM, VmRSS) of /proc/<pid>/status in MB; 0 if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _pss_mb(pid) -> float:
    """Proportional set size (/proc/<pid>/smaps_rollup) in MB; 0 if the process is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def own_peak_mb() -> float:
    """This process's own peak resident memory since it started (VmHWM)."""
    return _status_mb("self", "VmHWM")


class TreeSampler:
    """Samples the resident memory of ``pid`` and its descendants until stopped.

    ``tree_peak_mb``: the highest sum of VmRSS (of Pss, while ``pid`` has descendants)
    over the tree seen in one sample; Pss is read every ``pss_interval`` s at most
    (a sample every ``interval`` s, so a peak shorter than that can be missed);
    ``largest_child_mb``: the highest VmHWM seen of any one descendant;
    ``root_peak_mb``: the last VmHWM read of ``pid`` itself (monotonic: its peak,
    for a process that is not this one, up to its last ``interval``).
    """

    def __init__(self, pid=None, interval=0.02, pss_interval=0.25):
        self.pid = pid or os.getpid()
        self.interval = interval
        self.pss_interval = pss_interval
        self._last_pss = -pss_interval
        self.tree_peak_mb = 0.0
        self.largest_child_mb = 0.0
        self.root_peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        children = descendants(self.pid)
        self.root_peak_mb = max(self.root_peak_mb, _status_mb(self.pid, "VmHWM"))
        if children and time.monotonic() - self._last_pss < self.pss_interval:
            for child in children:
                self.largest_child_mb = max(self.largest_child_mb, _status_mb(child, "VmHWM"))
            return  # reading Pss walks every page of each process: not every few ms
        size = _pss_mb if children else (lambda pid: _status_mb(pid, "VmRSS"))
        if children:
            self._last_pss = time.monotonic()
        total = size(self.pid)
        for child in children:
            total += size(child)
            self.largest_child_mb = max(self.largest_child_mb, _status_mb(child, "VmHWM"))
        self.tree_peak_mb = max(self.tree_peak_mb, total)

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            time.sleep(self.interval)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self
