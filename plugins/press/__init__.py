"""Press: the pages of a build rendered and written on several cores.

Pelican renders and writes every page in one process, one after another, while
a second core sits idle. With this plugin the writer (:class:`press.writer.PressWriter`,
which plugins/guard's writer builds on) keeps the pages a generator asks for
in a batch and, when the generator is done, forks: the forked processes share
the finished context copy-on-write, each renders and writes its share of the
batch with Pelican's own Writer, and the build's process gathers what each
logged (so plugins/strict lists every problem once, with its file and line),
which files each wrote and any error, which it raises as if it had written the
page itself. The output is byte-identical to a one-process build.

Batches: Pelican's articles generator (from its first story page to the
``article_writer_finalized`` signal: stories, archives, taxonomies, direct
templates), its pages generator (to ``page_writer_finalized``), and plugin
generators that wrap their writing in :func:`press.writer.writing` (datasets,
chartpages, related). Everything else (feeds, static files, the charts
plugin's gallery, plugin files) is written at once, in the build's process.

Signals: ``content_written`` would run in the process that wrote the page, so
while any receiver is connected to it every page is written in the build's own
process. ``finalized`` receivers (search, sitemap, security, strict) run after
every batch is written. Setting: MARSAD_WRITE_PROCESSES (settings.py).

Every plugin writes its files through press too: :mod:`press.files` replaces a
file in one step (a reader, or a build stopped half-way, sees the old file or the
new one, never half of one), and :mod:`press.parts` packs a file of named parts
with their digest (kept figures, kept downloads).
"""

from pelican import signals

from . import settings, writer


def register():
    writer.REGISTERED = True
    signals.initialized.connect(settings.fill_defaults)
    signals.article_generator_write_article.connect(writer.begin_batch)
    signals.page_generator_write_page.connect(writer.begin_batch)
    signals.article_writer_finalized.connect(writer.end_batch)
    signals.page_writer_finalized.connect(writer.end_batch)
    signals.finalized.connect(writer.end_batch)  # a backstop: every batch ends before
