"""Hostile data: attack strings in every data field, article metadata, article body
and chart label either fail the build with a clear error (links that are not
http(s)) or reach readers as inert text. Checked in the files and in chromium,
with the CSP enforced and, to prove escaping does not lean on the CSP, bypassed.

Fixtures: tests/fixtures/hostile-site (payloads numbered alert(N), see its README)
and tests/fixtures/hostile-rejected (non-http(s) source links).
"""

import json
import re

import chromium
import pytest
import sitefiles
from helpers import FIXTURES, build_site, once_per_run

SCRIPT_TYPES_ALLOWED = {"application/ld+json", "application/json"}
UNSAFE_IN_JSON = re.compile("[<>&\u2028\u2029]")
EVIL_SOURCE_URL = "https://example.org/report?a=\"><svg/onload=alert(900)>&b='<script>alert(901)</script>'"


def payload(n):
    return f'H{n} </script><script>alert({n})</script> "><svg onload=alert({n})> <img src=x onerror=alert({n})> \u2028\u202e{n}'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = once_per_run(
        tmp_path_factory, "hostile", lambda folder: build_site(folder, fixture="hostile-site")
    )
    assert site.ok, f"the hostile site should build (its payloads are to be escaped):\n{site.log}"
    return site


def _pages(site):
    return sorted(site.output.rglob("*.html"))


def test_every_kind_of_page_was_built(hostile):
    pages = {p.relative_to(hostile.output).as_posix() for p in _pages(hostile)}
    for expected in (
        "index.html",
        "2019/03/hostile-story/index.html",
        "data/casualties/index.html",
        "places/hostile-town/index.html",
        "charts/index.html",
    ):
        assert expected in pages, f"{expected} missing; built: {sorted(pages)}"


def test_no_executable_markup_in_any_page(hostile):
    problems = []
    for path in _pages(hostile):
        where = path.relative_to(hostile.output)
        soup = sitefiles.parse(path)
        for script in soup.find_all("script"):
            if not script.get("src") and (script.get("type") or "").lower() not in SCRIPT_TYPES_ALLOWED:
                problems.append(f"{where}: inline <script>{script.get_text()[:60]}")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    problems.append(f"{where}: <{element.name} {name}={value[:40]!r}>")
                if name in ("href", "src", "action", "formaction", "data", "xlink:href") and re.match(
                    r"\s*(javascript|vbscript|data:text)", value, re.I
                ):
                    problems.append(f"{where}: <{element.name} {name}={value[:40]!r}>")
        problems += [
            f"{where}: <{e.name}>" for e in soup.find_all(["iframe", "object", "embed", "base", "style"])
        ]
        problems += [f"{where}: <{e.name} style=...>" for e in soup.find_all(style=True)]
    assert not problems, "\n".join(problems)


def test_no_third_party_resource_even_when_authors_paste_one(hostile):
    problems = []
    for path in _pages(hostile):
        for tag, attribute, url in sitefiles.resources(sitefiles.parse(path)):
            if sitefiles.is_external(url) and not url.startswith(sitefiles.site_origin(hostile.output) + "/"):
                problems.append(f"{path.relative_to(hostile.output)}: <{tag} {attribute}={url!r}>")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "page, field",
    [
        ("2019/03/hostile-story/index.html", "hostile.md title"),
        ("2019/03/hostile-story/index.html", "hostile.md dateline"),
        ("2019/03/hostile-story/index.html", "hostile.md correction"),
        ("2019/03/hostile-story/index.html", "hostile.md image_caption"),
        ("2019/03/hostile-story/index.html", "charts/hostile-bars.yml title"),
        ("2019/03/hostile-story/index.html", "hostile.md inline chart title"),
        ("data/casualties/index.html", "casualties.yml title"),
        ("data/casualties/index.html", "casualties.yml methodology"),
        ("data/casualties/index.html", "casualties.yml h-1 notes"),
        ("data/casualties/index.html", "casualties.yml h-1 source title"),
        ("data/casualties/index.html", "casualties.yml changelog text"),
        ("places/hostile-town/index.html", "places.yml town name_en"),
        ("charts/index.html", "charts/hostile-bars.yml title"),
    ],
)
def test_payload_reaches_the_reader_as_text(hostile, page, field):
    """Escaped, not silently dropped: the reader sees exactly what the source said."""
    n = _field_number(field)
    text = sitefiles.parse(hostile.output / page).body.get_text()
    expected = payload(n).split(" \u2028")[0]
    assert expected in text, f"{field} (H{n}) not shown as text on {page}"


