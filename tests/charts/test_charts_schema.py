"""Every chart a build publishes is valid Vega-Lite.

Builds skip Altair's schema validation of the built-in chart types (about 30 ms
a chart, see charts.build.vega_lite); this test is what keeps them honest: it
validates each interactive spec the synthetic chart site publishes, one chart
of every built-in type and the custom one, against Altair's Vega-Lite schema.
"""

import json

from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from charts.spec import BUILTIN_TYPES

PAGES = ["charts/index.html", "2001/02/chart-story/index.html"]


def _specs(site):
    found = {}
    for page in PAGES:
        for script in site.html(page).select('script[type="application/json"][id$="-spec"]'):
            found[script["id"]] = json.loads(script.string)
    return found


def _types(site):
    return {
        name.removeprefix("chart--")
        for page in PAGES
        for figure in site.html(page).select("figure[data-chart-spec]")
        for name in figure["class"]
        if name.startswith("chart--")
    }


def test_every_published_chart_spec_is_valid_vega_lite(chart_site):
    schema = load_schema()
    specs = _specs(chart_site)
    assert len(specs) >= 11  # ten named charts and the story's inline chart
    for dom_id, spec in specs.items():
        error = validate_jsonschema(spec, schema, raise_error=False)
        assert error is None, f"{dom_id}: {error.message if error else ''}"


def test_the_site_covers_every_built_in_chart_type(chart_site):
    assert set(BUILTIN_TYPES) <= _types(chart_site)
