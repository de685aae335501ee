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
        (page,) = [
            p for p in default_site.pages() if p.endswith(f"/{slug}/index.html") and not p.startswith("ar/")
        ]
        assert "{figure:" not in default_site.read(page) and "{total:" not in default_site.read(page)


def test_default_figures_link_to_the_record_that_holds_them(default_site):
    records = {}
    for name in ("casualties", "displacement", "targeted-locations"):
        data = yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        records.update({(name, r["id"]): r for r in data["records"]})
    checked = 0
    for page in [p for p in default_site.pages() if p.startswith("2019/")]:
        for link in default_site.html(page).select(".story__body a.figure"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
            dataset, record_id = target.split("/")[1:3]
            record = records[(dataset, record_id)]
            assert (default_site.output / target / "index.html").is_file()
            values = {
                f"{v:,}"
                for k, v in record.items()
                if k in ("killed", "injured", "attacks", "families", "persons", "count")
                and isinstance(v, int)
            }
            if record.get("qualifier") == "at-least":
                values = {f"at least {v}" for v in values}
            assert link.get_text() in values, (page, link, record_id)
            checked += 1
    # russia-escalates: 4 raids, 15 killed, 49 injured, 89 areas, 39/34/16 locations,
    # 17,467 families and 110,393 people; displacement: 17,467, 110,393 and 89.
    assert checked == 9 + 3
