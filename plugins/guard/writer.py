"""A writer that never writes one output path twice, whoever asks.

:mod:`guard.addresses` compares every output path it can know before writing;
this writer is the backstop for the rest (numbered index pages, pages a plugin
adds later): a second write to a path already written, even with Pelican's
``override_output``, is refused and reported with both writers named, and the
first file is kept. It is plugins/press's writer (pages rendered on several
processes): each process checks its own writes and reports them, and the build's
process checks them against every other process's.
"""

from __future__ import annotations

import logging
import os

from press.writer import PressWriter  # plugins/press

logger = logging.getLogger(__name__)


def _who(template, kwargs):
    for name in ("article", "page"):
        content = kwargs.get(name)
        if content is not None and getattr(content, "source_path", None):
            return f"{name} {os.path.relpath(content.source_path)}"
    template_name = getattr(template, "name", None)
    return f"the template '{template_name}'" if template_name else "a template"


class GuardedWriter(PressWriter):
    """Pelican's Writer, refusing to write any output path a second time."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._writers_of: dict[str, str] = {}
        self._new_writes: list[tuple[str, str]] = []  # this process's, for plugins/press
        self._current = "Pelican"

    def _already_written(self, target, writer):
        shown = os.path.relpath(target, self.output_path)
        logger.error(
            "%s:1: %s: output: expected an address no other page uses, found '%s', already written by %s",
            shown,
            writer,
            shown,
            self._writers_of[target],
        )

    def _open_w(self, filename, encoding, override=False):
        target = os.path.normpath(filename)
        if target in self._writers_of:
            self._already_written(target, self._current)
            return open(os.devnull, "w", encoding=encoding)  # keep the first file
        self._writers_of[target] = self._current
        self._new_writes.append((target, self._current))
        return super()._open_w(filename, encoding, override)

    def keep_file(self, path) -> bool:
        target = os.path.normpath(path)
        if target in self._writers_of:
            self._already_written(target, "a page kept from the last build")
            return False
        self._writers_of[target] = "a page kept from the last build"
        self._new_writes.append((target, self._writers_of[target]))
        return super().keep_file(path)

    def render_page(self, name, template, context, *args, **kwargs):
        self._current = _who(template, kwargs)
        return super().render_page(name, template, context, *args, **kwargs)

    def begin_share(self):
        self._new_writes = []

    def share_report(self):
        return self._new_writes

    def merge_share(self, extra):
        for target, writer in extra or ():
            if target in self._writers_of:
                self._already_written(target, writer)
            else:
                self._writers_of[target] = writer

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        self._current = f"the feed {path}"
        return super().write_feed(elements, context, path, *args, **kwargs)


def guarded_writer(pelican):
    """get_writer: use :class:`GuardedWriter`."""
    return GuardedWriter
