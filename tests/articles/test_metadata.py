"""Article metadata rules: bad metadata fails the build naming file, line and key."""

from helpers import build_site

GOOD = """\
Title: A good story
Date: 2019-03-17 18:00+02:00
Category: Idlib
Authors: Test Desk

Body.
"""


def test_good_article_builds(tmp_path):
    site = build_site(tmp_path, files={"content/articles/good.md": GOOD})
    assert site.ok, site.log


def test_all_metadata_problems_of_a_run_are_listed(tmp_path):
    files = {
        "content/articles/good.md": GOOD,
        "content/articles/no-title.md": "Date: 2019-03-17 18:00+02:00\nCategory: Idlib\n\nBody.\n",
        "content/articles/misspelt.md": GOOD.replace("Authors:", "Autors:"),
        "content/articles/bad-date.md": GOOD.replace("2019-03-17 18:00+02:00", "17th of Marhc"),
        "content/articles/naive-date.md": GOOD.replace("2019-03-17 18:00+02:00", "2019-03-17 18:00"),
        "content/articles/no-category.md": "Title: X\nDate: 2019-03-17 18:00+02:00\n\nBody.\n",
        "content/articles/bad-correction.md": GOOD.replace(
            "Authors:", "Corrections: yesterday: fixed\nAuthors:"
        ),
    }
    site = build_site(tmp_path, files=files)
    assert site.returncode == 1
    log = site.log
    assert "Traceback" not in log
    assert "Build failed with" in log
    assert "content/articles/no-title.md:1: no-title: title: required metadata is missing" in log
    assert (
        "content/articles/misspelt.md:4: a-good-story: autors: unknown metadata key (did you mean 'authors'?)"
        in log
    )
    assert "content/articles/bad-date.md:2: a-good-story: date: expected a date with time and timezone" in log
    assert "'17th of Marhc'" in log
    assert (
        "content/articles/naive-date.md:2: a-good-story: date: expected a date with time and timezone" in log
    )
    assert "content/articles/no-category.md:1: x: category: required metadata is missing" in log
    assert (
        "content/articles/bad-correction.md:4: a-good-story: corrections: expected 'YYYY-MM-DD: what changed'"
        in log
    )


def test_impossible_date_is_rejected(tmp_path):
    files = {"content/articles/feb30.md": GOOD.replace("2019-03-17", "2019-02-30")}
    site = build_site(tmp_path, files=files)
    assert site.returncode == 1
    assert (
        "content/articles/feb30.md:2: a-good-story: date: '2019-02-30 18:00+02:00' is not a real date"
        in site.log
    )


def test_broken_internal_link_fails_the_build(tmp_path):
    files = {"content/articles/good.md": GOOD + "\n[gone]({filename}missing.md)\n"}
    site = build_site(tmp_path, files=files)
    assert site.returncode == 1
    assert "missing.md" in site.log
    assert "Traceback" not in site.log


def test_pages_need_only_a_title(tmp_path):
    files = {"content/articles/good.md": GOOD, "content/pages/about.md": "Title: About\n\nWho we are.\n"}
    site = build_site(tmp_path, files=files)
    assert site.ok, site.log
    assert site.html("about/index.html").h1.get_text() == "About"


def test_a_plugin_that_cannot_load_fails_the_build(tmp_path):
    site = build_site(
        tmp_path,
        files={"content/articles/good.md": GOOD},
        settings='PLUGINS = PLUGINS + ["no_such_plugin"]\n',
    )
    assert site.returncode == 1
    assert "Cannot load plugin `no_such_plugin`" in site.log


def test_home_leads_with_the_newest_story_unless_an_editor_picks_one(tmp_path):
    older = GOOD.replace("A good story", "Older story")
    newer = GOOD.replace("A good story", "Newer story").replace("2019-03-17", "2019-03-19")
    files = {"content/articles/older.md": older, "content/articles/newer.md": newer}
    newest_first = build_site(tmp_path / "a", files=files, settings="HOME_LEAD_SLUG = None\n")
    assert newest_first.ok, newest_first.log
    assert newest_first.html("index.html").select_one("#lead-heading").get_text() == "Newer story"
    picked = build_site(tmp_path / "b", files=files, settings='HOME_LEAD_SLUG = "older-story"\n')
    assert picked.ok, picked.log
    page = picked.html("index.html")
    assert page.select_one("#lead-heading").get_text() == "Older story"
    assert [h.get_text() for h in page.select(".latest .story-card__headline")] == ["Newer story"]


def test_a_quiet_run_still_fails_and_lists_the_problems(tmp_path):
    # pelican -q raises the log level to CRITICAL; problems must still stop the build.
    files = {"content/articles/misspelt.md": GOOD.replace("Authors:", "Autors:")}
    site = build_site(tmp_path, files=files, pelican_args=["-q"])
    assert site.returncode == 1
    assert "Build failed with 1 problem:" in site.log
    assert (
        "content/articles/misspelt.md:4: a-good-story: autors: unknown metadata key (did you mean 'authors'?)"
        in site.log
    )
    quiet = build_site(tmp_path / "good", files={"content/articles/good.md": GOOD}, pelican_args=["-q"])
    assert quiet.ok, quiet.log
    assert "Build failed" not in quiet.log
