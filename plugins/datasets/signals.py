"""Wire the datasets plugin into Pelican's signals."""


def connect():
    """Connect loading and page generation (filled in as the plugin grows)."""
