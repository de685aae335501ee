"""Dangling references fail the build, all listed, each naming file and line."""

import pytest

EXPECTED = [
    # metadata (line of the key, or of the value on a continuation line)
    "content/articles/broken.md:5: broken: places: unknown place 'atlantis'; "
    "expected an id from data/places.yml",
    "content/articles/broken.md:6: broken: datasets: unknown dataset 'no-such-dataset'; "
    "expected one of: strikes",
    "content/articles/broken.md:8: broken: incidents: unknown record 'strike-99'",
    "content/articles/broken.md:9: broken: related: unknown story 'ghost-story'; "
    "expected the slug of a published story",
    "content/articles/other.md:5: other: related: 'other' is this story's own slug",
    # links in the text
    "content/articles/broken.md:13: broken: link: {filename}missing-story.md: no story, "
    "page or file at content/articles/missing-story.md",
    "content/articles/broken.md:14: broken: link: /data/no-such-dataset/: no page of this "
    "site has this address",
    "content/articles/broken.md:19: broken: link: {tag}no-such-tag: no tag 'no-such-tag'",
    "content/pages/test-page.md:3: synthetic-page: link: {filename}../articles/nope.md: "
    "no story, page or file at content/articles/nope.md",
    # redirects claiming addresses in use
    "content/articles/other.md:6: other: redirect_from: 'broken' gives /2019/03/broken/, "
    "which is the address of a page of this site",
    "content/articles/broken.md:10: broken: redirect_from: 'shared-old' is already "
    "redirected to story 'other'",
]


def summary(site):
    """The strict plugin's closing list of problems."""
    assert "Build failed with" in site.log, site.log
    return site.log[site.log.index("Build failed with") :]


def test_build_fails_without_traceback(dangling_site):
    assert dangling_site.returncode == 1
    assert "Traceback" not in dangling_site.log


@pytest.mark.parametrize("message", EXPECTED)
def test_each_dangling_reference_is_listed(dangling_site, message):
    assert message in summary(dangling_site)


def test_valid_references_are_not_reported(dangling_site):
    listed = summary(dangling_site)
    for fine in (
        "alpha-town'",
        "'strikes'",
        "strike-1'",
        "/places/alpha-town/",
        "/data/strikes/",
        "{filename}other.md",
        "/archives/",
        "not-checked.md",
    ):
        assert fine not in listed


def test_valid_links_build(links_site):
    # links_site has a {filename} link, a {static} link and site-relative links.
    page = links_site.html("2019/03/first/index.html")
    hrefs = [a["href"] for a in page.select(".story__body a")]
    assert hrefs == ["../../../2019/03/second/", "/places/alpha-town/", "../../../images/dot.svg"]


def test_explicit_link_makes_stories_related(links_site):
    # first and second share nothing but first's link to second (weight 3 >= 2).
    def related(path):
        block = links_site.html(path).select_one("aside.related")
        return block.h2.get_text(strip=True), [
            a["href"].rstrip("/").split("/")[-1] for a in block.select(".story-card__headline a")
        ]

    assert related("2019/03/first/index.html") == ("Related stories", ["second"])
    assert related("2019/03/second/index.html") == ("Related stories", ["first"])
    assert related("2019/03/third/index.html")[0] == "More stories"


def test_bad_settings_fail_the_build(tmp_path):
    from helpers import build_site

    site = build_site(
        tmp_path,
        fixture="related-links",
        settings="""
RELATED_WEIGHTS = {"tags": 1.0, "place": -2}
RELATED_THRESHOLD = "high"
""",
    )
    assert site.returncode == 1
    listed = summary(site)
    assert "RELATED_WEIGHTS: unknown weight 'tags'; expected one of" in listed
    assert "RELATED_WEIGHTS: 'place': expected a number >= 0, found -2" in listed
    assert "RELATED_THRESHOLD: expected a number >= 0, found 'high'" in listed
    assert "Traceback" not in site.log
