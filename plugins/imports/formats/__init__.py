"""Export formats the importer reads; each module has ``read(table, options, problems)``.

``read`` returns the export's :class:`imports.incoming.SourceRow` list plus what
is known of the export as a whole (its version); problems go into ``problems``.
"""

from . import acled, csvmap, hxl

FORMATS = {"acled": acled, "hxl": hxl, "csv": csvmap}
