"""Feeds: what feed readers and aggregators get (Atom and RSS 2.0).

Pelican writes the feeds (FEED_ALL_ATOM, FEED_ALL_RSS, CATEGORY_FEED_ATOM,
CATEGORY_FEED_RSS in pelicanconf.py); this plugin adjusts each entry before it
is written (signal ``feed_generated``), see content.py:

- every link and image in an entry's content and summary is absolute (pages
  link relatively, which a feed reader would resolve against the feed's own
  address, outside the site under a sub-path deploy);
- a chart comes as its caption, sources and download links, with its title
  linking to the chart on the story's page, instead of the inline SVG, the
  data table and the interactive spec;
- an entry's id is its story's address (a page of the site), not a tag: URI.
"""

from pelican import signals

from .content import adjust_feed


def register():
    signals.feed_generated.connect(adjust_feed)
