"""Marsad imports: turn the spreadsheets monitors publish into Marsad datasets.

``make import FROM=<acled|hxl|csv> FILE=<path> DATASET=<id>`` (tasks.py, module
:mod:`imports.run`) reads an export, matches each row to the gazetteer, merges the
rows into data/<id>.yml (ruamel.yaml round trip: comments and order kept) and
writes it only if the whole result validates. The importer runs outside Pelican.

As a Pelican plugin it does one thing at build time: a spreadsheet or JSON file
left in data/ fails the build, naming the file and pointing to ``make import``
(:mod:`imports.foreign`), instead of being silently ignored.
"""


def register():
    """Connect the data-folder check to Pelican's signals."""
    from .foreign import connect

    connect()