def test_formatted_summary_is_sanitised_not_dropped(hostile):
    """The summary is Markdown (FORMATTED_FIELDS), so it is cleaned by the allowlist
    rather than escaped: the text stays, the markup that could run goes."""
    n = _field_number("hostile.md summary")
    standfirst = sitefiles.parse(hostile.output / "2019/03/hostile-story/index.html").find(
        string=re.compile(rf"H{n}\b")
    )
    assert standfirst is not None, f"summary (H{n}) missing from the article page"


def test_source_link_keeps_its_address_intact(hostile):
    """A quote in a URL cannot end the href attribute."""
    soup = sitefiles.parse(hostile.output / "data/casualties/index.html")
    assert soup.find("a", href=EVIL_SOURCE_URL) is not None
    assert soup.find("svg", onload=True) is None


def test_json_blocks_escape_markup_and_line_separators(hostile):
    problems, seen = [], 0
    for path in _pages(hostile):
        for script in sitefiles.parse(path).find_all(
            "script", type=lambda t: (t or "").lower() in SCRIPT_TYPES_ALLOWED
        ):
            seen += 1
            text = script.string or ""
            if UNSAFE_IN_JSON.search(text):
                problems.append(
                    f"{path.relative_to(hostile.output)}: raw {UNSAFE_IN_JSON.search(text).group()!r}"
                )
            json.loads(text)
    assert seen, "no JSON block found: the test would prove nothing"
    assert not problems, "\n".join(problems)
    article = sitefiles.parse(hostile.output / "2019/03/hostile-story/index.html")
    data = json.loads(article.find("script", type="application/ld+json").string)
    assert data["headline"] == payload(_field_number("hostile.md title"))


def test_non_http_source_links_are_refused_with_clear_errors(tmp_path):
    site = build_site(tmp_path, fixture="hostile-rejected")
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    data_file = (FIXTURES / "hostile-rejected" / "data" / "casualties.yml").read_text(encoding="utf-8")
    expected = []
    for number, line in enumerate(data_file.splitlines(), start=1):
        match = re.match(r'\s*(url|publisher_url|license_url): "(.*)"$', line)
        if match:
            expected.append((number, match.group(1)))
    assert len(expected) == 8
    missing = [
        f"line {n} ({field})"
        for n, field in expected
        if not re.search(rf"data/casualties\.yml:{n}: .*{field}: expected an http", site.log)
    ]
    assert not missing, f"not reported: {missing}\n{site.log}"
    assert not (site.output / "index.html").exists()


def _field_number(field):
    """The N of the payload planted in a field (tests/fixtures/hostile-site/payloads.json)."""
    numbers = json.loads((FIXTURES / "hostile-site" / "payloads.json").read_text(encoding="utf-8"))
    return numbers[field]


@pytest.mark.browser
@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp-enforced", "csp-bypassed"])
def test_no_payload_runs_in_the_browser(hostile, chromium_browser, bypass_csp):
    """Every page of the hostile site in chromium with JavaScript on, once its charts are
    interactive: no dialog opens, no injected element or handler exists in the live
    DOM, and (with the CSP enforced) no violation is reported, which would mean markup
    got through."""
    from localserver import SiteServer

    context = chromium.new_context(chromium_browser, "desktop", True, bypass_csp=bypass_csp)
    problems = []
    try:
        with SiteServer(hostile.output) as server:
            tab = chromium.Tab(context, server.origin)
            for path in _pages(hostile):
                relative = path.relative_to(hostile.output).as_posix()
                expected = 404 if relative == "404.html" else 200
                record = tab.open(
                    server.url("no-such-page/" if expected == 404 else relative), "light", expected
                )
                # At rest: the charts drawn again by vega-embed (the payloads in their
                # labels and tooltips are then in the live DOM too), late events in.
                lines = [] if tab.charts_interactive() else ["not every chart became interactive"]
                record = tab.finish(wait=20)
                lines += [f"dialog: {d}" for d in record.dialogs]
                lines += [f"injected: {i}" for i in tab.page.evaluate(chromium.FIND_INJECTED)]
                lines += [f"uncaught exception: {e}" for e in record.page_errors]
                if not bypass_csp:
                    lines += [f"CSP violation: {v}" for v in record.csp_violations]
                problems += [f"{relative}: {line}" for line in lines]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
