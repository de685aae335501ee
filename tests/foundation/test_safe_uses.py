"""Every |safe in the templates is one of the reviewed uses listed in docs/security.md."""

import re

from helpers import ROOT

SAFE_USE = re.compile(r"\{\{\s*([\w.]+)\s*\|\s*safe\s*\}\}")
DOCUMENTED = re.compile(r"^\| `(theme/templates/[^`]+)` \| `([\w.]+)` \|", re.M)


def test_safe_uses_match_the_reviewed_list():
    in_templates = set()
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        for value in SAFE_USE.findall(template.read_text(encoding="utf-8")):
            in_templates.add((template.relative_to(ROOT).as_posix(), value))
    reviewed = set(DOCUMENTED.findall((ROOT / "docs" / "security.md").read_text(encoding="utf-8")))
    assert in_templates, "no |safe found: the pattern no longer matches the templates"
    assert in_templates == reviewed, (
        f"not reviewed in docs/security.md: {sorted(in_templates - reviewed)}; "
        f"listed but gone: {sorted(reviewed - in_templates)}"
    )


def test_no_other_way_to_bypass_autoescape():
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "autoescape false" not in text.replace("  ", " "), template
        assert "|safe" not in re.sub(SAFE_USE, "", text).replace(" ", ""), template
