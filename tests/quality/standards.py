"""The field's own validators, run on a built site's files: libhxl (CSV
downloads), frictionless (Data Packages), pyld with an offline schema.org
context (JSON-LD), lxml with the sitemaps.org XSD (sitemap). feedparser is
called by test_standards_feeds.py itself."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"


def sitemap_schema():
    """The sitemaps.org schema (sitemap.xsd as shipped in the npm package `sitemap`)."""
    from lxml import etree

    if not SITEMAP_XSD.is_file():
        raise RuntimeError(f"{SITEMAP_XSD} not found: run `npm ci --ignore-scripts` at the project root")
    return etree.XMLSchema(etree.parse(str(SITEMAP_XSD), etree.XMLParser(no_network=True)))


def hxl_issues(csv_path):
    """Every issue libhxl's validation (its built-in core schema) reports for a CSV,
    as 'file: severity: description: hashtag row N: value' lines; [] when clean."""
    import hxl

    report = hxl.validate(hxl.data(str(csv_path), hxl.InputOptions(allow_local=True)))
    lines = []
    for issue in report["issues"]:
        for where in issue["locations"]:
            lines.append(
                f"{Path(csv_path).name}: {issue['severity']}: {issue['description']}: "
                f"{where.get('hashtag')} row {where.get('source_row')}: {where.get('location_value')!r}"
            )
    if not report["is_valid"] and not lines:
        lines.append(f"{Path(csv_path).name}: invalid, with no issue listed: {report['stats']}")
    return lines


def frictionless_errors(package_path):
    """Every error `frictionless validate` reports for a datapackage.json; [] when valid."""
    from frictionless import validate

    report = validate(str(package_path))
    errors = [f"{package_path}: {error.message}" for error in report.errors]
    errors += [f"{package_path}: {task.name}: {e.message}" for task in report.tasks for e in task.errors]
    if not report.valid and not errors:
        errors.append(f"{package_path}: invalid, with no error listed")
    return errors


SCHEMA_ORG_CONTEXT = Path(__file__).resolve().parent / "vendor" / "schemaorg-context.jsonld"
SCHEMA_ORG_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.json",
}


def offline_loader(url, options=None):
    """pyld document loader: schema.org's context from tests/quality/vendor/, and
    nothing else, ever from the network."""
    import json

    from pyld.jsonld import JsonLdError

    if url not in SCHEMA_ORG_URLS:
        raise JsonLdError(
            f"offline: refusing to load {url}", "jsonld.LoadDocumentError", code="loading document failed"
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(SCHEMA_ORG_CONTEXT.read_text(encoding="utf-8")),
    }


def expand_jsonld(document):
    """The block expanded by pyld (raises pyld's JsonLdError on invalid JSON-LD)."""
    from pyld import jsonld

    return jsonld.expand(document, {"documentLoader": offline_loader})
