"""What the dataset and place pages show, computed here so templates only format.

- sortable tables: one pre-rendered page per column and direction, linked from
  the column headers (sorting works without JavaScript), for datasets of at most
  DATASETS_TABLE_PAGE_SIZE records; bigger ones get numbered pages in date order
  instead (settings.py);
- the charts a dataset page shows (at most DATASETS_CHARTS_SHOWN);
- totals with ranges ("15-17");
- the stories that use a dataset or speak of a place;
- schema.org Dataset data (JSON-LD).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from i18n import N_, main_site_url

from .filters import ENGLISH, DataText
from .model import Catalog, Dataset, Range


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sortable: bool = True
    numeric: bool = False


COLUMNS = {
    "casualties": [
        Column("date", N_("Date")),
        Column("place", N_("Place")),
        Column("attack_type", N_("Attack")),
        Column("perpetrator", N_("Alleged perpetrator")),
        Column("killed", N_("Killed"), numeric=True),
        Column("injured", N_("Injured"), numeric=True),
        Column("documented_by", N_("Documented by")),
        Column("notes", N_("Notes"), sortable=False),
        Column("sources", N_("Sources"), sortable=False),
        Column("id", N_("Record"), sortable=False),
    ],
    "patrols": [
        Column("date", N_("Date")),
        Column("force", N_("Force")),
        Column("zone", N_("Zone")),
        Column("places", N_("Places")),
        Column("route", N_("Route"), sortable=False),
        Column("documented_by", N_("Documented by")),
        Column("notes", N_("Notes"), sortable=False),
        Column("sources", N_("Sources"), sortable=False),
        Column("id", N_("Record"), sortable=False),
    ],
    "displacement": [
        Column("date", N_("Period")),
        Column("from_places", N_("Displaced from")),
        Column("families", N_("Families"), numeric=True),
        Column("persons", N_("People"), numeric=True),
        Column("documented_by", N_("Documented by")),
        Column("notes", N_("Notes"), sortable=False),
        Column("sources", N_("Sources"), sortable=False),
        Column("id", N_("Record"), sortable=False),
    ],
    "counts": [
        Column("date", N_("Period")),
        Column("place", N_("Place")),
        Column("count", N_("Count"), numeric=True),
        Column("counted", N_("What was counted")),
        Column("documented_by", N_("Documented by")),
        Column("notes", N_("Notes"), sortable=False),
        Column("sources", N_("Sources"), sortable=False),
        Column("id", N_("Record"), sortable=False),
    ],
}
DEFAULT_SORT = ("date", "asc")

# The model's words a record page shows (model.HARM_GRADINGS, GEO_PRECISIONS, Actor's
# role and type), marked for the catalog; the template translates them with
# `| translate`. tests/datasets/test_datasets_model.py checks they are the model's own.
RECORD_WORDS = (
    N_("the party said to be responsible has itself acknowledged the harm"),
    N_(
        "two or more credible sources report the harm, and that party is known to have been "
        "attacking in that place at that time"
    ),
    N_("a single source reports the harm, however detailed its account"),
    N_("credible reports disagree about who caused the harm"),
    N_(
        "later evidence shows the harm did not happen as first reported (for example the "
        "dead were fighters, or another party was responsible); kept and marked, not deleted"
    ),
    N_("at the place named"),
    N_("near the place named (within its surroundings)"),
    N_("only the wider area is known; the place named stands for it"),
    N_("confirmed"),
    N_("fair"),
    N_("weak"),
    N_("contested"),
    N_("discounted"),
    N_("actor"),
    N_("associated actor"),
    N_("target"),
    N_("associated target"),
    N_("other party"),
    N_("associated other party"),
    N_("state forces"),
    N_("rebel group"),
    N_("political militia"),
    N_("identity militia"),
    N_("rioters"),
    N_("protesters"),
    N_("civilians"),
    N_("external other"),
)
# Shown apart on a record page (its heading, date line and sources list).
RECORD_PAGE_APART = ("id", "sources", "date")


def record_facts(record, kind: str) -> list[Column]:
    """The columns a record page lists as facts: its kind's table columns but those
    shown apart, and Notes only when the record has notes (or a date note)."""
    return [
        column
        for column in COLUMNS[kind]
        if column.key not in RECORD_PAGE_APART
        and (column.key != "notes" or record.notes or getattr(record, "date_note", None))
    ]


def _sort_value(record, key, catalog: Catalog):
    if key == "date":
        return (record.sort_date, getattr(record, "date_from", None) or record.sort_date)
    value = getattr(record, key, None)
    if key in ("place", "places", "from_places"):
        ids = [value] if isinstance(value, str) else list(value or ())
        names = [catalog.places[i].name_en if i in catalog.places else i for i in ids]
        return ", ".join(names).casefold() or None
    if isinstance(value, Range):
        return (value.min, value.max)
    if isinstance(value, str):
        return value.casefold()
    return value


def sort_records(records, key, direction, catalog):
    """Records sorted by a column; missing values always last, ties by id."""
    present = [r for r in records if _sort_value(r, key, catalog) is not None]
    missing = [r for r in records if _sort_value(r, key, catalog) is None]
    present.sort(key=lambda r: (_sort_value(r, key, catalog), r.id), reverse=direction == "desc")
    return present + sorted(missing, key=lambda r: r.id)


def sort_url(dataset: Dataset, key, direction):
    """Address of a sorted variant; the default order is the dataset page itself."""
    if (key, direction) == DEFAULT_SORT:
        return dataset.url
    return f"{dataset.url}sort/{key}-{direction}/"


@dataclass(frozen=True)
class Header:
    """A column header: its label, sort state and the link that re-sorts the table."""

    column: Column
    aria_sort: str | None
    url: str | None
    action: str


@dataclass(frozen=True)
class PageLink:
    """One entry of a pagination nav: a page number and its address, or a gap (number None)."""

    number: int | None
    url: str | None = None
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """Where one numbered page of records sits among the others."""

    number: int
    count: int
    first: int  # position of the page's first record, from 1
    last: int  # position of its last record
    total: int
    previous_url: str | None
    next_url: str | None
    links: tuple


@dataclass(frozen=True)
class Table:
    """One rendering of a dataset's records: a sort order, or one numbered page of a big dataset."""

    key: str
    direction: str
    url: str
    headers: list
    records: list
    save_as: str
    canonical_url: str
    pagination: Pagination | None = None

    @property
    def is_default(self):
        """In the default (date) order."""
        return (self.key, self.direction) == DEFAULT_SORT

    @property
    def is_main(self):
        """The dataset's own page, data/<id>/: the one with charts and JSON-LD."""
        return self.is_default and (self.pagination is None or self.pagination.number == 1)

    @property
    def sortable(self):
        """Whether the column headers link to sorted variants."""
        return self.pagination is None


