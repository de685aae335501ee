"""Ready for an Arabic edition: direction comes from settings, CSS uses logical properties."""

import re

from helpers import ROOT, build_site

PHYSICAL = re.compile(
    r"(?<![\w-])(margin|padding|border)-(left|right)\b"
    r"|(?<![\w-])(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
)


def test_theme_css_uses_logical_properties_only():
    offenders = []
    for css in sorted((ROOT / "theme" / "static").rglob("*.css")):
        for number, line in enumerate(css.read_text(encoding="utf-8").splitlines(), start=1):
            if PHYSICAL.search(line):
                offenders.append(f"{css.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "physical (left/right) CSS found:\n" + "\n".join(offenders)


def test_arabic_edition_sets_lang_and_dir(tmp_path):
    story = (
        "Title: تصعيد في إدلب\nDate: 2019-03-17 18:00+02:00\nCategory: إدلب\n"
        "Authors: Marsad Syria Desk\nSlug: escalation\n\nنص القصة.\n"
    )
    site = build_site(
        tmp_path,
        files={"content/articles/escalation.md": story},
        settings='DEFAULT_LANG = "ar"\nTEXT_DIRECTION = "rtl"\nLOCALE_BABEL = "ar"\n',
    )
    assert site.ok, site.log
    page = site.html("2019/03/escalation/index.html")
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.h1.get_text() == "تصعيد في إدلب"
