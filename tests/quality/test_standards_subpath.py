"""A publish build under a sub-path (a project's GitHub Pages address) passes the
same checks as the root build: LinkChecker finds no broken link, anchor or asset
with the site served under /marsad/, every internal link and fragment resolves in
the files, feeds link only into the site, the sitemap is valid and complete."""

import pytest
import standards
import test_links as links
import test_standards_feeds as feeds
import test_standards_sitemap as sitemap
from helpers import PUBLISH_ORIGIN as ORIGIN


@pytest.fixture(scope="module")
def subpath_output(published_project):
    """The session's publish build (tests/conftest.py), made for ORIGIN."""
    return published_project / "output"


def test_the_build_names_itself_by_the_sub_path(subpath_output):
    import sitefiles

    assert sitefiles.site_origin(subpath_output) == ORIGIN


def test_feeds_use_the_public_origin_and_pages_stay_relative(subpath_output):
    feed = (subpath_output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f"{ORIGIN}/2019/03/russia-escalates-idlib-march-2019/" in feed
    index = (subpath_output / "index.html").read_text(encoding="utf-8")
    assert 'href="./2019/03/' in index or 'href="2019/03/' in index  # links stay relative


def test_linkchecker_finds_no_broken_link_or_anchor(subpath_output, tmp_path):
    """The root build's LinkChecker run (test_links.py), on the site served under its sub-path."""
    from urllib.parse import urlsplit

    from localserver import SiteServer

    with SiteServer(subpath_output, prefix=urlsplit(ORIGIN).path) as server:
        assert server.url("index.html").endswith("/marsad/")
        links.test_linkchecker_finds_no_broken_link_or_anchor(server, subpath_output, tmp_path)


def test_internal_links_resolve(subpath_output):
    links.test_every_internal_link_and_fragment_resolves_in_the_files(subpath_output)


def test_feeds_link_into_the_site(subpath_output):
    for kind in ("atom", "rss"):
        feeds.test_feedparser_reads_every_feed_and_every_entry_is_a_page(subpath_output, kind)
    feeds.test_entries_link_absolutely_and_carry_no_inline_chart(subpath_output)


def test_sitemap_is_valid_and_complete(subpath_output):
    sitemap.test_sitemap_validates_against_the_sitemaps_schema(subpath_output, standards.sitemap_schema())
    sitemap.test_every_indexable_page_is_listed_with_its_lastmod(subpath_output)
