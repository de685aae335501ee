"""Make every warning or error of a Pelican run fatal, and list them all.

Pelican logs and skips an article it cannot read, and only warns about a broken
``{filename}`` link, yet exits 0. This plugin collects every WARNING and ERROR
logged during the run and, when the run ends, prints them together and exits 1.

Other plugins report problems by logging them, so that one run lists every
problem; when they cannot go on they call :func:`abort`.
"""

from .collector import BuildFailed, abort, forget_problems, problems, register

__all__ = ["BuildFailed", "abort", "forget_problems", "problems", "register"]
