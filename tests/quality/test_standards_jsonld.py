"""Every JSON-LD block of the default site meets Google's guidance for its type
(NewsArticle: article guidance; Dataset and DataCatalog: dataset guidance) and
expands as JSON-LD with pyld, offline (schema.org's context from
tests/quality/vendor/, see its README)."""

import json
import re
from urllib.parse import urlsplit

import imagesize
import pagekinds
import pytest
import sitefiles
import standards

# Google's article guidance (Article structured data) asks for these on a NewsArticle;
# Marsad also always gives url, mainEntityOfPage, description and inLanguage.
ARTICLE_REQUIRED = [
    "headline",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "inLanguage",
    "url",
    "mainEntityOfPage",
    "description",
]
# workTranslation / translationOfWork: the story in the other language (plugins/i18n).
ARTICLE_OPTIONAL = [
    "image",
    "keywords",
    "articleSection",
    "correction",
    "workTranslation",
    "translationOfWork",
]
# Google's dataset guidance: name and description required; the rest recommended,
# and every one of them is expected here.
DATASET_REQUIRED = [
    "name",
    "description",
    "url",
    "identifier",
    "license",
    "creator",
    "publisher",
    "distribution",
    "temporalCoverage",
    "keywords",
    "datePublished",
    "dateModified",
    "version",
    "variableMeasured",
    "includedInDataCatalog",
    "measurementTechnique",
    "isAccessibleForFree",
    "citation",
]
DATASET_OPTIONAL = ["spatialCoverage"]
CATALOG_REQUIRED = ["name", "url", "dataset"]
PROPERTIES = {
    "NewsArticle": (ARTICLE_REQUIRED, ARTICLE_OPTIONAL),
    "Dataset": (DATASET_REQUIRED, DATASET_OPTIONAL),
    "DataCatalog": (CATALOG_REQUIRED, []),
}
ZONED_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _blocks(site_output):
    """(page, parsed JSON-LD) for every block of every page."""
    found = []
    for page in pagekinds.html_files(site_output):
        for script in sitefiles.parse(site_output / page).find_all("script", type="application/ld+json"):
            found.append((page, json.loads(script.string)))
    return found


@pytest.fixture(scope="module")
def blocks(site_output):
    found = _blocks(site_output)
    kinds = {block["@type"] for _, block in found}
    assert {"NewsArticle", "Dataset", "DataCatalog"} <= kinds, kinds
    return found


def _local_file(site_output, url):
    """The output file an absolute URL on the site's own origin names (or None)."""
    origin = sitefiles.site_origin(site_output)
    if not url.startswith(origin + "/"):
        return None
    path = urlsplit(url).path[len(urlsplit(origin).path) :].lstrip("/")
    target = site_output / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def _resolves(site_output, url):
    target = _local_file(site_output, url)
    return target is not None and target.is_file()


def test_every_block_has_its_types_properties_and_expands(blocks):
    problems = []
    for page, block in blocks:
        kind = block.get("@type")
        if kind not in PROPERTIES:
            problems.append(f"{page}: {kind}: no property list for this type (add one to this test)")
            continue
        required, optional = PROPERTIES[kind]
        missing = [p for p in required if block.get(p) in (None, "", [])]
        unknown = sorted(set(block) - set(required) - set(optional) - {"@context", "@type"})
        if missing or unknown:
            problems.append(f"{page}: {kind}: missing {missing}, unexpected {unknown}")
        try:
            expanded = standards.expand_jsonld(block)
        except Exception as error:  # pyld's JsonLdError names what is wrong
            problems.append(f"{page}: does not expand as JSON-LD: {error}")
            continue
        (node,) = expanded
        if node["@type"] != [f"http://schema.org/{kind}"]:
            problems.append(f"{page}: expanded type {node['@type']}")
        dropped = set(block) - {"@context", "@type"} - {k.removeprefix("http://schema.org/") for k in node}
        if dropped:
            problems.append(f"{page}: properties lost in expansion: {sorted(dropped)}")
        if not all("@id" in value for value in node["http://schema.org/url"]):
            problems.append(f"{page}: url did not expand to an IRI")
    assert not problems, "\n".join(problems)


