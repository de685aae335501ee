"""The Markdown cache (plugins/articles/cache.py): a story edited after a build is
converted afresh, and the cache holds data (JSON), one entry per source."""

import json

from helpers import build_site

STORY = """\
Title: A kept story
Date: 2019-03-17 18:00+02:00
Category: Idlib
Authors: Test Desk
Summary: The *first* standfirst.

The first body, with a [link](https://example.org/).
"""


def test_an_edited_story_is_converted_again(tmp_path):
    first = build_site(tmp_path, files={"content/articles/kept.md": STORY})
    assert first.ok, first.log
    kept = first.site / ".content-cache" / "markdown-en.json"
    entries = json.loads(kept.read_text(encoding="utf-8"))
    assert [entry["formatted"]["summary"] for entry in entries.values()] == [
        "<p>The <em>first</em> standfirst.</p>"
    ]
    edited = STORY.replace("first body", "second body").replace("*first*", "*second*")
    second = build_site(tmp_path, files={"content/articles/kept.md": edited})
    assert second.ok, second.log
    page = second.html("2019/03/a-kept-story/index.html")
    text = page.get_text(" ")
    assert "second body" in text and "first body" not in text
    assert "second" in page.find("meta", attrs={"name": "description"})["content"]
    assert len(json.loads(kept.read_text(encoding="utf-8"))) == 1, "the old entry is dropped"
