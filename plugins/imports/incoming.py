"""What every export format gives the importer: one :class:`SourceRow` per event.

A format module (formats/acled.py, hxl.py, csvmap.py) turns its columns into
these fields; from here on, place matching, merging and writing are the same for
every format. Parsing helpers report problems with the row's line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .problems import Problem
from .table import Row, Table


@dataclass
class PlaceHints:
    """What a row says about where the event happened (most specific first)."""

    pcodes: list[str] = field(default_factory=list)  # location, adm3, adm2, adm1
    names: list[str] = field(default_factory=list)  # the location's name, English or Arabic
    names_are_areas: bool = False  # the names are of an admin area (#adm2+name), not a location
    admin1: str = ""  # governorate name or p-code, to tell apart places of the same name
    lat: float | None = None
    lon: float | None = None
    name_en: str = ""
    name_ar: str = ""


@dataclass
class SourceRow:
    """One event of an export, before it is matched to a place and merged."""

    line: int
    column_of: dict  # field -> column number (from 1), for messages
    event_id: str = ""
    record: dict = field(default_factory=dict)  # record fields the export gives, Marsad names
    where: PlaceHints = field(default_factory=PlaceHints)
    row_source: str = ""
    source_scale: str = ""
    also_where: list = field(default_factory=list)  # more places of the same record (displacement)


class Cells:
    """Read typed values from one row, collecting problems as file:line:column."""

    def __init__(self, table: Table, row: Row, columns: dict, problems: list):
        self.table, self.row, self.columns, self.problems = table, row, columns, problems

    def text(self, name: str) -> str:
        return self.row.get(self.columns.get(name))

    def _problem(self, name, message):
        index = self.columns.get(name)
        header = self.table.header[index] if index is not None else name
        self.problems.append(
            Problem(
                self.table.shown, self.row.line, (index or 0) + 1 if index is not None else 0, header, message
            )
        )

    def figure(self, name: str, required: bool = False) -> int | None:
        """A count as the export gives it: a whole number >= 0, or None when empty."""
        text = self.text(name)
        if not text:
            if required:
                self._problem(name, "expected a figure (0 or more), found an empty cell")
            return None
        if re.fullmatch(r"\d+", text):
            return int(text)
        if re.fullmatch(r"-\d+", text):
            self._problem(name, f"expected a figure of 0 or more, found a negative number ({text})")
        else:
            self._problem(name, f"expected a whole number, found {text!r}")
        return None

    def day(self, name: str, formats=("%Y-%m-%d",), required: bool = True) -> dt.date | None:
        """A date in one of ``formats`` (strptime), checked to be a real calendar day."""
        text = self.text(name)
        if not text:
            if required:
                self._problem(name, "expected a date, found an empty cell")
            return None
        for fmt in formats:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        shown = " or ".join(
            fmt.replace("%Y", "YYYY")
            .replace("%m", "MM")
            .replace("%d", "DD")
            .replace("%B", "Month")
            .replace("%b", "Mon")
            for fmt in formats
        )
        self._problem(name, f"expected a date as {shown}, found {text!r}")
        return None

    def number(self, name: str, low: float, high: float) -> float | None:
        """A decimal number (coordinates) between ``low`` and ``high``, or None when empty."""
        text = self.text(name)
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            self._problem(name, f"expected a number, found {text!r}")
            return None
        if not low <= value <= high:
            self._problem(name, f"expected a number from {low} to {high}, found {text}")
            return None
        return value

    def choice(self, name: str, allowed, what: str) -> str | None:
        text = self.text(name)
        if not text:
            return None
        if text not in allowed:
            self._problem(name, f"expected {what} ({', '.join(map(str, allowed))}), found {text!r}")
            return None
        return text

    def fail(self, name: str, message: str):
        self._problem(name, message)


def require_columns(table: Table, wanted: dict, problems: list) -> dict:
    """{field: column index} for ``wanted`` {field: header name}; a missing one is a problem."""
    found = {}
    position = {name: i for i, name in enumerate(table.header)}
    for fieldname, header in wanted.items():
        if header in position:
            found[fieldname] = position[header]
        else:
            problems.append(
                Problem(
                    table.shown,
                    table.header_line,
                    0,
                    header,
                    "required column is missing from the header row "
                    f"(found: {', '.join(table.header)[:200]})",
                )
            )
    return found
