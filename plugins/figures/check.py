"""Hold a story to the count rule, and compare its cited figures with its datasets.

Every count (counts.py) must be written with a shortcode (those are blanked
before counting, so they never show up here) or be cited: its sentence carries a
footnote reference ``[^name]`` whose footnote says where the figure comes from.
A cited figure is then compared with the records of the datasets the story names
(``Datasets:``) that speak of the same thing: the same field (killed, families,
areas ...) on a date the paragraph names, narrowed to a place the sentence names.
If records match and none of them gives the typed figure, that is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasets.model import Range

from . import words
from .counts import PARAGRAPH, find_counts
from .dates import dates_in
from .source import CITED, HEADLINES

RULE = "docs/figures.md"


@dataclass
class Problem:
    line: int
    message: str


def _field(count):
    """(dataset kind, field) the count speaks of, or None."""
    people = False
    for word in count.words:
        target = words.field_of(word)
        if target == "people":
            people = True
        elif target:
            return target
    return ("displacement", "persons") if people else None


def record_dates(record):
    return {
        d
        for d in (
            getattr(record, "date", None),
            getattr(record, "date_from", None),
            getattr(record, "date_to", None),
            getattr(record, "period_from", None),
            getattr(record, "period_to", None),
        )
        if d is not None
    }


def _place_names(catalog, record):
    names = []
    for place_id in record.place_ids:
        place = catalog.places.get(place_id)
        if place is None:
            continue
        for name in (place.name_en, place.name_ar, *place.spellings):
            names.append(name)
            short = re.sub(r"\s+(governorate|city)$", "", name, flags=re.I)
            if short != name:
                names.append(short)
    return names


def agrees(count, value) -> bool:
    """Whether a typed figure (with its qualifier) says what the record's value says."""
    low, high = (value.min, value.max) if isinstance(value, Range) else (value, value)
    typed_low, typed_high = count.token.low, count.token.high
    qualifier = count.qualifier
    if qualifier == "at-least":
        return high >= typed_low
    if qualifier == "more-than":
        return low > typed_low
    if qualifier == "under":
        return high < typed_low
    if qualifier == "about":
        return abs((low + high) / 2 - typed_low) <= 0.1 * typed_low
    return (typed_low, typed_high) == (low, high)


def matching_records(count, catalog, dataset_ids, paragraph_dates, sentence_text):
    """Records of the story's datasets that speak of what the count speaks of."""
    target = _field(count)
    if target is None or not paragraph_dates:
        return [], None
    kind, name = target
    candidates = [
        (dataset, record)
        for dataset_id in dataset_ids
        if (dataset := catalog.datasets.get(dataset_id)) is not None and dataset.kind == kind
        for record in dataset.records
        if getattr(record, name, None) is not None and record_dates(record) & paragraph_dates
    ]
    lowered = sentence_text.casefold()
    placed = [
        (d, r)
        for d, r in candidates
        if any(
            re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", lowered) for n in _place_names(catalog, r)
        )
    ]
    return (placed or candidates), name


def _where(record, dataset, name):
    origin = record.origin
    return f"{origin.file}:{origin.line_of(name)}" if origin else f"data/{dataset.id}"


def _show(value):
    return str(value) if isinstance(value, Range) else f"{value}"


def _value_of(count):
    low, high = int(count.token.low), int(count.token.high)
    return Range(min=low, max=high) if low <= high else Range(min=low, max=low)


