"""One build for the search tests (both modules import these fixtures; the
build is made once per run, the server once per process): the project's own site plus a small Arabic
story in Arabic only, written with diacritics and hamza. plugins/i18n builds the
Arabic subsite (/ar/, <html lang="ar">), so Pagefind writes an English and an
Arabic index and /ar/search/ searches the Arabic one."""

import functools
import sys

import pytest
from helpers import ROOT, build_site, once_per_run
from localserver import SiteServer

sys.path.insert(0, str(ROOT / "plugins"))

# Synthetic test content in our own words: no figure, only what data/places.yml
# says (Saraqib and Maarat al-Numan lie in Idlib governorate). Written with
# diacritics and hamza so plain queries must find them.
ARABIC_STORY = """\
Title: صفحة اختبار البحث: سَراقِب ومَعَرَّة النُّعمان
Date: 2019-03-20 10:00+02:00
Category: Testing
Lang: ar
Slug: search-test-arabic
Places: saraqib, maarat-al-numan
Summary: صفحة تجريبية لاختبار البحث باللغة العربية.

تذكر هذه الصفحة التجريبية مدينتَي سَراقِب ومَعَرَّة النُّعمان في محافظة إدلب،
ولا تنقل أي رقم أو خبر. الغرض منها أن يجد القارئ الصفحة بالبحث عن اسم المدينة
مكتوباً بالتشكيل أو من دونه، وبالهمزة أو من دونها.
"""


def _build(folder, caches):
    return build_site(
        folder,
        default_site=True,
        files={
            "content/articles/search-test-arabic.md": ARABIC_STORY,
        },
        caches=caches,  # the default site's charts and cards, drawn once per run
    )


@functools.cache
def _server(output):
    return SiteServer(output).__enter__()  # runs until the process ends (daemon thread)


# Not a conftest.py: tests elsewhere import their own conftest by name. Both test
# modules import these fixtures; the build is made once per run (once_per_run) and
# the server once per process (_server).
@pytest.fixture(scope="session")
def search_site(tmp_path_factory, warm_caches):
    site = once_per_run(tmp_path_factory, "search-site", lambda folder: _build(folder, warm_caches))
    assert site.ok, site.log
    return site


@pytest.fixture(scope="session")
def search_server(search_site):
    return _server(search_site.output)
