"""Babel extractor for story metadata: section, topic and byline names.

Every language's stories use the same names (so a section has one slug in all
languages) and each language shows them through the catalog. babel.cfg names
this function for content/**.md.
"""

from __future__ import annotations

import re

TRANSLATED_KEYS = {"category": False, "tags": True, "authors": True, "author": False}
_KEY = re.compile(r"^([A-Za-z_]+):\s*(.*)$")


def metadata_names(text):
    """(line number, name) for each section, topic and author named in a story's metadata."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            return  # the metadata block ends at the first blank line
        match = _KEY.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key not in TRANSLATED_KEYS or not value:
            continue
        names = [value]
        if TRANSLATED_KEYS[key]:
            separator = ";" if ";" in value else ","
            names = [name.strip() for name in value.split(separator)]
        for name in names:
            if name:
                yield number, name


def extract_metadata(fileobj, keywords, comment_tags, options):
    """Babel extraction method: one message per name, commented with its key."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for number, name in metadata_names(text):
        yield number, None, name, ["story metadata"]