def is_paged(dataset: Dataset, page_size: int) -> bool:
    """Whether the dataset has too many records for one table (and so no sorted variants)."""
    return len(dataset.records) > page_size


def tables(dataset: Dataset, catalog: Catalog, page_size: int) -> list[Table]:
    """Every rendering of the dataset's table, the dataset page (data/<id>/) first.

    A dataset of at most ``page_size`` records: the whole table in every sort
    order. A bigger one: numbered pages in date order, and no sorted variants.
    """
    if is_paged(dataset, page_size):
        return paged_tables(dataset, catalog, page_size)
    return sorted_tables(dataset, catalog)


def sorted_tables(dataset: Dataset, catalog: Catalog) -> list[Table]:
    """Every sorted variant of the dataset's whole table, the default first."""
    sortable = [c for c in COLUMNS[dataset.kind] if c.sortable]
    orders = [DEFAULT_SORT] + [
        (c.key, d) for c in sortable for d in ("asc", "desc") if (c.key, d) != DEFAULT_SORT
    ]
    result = []
    for key, direction in orders:
        headers = []
        for column in COLUMNS[dataset.kind]:
            if not column.sortable:
                headers.append(Header(column, None, None, ""))
                continue
            current = column.key == key
            target = "desc" if current and direction == "asc" else "asc"
            aria = ("ascending" if direction == "asc" else "descending") if current else None
            # The order a click gives, worded in the template ("sort by date, ascending").
            order = N_("descending") if target == "desc" else N_("ascending")
            headers.append(Header(column, aria, sort_url(dataset, column.key, target), order))
        url = sort_url(dataset, key, direction)
        result.append(
            Table(
                key,
                direction,
                url,
                headers,
                sort_records(dataset.records, key, direction, catalog),
                url + "index.html",
                dataset.url,
            )
        )
    return result


def page_urls(dataset: Dataset, page_size: int) -> list[str]:
    """Addresses of every page of the dataset's table (one for a small dataset)."""
    if not is_paged(dataset, page_size):
        return [dataset.url]
    count = count_pages(len(dataset.records), page_size)
    return [numbered_url(dataset.url, n) for n in range(1, count + 1)]


