"""The rules an article's metadata must follow, as plain checks on raw values."""

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

# A date with time and UTC offset, e.g. "2019-03-17 13:41+03:00" or "...T13:41:00Z".
DATE_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:?\d{2})$")
CORRECTION = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}):\s*(?P<text>\S.*)$")
LIST_KEYS = ("places", "related", "datasets", "incidents", "charts", "actors", "redirect_from")


@dataclass(frozen=True)
class Correction:
    """One entry of an article's corrections and updates log."""

    date: dt.date
    text: str


def split_list(value):
    """Split a comma-separated metadata value into a list of trimmed strings."""
    if isinstance(value, list):
        value = ",".join(value)
    return [part.strip() for part in str(value).split(",") if part.strip()]


def check_date(key, raw):
    """Return a problem message if ``raw`` is not a date with time and timezone."""
    text = str(raw).strip()
    if not DATE_WITH_ZONE.match(text):
        return (
            f"{key}: expected a date with time and timezone such as '2019-03-17 13:41+03:00', found {text!r}"
        )
    try:
        dateparser.isoparse(text.replace(" ", "T", 1).replace(" ", ""))
    except ValueError as error:
        return f"{key}: {text!r} is not a real date ({error})"
    return None


def parse_corrections(raw):
    """Parse 'YYYY-MM-DD: text' lines; return (corrections, problems)."""
    lines = raw if isinstance(raw, list) else str(raw).split("\n")  # not splitlines(): U+2028 is text
    corrections, problems = [], []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        match = CORRECTION.match(line)
        if not match:
            problems.append(f"corrections: expected 'YYYY-MM-DD: what changed', found {line!r}")
            continue
        try:
            date = dt.date.fromisoformat(match["date"])
        except ValueError:
            problems.append(f"corrections: {match['date']!r} is not a real date")
            continue
        corrections.append(Correction(date, match["text"].strip()))
    return sorted(corrections, key=lambda c: c.date), problems


def check_metadata(raw, allowed, required):
    """Check raw metadata (key -> raw string or list); return problem messages per key."""
    problems = []
    for key in sorted(set(raw) - set(allowed)):
        problems.append((key, f"{key}: unknown metadata key (allowed: {', '.join(sorted(allowed))})"))
    for key in required:
        if key not in raw or not str(raw[key]).strip():
            problems.append((key, f"{key}: required metadata is missing"))
    for key in ("date", "modified"):
        if key in raw and str(raw[key]).strip():
            problem = check_date(key, raw[key])
            if problem:
                problems.append((key, problem))
    if "corrections" in raw:
        problems += [("corrections", p) for p in parse_corrections(raw["corrections"])[1]]
    return problems
