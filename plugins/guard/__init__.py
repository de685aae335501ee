"""Guard: a contributor's file can never reach outside the repository or take another page's address.

- Before anything is read (signal ``initialized``), every file and folder under
  the content folder (PATH) and the data folder (DATASETS_PATH) is checked: a
  symbolic link that resolves outside the repository, a device, pipe or socket,
  or a file over its size limit fails the build, naming the file
  (:mod:`guard.files`).
- Before anything is written (``all_generators_finalized``), the output path of
  every article, page, static file, category, tag, author, direct template,
  feed and plugin page is compared; two sources that would write the same file
  fail the build naming both (:mod:`guard.addresses`). The writer
  (:mod:`guard.writer`) refuses any later write to a path already written.

Settings (pelicanconf.py, documented defaults in :mod:`guard.files`):
GUARD_REPOSITORY_ROOT, CONTENT_MAX_BYTES, STATIC_MAX_BYTES (and the datasets
plugin's DATASETS_MAX_BYTES for data files).
"""

import logging

from pelican import signals

from . import addresses, files, writer


class _SameSlugReportedWithLines(logging.Filter):
    """Drop Pelican's warnings about items sharing a slug: :mod:`guard.addresses`
    reports each with both files and lines."""

    def filter(self, record):
        return not str(record.msg).startswith(("There are %s items", "There are %s original"))


logging.getLogger("pelican.utils").addFilter(_SameSlugReportedWithLines())


def register():
    signals.initialized.connect(files.check_sources)
    signals.all_generators_finalized.connect(addresses.check_addresses)
    signals.get_writer.connect(writer.guarded_writer)
