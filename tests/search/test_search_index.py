"""The index and the pages around it, read from the built files (no browser)."""

import gzip
import json

import searchsite  # the shared build (and plugins/ on the path)
from helpers import build_site

from security import policy

search_site = searchsite.search_site  # fixtures
search_server = searchsite.search_server


def _fragment_urls(folder):
    """The page addresses of an index part's fragments (gzip, "pagefind_dcd", then JSON)."""
    return {
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        for f in (folder / "fragment").glob("*.pf_fragment")
    }


def test_pagefind_indexes_each_language_of_the_build_in_two_parts(search_site):
    """Stories, datasets, places and the chart gallery in pagefind/; every record
    page, and nothing else, in pagefind/records/ (the part a query loads later)."""
    main = json.loads(search_site.read("pagefind/pagefind-entry.json"))
    records = json.loads(search_site.read("pagefind/records/pagefind-entry.json"))
    assert set(main["languages"]) == set(records["languages"]) == {"en", "ar"}
    # not listings or the search page
    assert main["languages"]["en"]["page_count"] >= 20
    assert main["languages"]["ar"]["page_count"] >= 20  # the Arabic edition, plus the test story
    record_pages = {
        "/" + p.removesuffix("index.html")
        for p in search_site.pages()
        if 'data-search-index="records"' in search_site.read(p)
    }
    assert len(record_pages) >= 10 and all("/data/" in p for p in record_pages), record_pages
    assert sum(records["languages"][code]["page_count"] for code in ("en", "ar")) == len(record_pages)
    main_urls = _fragment_urls(search_site.output / "pagefind")
    assert _fragment_urls(search_site.output / "pagefind" / "records") == record_pages
    assert "/places/saraqib/" in main_urls and "/data/displacement/" in main_urls
    assert not main_urls & record_pages
    # The records part is merged into the first part's Pagefind: no script or WebAssembly of its own.
    left = sorted(p.name for p in (search_site.output / "pagefind" / "records").iterdir())
    assert [n for n in left if n.endswith((".js", ".css", ".pagefind"))] == [], left
    assert not (search_site.output / "ar" / "pagefind").exists()  # one index, built by the main site


def test_only_the_search_pages_allow_webassembly(search_site):
    for path in ("search/index.html", "ar/search/index.html"):
        meta = search_site.html(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        sources = policy.directives(meta["content"])["script-src"]
        assert sources == ["'self'", "'wasm-unsafe-eval'"], path
    for path in search_site.pages():
        if path.endswith("search/index.html"):
            continue
        text = search_site.read(path)
        assert "wasm-unsafe-eval" not in text and "unsafe-eval" not in text, path


def test_headers_replace_the_policy_only_for_the_search_pages(search_site):
    headers = search_site.read("_headers")
    rules = {}
    current = None
    for line in headers.splitlines():
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), [])
        else:
            current.append(line.strip())
    assert "wasm" not in " ".join(rules["/*"])
    assert "/pagefind/pagefind-worker.js" not in rules  # search.js runs Pagefind without its worker
    for rule in ("/search/*", "/ar/search/*"):
        assert rules[rule][0] == "! Content-Security-Policy", rule
        assert "script-src 'self' 'wasm-unsafe-eval';" in rules[rule][1], rule
        assert "'unsafe-eval'" not in rules[rule][1].replace("'wasm-unsafe-eval'", "")


def test_search_page_without_javascript_points_to_the_indexes(search_site):
    page = search_site.html("search/index.html")
    message = page.find("noscript")
    assert message is not None and "needs JavaScript" in message.get_text()
    links = {a["href"] for a in message.find_all("a")}
    assert links == {"../archives/", "../places/", "../data/"}
    assert page.find("form", id="search-form").has_attr("hidden")


def test_header_box_names_no_field_so_nothing_is_sent(search_site):
    for path in ("index.html", "places/saraqib/index.html", "2019/03/displacement-dmz-march-2019/index.html"):
        box = search_site.html(path).find("form", attrs={"data-search-box": True})
        assert box is not None, path
        assert box.find("input", attrs={"name": True}) is None, path
        assert box["action"].endswith("search/"), path


def test_pages_carry_their_facets(search_site):
    record = search_site.html("data/casualties/idlib-city-2019-03-13/index.html")
    body = record.find(attrs={"data-pagefind-body": True})
    facets = body.find(class_="search-facets")
    assert facets["data-kind"] == "record" and facets["data-day"] == "2019-03-13"
    filters = {
        (s["data-pagefind-filter"].split("[")[0], s["data-id"])
        for s in facets.find_all(attrs={"data-id": True})
    }
    assert filters == {
        ("governorate", "idlib-governorate"),
        ("dataset", "casualties"),
    }  # ids, in every language
    assert "Edlib" in facets.find("p", hidden=True).get_text()
    place = search_site.html("places/saraqib/index.html").find(class_="search-facets")
    assert place["data-kind"] == "place" and not place.has_attr("data-day")
    assert search_site.html("index.html").find(attrs={"data-pagefind-body": True}) is None


def test_a_failed_index_fails_the_build_with_a_clear_message(tmp_path):
    site = build_site(
        tmp_path,
        files={
            "content/articles/one.md": """\
                Title: One story
                Date: 2019-03-16 10:00+02:00
                Category: Testing

                A sentence.
                """
        },
        settings="SEARCH_TIMEOUT = 0.001\n",
    )
    assert site.returncode == 1
    assert "plugins/search: Pagefind did not finish within SEARCH_TIMEOUT (0.001 s)" in site.log
    assert "Traceback" not in site.log


def test_only_known_page_sources_are_accepted():
    assert policy.page_source_problems({"search/index.html": ["'wasm-unsafe-eval'"]}) == []
    found = policy.page_source_problems({"search/index.html": ["'unsafe-eval'"]})
    assert found and "found 'unsafe-eval'" in found[0]
