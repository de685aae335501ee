"""Autoescaping and sanitising: hostile metadata and raw HTML never reach readers as markup."""

import json

from helpers import build_site

HOSTILE = """\
Title: <img src=x onerror=alert(1)> headline
Date: 2019-03-17 18:00+02:00
Category: Idlib
Authors: Test Desk
Slug: hostile
Summary: A standfirst with <script>alert(2)</script> inside and a <a href="https://example.org/" onclick="alert(3)">link</a>.
Corrections: 2019-03-18: Fixed </script><script>alert(4)</script> and \u2028 too.

Body text <script>alert(5)</script> and <img src="{static}/images/x.svg" onerror="alert(6)"> and
<a href="https://example.org/" onmouseover="alert(7)">a link with a handler</a>.
"""


def test_hostile_article_is_escaped_and_sanitised(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
    site = build_site(tmp_path, files={"content/articles/hostile.md": HOSTILE, "content/images/x.svg": svg})
    assert site.ok, site.log
    for path in ("index.html", "2019/03/hostile/index.html"):
        page = site.html(path)
        assert page.find("img", onerror=True) is None, path
        assert not [
            s
            for s in page.find_all("script")
            if "alert" in (s.string or "") and s.get("type") != "application/ld+json"
        ], path
        assert page.find("a", href=lambda h: h and h.startswith("javascript:")) is None, path
        assert page.find(string=lambda s: "<img src=x onerror=alert(1)>" in s) is not None, path
    article = site.html("2019/03/hostile/index.html")
    body = article.find(class_="story__body")
    assert body.find("a", href="https://example.org/") is not None
    assert body.find("img")["src"] == "../../../images/x.svg"
    assert not body.find_all(onmouseover=True) and not body.find_all(onerror=True)
    raw = site.read("2019/03/hostile/index.html")
    json_ld = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_ld and "\u2028" not in json_ld
    data = json.loads(json_ld)
    assert data["headline"] == "<img src=x onerror=alert(1)> headline"
    assert "</script><script>alert(4)</script>" in data["correction"][0]["text"]
