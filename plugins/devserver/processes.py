"""A process's descendants, read from Linux's /proc (stdlib only).

Shared by tasks.py (Ctrl-C stops Pelican's whole process tree: chart and card
workers, forked page writers) and benchmarks/memory.py (a build's memory is
the sum over its tree). Elsewhere than Linux there is no /proc: no descendants.
"""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> list[int]:
    """Every living descendant of ``pid``, parents before their children.

    Children are listed per thread (/proc/<pid>/task/<tid>/children), so a child
    started from any thread is found; a process that ends meanwhile is skipped.
    """
    found: list[int] = []
    waiting = [pid]
    while waiting:
        parent = waiting.pop(0)
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                born = [int(child) for child in children.read_text().split()]
            except (OSError, ValueError):
                continue  # gone meanwhile
            found += born
            waiting += born
    return found
