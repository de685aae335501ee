"""Search in Debian's chromium, on the built site served locally with its
Content-Security-Policy enforced (meta tag and _headers). One browser context
for the module; the build is the session's ``search_site``."""

import datetime as dt
import json
import re
import sys
from html import unescape
from pathlib import Path

import chromium
import pytest

sys.path.insert(0, str(Path(chromium.ROOT) / "benchmarks"))
import search_cost  # noqa: E402  (benchmarks/: the same measurement as make bench)
import searchsite  # the shared build (and plugins/ on the path)

search_site = searchsite.search_site  # fixtures
search_server = searchsite.search_server
pytestmark = pytest.mark.browser
WEIGHT_REPORT = Path(chromium.ROOT) / "test-artifacts" / "search-weight.json"
# Bytes (gzip) before the first results show, on this small site: issue 13's
# 150 KB for the 2,000-story benchmark (make bench weighs that), held tighter
# here so that a heavier page, script or index shows: Pagefind's WebAssembly
# (72 KB) and pagefind.js (13 KB), the first part's word-index chunk (23 KB at
# this size), the page with its styles and scripts (12 KB), the first five fragments.
FIRST_RESULTS_BUDGET = 135 * 1024


@pytest.fixture(scope="module")
def context(chromium_browser):
    context = chromium.new_context(chromium_browser)
    yield context
    context.close()


@pytest.fixture(scope="module")
def tab(context, search_server):
    tab = chromium.Tab(context, search_server.origin)
    yield tab
    tab.close()


def open_search(tab, server, path="search/"):
    visit = tab.open(server.url(path))
    tab.page.wait_for_selector("#search-form:not([hidden])")
    return visit


def type_query(tab, words):
    """Type into the search field; return the result links, in order, once shown."""
    page = tab.page
    page.fill("#search-query", words)
    wait_for_status(page, words)
    return results(tab)


def wait_for_status(page, words):
    # A locator waits in Playwright's own world: wait_for_function would eval a
    # string in the page, which the enforced policy (no 'unsafe-eval') refuses.
    page.locator("#search-status").filter(has_text=words).wait_for()


def results(tab):
    return tab.page.eval_on_selector_all(
        ".search-result",
        """items => items.map(i => ({href: new URL(i.querySelector('a').href).pathname,
             meta: i.querySelector('.search-result__meta').textContent,
             marks: [...i.querySelectorAll('mark')].map(m => m.textContent)}))""",
    )


def choose(tab, select, value, words):
    """Choose a filter or order; wait for the new results."""
    tab.page.evaluate("document.getElementById('search-status').textContent = ''")
    tab.page.select_option(select, value)
    wait_for_status(tab.page, words)
    return results(tab)


def assert_clean(tab):
    problems = tab.finish().problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "words, first",
    [
        ("Saraqib", "/places/saraqib/"),
        ("Idleb", "/places/idlib-city/"),  # a gazetteer spelling of Idlib
        ("Edlib", "/places/idlib-city/"),
        ("Ma'arrat al-Nu'man", "/places/maarat-al-numan/"),
        # The dataset that gives the figure (its totals), then the pages that cite it.
        ("110,393", "/data/displacement/"),
        ("سراقب", "/places/saraqib/"),  # the Arabic name, on the English place page
    ],
)
def test_english_search_finds_the_page_first(tab, search_server, words, first):
    open_search(tab, search_server)
    found = type_query(tab, words)
    assert found and found[0]["href"] == first, found[:3]
    assert found[0]["marks"], "the match is highlighted in the excerpt"
    if words == "110,393":  # the story that reports it is found too
        assert "/2019/03/displacement-dmz-march-2019/" in [r["href"] for r in found]
    assert_clean(tab)


@pytest.mark.parametrize(
    "words, first",
    [
        ("سراقب", "/ar/places/saraqib/"),
        ("سَراقِب", "/ar/places/saraqib/"),  # with diacritics
        ("معرة النعمان", "/ar/places/maarat-al-numan/"),
        ("ادلب", None),  # without the hamza of إدلب
        ("إدلب", None),
    ],
)
def test_arabic_search_finds_arabic_pages_with_or_without_diacritics_and_hamza(
    tab, search_server, words, first
):
    open_search(tab, search_server, "ar/search/")
    found = type_query(tab, words)
    hrefs = [r["href"] for r in found]
    assert hrefs and all(h.startswith("/ar/") for h in hrefs), hrefs
    if first:
        assert hrefs[0] == first, hrefs[:3]
    else:  # the test story writes إدلب and سَراقِب; the query finds it either way
        stories = choose(tab, "#search-kind", "story", words)
        assert any("search-test-arabic" in r["href"] for r in stories), stories
        choose(tab, "#search-kind", "", words)
    assert_clean(tab)


