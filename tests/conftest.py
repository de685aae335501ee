"""Shared fixtures. Each build below is made once per test run, even when
pytest-xdist's workers all ask for it (helpers.once_per_run), and is shared:
tests only read it (copy it first to change anything).

- ``default_site``: the project's own content and data, a cold build with the
  real pelicanconf (a BuiltSite).
- ``warm_caches``: the folder holding that build's caches (``.chart-cache`` and
  the others); pass it as ``caches=`` to helpers.build_site or copy_project when
  the test is not about a cold build, and no chart or card of the default site is
  drawn again.
- ``synthetic_site``: tests/fixtures/datasets-site (synthetic places, records and
  stories), a cold build in English (a BuiltSite); ``synthetic_caches``, the folder
  holding its caches, does for builds of that fixture what ``warm_caches`` does for
  the default site's.
- ``published_project``: a copy of the project after `invoke publish` (what
  `make publish` runs) for PUBLISH_ORIGIN, a sub-path, started from the default
  site's caches (the publish, sub-path and compression tests read it).
- ``chromium_browser``: one Debian chromium (Playwright, never a downloaded
  browser) per worker for every browser test.

Every build_site build is a child of this process's build server
(tests/buildserver.py), which imported Pelican and the plugins once.

``pytest --cpu-durations=N`` lists the tests that cost the most CPU time
(tests/cputime.py): the measure to use on a shared machine.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest_plugins = ["cputime"]

from helpers import PUBLISH_ENV, build_site, copy_project, invoke, once_per_run  # noqa: E402


@pytest.fixture(scope="session")
def default_site(tmp_path_factory):
    """The project's own content and data, built once (cold) with the real pelicanconf."""
    site = once_per_run(
        tmp_path_factory, "default-site", lambda folder: build_site(folder, default_site=True)
    )
    assert site.ok, site.log
    return site


@pytest.fixture(scope="session")
def warm_caches(default_site):
    """The folder holding the default site's build caches (helpers.seed_caches reads it)."""
    return default_site.site


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory):
    """tests/fixtures/datasets-site (synthetic places, records and stories), built once per run."""
    site = once_per_run(
        tmp_path_factory, "datasets-site", lambda folder: build_site(folder, fixture="datasets-site")
    )
    assert site.ok, site.log
    return site


@pytest.fixture(scope="session")
def synthetic_caches(synthetic_site):
    """The folder holding the datasets-site fixture's build caches (for ``caches=``)."""
    return synthetic_site.site


def _publish(folder, caches):
    project = copy_project(folder, caches=caches)
    result = invoke(project, "publish", env=PUBLISH_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def published_project(tmp_path_factory, warm_caches):
    """A copy of the project after `invoke publish` for PUBLISH_ORIGIN, made once per
    run from the default site's caches: the publish, sub-path and compression tests
    read it and must not change it."""
    return once_per_run(tmp_path_factory, "publish", lambda folder: _publish(folder, warm_caches))


@pytest.fixture(scope="session")
def chromium_browser():
    """One chromium for the whole session: Playwright's sync API allows one at a time."""
    import chromium

    with chromium.running() as browser:
        yield browser
