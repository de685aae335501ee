"""No broken internal link, anchor or asset: LinkChecker over the served site, and
the same check done directly on the files (which also covers canonical links,
feeds' links written with the site's origin, and CSS url()s)."""

import re

import pagekinds
import pytest
import sitefiles
import tools

LINK_ATTRIBUTES = [("a", "href"), ("area", "href")] + sitefiles.RESOURCE_ATTRIBUTES
NOT_CHECKED = re.compile(r"^(mailto:|tel:|data:|https?:|//)", re.I)


def _checked(output, url):
    """Internal links, including absolute ones on the site's own origin (canonical, feeds)."""
    return bool(url) and (url.startswith(sitefiles.site_origin(output) + "/") or not NOT_CHECKED.match(url))


def test_linkchecker_finds_no_broken_link_or_anchor(site_server, site_output, tmp_path):
    starts = [site_server.url(p) for p in pagekinds.html_files(site_output) if p != "404.html"]
    starts += [site_server.url("sitemap.xml")] + [
        site_server.url(p.relative_to(site_output).as_posix()) for p in sorted(site_output.rglob("*.css"))
    ]
    rows = tools.linkcheck(starts, tmp_path)
    checked = {row["url"] for row in rows}
    assert site_server.url("index.html") in checked
    broken = [
        f"{row['parentname'] or '(start)'}:{row['line']}: {row['urlname']} -> {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]
    assert not broken, f"{len(broken)} problems:\n" + "\n".join(sorted(set(broken)))


def test_linkchecker_reports_what_it_should(tmp_path):
    """LinkChecker really checks assets and anchors here: a broken site fails."""
    from localserver import SiteServer

    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><a href="a/#there">ok</a>'
        '<a href="a/#nowhere">bad anchor</a><img src="gone.png" alt="">',
        encoding="utf-8",
    )
    (tmp_path / "site" / "a" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>a</title><h2 id="there">t</h2>', encoding="utf-8"
    )
    with SiteServer(tmp_path / "site") as server:
        rows = tools.linkcheck([server.url("index.html")], tmp_path)
    problems = {row["urlname"] for row in rows if row["valid"] != "True" or row["warningstring"]}
    assert problems == {"a/#nowhere", "gone.png"}


def test_every_internal_link_and_fragment_resolves_in_the_files(site_output):
    # Each page is parsed once: its links are gathered and its ids kept for the
    # fragments that point into it (parsing is what this check costs).
    ids, links = {}, []
    for path in sorted(site_output.rglob("*.html")):
        soup = sitefiles.parse(path)
        ids[path] = sitefiles.ids_of(soup)
        base = sitefiles.page_url(site_output, path)
        where = path.relative_to(site_output).as_posix()
        for tag, attribute in LINK_ATTRIBUTES:
            for element in soup.find_all(tag):
                for url in sitefiles.urls_in(element.get(attribute) or "", attribute):
                    if _checked(site_output, url):
                        links.append((path, base, where, url))
    for path in sorted(site_output.rglob("*.css")):
        base = sitefiles.page_url(site_output, path)
        for url in sitefiles.css_urls(path.read_text(encoding="utf-8")):
            if _checked(site_output, url):
                links.append((path, base, path.relative_to(site_output).as_posix(), url))
    problems = []
    for path, base, where, url in links:
        problems += _check(site_output, path, base, where, url, ids)
    assert not problems, f"{len(problems)} broken:\n" + "\n".join(problems)


def _check(output, path, base, where, url, ids=None):
    """Problems of one link (``ids``: {page: its anchors} for pages already parsed)."""
    resolved = sitefiles.to_output_path(output, base, url)
    if resolved is None:
        return [f"{where}: {url}: leaves the site (unexpected scheme)"]
    target, fragment = resolved
    if not target.is_file():
        return [
            f"{where}: {url}: no file {target.relative_to(output) if target.is_relative_to(output) else target}"
        ]
    if fragment and target.suffix == ".html":
        found = (ids or {}).get(target)
        if found is None:
            found = sitefiles.anchors(target)
        if fragment not in found:
            return [f"{where}: {url}: no element with id {fragment!r} in {target.relative_to(output)}"]
    return []


@pytest.mark.parametrize(
    "url, broken",
    [
        ("a/", False),
        ("a/#there", False),
        ("a/#nowhere", True),
        ("gone/", True),
        ("#self", False),
        ("#gone", True),
    ],
)
def test_file_link_check_catches_broken_links(tmp_path, url, broken):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="there">t</h2>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<p id="self">x</p>', encoding="utf-8")
    assert bool(_check(tmp_path, page, "/", "index.html", url)) is broken
