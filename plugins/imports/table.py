"""Read an export as a table of text cells, refusing what is not plain UTF-8 CSV.

Each row keeps the line it starts on in the file, so that every problem can be
shown as ``file:line:column``. A cell that starts like a spreadsheet formula
(``=``, ``@``, or ``+``/``-`` followed by anything but a number or a space) is refused: it would run
when an editor opens a download in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from datasets.exports import FORMULA_START

from .problems import ImportFailed, Problem

MAX_BYTES = 50 * 1024 * 1024
NUMBER = re.compile(r"^[-+]\d+(?:[.,]\d+)?$")
SIGNATURES = [
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods spreadsheet?)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"%PDF", "a PDF document"),
    (b"{", "JSON"),
    (b"[", "JSON"),
]


@dataclass
class Row:
    """One data row: its first line in the file and its cells by column position."""

    line: int
    cells: list[str]

    def get(self, column: int | None) -> str:
        """A cell's text, without the apostrophe that marks a formula-like cell as text."""
        if column is None or column >= len(self.cells):
            return ""
        return unmark(self.cells[column].strip())


def unmark(text: str) -> str:
    """Remove the apostrophe a CSV writer puts before a cell that starts like a formula
    (Marsad's downloads do, datasets.exports.safe_cell); "'Ayn Issa" keeps its own."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text


@dataclass
class Table:
    """A CSV export: its header cells and its rows (lines and columns counted from 1)."""

    shown: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    header_line: int = 1


def _decode(raw: bytes, shown: str) -> str:
    for signature, what in SIGNATURES:
        if raw.lstrip()[: len(signature)] == signature and (what != "JSON" or raw[:1] == signature):
            raise ImportFailed(
                [Problem(shown, 1, 1, "", f"expected a CSV file, found {what}; export it as CSV (UTF-8)")]
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        guess = _guess_encoding(raw)
        raise ImportFailed(
            [
                Problem(
                    shown,
                    line,
                    column,
                    "",
                    f"expected UTF-8 text, found byte 0x{raw[error.start]:02X}{guess}; "
                    "save the file as CSV UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        before = text[: text.index("\x00")]
        raise ImportFailed(
            [
                Problem(
                    shown,
                    before.count("\n") + 1,
                    len(before) - before.rfind("\n"),
                    "",
                    "expected a CSV file, found NUL bytes (a binary file, or UTF-16 text)",
                )
            ]
        )
    return text.removeprefix("\ufeff")


def _guess_encoding(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    return f" (the file looks like {best.encoding} text)" if best is not None else ""


def formula_problem(cell: str) -> str | None:
    """Why a cell looks like a spreadsheet formula, or None."""
    text = cell.lstrip(" ")
    if not text:
        return None
    signed = text[0] in "+-" and len(text) > 1 and not text[1].isspace()  # "- a list item" is text
    if text[0] in "=@\t\r" or (signed and not NUMBER.match(text.strip())):
        shown = text if len(text) <= 30 else text[:27] + "..."
        return f"expected plain text, found a cell that starts like a spreadsheet formula ({shown!r})"
    return None


def read_table(path, shown: str | None = None) -> Table:
    """Parse ``path`` as CSV. Raises ImportFailed with every problem found."""
    path = Path(path)
    shown = shown or str(path)
    if not path.is_file():
        raise ImportFailed([Problem(shown, 1, 0, "", "no such file")])
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise ImportFailed([Problem(shown, 1, 0, "", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")])
    text = _decode(raw, shown)
    if not text.strip():
        raise ImportFailed([Problem(shown, 1, 0, "", "file is empty; expected a header row and data rows")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, problems, line = [], [], 1
    try:
        for cells in reader:
            rows.append(Row(line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed([Problem(shown, reader.line_num or 1, 0, "", f"expected CSV, {error}")]) from None
    rows = [r for r in rows if any(c.strip() for c in r.cells)]
    header = rows[0]
    if len(header.cells) < 2:
        problems.append(
            Problem(
                shown,
                header.line,
                1,
                "",
                f"expected a CSV header of comma-separated column names, found {header.cells[:1]!r:.60}",
            )
        )
    width = len(header.cells)
    for row in rows:
        if row is not header and len(row.cells) != width:
            problems.append(
                Problem(
                    shown,
                    row.line,
                    1,
                    "",
                    f"expected {width} columns as in the header, found {len(row.cells)}",
                )
            )
        for column, cell in enumerate(row.cells, start=1):
            why = formula_problem(cell)
            if why:
                name = header.cells[column - 1] if column <= width else ""
                problems.append(Problem(shown, row.line, column, name, why))
    if problems:
        raise ImportFailed(problems)
    return Table(shown, [c.strip() for c in header.cells], rows[1:], header.line)
