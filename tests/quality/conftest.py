"""Quality gates: the default site (built once, shared with tests/foundation),
served on 127.0.0.1 as a static host would, and Debian's chromium.

Browser tests carry the marker ``browser`` (``pytest -m browser`` or
``-m "not browser"``); they run by default in ``make test``. Screenshots of each
page kind are written to test-artifacts/screenshots/.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localserver import SiteServer  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")


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


@pytest.fixture(scope="session")
def chromium_browser():
    """One chromium for the session (Playwright, never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    import chromium

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()
