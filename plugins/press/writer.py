"""A Pelican Writer that renders a batch of pages on several processes.

Pages asked for inside a batch are kept (the arguments of ``write_file``,
nothing rendered yet). When the batch ends, the writer forks one process per
extra core (``multiprocessing``'s fork start method: the context, the
templates and every story are shared copy-on-write, never pickled); page
``i`` of the batch is rendered by process ``i % n`` with Pelican's own
``Writer.write_file``, in the batch's order. Each forked process sends back
its log records, the files it wrote and its first error; the build's process
logs the records again (so plugins/strict collects them), merges the files
into its own lists and raises the first error, by page order.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import time
import weakref

from pelican import signals
from pelican.writers import Writer

from . import settings as press_settings
from .templates import compile_named

logger = logging.getLogger(__name__)

REGISTERED = False  # set by register(): batches end on the plugin's signals
# Pages kept before they are written: a batch of more is written in parts, so that
# the pages' own arguments (a record page's facts, a listing's stories) are not all
# held at once. Each part is one fork, and after each fork the processes copy the
# memory pages they touch again (about 40,000 page faults per fork on the
# benchmark), so parts are large.
PAGES_PER_PART = 20000
# What each batch cost, for benchmarks/run_build.py: [pages, processes, wall seconds,
# [CPU seconds of each process's share]].
STATS: list = []
_current = None  # weakref to the writer of the run that is writing now
# Every HTML page a writer of this process (or a forked one) wrote, for plugins/search:
# absolute path -> (sha256 of its bytes, (size, mtime_ns, inode) once closed).
WRITTEN: dict[str, tuple[bytes, tuple[int, int, int]]] = {}


def file_identity(path) -> tuple[int, int, int]:
    """What changes when a file is written again: its size, modification time and inode."""
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


class _Digesting:
    """A page's file as Pelican writes it, hashing the text on its way (UTF-8 only:
    the bytes are the text's encoding)."""

    def __init__(self, handle, path, into):
        self._handle, self._path, self._into = handle, path, into
        self._digest = hashlib.sha256()

    def write(self, text):
        self._digest.update(text.encode("utf-8"))
        return self._handle.write(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._handle.close()
        if exc_info[0] is None:
            self._into[self._path] = (self._digest.digest(), file_identity(self._path))
        return False


class _Share:
    """What one process did with its share of a batch."""

    def __init__(self):
        self.error = None  # (page index, exception)
        self.last = None  # (page index, the context's localsiteurl after it)
        self.cpu = 0.0  # CPU seconds this process spent on its share


class PressWriter(Writer):
    """Pelican's Writer, rendering the pages of a batch on MARSAD_WRITE_PROCESSES processes."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.processes = press_settings.processes(settings or {}) if REGISTERED else 1
        self._pending: list = []
        self._batching = False
        global _current
        _current = weakref.ref(self)

    # -- what a generator calls -------------------------------------------------
    def write_file(self, name, template, context, *args, **kwargs):
        if self._batching and self.processes > 1:
            self._pending.append((name, template, context, args, kwargs))
            if len(self._pending) >= PAGES_PER_PART:
                self._write_pending()
            return None
        return self.render_page(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        handle = super()._open_w(filename, encoding, override)
        if filename.endswith(".html") and handle.name != os.devnull and encoding.lower() in ("utf-8", "utf8"):
            return _Digesting(handle, os.path.abspath(filename), WRITTEN)
        return handle

    def render_page(self, name, template, context, *args, **kwargs):
        """Render and write one page now (a subclass's hook: plugins/guard names the writer here)."""
        return Writer.write_file(self, name, template, context, *args, **kwargs)

    def keep_file(self, path) -> bool:
        """Count ``path`` (absolute) as written without rendering it: a page kept from the
        last good build (press.kept). False when it may not be written (a subclass's check)."""
        self._written_files.add(path)
        return True

    def kept_pages(self, settings, context):
        """This run's :class:`press.kept.KeptPages`, made on first use."""
        if getattr(self, "_kept", None) is None:
            from .kept import KeptPages

            self._kept = KeptPages(settings, context, self.output_path)
        return self._kept

    def begin(self):
        self._batching = True

    def flush(self):
        """Render and write every page of the batch, then end it."""
        self._batching = False
        self._write_pending()

    def _write_pending(self):
        jobs, self._pending = self._pending, []
        if not jobs:
            return
        count = min(self.processes, len(jobs))
        started = time.perf_counter()
        if count < 2 or signals.content_written.receivers:
            share = self._write_share(jobs, 0, 1)
            STATS.append([len(jobs), 1, time.perf_counter() - started, [share.cpu]])
            self._raise(share)
            return
        compile_named({id(job[1]): job[1] for job in jobs}.values())
        forking = multiprocessing.get_context("fork")
        children = []
        gc.freeze()  # the collector would otherwise touch (and so copy) every shared object
        try:
            for rank in range(1, count):
                receiving, sending = forking.Pipe(duplex=False)
                child = forking.Process(target=self._child, args=(jobs, rank, count, sending))
                child.start()
                sending.close()
                children.append((child, receiving))
        finally:
            gc.unfreeze()
        shares = [self._write_share(jobs, 0, count)]
        for child, receiving in children:
            try:
                report = receiving.recv()
            except EOFError:
                report = {"records": [], "written": (), "overridden": (), "extra": None, "share": None}
            child.join()
            if report["share"] is None:
                share = _Share()
                share.error = (-1, RuntimeError(f"a page-writing process ended with code {child.exitcode}"))
            else:
                share = report["share"]
            for entry in report["records"]:
                record = logging.makeLogRecord(entry)
                logging.getLogger(record.name).handle(record)
            self._written_files.update(report["written"])
            WRITTEN.update(report.get("digests") or {})
            self._overridden_files.update(report["overridden"])
            self.merge_share(report["extra"])
            shares.append(share)
        STATS.append([len(jobs), count, time.perf_counter() - started, [s.cpu for s in shares]])
        last = max((s.last for s in shares if s.last), default=None)
        if last is not None:
            jobs[last[0]][2]["localsiteurl"] = last[1]  # as the batch's last page left it
        errors = sorted((s.error for s in shares if s.error), key=lambda error: error[0])
        if errors:
            raise errors[0][1]

    # -- what a subclass adds to a share's report --------------------------------
    def begin_share(self):
        """In a forked process, before its share: forget what :meth:`share_report` would
        repeat from the build's process."""

    def share_report(self):
        """Picklable state of this process's writes for the build's process (None here)."""
        return None

    def merge_share(self, extra):
        """Take in another process's :meth:`share_report`."""

    # -- inside ------------------------------------------------------------------
    @staticmethod
    def _raise(share):
        if share.error:
            raise share.error[1]

    def _write_share(self, jobs, rank, count) -> _Share:
        share = _Share()
        started = time.thread_time()
        for index in range(rank, len(jobs), count):
            name, template, context, args, kwargs = jobs[index]
            try:
                self.render_page(name, template, context, *args, **kwargs)
            except BaseException as error:  # noqa: BLE001 - re-raised by the build's process
                share.error = (index, error)
                break
            share.last = (index, context.get("localsiteurl"))
        share.cpu = time.thread_time() - started
        return share

    def _child(self, jobs, rank, count, sending):
        """A forked process: write its share, send back what happened."""
        records: list[dict] = []
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(_Keep(records))
        self._written_files: set[str] = set()
        self._overridden_files: set[str] = set()
        WRITTEN.clear()  # this process reports only its own pages
        self.begin_share()
        share = self._write_share(jobs, rank, count)
        if share.error:
            share.error = (share.error[0], _portable(share.error[1]))
        share.last = (share.last[0], share.last[1]) if share.last else None
        sending.send(
            {
                "records": records,
                "written": self._written_files,
                "overridden": self._overridden_files,
                "digests": WRITTEN,
                "extra": self.share_report(),
                "share": share,
            }
        )
        sending.close()


class _Keep(logging.Handler):
    """Keeps a forked process's log records as plain dicts for the build's process."""

    def __init__(self, records):
        super().__init__(logging.NOTSET)
        self.records = records

    def emit(self, record):
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message}: {record.exc_info[1]}"
        entry = dict(vars(record))
        entry.update(msg=message, args=None, exc_info=None, exc_text=None)
        self.records.append(entry)


def _portable(error):
    """``error`` if it survives pickling, else a RuntimeError saying what it was."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any unpicklable error gets the plain form
        if isinstance(error, SystemExit):
            return SystemExit(error.code if isinstance(error.code, int) else 1)
        return RuntimeError(f"{type(error).__name__}: {error}")


def current():
    """The writer of the run that is writing now, or None."""
    return _current() if _current is not None else None


def begin_batch(*_args, **_kwargs):
    """article_generator_write_article, page_generator_write_page: start a batch."""
    writer = current()
    if isinstance(writer, PressWriter):
        writer.begin()


def end_batch(*_args, writer=None, **_kwargs):
    """article_writer_finalized, page_writer_finalized, finalized: write the batch."""
    writer = writer or current()
    if isinstance(writer, PressWriter):
        writer.flush()


@contextlib.contextmanager
def writing(writer):
    """``with writing(writer):`` the pages a plugin generator writes inside go in one batch
    (any other writer: written at once)."""
    if not isinstance(writer, PressWriter):
        yield
        return
    writer.begin()
    try:
        yield
    except BaseException:
        writer._pending, writer._batching = [], False
        raise
    writer.flush()
