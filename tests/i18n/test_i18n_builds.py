"""Small two-language sites: translations pair by slug, a story in one language
only is listed there only and says so, and a missing translation (interface
message or data field) fails the build at its file and line."""

import re

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, build_site, once_per_run

# The Arabic catalog (as in tests/i18n/conftest.py; importing 'conftest' picks
# whichever conftest module was imported first when several test folders run).
CATALOG = ROOT / "theme" / "translations" / "ar" / "LC_MESSAGES" / "messages.po"

STORY = """\
Title: {title}
Date: 2019-03-{day} 10:00+02:00
Category: Idlib
Authors: Marsad Syria Desk
Slug: {slug}
{lang}
{body}
"""


def story(slug, title, day, body, lang=""):
    return STORY.format(slug=slug, title=title, day=day, body=body, lang=f"Lang: {lang}\n" if lang else "")


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    files = {
        "content/articles/both.md": story("both", "Both languages", 10, "English text."),
        "content/articles/both.ar.md": story("both", "باللغتين", 10, "نص عربي.", "ar"),
        "content/articles/english-only.md": story("english-only", "English only", 11, "Only English."),
        "content/articles/arabic-only.ar.md": story(
            "arabic-only", "بالعربية فقط", 12, "نص بالعربية فقط.", "ar"
        ),
    }
    site = once_per_run(
        tmp_path_factory,
        "i18n-two-languages",
        lambda folder: build_site(folder, files=files, languages=["en", "ar"]),
    )
    assert site.ok, site.log
    return site


def page(site, path):
    return BeautifulSoup(site.read(path), "html5lib")


def listed(site, path):
    return sorted(
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in page(site, path).select(".lead-story__headline a, .story-card__headline a")
    )


def test_each_language_lists_its_own_stories(two_languages):
    assert listed(two_languages, "index.html") == ["both", "english-only"]
    assert listed(two_languages, "ar/index.html") == ["arabic-only", "both"]
    assert not (two_languages.output / "ar/2019/03/english-only").exists()
    assert not (two_languages.output / "2019/03/arabic-only").exists()


def test_a_story_without_translation_says_so_and_links_the_other_front_page(two_languages):
    english = page(two_languages, "2019/03/english-only/index.html")
    assert (
        english.select_one(".story__no-translation").get_text(strip=True)
        == "This story has no Arabic version."
    )
    assert not english.select('link[hreflang="ar"]')
    assert english.select_one('.language-switch a[hreflang="ar"]')["href"] == "../../../ar/"
    arabic = page(two_languages, "ar/2019/03/arabic-only/index.html")
    assert arabic.select_one(".story__no-translation").get_text(strip=True) == (
        "لا تتوفر لهذه القصة نسخة باللغة الإنجليزية."
    )
    paired = page(two_languages, "ar/2019/03/both/index.html")
    assert paired.select_one(".story__no-translation") is None
    assert paired.select_one('link[hreflang="en"]')["href"].endswith("/2019/03/both/")


def test_untranslated_interface_message_fails_the_build_at_its_line(tmp_path):
    catalog = CATALOG.read_text(encoding="utf-8")
    blanked = catalog.replace('msgid "Data"\nmsgstr "البيانات"', 'msgid "Data"\nmsgstr ""')
    removed = re.sub(r'\n(#[^\n]*\n)*msgid "Skip to content"\nmsgstr "[^"]*"\n', "\n", blanked)
    assert blanked != catalog and removed != blanked
    folder = tmp_path / "translations" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(removed, encoding="utf-8")
    line = removed.splitlines().index('msgid "Data"') + 1
    site = build_site(
        tmp_path / "site",
        files={"content/articles/a.md": story("a", "A", 10, "Text.")},
        languages=["en", "ar"],
        settings=f"I18N_TRANSLATIONS_PATH = {str(tmp_path / 'translations')!r}\n",
    )
    assert site.returncode == 1
    assert f"messages.po:{line}: ar: msgid 'Data': expected a translation, found none" in site.log
    assert re.search(
        r"theme/templates/base\.html:\d+: ar: msgid 'Skip to content': expected a translation in \S+messages\.po, found none",
        site.log,
    ), site.log
    assert not (site.output / "index.html").exists()


def test_dataset_without_its_arabic_text_fails_the_build(tmp_path):
    site = build_site(tmp_path, fixture="datasets-site", languages=["en", "ar"])
    assert site.returncode == 1
    assert re.search(
        r"data/\w+\.yml:\d+: header: title: expected title_ar, the 'ar' text of 'title', found none", site.log
    )
    assert re.search(r"data/\w+\.yml:\d+: header: changelog\[0\]\.text_ar: expected the 'ar' text", site.log)
