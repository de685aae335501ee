"""The default site lives under the rule: every story builds, every figure links to its record."""

import posixpath
import sys

import yaml
from helpers import ROOT

STORIES = sorted((ROOT / "content" / "articles").glob("*.md"))


def test_the_rule_is_on_for_the_default_site():
    sys.path.insert(0, str(ROOT))
    import pelicanconf

    assert "figures" in pelicanconf.PLUGINS
    assert len(STORIES) >= 5


def test_every_default_story_builds_under_the_rule(default_site):
    # The session's default build passed (conftest asserts it), with the rule on:
    # every count in the stories is a shortcode or cited. Each story is published,
    # and no shortcode is left for a reader to see.
    for path in STORIES:
        slug = next(
            line.split(":", 1)[1].strip()
            for line in path.read_text().splitlines()
            if line.startswith("Slug:")
        )
        (page,) = [p for p in default_site.pages() if p.endswith(f"/{slug}/index.html")]
        assert "{figure:" not in default_site.read(page) and "{total:" not in default_site.read(page)


def test_default_figures_link_to_the_record_that_holds_them(default_site):
    records = {}
    for name in ("casualties", "displacement", "targeted-locations"):
        data = yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        records.update({(name, r["id"]): r for r in data["records"]})
    page = "2019/03/russia-escalates-idlib-march-2019/index.html"
    links = default_site.html(page).select(".story__body a.figure")
    assert len(links) >= 9
    for link in links:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
        dataset, record_id = target.split("/")[1:3]
        record = records[(dataset, record_id)]
        assert (default_site.output / target / "index.html").is_file()
        values = {
            f"{v:,}" if isinstance(v, int) else None
            for k, v in record.items()
            if k in ("killed", "injured", "attacks", "families", "persons", "count")
        }
        if record.get("qualifier") == "at-least":
            values = {f"at least {v}" for v in values if v}
        assert link.get_text() in values, (link, record_id)
