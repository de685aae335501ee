"""What search costs on a built site: Pagefind's time over the output folder, and
the bytes (gzip) a reader with an empty cache fetches before the first results
of a query show, measured in Debian's chromium (tests/search uses the same
function on its own build).

Usage: .venv/bin/python benchmarks/search_cost.py OUTPUT_FOLDER [QUERY]
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]


def time_index(output, bundle_dir="pagefind"):
    """Seconds Pagefind takes over ``output`` (both parts of its index are written
    again, as plugins/search/index.py writes them), and the index's bytes."""
    import resource
    import subprocess

    from search.index import has_record_pages, pagefind_commands, prune_records_part

    shutil.rmtree(Path(output) / bundle_dir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    main_part, records_part = pagefind_commands(output, bundle_dir)
    subprocess.run(main_part, check=True, capture_output=True)
    if has_record_pages(output, bundle_dir):
        subprocess.run(records_part, check=True, capture_output=True)
        prune_records_part(Path(output) / bundle_dir)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files = [p for p in (Path(output) / bundle_dir).rglob("*") if p.is_file()]
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),  # less sensitive than wall time to a busy machine
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }


# Notes the time (ms since 1970, the clock of Playwright's request timings) when
# the first result is put in the page. Added by Playwright, before the page's own
# scripts; its content security policy does not apply to it.
FIRST_RESULT_CLOCK = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(".search-result")) {
    window.__firstResultAt = Date.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def time_kept_index(output, bundle_dir="pagefind"):
    """Seconds a warm build spends on search when no page changed: the digest of
    every HTML page (plugins/search/cache.py) and the copy of the kept index."""
    import tempfile

    from search import cache
    from search.index import pagefind_commands

    commands = pagefind_commands(output, bundle_dir)
    with tempfile.TemporaryDirectory(prefix="kept-", dir=Path(output).parent) as scratch:
        cache.keep(scratch, "key", Path(output) / bundle_dir)  # as the run that wrote it did
        start = time.perf_counter()
        digest = cache.pages_digest(output, bundle_dir, commands)
        digest_seconds = time.perf_counter() - start
        restored = cache.restore(scratch, "key", Path(scratch) / "copy")
        seconds = time.perf_counter() - start
    assert restored and digest
    return {"seconds": round(seconds, 3), "digest_seconds": round(digest_seconds, 3)}


def first_results_bytes(browser, origin, query, path="search/"):
    """{total_gzip_bytes, files: {url: gzip bytes}, after_first_results: {...}} fetched
    from opening the search page with ``query`` (after '#') until its first result
    shows, in a fresh context (empty cache). A request counts when it started before
    the first result was in the page; what the page asks for later (more results,
    a filter's values) is listed apart."""
    import chromium

    context = chromium.new_context(browser, viewport="phone")
    context.add_init_script(FIRST_RESULT_CLOCK)
    fetched = []

    def on_response(response):
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            return
        started = response.request.timing["startTime"]
        fetched.append((response.url, started, len(gzip.compress(body, compresslevel=9, mtime=0))))

    try:
        page = context.new_page()
        context.on("response", on_response)
        page.goto(f"{origin}/{path}#q={quote(query)}")
        page.wait_for_selector(".search-result", timeout=30000)
        page.wait_for_load_state("networkidle")
        shown_at = page.evaluate("window.__firstResultAt")
    finally:
        context.close()
    before = {url: size for url, started, size in fetched if started <= shown_at}
    after = {url: size for url, started, size in fetched if started > shown_at}
    return {
        "query": query,
        "total_gzip_bytes": sum(before.values()),
        "files": before,
        "after_first_results": after,
    }


def measure(output, query="Idlib"):
    import chromium
    from localserver import SiteServer

    result = {"index": time_index(output)}
    result["kept_index"] = time_kept_index(output)
    with SiteServer(output) as server, chromium.running() as browser:
        result["first_results"] = first_results_bytes(browser, server.origin, query)
    return result


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], *sys.argv[2:3]), indent=1))
