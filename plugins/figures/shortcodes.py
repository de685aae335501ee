"""Parse the figure shortcodes an author writes in a story.

    {figure: <record-id> <field>}                  one record's figure
    {figure: <record-id> <field> range=words}      "between 15 and 17" for a range
    {total: <dataset> <field> <filter>=<value> ...} a total over some records

Filter values with spaces are quoted: ``force="Turkish Armed Forces"``. The
option ``range=`` names one of the FIGURES_RANGE_FORMATS (settings.py).
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from dataclasses import dataclass

SOURCE_SHORTCODE = re.compile(r"\{(?:figure|total):[^{}\n]*\}")
# In rendered HTML (Markdown has turned quotes into entities or curly quotes).
HTML_SHORTCODE = re.compile(r"\{(?:figure|total):[^{}<]*\}")
HTML_CODE = re.compile(r"<code[^>]*>.*?</code>", re.S)
OPTIONS = ("range",)


@dataclass(frozen=True)
class Shortcode:
    """One shortcode: its kind, what it names and the line it is written on."""

    kind: str  # "figure" or "total"
    target: str  # record id (figure) or dataset id (total)
    field: str
    filters: tuple = ()  # ((name, value), ...) for a total
    options: dict = dataclasses.field(default_factory=dict, hash=False, compare=False)
    line: int = 0
    text: str = ""


USAGE = {
    "figure": "expected '{figure: <record-id> <field>}'",
    "total": "expected '{total: <dataset> <field> <filter>=<value> ...}'",
}


def parse(text: str, line: int = 0):
    """(Shortcode, None) or (None, problem) for the text of one shortcode."""
    match = re.fullmatch(r"\{(?P<kind>figure|total):(?P<body>[^{}]*)\}", text.strip())
    if not match:
        return None, f"cannot read shortcode {text!r}"
    kind, body = match["kind"], match["body"]
    try:
        words = shlex.split(body)
    except ValueError as error:
        return None, f"{kind}: {USAGE[kind]}, found {text!r} ({error})"
    plain = [w for w in words if "=" not in w]
    pairs = [tuple(w.split("=", 1)) for w in words if "=" in w]
    options = {k: v for k, v in pairs if k in OPTIONS}
    filters = tuple((k, v) for k, v in pairs if k not in OPTIONS)
    if len(plain) != 2 or (kind == "figure" and filters):
        return None, f"{kind}: {USAGE[kind]}, found {text!r}"
    if any(not k or not v for k, v in pairs):
        return None, f"{kind}: expected <name>=<value> after the field, found {text!r}"
    return Shortcode(kind, plain[0], plain[1], filters, options, line, text), None


def find_in_html(html: str):
    """(start, end) of every shortcode in rendered HTML outside <code>, in order."""
    code = [(m.start(), m.end()) for m in HTML_CODE.finditer(html)]
    return [
        (m.start(), m.end())
        for m in HTML_SHORTCODE.finditer(html)
        if not any(s <= m.start() < e for s, e in code)
    ]


def replace(html: str, spans, markup):
    """Put markup[i] in place of spans[i]."""
    parts, last = [], 0
    for (start, end), text in zip(spans, markup, strict=True):
        parts.append(html[last:start])
        parts.append(text)
        last = end
    parts.append(html[last:])
    return "".join(parts)
