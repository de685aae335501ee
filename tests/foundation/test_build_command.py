"""`invoke build` (what `make build` runs) replaces output/ only after a good build.

The builds are of a small project (the code, settings and theme with the stories
and data of tests/fixtures/datasets-site, started from the caches of that fixture's
session build): the subject is the command, not the site.
"""

from helpers import copy_project, invoke, snapshot

SMALL = "datasets-site"


def test_failed_build_leaves_last_good_output(tmp_path, synthetic_caches):
    project = copy_project(tmp_path, fixture=SMALL, caches=synthetic_caches)
    first = invoke(project, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    output = project / "output"
    assert (output / "index.html").is_file()
    before = snapshot(output)

    (project / "content" / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: not a date\nCategory: Idlib\n\nBody.\n", encoding="utf-8"
    )
    second = invoke(project, "build")
    log = second.stdout + second.stderr
    assert second.returncode == 1
    assert "content/articles/broken.md:2: broken: date" in log
    assert "output/ was left as it was" in log
    assert snapshot(output) == before
    assert not list((project / ".build").glob("output-*")), "staging directory left behind"


def test_publish_without_the_public_origin_says_what_to_set(tmp_path):
    project = copy_project(tmp_path, fixture=SMALL)
    result = invoke(project, "publish", env={"PATH": "/usr/bin:/bin"})
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "MARSAD_SITE_ORIGIN=https://" in log and "make publish" in log
    assert "Traceback" not in log and not (project / "output").exists()


def test_drafts_are_previewed_in_development_and_never_published(tmp_path, synthetic_caches):
    project = copy_project(tmp_path, fixture=SMALL, caches=synthetic_caches)
    (project / "content" / "articles" / "unfinished.md").write_text(
        "Title: Unfinished story\nDate: 2019-03-20 10:00+02:00\nCategory: Idlib\n"
        "Status: draft\nAuthors: Marsad Syria Desk\n\nNot ready.\n",
        encoding="utf-8",
    )
    development = invoke(project, "build")
    assert development.returncode == 0, development.stdout + development.stderr
    assert (project / "output" / "drafts" / "unfinished-story" / "index.html").is_file()
    published = invoke(
        project, "publish", env={"PATH": "/usr/bin:/bin", "MARSAD_SITE_ORIGIN": "https://example.org"}
    )
    assert published.returncode == 0, published.stdout + published.stderr
    leaks = [
        p
        for p in (project / "output").rglob("*")
        if p.is_file() and ("unfinished" in p.as_posix() or b"Unfinished story" in p.read_bytes())
    ]
    assert leaks == []
