"""Hostile sources: nothing from outside the repository is read or published.

One small site is built good, then hostile files are added beside it and it is
built again into the same output folder: the build must fail listing every
problem once (file and what it links to), read nothing through the links, and
leave output/ byte-identical. Guarantees listed in docs/security.md.
"""

import os

import pytest
from helpers import build_site, snapshot

STORY = """\
Title: A good story
Date: 2019-03-17 18:00+02:00
Category: Idlib
Slug: good-story
Image: images/map.svg

Body with an image: ![a map]({static}/images/map.svg).
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
SECRET = "MARSAD-SECRET-d41d8cd98f00b204"


@pytest.fixture(scope="module")
def hostile_links(tmp_path_factory):
    """(good build, hostile build, output snapshot before, outside folder)."""
    base = tmp_path_factory.mktemp("links")
    files = {"content/articles/good.md": STORY, "content/images/map.svg": SVG}
    good = build_site(base, files=files)
    assert good.ok, good.log
    before = snapshot(good.output)
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "notes.md").write_text(STORY.replace("good-story", "stolen") + SECRET, encoding="utf-8")
    site = good.site
    links = {
        "content/images/passwd.png": "/etc/passwd",
        "content/images/environ.txt": "/proc/self/environ",
        "content/images/zero.bin": "/dev/zero",
        "content/articles/stolen.md": str(outside / "notes.md"),
        "content/images/outside": str(outside),  # a folder
        "data/secret.yml": str(outside / "secret.txt"),
    }
    for link, target in links.items():
        os.symlink(target, site / link)
    os.symlink("../articles/good.md", site / "content/images/inside.md")  # inside: fine
    os.mkfifo(site / "content/images/pipe")
    with open(site / "content/images/huge.png", "wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, sparse: costs no disk
    (site / "content/articles/long.md").write_text(STORY + "x" * 3_000_000, encoding="utf-8")
    # In its own process: the secret must be in the build's /proc/self/environ, and a
    # child of the build server has the server's (tests/buildserver.py).
    hostile = build_site(base, env={"MARSAD_TEST_SECRET": SECRET}, own_process=True)
    return good, hostile, before, links


def test_every_unsafe_source_is_listed_once_and_nothing_is_written(hostile_links):
    good, site, before, links = hostile_links
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    for link, target in links.items():
        line = f"{link}:1: {os.path.basename(link)}: file: expected a file inside the repository, found a symbolic link to {target}"
        assert site.log.count(line) == 1, f"{link} not listed once:\n{site.log}"
    assert (
        "content/images/pipe:1: pipe: file: expected a regular file, found a device, pipe or socket"
        in site.log
    )
    assert (
        f"content/images/huge.png:1: huge.png: file: expected at most {20 * 1024 * 1024} bytes "
        f"(setting STATIC_MAX_BYTES), found {2 * 1024**3} bytes" in site.log
    )
    assert (
        f"content/articles/long.md:1: long.md: file: expected at most {2 * 1024 * 1024} bytes "
        "(setting CONTENT_MAX_BYTES)" in site.log
    )
    assert "inside.md" not in site.log, "a link that stays inside the repository is fine"
    assert f"Build failed with {len(links) + 3} problems" in site.log
    assert snapshot(site.output) == before, "output/ changed after a failed build"


def test_nothing_outside_the_repository_reaches_the_output_or_the_log(hostile_links):
    good, site, before, links = hostile_links
    assert SECRET not in site.log
    for path in site.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"root:x:0:0" not in data, path
