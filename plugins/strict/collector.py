"""Collect the problems logged during a run and fail the build at its end."""

import logging
import sys

from pelican import signals

logger = logging.getLogger(__name__)


class BuildFailed(SystemExit):
    """Stops the build with exit code 1.

    A SystemExit subclass: Pelican's main() prints a traceback for an ordinary
    exception, and an editor needs the list of problems, not a traceback.
    """

    def __init__(self, problems):
        super().__init__(1)
        self.problems = list(problems)


class ProblemCollector(logging.Handler):
    """A logging handler that remembers WARNING and ERROR records."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems = []

    def emit(self, record):
        if record.levelno >= logging.CRITICAL:
            return  # Pelican's own fatal message; the build already stops
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message}: {record.exc_info[1]}"
        self.problems.append(message.strip())


class _QuietKnownErrors(logging.Filter):
    """Drop the traceback Pelican attaches when a reader raises a Marsad error.

    The error message already names the file and key; a traceback only hides it.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if error is None and str(record.msg).startswith("Could not process"):
            error = sys.exc_info()[1]  # Pelican logs inside its except block, without exc_info
        if getattr(error, "already_reported", False):
            return False  # its problems were logged one by one; "Could not process" adds nothing
        if error is not None and getattr(error, "is_editor_error", False):
            record.msg = f"{record.getMessage()}: {error}"
            record.args = ()
            record.exc_info = None
        return True


_collector = ProblemCollector()
_quiet = _QuietKnownErrors()


def _report(problems):
    plural = "s" if len(problems) != 1 else ""
    lines = [f"Build failed with {len(problems)} problem{plural}:"]
    lines += [f"  - {problem}" for problem in problems]
    print("\n".join(lines), file=sys.stderr)


def abort(problems):
    """Log each problem as an error, then stop the build (exit code 1)."""
    problems = list(problems)
    for problem in problems:
        logger.error("%s", problem)
    _report(_collector.problems or problems)
    raise BuildFailed(problems)


def problems():
    """The problems logged so far in this process's current run (a copy)."""
    return list(_collector.problems)


def forget_problems():
    """Start a new run's list: for a process that runs Pelican more than once
    (the development server's previews); a one-build process never needs it."""
    _collector.problems.clear()


def _start():
    """Attach the collector to the root logger (once per process)."""
    root = logging.getLogger()
    if _collector not in root.handlers:
        root.addHandler(_collector)
    for name in ("pelican.generators", "pelican.readers", "pelican.contents"):
        target = logging.getLogger(name)
        if _quiet not in target.filters:
            target.addFilter(_quiet)


def _hear_warnings(pelican):
    """initialized: keep hearing warnings when the console is quieter (pelican -q).

    ``-q`` raises the root logger's level to CRITICAL, so WARNING and ERROR
    records would never reach the collector and a broken build would pass. The
    level moves to the console handlers instead: they still print only what was
    asked for, and the collector hears everything from WARNING up.
    """
    root = logging.getLogger()
    if root.level > logging.WARNING:
        for handler in root.handlers:
            if handler is not _collector:
                handler.setLevel(max(handler.level, root.level))
        root.setLevel(logging.WARNING)


def _stop_before_writing(pelican):
    """get_writer: every generator has read and checked its sources and nothing is
    written yet; with a problem already known, stop here so that no file is written."""
    _finish(pelican)


def _finish(pelican):
    if _collector.problems:
        _report(_collector.problems)
        raise BuildFailed(_collector.problems)


# Attached when Pelican imports this plugin, not at register(): Pelican imports
# every plugin before registering any, and logs a plugin it cannot import only
# as an error. With "strict" first in PLUGINS, that error fails the build too.
_start()


def register():
    signals.initialized.connect(_hear_warnings)
    signals.get_writer.connect(_stop_before_writing)
    signals.finalized.connect(_finish)
