"""The rules an article's metadata must follow, as plain checks on raw values."""

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

# A date with time and UTC offset, e.g. "2019-03-17 13:41+03:00" or "...T13:41:00Z".
DATE_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:?\d{2})$")
CORRECTION = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}):\s*(?P<text>\S.*)$")
LIST_KEYS = ("places", "related", "datasets", "incidents", "charts", "actors", "redirect_from")
# A slug is one path segment: letters (any script), digits and hyphens, short
# enough to be a file name (255 bytes; an Arabic letter takes 2 in UTF-8).
SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
SLUG_MAX_LENGTH = 100
# An output path: segments of letters, digits, '.', '_' and '-', no '..'.
SITE_PATH = re.compile(r"^[\w.-]+(?:/[\w.-]+)*/?$")
STATUSES = ("published", "draft", "hidden")


def did_you_mean(word, choices):
    """ " (did you mean 'category'?)" for a near miss of one of ``choices``, else ""."""
    close = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


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


def check_metadata(raw, allowed, required, languages=()):
    """Check raw metadata (key -> raw string or list); return problem messages per key.

    One typo gives one problem: an unknown key close to a missing required key
    says "did you mean ...?", and the missing key is not reported again.
    """
    problems, meant = [], set()
    for key in sorted(set(raw) - set(allowed)):
        hint = did_you_mean(key, [k for k in allowed if k not in raw])
        if hint:
            meant.add(hint.split("'")[1])
            problems.append((key, f"{key}: unknown metadata key{hint}"))
        else:
            problems.append((key, f"{key}: unknown metadata key (allowed: {', '.join(sorted(allowed))})"))
    for key in required:
        if key in meant:
            continue
        if key not in raw or not str(raw[key]).strip():
            problems.append((key, f"{key}: required metadata is missing"))
    problems += check_addresses(raw, languages)
    for key in ("date", "modified"):
        if key in raw and str(raw[key]).strip():
            problem = check_date(key, raw[key])
            if problem:
                problems.append((key, problem))
    if "corrections" in raw:
        problems += [("corrections", p) for p in parse_corrections(raw["corrections"])[1]]
    return problems


def _found(value):
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def site_path_problem(value, ending=None):
    """Why ``value`` cannot be a path inside the output folder, or None."""
    text = str(value).strip()
    if "\\" in text or re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) or text.startswith("/"):
        return f"expected a path inside the site such as 'about/index.html', found {_found(text)}"
    if not SITE_PATH.match(text) or ".." in text.split("/") or "." in text.split("/"):
        return (
            "expected a path of letters, digits, '-', '_' and '.' segments, without '..', "
            f"found {_found(text)}"
        )
    if any(len(part) > SLUG_MAX_LENGTH for part in text.split("/")):
        return f"expected path segments of at most {SLUG_MAX_LENGTH} characters, found {_found(text)}"
    if ending and not text.endswith(ending):
        return f"expected a path ending in {' or '.join(repr(e) for e in ending)}, found {_found(text)}"
    return None


def check_addresses(raw, languages=()):
    """Metadata that decides where a page is written: slug, save_as, url, lang, redirect_from, status."""
    problems = []
    if "slug" in raw:
        slug = str(raw["slug"]).strip()
        if len(slug) > SLUG_MAX_LENGTH:
            problems.append(
                ("slug", f"slug: expected at most {SLUG_MAX_LENGTH} characters, found {len(slug)}")
            )
        elif not SLUG.match(slug):
            problems.append(
                (
                    "slug",
                    f"slug: expected letters, digits and hyphens (like idlib-march-2019), found {_found(slug)}",
                )
            )
    for key, ending in (("save_as", (".html",)), ("url", ("/", ".html"))):
        if key in raw:
            problem = site_path_problem(raw[key], ending)
            if problem:
                problems.append((key, f"{key}: {problem}"))
    if "lang" in raw and languages:
        lang = str(raw["lang"]).strip()
        if lang not in languages:
            expected = ", ".join(repr(code) for code in languages)
            problems.append(
                ("lang", f"lang: expected one of the site's languages ({expected}), found {_found(lang)}")
            )
    if "status" in raw and str(raw["status"]).strip().lower() not in STATUSES:
        problems.append(
            ("status", f"status: expected one of {', '.join(STATUSES)}, found {_found(raw['status'])}")
        )
    for old in split_list(raw.get("redirect_from", "")):
        if "/" in old or old.endswith(".html"):
            problem = site_path_problem(
                old.lstrip("/") if old.startswith("/") and not old.startswith("//") else old
            )
        elif not SLUG.match(old) or len(old) > SLUG_MAX_LENGTH:
            problem = (
                f"expected a former slug (letters, digits and hyphens) or site path, found {_found(old)}"
            )
        else:
            problem = None
        if problem:
            problems.append(("redirect_from", f"redirect_from: {problem}"))
    return problems
