"""The development server of ``make serve``: an author's save is on screen in a moment.

Not a Pelican plugin (it is never in PLUGINS, and nothing of it reaches output/):
``invoke livereload`` (tasks.py) runs it. Its parts:

- :mod:`devserver.preview`: one long-lived process keeps Python, Pelican, the
  plugins, the data and chart caches and every compiled template warm, and on a
  save runs Pelican's own pipeline again (settings, readers, generators' contexts,
  every plugin's checks, both languages) writing only the pages a browser shows
  and the pages of the saved story and its translation.
- :mod:`devserver.loop`: watches the sources (watchfiles), previews first, copies
  the previewed pages into output/, then runs the ordinary atomic ``invoke build``
  behind it, so that output/ ends up exactly what a cold ``make build`` makes.
- :mod:`devserver.http`: serves output/ (the site's own 404 page too), adds one
  ``<script src>`` of its own origin to each HTML response (on the wire only,
  never on disk), and tells each open page by server-sent events when its page
  changed (reload) or a save broke the build (an overlay listing the problems
  plugins/strict prints; the last good page stays).

See docs/devserver.md.
"""

__all__ = ["DevServer", "EditLoop", "Pages"]


def __getattr__(name):
    """Imported when asked for: devserver.client (tests, benchmarks) needs none of them."""
    if name == "DevServer":
        from .http import DevServer

        return DevServer
    if name == "EditLoop":
        from .loop import EditLoop

        return EditLoop
    if name == "Pages":
        from .pages import Pages

        return Pages
    raise AttributeError(name)
