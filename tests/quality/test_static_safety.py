"""Private and safe, read from the files: no third-party resource anywhere, the
CSP and referrer policy on every page and in _headers, and no markup the CSP
would have to allow (inline script, event handlers, javascript: URLs, inline style)."""

import json
import re
import sys

import pytest
import sitefiles
from localserver import read_headers_file

sys.path.insert(0, str(sitefiles.ROOT / "plugins"))
from security import policy  # noqa: E402

SAME_SITE_LINK_RELS = {"canonical", "alternate"}
JSON_TYPES = {"application/ld+json", "application/json", "importmap"}
UNSAFE_JSON = re.compile("[<>&\u2028\u2029]")


def _pages(output):
    return sorted(output.rglob("*.html"))


def test_no_third_party_resource_in_any_page(site_output):
    origin = sitefiles.site_origin(site_output)
    problems = []
    for path in _pages(site_output):
        for tag, attribute, url in sitefiles.resources(sitefiles.parse(path)):
            if not sitefiles.is_external(url):
                continue
            if tag == "link" and url.startswith(origin + "/"):
                continue  # canonical / feed links name the site's own origin; not fetched
            problems.append(f"{path.relative_to(site_output)}: <{tag} {attribute}={url!r}>")
    assert not problems, "\n".join(problems)


def test_own_origin_links_are_only_canonical_and_alternate(site_output):
    origin = sitefiles.site_origin(site_output)
    problems = []
    for path in _pages(site_output):
        for link in sitefiles.parse(path).find_all("link", href=True):
            rels = set(link.get("rel") or [])
            if sitefiles.is_external(link["href"]) and not rels <= SAME_SITE_LINK_RELS:
                problems.append(
                    f"{path.relative_to(site_output)}: <link rel={sorted(rels)} href={link['href']!r}>"
                )
            elif sitefiles.is_external(link["href"]) and not link["href"].startswith(origin + "/"):
                problems.append(f"{path.relative_to(site_output)}: {link['href']!r} is not on {origin}")
    assert not problems, "\n".join(problems)


def test_no_third_party_resource_in_css_or_svg(site_output):
    problems = []
    for path in sorted(site_output.rglob("*.css")):
        problems += [
            f"{path.relative_to(site_output)}: url({u})"
            for u in sitefiles.css_urls(path.read_text(encoding="utf-8"))
            if sitefiles.is_external(u)
        ]
    for path in sorted(site_output.rglob("*.svg")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", text) + sitefiles.css_urls(text):
            if sitefiles.is_external(url) and not url.startswith("http://www.w3.org/"):
                problems.append(f"{path.relative_to(site_output)}: {url}")
    assert not problems, "\n".join(problems)


def test_every_page_carries_the_policy_before_anything_it_loads(site_output):
    problems = []
    for path in _pages(site_output):
        head = sitefiles.parse(path).head
        where = path.relative_to(site_output)
        metas = head.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        if len(metas) != 1:
            problems.append(f"{where}: {len(metas)} CSP meta tags")
            continue
        csp = metas[0]["content"]
        problems += [f"{where}: {p}" for p in policy.problems(csp)]
        first = next((e for e in head.find_all(True) if e.name in ("link", "script", "style", "base")), None)
        if first is not None and first.sourceline is not None and first.sourceline < metas[0].sourceline:
            problems.append(f"{where}: <{first.name}> comes before the CSP meta tag")
        referrer = head.find("meta", attrs={"name": "referrer"})
        if referrer is None or referrer.get("content") != "no-referrer":
            problems.append(f"{where}: expected <meta name=referrer content=no-referrer>")
    assert not problems, "\n".join(problems)


def test_default_policy_is_the_documented_one(site_output):
    meta = sitefiles.parse(site_output / "index.html").head.find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )
    parsed = policy.directives(meta["content"])
    assert parsed["script-src"] == ["'self'"]
    assert parsed["style-src"] == ["'self'"]
    assert parsed["object-src"] == ["'none'"]
    assert parsed["base-uri"] == ["'none'"]
    assert "frame-ancestors" not in parsed, (
        "browsers ignore frame-ancestors in <meta>; it belongs in _headers"
    )


def test_headers_file_matches_the_pages(site_output):
    rules = dict(read_headers_file(site_output / "_headers"))
    assert "/*" in rules, "_headers has no rule for every path"
    headers = dict(rules["/*"])
    meta = sitefiles.parse(site_output / "index.html").head.find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )["content"]
    header_policy = policy.directives(headers["Content-Security-Policy"])
    assert {k: v for k, v in header_policy.items() if k != "frame-ancestors"} == policy.directives(meta)
    assert header_policy["frame-ancestors"] == ["'none'"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]


def test_no_markup_the_policy_would_block(site_output):
    """What CSP blocks in the browser, found in every file: inline script and style,
    event-handler attributes, javascript: URLs."""
    problems = []
    for path in _pages(site_output):
        where = path.relative_to(site_output)
        soup = sitefiles.parse(path)
        for script in soup.find_all("script"):
            if not script.get("src") and (script.get("type") or "").lower() not in JSON_TYPES:
                problems.append(f"{where}: inline <script>: {script.get_text()[:80]!r}")
        problems += [f"{where}: <style> element" for _ in soup.find_all("style")]
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    problems.append(f"{where}: <{element.name} {name}=...>")
                elif name.lower() == "style":
                    problems.append(f"{where}: <{element.name} style={text[:60]!r}> (blocked by style-src)")
                elif re.match(r"^\s*(javascript|vbscript|data:text/html)", text, re.I) and name in (
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "xlink:href",
                    "data",
                    "poster",
                ):
                    problems.append(f"{where}: <{element.name} {name}={text[:60]!r}>")
    assert not problems, "\n".join(problems)


def test_json_in_pages_is_escaped_and_parses(site_output):
    problems = []
    for path in _pages(site_output):
        for script in sitefiles.parse(path).find_all(
            "script", type=lambda t: (t or "").lower() in JSON_TYPES
        ):
            text = script.string or ""
            if UNSAFE_JSON.search(text):
                problems.append(
                    f"{path.relative_to(site_output)}: raw {UNSAFE_JSON.search(text).group()!r} in JSON"
                )
            try:
                json.loads(text)
            except ValueError as error:
                problems.append(f"{path.relative_to(site_output)}: JSON does not parse: {error}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "bad",
    [
        "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "default-src 'self'; script-src 'self' 'unsafe-eval'",
        "default-src *",
        "style-src 'self'",
        "",
    ],
)
def test_unsafe_policies_are_refused(bad):
    assert policy.problems(bad)


def test_default_policy_passes_its_own_check():
    assert policy.problems(policy.DEFAULT_CONTENT_SECURITY_POLICY) == []


def test_every_page_names_an_icon_that_exists(site_output):
    """Without <link rel=icon>, every browser asks for /favicon.ico (a 404 in every
    reader's console and in the host's logs, and wrong under a sub-path)."""
    problems = []
    for path in _pages(site_output):
        icons = [
            link
            for link in sitefiles.parse(path).head.find_all("link", href=True)
            if "icon" in (link.get("rel") or [])
        ]
        if not icons:
            problems.append(f"{path.relative_to(site_output)}: no <link rel=icon>")
            continue
        base = sitefiles.page_url(site_output, path)
        for link in icons:
            resolved = sitefiles.to_output_path(site_output, base, link["href"])
            if resolved is None or not resolved[0].is_file():
                problems.append(f"{path.relative_to(site_output)}: icon {link['href']!r} missing")
    assert not problems, f"{len(problems)} pages:\n" + "\n".join(problems[:10])