def count_pages(total: int, page_size: int) -> int:
    """How many numbered pages ``total`` records fill (at least one)."""
    return max(1, -(-total // page_size))


def page_numbers(number: int, count: int, around: int = 2) -> list[int | None]:
    """Page numbers a nav shows: the first, the last and those near ``number``; None marks a gap."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    result: list[int | None] = []
    for page in shown:
        if result and page - result[-1] > 1:
            result.append(None)
        result.append(page)
    return result


def numbered_url(base: str, number: int) -> str:
    """Address of numbered page ``number`` under ``base`` (page 1 is ``base`` itself)."""
    return base if number == 1 else f"{base}page/{number}/"


def numbered_pagination(base: str, total: int, number: int, page_size: int) -> Pagination:
    """The nav of page ``number`` of ``total`` records shown ``page_size`` a page."""
    count = count_pages(total, page_size)
    links = tuple(
        PageLink(n, numbered_url(base, n), n == number) if n else PageLink(None)
        for n in page_numbers(number, count)
    )
    return Pagination(
        number=number,
        count=count,
        total=total,
        first=(number - 1) * page_size + 1,
        last=min(number * page_size, total),
        previous_url=numbered_url(base, number - 1) if number > 1 else None,
        next_url=numbered_url(base, number + 1) if number < count else None,
        links=links,
    )


def pagination(dataset: Dataset, number: int, page_size: int) -> Pagination:
    """The nav of page ``number`` of the dataset's table."""
    return numbered_pagination(dataset.url, len(dataset.records), number, page_size)


def paged_tables(dataset: Dataset, catalog: Catalog, page_size: int) -> list[Table]:
    """The records in date order, ``page_size`` a page; headers do not link to sorted variants."""
    key, direction = DEFAULT_SORT
    headers = [Header(c, "ascending" if c.key == key else None, None, "") for c in COLUMNS[dataset.kind]]
    records = sort_records(dataset.records, key, direction, catalog)
    result = []
    for number in range(1, count_pages(len(records), page_size) + 1):
        url = numbered_url(dataset.url, number)
        chunk = records[(number - 1) * page_size : number * page_size]
        result.append(
            Table(
                key,
                direction,
                url,
                headers,
                chunk,
                url + "index.html",
                url,
                pagination(dataset, number, page_size),
            )
        )
    return result


def row_urls(table_list: list[Table]) -> dict:
    """{record id: address of its row}, on the page of the date order that holds it."""
    return {
        record.id: f"{table.url}#{record.id}"
        for table in table_list
        if table.is_default
        for record in table.records
    }


@dataclass(frozen=True)
class ChartsShown:
    """The dataset's charts on its page: the first few, and the gallery for the rest."""

    figures: list
    total: int
    gallery_url: str | None

    @property
    def more(self):
        """Whether the dataset has charts that are not shown on its page."""
        return self.total > len(self.figures)


def charts_shown(figures, limit: int, gallery_url: str | None) -> ChartsShown:
    """At most ``limit`` of a dataset's chart figures (in the charts plugin's order)."""
    figures = list(figures or ())
    return ChartsShown(figures[: max(0, limit)], len(figures), gallery_url)


@dataclass(frozen=True)
class Publisher:
    """One publisher of a dataset's sources: how many of its reports the records cite."""

    name: str
    url: str | None
    reports: int  # distinct reports (sources) of this publisher
    records: int  # records citing at least one of them


@dataclass(frozen=True)
class SourcesShown:
    """What a dataset page shows of its sources: all of them, or a summary by publisher.

    A dataset of at most DATASETS_SOURCES_SHOWN distinct sources lists each one
    (``sources``). A bigger one (thousands of reports) would make the page heavy, so
    it names its publishers instead, most-cited first, at most that many
    (``publishers``), with a count of the rest; every record still lists its own
    sources in the table and on its page, and the downloads carry them all.
    """

    total: int  # distinct sources of the dataset
    sources: tuple = ()  # every source, when they are few enough to list
    publishers: tuple = ()  # the summary, when they are not
    other_publishers: int = 0  # publishers beyond the summary
    other_reports: int = 0  # their reports

    @property
    def summarised(self) -> bool:
        return not self.sources and self.total > 0


def sources_shown(dataset: Dataset, limit: int) -> SourcesShown:
    """The sources a dataset page lists, or its publishers' summary (see SourcesShown)."""
    sources = dataset.sources
    if len(sources) <= limit:
        return SourcesShown(len(sources), sources)
    reports: dict[str, int] = {}
    links: dict[str, str | None] = {}
    citing: dict[str, set[str]] = {}
    for source in sources:
        reports[source.publisher] = reports.get(source.publisher, 0) + 1
        links[source.publisher] = links.get(source.publisher) or source.publisher_url
    for record in dataset.records:
        for source in record.sources:
            citing.setdefault(source.publisher, set()).add(record.id)
    order = sorted(reports, key=lambda name: (-len(citing.get(name, ())), -reports[name], name.casefold()))
    publishers = tuple(
        Publisher(name, links[name], reports[name], len(citing.get(name, ()))) for name in order[:limit]
    )
    rest = order[limit:]
    return SourcesShown(len(sources), (), publishers, len(rest), sum(reports[name] for name in rest))


def cited_most(dataset: Dataset, limit: int) -> list:
    """At most ``limit`` sources of the dataset, those cited by the most records first
    (ties in order of first use): the JSON-LD ``citation`` of a big dataset."""
    uses: dict[tuple[str, str, str | None], int] = {}
    for record in dataset.records:
        for source in record.sources:
            key = (source.publisher, source.title, source.url)
            uses[key] = uses.get(key, 0) + 1
    sources = list(dataset.sources)
    ranked = sorted(
        range(len(sources)),
        key=lambda i: (-uses.get((sources[i].publisher, sources[i].title, sources[i].url), 0), i),
    )
    return [sources[i] for i in ranked[: max(0, limit)]]


@dataclass(frozen=True)
class Total:
    label: str
    value: str
    note: str = ""


def range_sum(values):
    """(sum of the figures given, how many values were None); ranges add as ranges.

    Used by the dataset pages' totals and by plugins/figures' {total:} shortcode.
    """
    given = [v for v in values if v is not None]
    return sum(given[1:], given[0]) if given else None, len(values) - len(given)


def totals(dataset: Dataset, text: DataText = ENGLISH) -> list[Total]:
    """Headline figures of a dataset, each labelled with what it counts; running
    counts (displacement) and counts of different periods are never added up.

    Labels are catalog messages (the template translates them); notes are
    written here in the language of ``text``.
    """
    records: tuple[Any, ...] = dataset.records  # narrowed by kind below
    kind = dataset.kind
    figure_text, _, ngettext = text.figure_text, text._, text.messages.ngettext
    if kind == "casualties":
        result = [Total(N_("Incidents recorded"), figure_text(len(records)))]
        for name, label in (
            ("killed", N_("People killed, as reported")),
            ("injured", N_("People injured, as reported")),
        ):
            total, missing = range_sum([getattr(r, name) for r in records])
            note = (
                ngettext(
                    "%(count)s incident without a reported figure",
                    "%(count)s incidents without a reported figure",
                    missing,
                )
                % {"count": text.number(missing)}
                if missing
                else ""
            )
            result.append(Total(label, figure_text(total), note))
        return result
    if kind == "patrols":
        inside = sum(1 for r in records if r.zone == "inside-dmz")
        derived = sum(1 for r in records if r.date_derived)
        return [
            Total(
                N_("Patrols recorded"),
                figure_text(len(records)),
                _("%(count)s with a derived date") % {"count": text.number(derived)} if derived else "",
            ),
            Total(N_("Patrols inside the demilitarized zone"), figure_text(inside)),
            Total(N_("Patrols in the border area outside it"), figure_text(len(records) - inside)),
        ]
    if kind == "displacement":
        if not records:
            return []
        latest = max(records, key=lambda r: r.date_to)
        note = _("latest published count, to %(date)s; counts are not added up") % {
            "date": text.day_text(latest.date_to)
        }
        return [
            Total(N_("Families displaced, latest count"), figure_text(latest.families), note),
            Total(N_("People displaced, latest count"), figure_text(latest.persons), note),
        ]
    if kind == "counts":
        return [
            Total(
                N_("Published counts recorded"),
                figure_text(len(records)),
                _("each count has its own period and area, so they are not added up"),
            )
        ]
    return []


def absolute(settings, path):
    origin = settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")
    return f"{origin.rstrip('/')}/{path.lstrip('/')}"


# What each kind of dataset measures (schema.org variableMeasured), by CSV column.
VARIABLES = {
    "casualties": [
        ("killed_min", "People killed (lowest reported figure)"),
        ("killed_max", "People killed (highest reported figure)"),
        ("injured_min", "People injured (lowest reported figure)"),
        ("injured_max", "People injured (highest reported figure)"),
        ("children_killed_min", "Children killed (lowest reported figure)"),
        ("women_killed_min", "Women killed (lowest reported figure)"),
        ("attacks", "Attacks"),
    ],
    "patrols": [("date", "Date of a foreign military patrol"), ("force", "Patrolling force")],
    "displacement": [("families", "Families displaced"), ("persons", "People displaced")],
    "counts": [("count", "The count published by the source")],
}


def data_catalog(settings) -> dict:
    """The site's /data/ index as a schema.org DataCatalog."""
    return {
        "@type": "DataCatalog",
        "name": f"{settings.get('SITENAME')} data",
        "url": absolute(settings, "data/"),
    }


def catalog_jsonld(dataset_views, settings) -> dict:
    """The /data/ page's DataCatalog, listing every dataset."""
    datasets = [
        {"@type": "Dataset", "name": view["jsonld"]["name"], "url": view["jsonld"]["url"]}
        for view in dataset_views
    ]
    return {"@context": "https://schema.org", **data_catalog(settings), "dataset": datasets}


def dataset_jsonld(dataset: Dataset, catalog: Catalog, settings, citations: int = 20) -> dict:
    """schema.org Dataset (Google's dataset guidance) with its CSV, JSON and Data
    Package distributions. ``citation`` names at most ``citations`` sources, the
    most cited first (DATASETS_JSONLD_CITATIONS): a search engine needs the main
    reports, not thousands; the downloads carry every source. ``spatialCoverage``
    names each place of the records, or, when there are more than ``citations``,
    the governorates that hold them, so the block stays small."""
    places = sorted({p for r in dataset.records for p in r.place_ids})
    regions: list[str] = []
    governorates = []
    for place_id in places:
        place = catalog.places.get(place_id)
        for area in [place, *catalog.ancestors(place_id)] if place else ():
            if area.kind == "governorate" and area.name_en not in regions:
                regions.append(area.name_en)
                governorates.append(area)
    covered = [catalog.places[p] for p in places if p in catalog.places]
    if len(covered) > citations:  # hundreds of villages: the governorates that hold them
        covered = sorted(governorates, key=lambda area: area.name_en)
    spatial = []
    for place in covered[: max(citations, 1)]:
        item = {"@type": "Place", "name": place.name_en, "url": absolute(settings, place.url)}
        if place.lat is not None:
            item["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
        spatial.append(item)
    site = absolute(settings, "")
    name = settings.get("SITENAME")
    page = absolute(settings, dataset.url)
    downloads = [
        ("text/csv", dataset.csv_url, "CSV with HXL hashtags"),
        ("application/json", dataset.json_url, "JSON"),
        ("application/json", dataset.datapackage_url, "Frictionless Data Package (datapackage.json)"),
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": dataset.description,
        "url": page,
        "identifier": page,
        "version": dataset.last_updated.isoformat(),
        "keywords": [dataset.kind, *sorted(regions)],
        "license": dataset.license_url or dataset.license,
        "creator": {"@type": "Organization", "name": dataset.maintainer, "url": site},
        "publisher": {"@type": "NewsMediaOrganization", "name": name, "url": site},
        "datePublished": min(entry.date for entry in dataset.changelog).isoformat(),
        "dateModified": dataset.last_updated.isoformat(),
        "temporalCoverage": f"{dataset.period_from.isoformat()}/{dataset.period_to.isoformat()}",
        "measurementTechnique": dataset.methodology,
        "variableMeasured": [
            {"@type": "PropertyValue", "name": column, "description": description}
            for column, description in VARIABLES[dataset.kind]
        ],
        "isAccessibleForFree": True,
        "includedInDataCatalog": data_catalog(settings),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": label,
                "encodingFormat": media_type,
                "contentUrl": main_site_url(settings, path),
            }
            for media_type, path, label in downloads
        ],
        "citation": [
            f"{s.publisher}, \u201c{s.title}\u201d" + (f", {s.published.isoformat()}" if s.published else "")
            for s in cited_most(dataset, citations)
        ],
    }
    if spatial:
        data["spatialCoverage"] = spatial
    return data


@dataclass
class PlaceView:
    """Everything a place page shows (one numbered page of its records)."""

    place: object
    ancestors: list
    children: list
    records: list = field(default_factory=list)  # (dataset, record) pairs
    pages: Pagination | None = None  # None: all records fit on the place's page
    url: str = ""

    @property
    def save_as(self):
        return f"{self.url}index.html"


def place_pages(place, ancestors, children, records, page_size: int) -> list[PlaceView]:
    """A place's page, split into numbered pages of ``page_size`` records when needed
    (a governorate may hold thousands): places/<id>/, places/<id>/page/2/ ..."""
    if len(records) <= page_size:
        return [PlaceView(place, ancestors, children, records, None, place.url)]
    count = count_pages(len(records), page_size)
    return [
        PlaceView(
            place,
            ancestors,
            children,
            records[(n - 1) * page_size : n * page_size],
            numbered_pagination(place.url, len(records), n, page_size),
            numbered_url(place.url, n),
        )
        for n in range(1, count + 1)
    ]
