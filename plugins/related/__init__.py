"""Marsad related: related stories, two-way links, reference checks, redirects.

- Every story gets a Related block (weighted shared places, datasets, incidents,
  tags, actors and links, with time decay and a threshold; pinned stories first,
  pins work both ways), "Data in this story", its places, and previous/next in
  its category. Dataset, place and record pages list their stories.
- Every reference a story makes (pinned slug, place, dataset, incident, internal
  link) is checked; a dangling one fails the build naming file and line.
- ``Redirect_from`` keeps a renamed story's old addresses working.

Settings and their defaults: settings.py and docs/related.md.
"""


def register():
    """Connect the plugin to Pelican's signals."""
    from .signals import connect

    connect()