def test_news_articles_meet_the_article_guidance(site_output, blocks):
    problems = []
    for page, block in (pair for pair in blocks if pair[1]["@type"] == "NewsArticle"):
        for name in ("datePublished", "dateModified"):
            if not ZONED_TIME.match(block[name]):
                problems.append(f"{page}: {name} {block[name]!r}: expected a date and time with its zone")
        for author in block["author"]:
            if author.get("@type") not in ("Person", "Organization") or not author.get("name"):
                problems.append(f"{page}: author {author}")
            if not _resolves(site_output, author.get("url", "")):
                problems.append(f"{page}: author url {author.get('url')} is not a page of the site")
        logo = block["publisher"].get("logo") or {}
        logo_file = _local_file(site_output, logo.get("url", ""))
        if not (logo_file and logo_file.suffix == ".png" and logo_file.is_file()):
            problems.append(f"{page}: publisher logo {logo}: expected a PNG of the site")
        elif imagesize.get(logo_file) != (logo["width"], logo["height"]) or logo["width"] < 112:
            problems.append(f"{page}: publisher logo is {imagesize.get(logo_file)}, not as declared {logo}")
        image = block.get("image")
        if image is None:  # every story has its social card (plugins/cards)
            problems.append(f"{page}: image: expected a raster image at least 1200 px wide, found none")
        else:
            image_file = _local_file(site_output, image["url"])
            size = imagesize.get(image_file) if image_file and image_file.is_file() else (-1, -1)
            if image_file is None or image_file.suffix.lower() not in (".png", ".jpg", ".jpeg", ".webp"):
                problems.append(f"{page}: image {image}: expected a raster file of the site")
            elif size[0] < 1200 or list(size) != [image.get("width"), image.get("height")]:
                problems.append(
                    f"{page}: image is {size}, expected at least 1200 px wide, as declared {image}"
                )
        corrections = sitefiles.parse(site_output / page).select("section.corrections li")
        listed = block.get("correction", [])
        if any(c.get("@type") != "CorrectionComment" or not DAY.match(c["datePublished"]) for c in listed):
            problems.append(f"{page}: corrections {listed}")
        if len(listed) != len(corrections):
            problems.append(f"{page}: {len(corrections)} corrections on the page, {len(listed)} in JSON-LD")
    assert not problems, "\n".join(problems)


def test_datasets_meet_the_dataset_guidance(site_output, blocks):
    problems = []
    for page, block in (pair for pair in blocks if pair[1]["@type"] == "Dataset"):
        formats = {d["encodingFormat"] for d in block["distribution"]}
        if not {"text/csv", "application/json"} <= formats:
            problems.append(f"{page}: distribution formats {formats}")
        for download in block["distribution"]:
            if download.get("@type") != "DataDownload" or not _resolves(site_output, download["contentUrl"]):
                problems.append(f"{page}: download {download} is not a file of the site")
        if not any(d["contentUrl"].endswith("/datapackage.json") for d in block["distribution"]):
            problems.append(f"{page}: no Data Package among the downloads")
        if not _resolves(site_output, block["creator"].get("url", "")):
            problems.append(f"{page}: creator {block['creator']} has no url of the site")
        catalog = block["includedInDataCatalog"]
        if catalog.get("@type") != "DataCatalog" or not _resolves(site_output, catalog["url"]):
            problems.append(f"{page}: includedInDataCatalog {catalog}")
        if not re.match(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$", block["temporalCoverage"]):
            problems.append(f"{page}: temporalCoverage {block['temporalCoverage']!r}")
        # Every place of the JSON download that has coordinates has its geo here.
        json_download = next(d for d in block["distribution"] if d["contentUrl"].endswith(".json"))
        download = json.loads(
            _local_file(site_output, json_download["contentUrl"]).read_text(encoding="utf-8")
        )
        geo = {p.get("url"): p.get("geo") for p in block.get("spatialCoverage", [])}
        # A language subsite's dataset page (ar/data/...) names that subsite's place pages.
        first = page.split("/", 1)[0]
        subsite = f"{first}/" if (site_output / first / "sitemap.xml").is_file() else ""
        for place_id, place in download["places"].items():
            url = f"{sitefiles.site_origin(site_output)}/{subsite}places/{place_id}/"
            if place["lat"] is not None and (geo.get(url) or {}).get("latitude") != place["lat"]:
                problems.append(f"{page}: spatialCoverage: {place_id} without its geo {place['lat']}")
        if not all(v.get("@type") == "PropertyValue" and v.get("name") for v in block["variableMeasured"]):
            problems.append(f"{page}: variableMeasured {block['variableMeasured']}")
    assert not problems, "\n".join(problems)


def test_the_offline_loader_never_fetches_anything_else():
    from pyld.jsonld import JsonLdError

    with pytest.raises(JsonLdError):
        standards.expand_jsonld({"@context": "https://example.org/context.jsonld", "name": "x"})
    (node,) = standards.expand_jsonld({"@context": "https://schema.org", "@type": "Dataset", "name": "x"})
    assert node["http://schema.org/name"] == [{"@value": "x"}]
