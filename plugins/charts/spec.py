"""The declarative chart spec an editor writes in data/charts/<name>.yml or inline.

    type: bar                 # bar, grouped-bar, stacked-bar, line, area,
                              # timeline, map, big-number, custom
    dataset: targeted-locations
    filter: {period_from: 2019-03-08, place: [idlib-governorate]}
    category: place           # what the bars are (bar types)
    value: count              # what is measured; a list makes series
    title: ...                # plus subtitle, notes, source, alt

:func:`parse` checks the shape (pydantic); :func:`check` checks it against the
catalog (dataset, fields, places). Problems read
``<file>:<line>: <chart>: <key>: <what was expected>``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .fields import MEASURE_TYPES, RECORDS, fields_for

BUILTIN_TYPES = (
    "bar",
    "grouped-bar",
    "stacked-bar",
    "line",
    "area",
    "timeline",
    "map",
    "big-number",
    "custom",
)
NAME_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Keys each type needs, and which field types each role accepts.
REQUIRED = {
    "bar": ("category",),
    "grouped-bar": ("category",),
    "stacked-bar": ("category",),
    "line": ("time",),
    "area": ("time",),
    "timeline": ("time", "lane"),
    "map": (),
    "big-number": ("value",),
    "custom": ("function",),
}
# Keys each type reads: any other key a spec sets is refused by name (a key the
# chart would silently ignore is a mistake the editor cannot see). Custom chart
# functions get the whole spec, so they may use any.
COMMON_KEYS = ("type", "dataset", "title", "subtitle", "notes", "source", "alt", "filter")
# Keys a reader reads: each has its twin in every other language of the site,
# ``<key>_<code>`` (``title_ar``), as the datasets' text fields do (docs/i18n.md).
TRANSLATED = ("title", "subtitle", "notes", "source", "alt", "unit", "value_title")
TRANSLATION_KEY = re.compile(r"^(?P<key>[a-z][a-z_]*?)_(?P<code>[a-z]{2,3})$")
BAR_KEYS = ("category", "value", "value_title", "series", "sort", "aggregate", "height")
USED_KEYS = {
    "bar": BAR_KEYS,
    "grouped-bar": BAR_KEYS,
    "stacked-bar": BAR_KEYS,
    "line": ("time", "value", "value_title", "series", "aggregate", "height"),
    "area": ("time", "value", "value_title", "series", "aggregate", "height"),
    "timeline": ("time", "lane", "label", "height"),
    "map": ("size", "reference_places", "aggregate", "height"),
    "big-number": ("value", "unit", "aggregate"),
}
ROLE_TYPES = {
    "category": ("text", "date", "place", "places", "flag", "number"),
    "series": ("text", "place", "flag", "date"),
    "lane": ("text", "place", "places", "flag"),
    "label": ("text", "place", "places", "date", "number", "range"),
    "time": ("date",),
    "value": MEASURE_TYPES,
    "size": MEASURE_TYPES,
}


def _as_list(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


class ChartSpec(BaseModel):
    """One chart, as an editor declares it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    type: str = Field(min_length=1)
    dataset: str = Field(pattern=NAME_PATTERN)
    title: str = Field(min_length=1)
    subtitle: str | None = None
    notes: str | None = None
    source: str = Field(min_length=1)
    alt: str = Field(min_length=1)
    filter: dict[str, Any] = {}
    category: list[str] = []
    value: list[str] = [RECORDS]
    value_title: str | None = None
    series: str | None = None
    time: str | None = None
    lane: str | None = None
    label: str | None = None
    size: str | None = None
    unit: str | None = None
    sort: Literal["value", "category", "none"] = "value"
    aggregate: Literal["sum", "latest"] = "sum"
    reference_places: list[str] = []
    function: str | None = None
    options: dict[str, Any] = {}
    height: int | None = Field(default=None, ge=60, le=1200)
    translations: dict[str, str] = {}  # "title_ar": "..." (gathered from the spec's keys)

    @model_validator(mode="before")
    @classmethod
    def _gather_translations(cls, data):
        if not isinstance(data, dict):
            return data
        found, rest = {}, {}
        for key, value in data.items():
            match = TRANSLATION_KEY.match(str(key))
            if match and match.group("key") in TRANSLATED:
                found[key] = value
            else:
                rest[key] = value
        if found:
            rest["translations"] = {**found, **(data.get("translations") or {})}
        return rest

    def in_language(self, code: str) -> ChartSpec:
        """The spec with its reader's text in language ``code`` where it gives it."""
        update = {
            key: self.translations[f"{key}_{code}"]
            for key in TRANSLATED
            if self.translations.get(f"{key}_{code}")
        }
        return self.model_copy(update=update) if update else self

    def missing_translations(self, codes) -> list[tuple[str, str]]:
        """(key, code) of each reader's text the spec sets without its ``<key>_<code>`` twin."""
        return [
            (key, code)
            for code in codes
            for key in TRANSLATED
            if getattr(self, key) and not str(self.translations.get(f"{key}_{code}") or "").strip()
        ]

    @field_validator("category", "value", "reference_places", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return _as_list(value)

    def roles(self):
        """(role, field name) for every field the spec names."""
        pairs = [("category", name) for name in self.category]
        pairs += [("value", name) for name in self.value]
        pairs += [
            (role, getattr(self, role))
            for role in ("series", "time", "lane", "label", "size")
            if getattr(self, role)
        ]
        return pairs


@dataclass
class Where:
    """Where a spec was written, to name file and line in every problem."""

    file: str
    label: str
    line: int = 1
    key_lines: dict = dc_field(default_factory=dict)
    offset: int = 0  # added to every line (an inline spec inside an article)

    def line_of(self, key=None, sub=None, data=None) -> int:
        line = self.key_lines.get(key, self.line) if key else self.line
        if sub is not None and data is not None:
            inner = getattr(data.get(key), "key_lines", {}) if isinstance(data, dict) else {}
            line = inner.get(sub, line)
        return line + self.offset

    def problem(self, key, message, sub=None, data=None) -> str:
        where = f"{self.file}:{self.line_of(key, sub, data)}: {self.label}"
        name = f"{key}.{sub}" if sub is not None else key
        return f"{where}: {name}: {message}" if name else f"{where}: {message}"


def where_for(data, file, label, offset=0) -> Where:
    """A :class:`Where` from a mapping read by the line-keeping YAML loader."""
    return Where(
        file=file,
        label=label,
        line=getattr(data, "line", 1),
        key_lines=dict(getattr(data, "key_lines", {}) or {}),
        offset=offset,
    )


def parse(data, where: Where):
    """Validate the shape of a spec mapping. Returns (ChartSpec or None, problems).

    A spec whose only fault is an unknown key still comes back (without that key)
    so that its other keys are checked in the same run.
    """
    if not isinstance(data, dict):
        return None, [where.problem(None, "expected a mapping of chart keys (type, dataset, title, ...)")]
    try:
        return ChartSpec.model_validate(dict(data)), []
    except ValidationError as error:
        problems, unknown = [], []
        for item in error.errors():
            loc = [str(part) for part in item["loc"]]
            key = loc[0] if loc else None
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                unknown.append(key)
                message = "unknown key; expected one of: " + ", ".join(
                    [*(k for k in ChartSpec.model_fields if k != "translations"), "<key>_<language>"]
                )
            elif item["type"] == "missing":
                message = "missing; this key is required"
            elif "input" in item:
                message = f"{message}, found {item['input']!r:.60}"
            problems.append(where.problem(key, message))
        spec = None
        if len(unknown) == len(problems):
            try:
                spec = ChartSpec.model_validate({k: v for k, v in data.items() if k not in unknown})
            except ValidationError:
                spec = None
        return spec, problems


def parse_day(value):
    """A date from a spec value (a date or an ISO string)."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def check(spec: ChartSpec, catalog, where: Where, known_types, data=None) -> list[str]:
    """Check a well-formed spec against the catalog and the chart-type registry."""
    problems = []
    if spec.type not in known_types:
        problems.append(
            where.problem(
                "type", f"unknown chart type '{spec.type}'; expected one of: {', '.join(sorted(known_types))}"
            )
        )
    problems += unused_keys(spec, where)
    dataset = catalog.datasets.get(spec.dataset)
    if dataset is None:
        problems.append(
            where.problem(
                "dataset",
                f"unknown dataset '{spec.dataset}'; expected one of: {', '.join(sorted(catalog.datasets))}",
            )
        )
        return problems
    known = fields_for(dataset.kind)
    for key in REQUIRED.get(spec.type, ()):
        if not getattr(spec, key):
            problems.append(where.problem(key, f"missing; a {spec.type} chart needs it"))
    for role, name in spec.roles():
        if role in ("value", "size") and name == RECORDS:
            continue
        if name not in known:
            problems.append(
                where.problem(
                    role,
                    f"unknown field '{name}' for a {dataset.kind} "
                    f"dataset; expected one of: "
                    f"{', '.join(known)}",
                )
            )
        elif known[name].type not in ROLE_TYPES[role]:
            problems.append(
                where.problem(
                    role,
                    f"field '{name}' is a {known[name].type}; "
                    f"{role} expects a "
                    f"{' or '.join(ROLE_TYPES[role])} field",
                )
            )
    if spec.type in ("grouped-bar", "stacked-bar") and not spec.series and len(spec.value) < 2:
        problems.append(
            where.problem(
                "series", f"missing; a {spec.type} chart needs a series field or two or more values"
            )
        )
    if spec.series and len(spec.value) > 1:
        problems.append(where.problem("series", "give either a series field or several values, not both"))
    if spec.type == "custom" and spec.function and spec.function not in known_types.get("custom", {}):
        problems.append(where.problem("function", f"no chart function registered as '{spec.function}'"))
    for place_id in spec.reference_places:
        if place_id not in catalog.places:
            problems.append(
                where.problem(
                    "reference_places", f"unknown place '{place_id}'; expected an id from the gazetteer"
                )
            )
    for name, condition in spec.filter.items():
        problems += _check_filter(name, condition, known, catalog, where, data)
    return problems


def unused_keys(spec: ChartSpec, where: Where) -> list[str]:
    """A problem for each key the spec sets that its chart type does not read."""
    used = USED_KEYS.get(spec.type)
    if used is None:  # custom, or an unknown type (reported on its own)
        return []
    allowed = COMMON_KEYS + used
    return [
        where.problem(
            key,
            f"a {spec.type} chart does not use '{key}'; expected one of: {', '.join(allowed)}, found '{key}'",
        )
        for key in ChartSpec.model_fields
        if key in spec.model_fields_set and key not in allowed and key != "translations"
    ]


def _check_filter(name, condition, known, catalog, where, data):
    raw = data.get("filter") if isinstance(data, dict) else None

    def bad(message):
        return [where.problem("filter", message, sub=name, data=data if raw is not None else None)]

    if name not in known:
        return bad(f"unknown field '{name}'; expected one of: {', '.join(known)}")
    kind = known[name].type
    if kind == "range":
        return bad("a range (min-max figure) cannot be filtered on")
    values = condition if isinstance(condition, list) else [condition]
    if isinstance(condition, dict):
        extra = set(condition) - {"from", "to", "within"}
        if extra:
            return bad(
                f"unknown condition {', '.join(map(str, sorted(extra)))}; expected "
                "from, to (dates, numbers) or within (places)"
            )
        if "within" in condition:
            if kind not in ("place", "places"):
                return bad("'within' applies to place fields only")
            values = _as_list(condition["within"])
        else:
            values = [condition.get(k) for k in ("from", "to") if condition.get(k) is not None]
    for value in values:
        if kind == "date":
            try:
                parse_day(value)
            except ValueError:
                return bad(f"expected a date as YYYY-MM-DD, found {value!r}")
        elif kind in ("place", "places") and value not in catalog.places:
            return bad(f"unknown place '{value}'; expected an id from the gazetteer")
        elif kind == "number" and (isinstance(value, bool) or not isinstance(value, int)):
            return bad(f"expected a whole number, found {value!r}")
    return []


def matches(field, raw, condition, catalog) -> bool:
    """Does a record's raw field value meet a (checked) filter condition?"""
    if isinstance(condition, dict) and "within" in condition:
        wanted = set(_as_list(condition["within"]))
        ids = raw if isinstance(raw, (list, tuple)) else [raw]
        return any(i == w or any(a.id == w for a in catalog.ancestors(i)) for i in ids if i for w in wanted)
    if isinstance(condition, dict):
        if raw is None:
            return False
        low, high = condition.get("from"), condition.get("to")
        if field.type == "date":
            low, high = (parse_day(v) if v is not None else None for v in (low, high))
        return (low is None or raw >= low) and (high is None or raw <= high)
    options = condition if isinstance(condition, list) else [condition]
    if field.type == "date":
        options = [parse_day(v) for v in options]
    if isinstance(raw, (list, tuple)):
        return any(item in options for item in raw)
    return raw in options
