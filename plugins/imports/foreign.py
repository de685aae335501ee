"""A spreadsheet or JSON file in data/ fails the build, naming it and pointing to make import.

The datasets plugin reads only YAML; without this check an export dropped into
data/ would be silently ignored and its figures never published.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)

FOREIGN = {
    ".csv": "a CSV file",
    ".tsv": "a TSV file",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".ods": "a spreadsheet",
    ".json": "a JSON file",
}


def foreign_files(data_dir: Path, shown_base: Path) -> list[str]:
    """One message per file of data/ (and its folders) that is not a Marsad data file."""
    problems: list[str] = []
    if not data_dir.is_dir():
        return problems
    for path in sorted(data_dir.rglob("*")):
        what = FOREIGN.get(path.suffix.lower())
        if what and path.is_file():
            shown = os.path.relpath(path, shown_base)
            problems.append(
                f"{shown}:1: {what} is not a Marsad dataset (data/ holds YAML only); import it with "
                f"make import FROM=acled|hxl|csv FILE=<the file> DATASET=<id> (docs/data.md), "
                "then move it out of data/"
            )
    return problems


def check_data_folder(generator):
    """generator_init: log an error (plugins/strict fails the build) per foreign file of data/.

    Logged, not aborted: the datasets plugin still checks the YAML files, so one
    run lists every problem.
    """
    if generator.context.get("_imports_checked"):
        return
    generator.context["_imports_checked"] = True
    from datasets.signals import data_settings

    data_dir, shown_base, _, _ = data_settings(generator.settings)
    for problem in foreign_files(data_dir, shown_base):
        logger.error("%s", problem)


def connect():
    signals.generator_init.connect(check_data_folder)