def test_navigation_and_footer_are_not_indexed(tab, search_server):
    open_search(tab, search_server)
    for words in ("journalism", "Skip"):  # the masthead's tagline, the skip link
        assert type_query(tab, words) == [], words


def test_filters_narrow_and_order_the_results(tab, search_server):
    open_search(tab, search_server)
    everything = type_query(tab, "Idlib")
    kinds = {r["meta"].split(" · ")[0] for r in everything}
    assert {"Story", "Record", "Place"} <= kinds
    records = choose(tab, "#search-kind", "record", "Idlib")
    assert 0 < len(records) < len(everything)
    assert all(r["meta"].startswith("Record") for r in records)
    dataset = tab.page.eval_on_selector("#search-dataset", "s => s.options[1].value")
    in_dataset = choose(tab, "#search-dataset", dataset, "Idlib")
    assert 0 < len(in_dataset) <= len(records)
    choose(tab, "#search-dataset", "", "Idlib")
    choose(tab, "#search-kind", "", "Idlib")
    governorates = tab.page.eval_on_selector_all("#search-governorate option", "os => os.map(o => o.value)")
    assert "idlib-governorate" in governorates and "lattakia-governorate" in governorates
    counts = {g: len(choose(tab, "#search-governorate", g, "Idlib")) for g in governorates[1:]}
    assert all(n <= len(everything) for n in counts.values()), counts
    assert any(0 < n < len(everything) for n in counts.values()), counts
    choose(tab, "#search-governorate", "", "Idlib")
    years = tab.page.eval_on_selector_all("#search-year option", "os => os.map(o => o.value)")
    assert "2019" in years
    newest = choose(tab, "#search-sort", "desc", "Idlib")
    days = [_day(r["meta"]) for r in newest]
    days = [d for d in days if d]
    assert len(days) >= 3 and days == sorted(days, reverse=True), days
    # Records (their own part of the index) and stories in one date order.
    oldest = choose(tab, "#search-sort", "asc", "Idlib")
    days = [d for d in (_day(r["meta"]) for r in oldest) if d]
    assert len(days) >= 3 and days == sorted(days), days
    assert {"Record", "Story"} <= {r["meta"].split(" · ")[0] for r in oldest}, oldest
    choose(tab, "#search-sort", "", "Idlib")
    assert_clean(tab)


def _day(meta):
    for part in meta.split(" · ")[1:]:
        try:
            return dt.datetime.strptime(part.strip(), "%d %B %Y").date()
        except ValueError:
            continue
    return None


def test_search_page_with_results_has_no_accessibility_violation(tab, search_server):
    for path, words in (("search/", "Saraqib"), ("ar/search/", "سراقب")):
        open_search(tab, search_server, path)
        assert type_query(tab, words)
        violations = chromium.run_axe(tab.page)
        name = f"search-{path.strip('/').replace('/', '-')}-results"
        chromium.screenshot(tab.page, name, failed=bool(violations))
        assert not violations, chromium.describe_violations(violations)
    assert_clean(tab)


def test_keyboard_alone_reaches_a_result(tab, search_server):
    open_search(tab, search_server)
    page = tab.page
    assert page.evaluate("document.activeElement.id") == "search-query"
    page.keyboard.type("Idlib")
    page.keyboard.press("Enter")
    wait_for_status(page, "Idlib")
    links = page.eval_on_selector_all(".search-result__title a", "as => as.map(a => a.href)")
    active = "document.activeElement.href || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(active) == "search-query"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == links[0]
    assert_clean(tab)


def test_header_box_opens_results_and_the_words_never_reach_the_server(tab, search_server):
    tab.open(search_server.url("places/"))
    page = tab.page
    page.fill("#search-box-query", "Saraqib")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search/#q=Saraqib")
    page.wait_for_selector(".search-result")
    assert results(tab)[0]["href"] == "/places/saraqib/"
    assert not [r for r in search_server.requests if "Saraqib" in r or "q=" in r]
    assert_clean(tab)