def _prose_problems(story, part, catalog, dataset_ids, default_year, cited, backed=None, find=find_counts):
    """Unbound counts of the standfirst or body, and cited figures the data contradicts.

    ``backed``: for the standfirst, where footnotes cannot go, the figures the body
    binds or cites; a count that repeats one of them needs nothing more.
    """
    problems = []
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(part.text)]
    dates_of = {}
    for count in find(part.text, part.breaks):
        start, end = count.sentence
        line = story.line_of(part.offset + count.token.start)
        what = f"'{count.text}'" + (f" ({count.words[0]})" if count.words else "")
        paragraph = next(((a, b) for a, b in paragraphs if a <= count.token.start < b), (start, end))
        if paragraph not in dates_of:
            dates_of[paragraph] = {
                d for _, d in dates_in(part.text[paragraph[0] : paragraph[1]], default_year)
            }
        dates = dates_of[paragraph]
        sentence = part.text[start:end]
        records, name = matching_records(count, catalog, dataset_ids, dates, sentence)
        cited_here = CITED in sentence or any(CITED in part.text[a:b] for a, b in count.cited_by)
        if not cited_here or part.where != "body":  # footnotes work in the body only
            if backed is not None and any(agrees(count, value) for value in backed):
                continue
            same = [(d, r) for d, r in records if agrees(count, getattr(r, name))]
            hint = (
                f"write {{figure: {same[0][1].id} {name}}}"
                if len(same) == 1 and count.qualifier in ("", "at-least")
                else "write it with {figure: <record-id> <field>} or {total: ...}"
            )
            problems.append(
                Problem(
                    line,
                    f"{what}: a count typed by hand; {hint}, or cite its source with a "
                    f"footnote [^name] in the same sentence ({RULE})",
                )
            )
            continue
        cited.append(_value_of(count))
        if records and not any(agrees(count, getattr(r, name)) for _, r in records):
            given = "; ".join(
                f"{_where(r, d, name)}: record '{r.id}' gives {name} {_show(getattr(r, name))}"
                for d, r in records[:3]
            )
            problems.append(
                Problem(
                    line,
                    f"{what}: the story cites {count.as_written}, but {given}; correct the story or the data, "
                    "or write the figure "
                    f"with {{figure: {records[0][1].id} {name}}}",
                )
            )
    return problems


def _headline_problems(story, part, backed, find=find_counts):
    """Counts in the headline, image caption or alt text that the body does not give."""
    problems = []
    for count in find(part.text, part.breaks):
        if any(agrees(count, value) for value in backed):
            continue
        line = story.line_of(part.offset + count.token.start)
        what = f"'{count.text}'" + (f" ({count.words[0]})" if count.words else "")
        problems.append(
            Problem(
                line,
                f"{part.where}: {what}: expected a figure the standfirst or body gives with a "
                f"shortcode or a citation, found none that says {count.as_written} ({RULE})",
            )
        )
    return problems


def check_story(story, slug, catalog, dataset_ids, default_year, shown_path, bound=(), find=find_counts):
    """Problems of one story: unbound counts, undefined footnotes, figures the data contradicts.

    ``bound``: the values of the story's shortcodes; a count in the standfirst,
    headline, image caption or alt text that is not a shortcode must agree with
    one of them or with a figure the body cites. ``find``: counts.find_counts, or
    the same kept between builds (memo.CountsMemo.find).
    """
    problems = [Problem(line, message) for line, message in story.problems]
    cited: list = []
    for part in story.parts:
        for name, _offset, line in part.references:
            if part.where != "body":
                message = f"footnote [^{name}]: footnotes work in the body only; cite the figure there"
                problems.append(Problem(line, message))
            elif name not in story.footnotes:
                message = f"footnote [^{name}]: expected a footnote '[^{name}]: <source>', found none"
                problems.append(Problem(line, message))
    for part in [p for p in story.parts if p.where == "body"]:
        problems += _prose_problems(story, part, catalog, dataset_ids, default_year, cited, find=find)
    backed = [*bound, *cited]
    for part in [p for p in story.parts if p.where == "summary"]:
        problems += _prose_problems(story, part, catalog, dataset_ids, default_year, [], backed, find)
    for part in [p for p in story.parts if p.where in HEADLINES]:
        problems += _headline_problems(story, part, backed, find)
    for footnote in story.footnotes.values():
        if not re.search(r"\w", footnote.text):
            message = f"footnote [^{footnote.name}]: expected the source it cites, found nothing"
            problems.append(Problem(footnote.line, message))
    return list(dict.fromkeys(f"{shown_path}:{p.line}: {slug}: {p.message}" for p in problems))
