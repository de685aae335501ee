"""`make serve` (invoke livereload): the site is served and reloads under its own CSP."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import copy_project

INVOKE = Path(sys.executable).parent / "invoke"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def policy_of(html):
    meta = BeautifulSoup(html, "html5lib").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.mark.browser
def test_live_reload_runs_under_the_content_security_policy(tmp_path, chromium_browser):
    project = copy_project(tmp_path)
    port = free_port()
    env = dict(os.environ, MARSAD_PORT=str(port))
    server = subprocess.Popen(
        [str(INVOKE), "livereload"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        page_url = f"http://127.0.0.1:{port}/2019/03/russia-escalates-idlib-march-2019/"
        html = wait_for(page_url)
        assert "livereload.js" in html  # the server injected its reload script
        assert "script-src 'self' 'sha256-" in policy_of(html)  # ...which this build's policy allows
        context = chromium_browser.new_context()
        try:
            page = context.new_page()
            errors, sockets = [], []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("websocket", lambda socket_: sockets.append(socket_.url))
            page.goto(page_url)
            page.wait_for_timeout(1500)
        finally:
            context.close()
        assert not [e for e in errors if "favicon" not in e], errors
        assert sockets == [f"ws://127.0.0.1:{port}/livereload"]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=10)
        assert missing.value.code == 404  # with the site's own 404 page
        not_found = BeautifulSoup(missing.value.read(), "html5lib")
        assert (
            not_found.title.get_text()
            == BeautifulSoup((project / "output" / "404.html").read_bytes(), "html5lib").title.get_text()
        )
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    rebuilt = invoke_build(project)
    assert "sha256-" not in policy_of((rebuilt / "index.html").read_text(encoding="utf-8"))


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


def invoke_build(project):
    """`invoke build` (what make build runs): no inline script is allowed there."""
    result = subprocess.run([str(INVOKE), "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "output"