def test_first_results_fetch_little(chromium_browser, search_server):
    """Bytes (gzip) a reader with an empty cache fetches until the first results
    show: at most five fragments among them (the rest are fetched after)."""
    measured = search_cost.first_results_bytes(chromium_browser, search_server.origin, "Saraqib")
    WEIGHT_REPORT.parent.mkdir(parents=True, exist_ok=True)
    WEIGHT_REPORT.write_text(json.dumps(measured, indent=1))
    total = measured["total_gzip_bytes"]
    assert sum(".pf_fragment" in url for url in measured["files"]) <= 5, measured["files"]
    # The records part of the index (plugins/search) is asked for only once the
    # first results are drawn, and then merged in (its metadata and word index).
    assert not [url for url in measured["files"] if "/pagefind/records/" in url], measured["files"]
    later = measured["after_first_results"]
    assert any(url.split("?")[0].endswith("/pagefind/records/pagefind-entry.json") for url in later), later
    assert any("/pagefind/records/index/" in url for url in later), later
    assert total <= FIRST_RESULTS_BUDGET, f"{total} bytes: {json.dumps(measured['files'], indent=1)}"


def test_arabic_search_speaks_arabic_with_results_shown(tab, search_server, search_site):
    """/ar/search/ with results: no English interface message (the catalog's msgids),
    dates in Arabic, the count in the catalog's plural form for that number, the
    menus' values in Arabic."""
    import gettext

    from babel.messages.pofile import read_po
    from helpers import english_fragments, english_left

    po = Path(chromium.ROOT) / "theme" / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as handle:
        fragments = english_fragments(read_po(handle))
    mo = search_site.site / ".i18n-cache" / "ar" / "LC_MESSAGES" / "messages.mo"
    with open(mo, "rb") as handle:
        arabic = gettext.GNUTranslations(handle)
    open_search(tab, search_server, "ar/search/")
    found = type_query(tab, "إدلب")
    assert len(found) >= 3
    page = tab.page
    dated = [r["meta"] for r in found if " · " in r["meta"]]
    assert dated and all(re.search("[\u0600-\u06ff]", m.split(" · ")[1]) for m in dated), dated
    menus = page.eval_on_selector_all("select option", "os => os.map(o => o.textContent)")
    assert "محافظة إدلب" in menus
    # Excerpts quote the Arabic pages' own text (tests/i18n scans the pages); they
    # may quote the places' other spellings, indexed unseen (search_facets.html).
    page.eval_on_selector_all(".search-result__excerpt", "es => es.forEach(e => e.remove())")
    shown = " ".join([page.inner_text("main"), *menus, page.title()])
    # A place page's title, like its heading, gives its English name beside the Arabic.
    from datasets.validate import build_catalog

    catalog, _ = build_catalog(search_site.site / "data")
    for name in sorted({p.name_en for p in catalog.places.values()}, key=len, reverse=True):
        shown = shown.replace(name, " ")
    assert not english_left(shown, fragments), english_left(shown, fragments)
    few = type_query(tab, "سراقب")  # all shown on one page: the status counts them
    assert few and page.locator("#search-more").is_hidden()
    expected = arabic.ngettext("{count} result for “{query}”.", "{count} results for “{query}”.", len(few))
    assert page.inner_text("#search-status") == expected.format(count=len(few), query="سراقب")
    assert_clean(tab)


def _visible_text(html):
    """A page's text as a reader sees it: without its hidden spellings block."""
    html = re.sub(r'<p hidden id="search-spellings".*?</p>', " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize(
    "path, words",
    [("ar/search/", "سراقب"), ("ar/search/", "إدلب"), ("search/", "Idleb"), ("search/", "Saraqib")],
)
def test_excerpts_quote_only_what_the_page_shows(tab, search_server, search_site, path, words):
    """The places' other spellings are indexed unseen (search_facets.html): they
    match, but no excerpt quotes a spelling its page does not show, in either
    language (an Arabic page shows no Latin transliteration of its places)."""
    from datasets.validate import build_catalog

    catalog, _ = build_catalog(search_site.site / "data")
    latin = {s for p in catalog.places.values() for s in (p.name_en, *p.spellings) if s}
    open_search(tab, search_server, path)
    type_query(tab, words)
    found = tab.page.eval_on_selector_all(
        ".search-result",
        """items => items.map(i => ({href: new URL(i.querySelector('a').href).pathname,
             excerpt: i.querySelector('.search-result__excerpt').textContent}))""",
    )
    assert len(found) >= 2, found
    quoted = 0
    for result in found:
        address = result["href"].lstrip("/")
        page = search_site.output / (
            address + "index.html" if address.endswith("/") or not address else address
        )
        shown = _visible_text(page.read_text(encoding="utf-8"))
        unseen = [name for name in latin if name in result["excerpt"] and name not in shown]
        assert not unseen, (result, unseen)
        quoted += bool(result["excerpt"].strip())
    assert quoted == len(found), "every result has an excerpt"
    assert_clean(tab)
