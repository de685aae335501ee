"""A story's Markdown source made ready for the count rule, positions kept.

:func:`read_story` returns the text of the standfirst (``Summary:``) and of the
body, with everything that is not prose a reader sees blanked out to spaces of
the same length (code, HTML tags, link addresses, metadata, shortcodes, footnote
definitions, the list markers) and quotations blanked too (numbers inside
quotation marks are not counts). Offsets into the masked text are offsets into
the file, so every finding maps back to its line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .shortcodes import SOURCE_SHORTCODE, Shortcode, parse

CITED = "\u00b9"  # stands in for a footnote reference in the masked text
# Plain-text fields a reader sees: counts there must repeat a figure the body binds or cites.
HEADLINES = ("title", "image_alt", "image_caption")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<https?://[^<>]*>")
LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()]*\))?[^()]*\)")
REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]]+\]:[^\n]*$", re.M)
FOOTNOTE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[\^(?P<name>[^\]\s]+)\]:(?P<text>[^\n]*(?:\n(?:[ \t]+[^\n]*)?)*)", re.M
)
FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<name>[^\]\s]+)\](?!:)")
OTHER_SHORTCODE = re.compile(r"\{chart:[^{}]*\}")
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M)
HEADING_MARKER = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)
QUOTATIONS = (
    re.compile(r"\u201c[^\u201d]*\u201d"),  # “...”
    re.compile(r"\u00ab[^\u00bb]*\u00bb"),  # «...»
    re.compile(r"\u201e[^\u201c\u201d]*[\u201c\u201d]"),  # „...“
    re.compile(r"\u2018[^\u2019]*\u2019(?!\w)"),  # ‘...’ (not an apostrophe)
    re.compile(r'"[^"\n]*(?:\n(?!\s*\n)[^"\n]*)*"'),  # "..." within a paragraph
)


@dataclass
class Footnote:
    name: str
    text: str
    line: int


@dataclass
class Prose:
    """One stretch of a story a reader sees: the standfirst or the body."""

    where: str  # "summary", "body" or one of HEADLINES
    text: str  # masked, same length as the file text it covers
    offset: int  # where ``text`` starts in the file
    shortcodes: list = field(default_factory=list)  # Shortcode, in order
    references: list = field(default_factory=list)  # (footnote name, offset in text, line)
    breaks: list = field(default_factory=list)  # offsets in text where a list item or heading starts


@dataclass
class Story:
    path: str
    text: str
    parts: list  # Prose
    footnotes: dict  # name -> Footnote
    problems: list  # (line, message)
    _starts: list = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        """1-based line of a file offset."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        return bisect.bisect_right(self._starts, offset)


def _blank(chars, start, end, fill=" "):
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = fill


def _header_end(text):
    """Offset where the metadata block ends (the first blank line)."""
    match = re.search(r"^[ \t]*$", text, re.M)
    return match.start() if match else len(text)


def _header_span(text, header_end, key):
    """(start, end) of a metadata value ('Summary: ...') in the header, or None."""
    match = re.search(rf"^{key}[ \t]*:[ \t]*", text[:header_end], re.M | re.I)
    if not match:
        return None
    end = text.find("\n", match.end())
    end = header_end if end == -1 or end > header_end else end
    while end < header_end and text[end + 1 : end + 2] in (" ", "\t"):  # continuation lines
        following = text.find("\n", end + 1)
        end = header_end if following == -1 or following > header_end else following
    return match.end(), end


def _mask(story, chars, start, end, where):
    """Blank what is not prose in chars[start:end]; collect shortcodes and references."""
    part = Prose(where, "", start)
    segment = "".join(chars[start:end])

    def spans(pattern):
        return [(start + m.start(), start + m.end(), m) for m in pattern.finditer(segment)]

    if where == "body":
        inside, fence_start, fenced = False, 0, False
        for m in re.finditer(r"^.*$", segment, re.M):
            if not inside and FENCE.match(m.group()):
                inside, fence_start, fenced = True, start + m.start(), True
            elif inside and m.group().strip() in ("```", "~~~"):
                inside = False
                _blank(chars, fence_start, start + m.end())
        if inside:
            _blank(chars, fence_start, end)
        if fenced:
            segment = "".join(chars[start:end])
    code = spans(CODE_SPAN) + spans(HTML_COMMENT)
    for s, e, _ in code:
        _blank(chars, s, e)
    if code:
        segment = "".join(chars[start:end])
    for s, e, m in spans(SOURCE_SHORTCODE):
        shortcode, problem = parse(m.group(), story.line_of(s))
        if problem:
            story.problems.append((story.line_of(s), problem))
        else:
            part.shortcodes.append(shortcode)
        _blank(chars, s, e)
    if where == "body":
        # also brings in the shortcodes blanked above
        for s, e, m in spans(FOOTNOTE_DEFINITION):
            name = m.group("name")
            if name in story.footnotes:
                story.problems.append((story.line_of(s), f"footnote [^{name}] is defined twice"))
            story.footnotes[name] = Footnote(name, " ".join(m.group("text").split()), story.line_of(s))
            _blank(chars, s, e)
        segment = "".join(chars[start:end])
    for s, e, m in spans(FOOTNOTE_REFERENCE):
        part.references.append((m.group("name"), s - start, story.line_of(s)))
        _blank(chars, s, e, CITED)
    for s, e, _ in spans(OTHER_SHORTCODE):  # the text as it was before the references were blanked
        _blank(chars, s, e)
    segment = "".join(chars[start:end])
    for pattern in (HTML_TAG, LINK_TARGET, REFERENCE_DEFINITION, LIST_MARKER, HEADING_MARKER, *QUOTATIONS):
        found = spans(pattern)
        for s, e, _ in found:
            _blank(chars, s, e)
            if pattern in (LIST_MARKER, HEADING_MARKER):
                part.breaks.append(s - start)
        if found:  # joining the segment again is most of the masking's time
            segment = "".join(chars[start:end])
    part.text = segment
    return part


def read_story(path: str, text: str) -> Story:
    """The standfirst and body of a Markdown story, masked for the count rule."""
    story = Story(path, text, [], {}, [])
    chars = list(text)
    header_end = _header_end(text)
    summary = _header_span(text, header_end, "summary")
    if summary:
        story.parts.append(_mask(story, chars, summary[0], summary[1], "summary"))
    story.parts.append(_mask(story, chars, header_end, len(text), "body"))
    for key in HEADLINES:
        span = _header_span(text, header_end, key)
        if span:
            part = _mask(story, chars, span[0], span[1], key)
            for shortcode in part.shortcodes:
                story.problems.append(
                    (
                        shortcode.line,
                        f"{key}: shortcodes work in the standfirst and the body only; "
                        "here, repeat a figure the body gives",
                    )
                )
            part.shortcodes = []
            story.parts.append(part)
    return story


__all__ = ["CITED", "Footnote", "Prose", "Shortcode", "Story", "read_story"]
