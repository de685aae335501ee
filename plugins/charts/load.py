"""Read the named chart specs: one YAML file per chart in CHARTS_PATH (data/charts/).

The chart's name is the file stem, as a dataset's id is its file stem. Files are
read with the datasets plugin's strict YAML loader (line numbers kept; no
aliases, duplicate keys or YAML 1.1 surprises). The data itself is never read
here: charts get typed records from the catalog.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from datasets.load import DataError, load_yaml, parse_text  # loaded first (PLUGINS order)

from .spec import NAME_PATTERN, where_for


def spec_files(charts_dir: Path):
    """YAML files of the charts folder, sorted."""
    if not charts_dir.is_dir():
        return []
    return sorted(p for p in charts_dir.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml"))


def read_named(charts_dir, shown_base):
    """[(name, mapping, Where)] for every chart file, plus problems."""
    found, problems = [], []
    for path in spec_files(Path(charts_dir)):
        shown = os.path.relpath(path, shown_base)
        name = path.stem
        if not re.match(NAME_PATTERN, name):
            problems.append(
                f"{shown}:1: {name}: file name: expected a chart name in "
                "lower-case letters, digits and hyphens (it is the chart's name)"
            )
            continue
        try:
            data = load_yaml(path, shown)
        except DataError as error:
            problems.append(str(error))
            continue
        found.append((name, data, where_for(data, shown, name)))
    return found, problems


def read_inline(text, shown, label, offset):
    """Parse the YAML of a ```chart block. Returns (mapping or None, Where, problems)."""
    try:
        data = parse_text(text, shown, line_offset=offset, what="the chart block")
    except DataError as error:
        located = DataError(error.file, error.line, error.message, record=label, field="chart")
        return None, None, [str(located)]
    return data, where_for(data, shown, label, offset=offset), []
