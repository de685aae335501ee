"""Quality gates: the default site (built once, shared with tests/foundation),
served on 127.0.0.1 as a static host would, and Debian's chromium.

Browser tests carry the marker ``browser`` (``pytest -m browser`` or
``-m "not browser"``, declared in pytest.ini); they run by default in ``make test``
with the session's ``chromium_browser`` (tests/conftest.py). Screenshots of each
page kind are written to test-artifacts/screenshots/ with MARSAD_SCREENSHOTS=1
(and of a page that fails).
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localserver import SiteServer  # noqa: E402


@pytest.fixture(scope="session")
def site_output(request):
    """The output directory of the default site's build (shared with tests/foundation).

    MARSAD_CHECK_OUTPUT=<dir> checks an existing build instead (e.g. output/ after
    `make build`, or a publish build) without building again.
    """
    existing = os.environ.get("MARSAD_CHECK_OUTPUT")
    if existing:
        return Path(existing).resolve()
    return request.getfixturevalue("default_site").output


@pytest.fixture(scope="session")
def site_server(site_output):
    """The default site on http://127.0.0.1:<random port>/ with its _headers applied
    (under the same sub-path as its SITE_ORIGIN, if it has one)."""
    from urllib.parse import urlsplit

    import sitefiles

    with SiteServer(site_output, prefix=urlsplit(sitefiles.site_origin(site_output)).path) as server:
        yield server
