"""`invoke build` (what `make build` runs) replaces output/ only after a good build."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

INVOKE = Path(sys.executable).parent / "invoke"
PROJECT_FILES = ["content", "data", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]


def snapshot(folder):
    """Hash of every file under ``folder`` (path and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def copy_project(target):
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def invoke(project, *tasks):
    return subprocess.run([str(INVOKE), *tasks], cwd=project, capture_output=True, text=True, timeout=600)


def test_failed_build_leaves_last_good_output(tmp_path):
    project = copy_project(tmp_path)
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
    assert "content/articles/broken.md:2: date" in log
    assert "output/ was left as it was" in log
    assert snapshot(output) == before
    assert not list((project / ".build").glob("output-*")), "staging directory left behind"


def test_publish_uses_the_public_origin(tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run(
        [str(INVOKE), "publish"], cwd=project, capture_output=True, text=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "MARSAD_SITE_ORIGIN": "https://news.example.net/marsad"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    feed = (project / "output" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "https://news.example.net/marsad/2019/03/russia-escalates-idlib-march-2019/" in feed
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="./2019/03/' in index or 'href="2019/03/' in index  # links stay relative
