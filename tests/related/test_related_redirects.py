"""A renamed story's old addresses keep working through small redirect pages."""

import pytest

OLD = [
    "2019/03/old-first/index.html",  # Redirect_from: old-slug, with ARTICLE_URL
    "2018/12/older-first/index.html",
]  # Redirect_from: a former path


@pytest.mark.parametrize("old", OLD)
def test_old_address_refreshes_and_links_to_new_one(links_site, old):
    page = links_site.html(old)
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    delay, target = refresh.split(";", 1)
    assert delay == "0"
    assert target.strip() == "url=../../../2019/03/first/"
    link = page.select_one("main a[href='../../../2019/03/first/']")
    assert link.get_text() == "Synthetic first story"
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/2019/03/first/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize("old", OLD)
def test_redirect_pages_use_no_javascript(links_site, old):
    assert links_site.html(old).select("script") == []


def test_redirect_target_exists(links_site):
    assert (links_site.output / "2019/03/first/index.html").is_file()


def test_sitemap_lists_only_canonical_pages(links_site):
    sitemap = links_site.read("sitemap.xml")
    assert "/2019/03/first/" in sitemap
    assert "old-first" not in sitemap and "older-first" not in sitemap
