"""`make serve` (invoke livereload, plugins/devserver) with a real browser.

One dev server in a copy of the project, on a free port (never 8000), and one
page open in Debian's chromium while the story, a data record and a chart spec
are edited, the front matter broken and mended. No timing is asserted here
(benchmarks/edit_loop.py times the loop); only what the author and the reader
see, and that output/ ends as a cold `make build` makes it.
"""

import os
import socket
import subprocess
import urllib.error
import urllib.request

import chromium
import pytest
from helpers import copy_project, file_hashes, invoke

from devserver.client import INVOKE, RunningServer

STORY = "content/articles/turkish-patrols-dmz-march-2019.md"
STORY_URL = "/2019/03/turkish-patrols-dmz-march-2019/"
SENTENCE = "Turkey's armed forces ran their first patrol"
SCRIPT_TAG = b'<script src="/_marsad/devserver.js"'


@pytest.fixture(scope="module")
def server(tmp_path_factory, warm_caches):
    # Charts and cards drawn already (the default site's caches): the test is about the loop.
    project = copy_project(tmp_path_factory.mktemp("devserver"), caches=warm_caches)
    running = RunningServer(project, project / "serve.log")
    try:
        running.wait(lambda s: s["previews"] >= 1 and not s["busy"], "the first build")
        yield running
    finally:
        running.stop()


def edited(original, words):
    return original.replace(SENTENCE, f"{SENTENCE} ({words})", 1)


@pytest.mark.browser
def test_the_open_page_follows_every_save_and_output_ends_as_a_cold_build(server, chromium_browser):
    project = server.project
    story = (project / STORY).read_text(encoding="utf-8")
    record_file, chart_file = project / "data/patrols.yml", project / "data/charts/patrols-timeline.yml"
    record, chart = record_file.read_text(encoding="utf-8"), chart_file.read_text(encoding="utf-8")

    # What the server sends is the file of output/ plus one script tag of its own origin.
    served = server.get(STORY_URL)
    on_disk = (project / "output" / STORY_URL.strip("/") / "index.html").read_bytes()
    assert SCRIPT_TAG in served and SCRIPT_TAG not in on_disk
    start = served.index(SCRIPT_TAG)
    assert served[:start] + served[served.index(b"</script>", start) + 9 :] == on_disk

    # A missing page: the site's own 404 page, with the script (it reloads when the page appears).
    with pytest.raises(urllib.error.HTTPError) as missing:
        server.get("/no-such-page/")
    assert missing.value.code == 404
    body = missing.value.read()
    start = body.index(SCRIPT_TAG)
    assert (
        body[:start] + body[body.index(b"</script>", start) + 9 :]
        == (project / "output/404.html").read_bytes()
    )

    context = chromium.new_context(chromium_browser)
    try:
        tab = chromium.Tab(context, server.url)
        tab.open(server.url + STORY_URL)
        page = tab.page
        server.wait(lambda s: STORY_URL.strip("/") + "/index.html" in s["in_view"], "the page in view")

        with page.expect_event("load", timeout=120_000):  # the page reloads by itself
            (project / STORY).write_text(edited(story, "first revision"), encoding="utf-8")
        assert "(first revision)" in page.locator("article.story").inner_text()

        # A broken front matter: the list of problems over the last good page.
        broken = edited(story, "second revision").replace("Date: 2019-03-18 14:00+02:00", "Date: last Friday")
        (project / STORY).write_text(broken, encoding="utf-8")
        overlay = page.locator("#marsad-devserver-problems")
        overlay.wait_for(timeout=120_000)
        problems = overlay.inner_text()
        assert f"{STORY}:2" in problems or "turkish-patrols-dmz-march-2019.md:2" in problems, problems
        assert "date" in problems.lower(), problems
        assert "(first revision)" in page.locator("article.story").inner_text()
        server.wait(lambda s: not s["busy"], "the failed build")
        assert server.status()["problems"], "the status lists the problems too"
        assert b"(first revision)" in server.get(STORY_URL)  # the last good page is still served
        assert b"(second revision)" not in server.get(STORY_URL)

        # Mended: the box goes, the page shows the newest text.
        with page.expect_event("load", timeout=120_000):
            (project / STORY).write_text(edited(story, "third revision"), encoding="utf-8")
        assert "(third revision)" in page.locator("article.story").inner_text()
        assert page.locator("#marsad-devserver-problems").count() == 0

        # The chart spec of a chart the story shows: the page in view is drawn again.
        with page.expect_event("load", timeout=120_000):
            chart_file.write_text(
                chart.replace("by force and where", "by force, and where", 1), encoding="utf-8"
            )
        assert "by force, and where" in page.content()
        visit = tab.finish()
        assert not visit.problems(), visit.problems()  # the script obeys the site's CSP
    finally:
        context.close()

    # A data record, then the sequence must end where a cold build does.
    server.save(
        "data/patrols.yml", record.replace("No route was published", "No route was ever published", 1)
    )
    state = server.wait(lambda s: not s["busy"] and s["last_build"] == "ok", "the last full build")
    assert not state["problems"]
    # The saves took the fast path (devserver/fastpath.py, fastdata.py): the story, the
    # broken front matter (listed by the reader), the record and the chart spec.
    assert state["fast_previews"] >= 3, state
    served = file_hashes(project / "output")
    server.stop()  # nothing more may change output/
    rebuilt = invoke(project, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    cold = file_hashes(project / "output")
    assert sorted(set(served) ^ set(cold)) == []
    assert [path for path in cold if served[path] != cold[path]] == []
    assert "No route was ever published" in (
        project / "output/data/patrols/turkish-patrol-dmz-2019-03/index.html"
    ).read_text(encoding="utf-8")


def test_a_busy_port_is_named_with_the_way_to_choose_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(INVOKE), "livereload"],
            cwd=copy_project(tmp_path),  # were the check to fail, it would build there
            env=dict(os.environ, MARSAD_PORT=str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"port {port} is already in use" in log and f"MARSAD_PORT={port + 1} make serve" in log
    assert "Traceback" not in log
