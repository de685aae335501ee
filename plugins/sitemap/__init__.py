"""Sitemap: every indexable page of the site with the date it last changed.

theme/templates/sitemap.html lists the pages; this plugin works out each one's
``<lastmod>`` once every generator has its content (signal
``all_generators_finalized``) into the context's ``sitemap_lastmod``
({page path: date or datetime}):

- a story: its ``modified`` date, else its ``date``;
- a list of stories (home, category, tag, author, and the archives/, category/,
  tags/ and authors/ listings, which this plugin adds to the sitemap): its
  newest story's;
- a numbered page of a story list (index2.html, category/<slug>/index2.html,
  tag and author pages alike), which this plugin adds to the sitemap: the
  newest story on it;
- a page (about/): its ``modified`` or ``date`` if it has one, else the newest story's;
- data, record, place and chart pages (``sitemap_extra_urls``): what the
  plugin that made them put in ``sitemap_lastmod`` (the datasets plugin gives
  the data's last change), else the newest data change of the site.
"""

from pelican import signals

from .lastmod import add_lastmod


def register():
    signals.all_generators_finalized.connect(add_lastmod)
