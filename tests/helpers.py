"""Build real sites with the real Pelican CLI into temporary directories.

Every test that needs a built site goes through :func:`build_site`: it lays out
a small site (a fixture under tests/fixtures/, the default site, or files given
inline), writes a settings file that starts from the project's pelicanconf.py,
and runs the ``pelican`` command, as ``make build`` does: as a child forked by
this process's build server (tests/buildserver.py), which imported Pelican and
the plugins once, or in a process of its own where that child could differ.

Tests of ``invoke build`` itself (what ``make build`` runs) copy the project with
:func:`copy_project`, run :func:`invoke` there and compare :func:`snapshot` hashes.

Builds cost most of the suite's time, so:
- the build server pays Pelican's and the plugins' imports (about a second of a
  small build) once per pytest process instead of once per build;
- :func:`once_per_run` makes a build once per test run, even when pytest-xdist's
  workers each ask for it (the session fixtures of tests/conftest.py use it);
- :func:`seed_caches` puts the build caches of an earlier build (``.chart-cache``
  and the others, beside content/) into a new site or project, so that a test
  whose subject is not a cold build draws no chart or card again (the caches
  are keyed by what they hold, as on a newsroom's machine that builds all day).
"""

import fcntl
import functools
import hashlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import buildserver
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PELICAN = Path(sys.executable).parent / "pelican"
INVOKE = Path(sys.executable).parent / "invoke"
sys.path.insert(0, str(ROOT / "plugins"))  # as the plugins' own conftests do
# What a copy of the project needs: one list, which benchmarks/edit_loop.py uses too.
from devserver import client  # noqa: E402
from devserver.client import PROJECT_FILES  # noqa: E402, F401


@dataclass
class BuiltSite:
    """The result of one Pelican run."""

    returncode: int
    log: str
    output: Path
    site: Path

    @property
    def ok(self):
        return self.returncode == 0

    def read(self, path):
        """Text of a file in the output, e.g. ``site.read("index.html")``."""
        return (self.output / path).read_text(encoding="utf-8")

    def html(self, path):
        """A page of the output parsed as a browser would (html5lib)."""
        return BeautifulSoup(self.read(path), "html5lib")

    def pages(self):
        """Every HTML file of the output, relative paths, sorted."""
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))


# The origin of the shared publish build (conftest.published_project): a sub-path,
# as a project's GitHub Pages address would be.
PUBLISH_ORIGIN = "https://example.org/marsad"
# Its environment: only system tools on PATH, a fixed clock for the dates a build writes.
PUBLISH_ENV = {
    "PATH": "/usr/bin:/bin",
    "MARSAD_SITE_ORIGIN": PUBLISH_ORIGIN,
    "SOURCE_DATE_EPOCH": "1553000000",
    "TZ": "UTC",
}


# Build caches live beside content/ and are named ``.<what>-cache`` (pelicanconf.py).
CACHE_GLOB = ".*-cache"


def seed_caches(target, source):
    """Copy the build caches (``.*-cache`` folders) found in ``source`` (a built site's
    folder, or a project) into ``target``; return ``target``."""
    target = Path(target)
    for cache in sorted(Path(source).glob(CACHE_GLOB)):
        if cache.is_dir():
            shutil.copytree(cache, target / cache.name, dirs_exist_ok=True)
    return target


def once_per_run(tmp_path_factory, name, make):
    """``make(folder)`` once per test run, however many xdist workers ask; return its result.

    The first process to ask makes it in a folder that all workers share (beside
    their own temporary folders) while holding a lock; the others wait for the lock
    and get the same result. ``make`` returns a :class:`BuiltSite` or a Path. What it
    made is shared, so tests must only read it (copy it to change it). If ``make``
    fails, nothing is kept and the next process to ask tries again.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # .../pytest-<n>/ holds every worker's popen-gw<i>/
    folder = base / f"once-{name}"
    record = base / f"once-{name}.json"
    with open(base / f"once-{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            made = make(folder)
            if isinstance(made, BuiltSite):
                saved = {"site": {**made.__dict__, "output": str(made.output), "site": str(made.site)}}
            else:
                saved = {"path": str(made)}
            record.write_text(json.dumps(saved), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    if "path" in saved:
        return Path(saved["path"])
    site = saved["site"]
    return BuiltSite(site["returncode"], site["log"], Path(site["output"]), Path(site["site"]))


def _write_files(base, files):
    for relative, text in (files or {}).items():
        target = base / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def build_site(
    tmp_path,
    fixture=None,
    default_site=False,
    files=None,
    settings="",
    timeout=300,
    env=None,
    pelican_args=(),
    languages=None,
    caches=None,
    own_process=False,
):
    """Lay out a site in ``tmp_path`` and build it; return a :class:`BuiltSite`.

    fixture: name of a folder in tests/fixtures/ (its content/ and data/ are copied).
    default_site: copy the project's own content/ and data/.
    files: {relative path: text} written on top (e.g. {"content/articles/a.md": "..."}).
    settings: extra Python lines appended to the settings file.
    pelican_args: extra command-line arguments for pelican (e.g. ["-q"]).
    languages: codes of LANGUAGES (pelicanconf.py) to build, e.g. ["en", "ar"];
      default: every language for the default site, else English only (a
      fixture's data has no Arabic text, and one site builds twice as fast).
    caches: a folder whose build caches are copied in first (:func:`seed_caches`),
      e.g. the session's ``warm_caches``; default: a cold build.
    own_process: run ``pelican`` in a process of its own (fresh imports, its own hash
      seed) rather than as a child of this process's build server (tests/buildserver.py);
      MARSAD_BUILD_SERVER=off in the environment does so for every build.
    """
    if languages is None:
        languages = None if default_site else ["en"]
    only = (
        ""
        if languages is None
        else f"LANGUAGES = {{k: v for k, v in LANGUAGES.items() if k in {list(languages)!r}}}\n"
    )
    site = Path(tmp_path) / "site"
    site.mkdir(parents=True, exist_ok=True)
    sources = []
    if default_site:
        sources.append(ROOT)
    if fixture:
        sources.append(FIXTURES / fixture)
    for source in sources:
        for folder in ("content", "data"):
            if (source / folder).is_dir():
                shutil.copytree(source / folder, site / folder, dirs_exist_ok=True)
    (site / "content").mkdir(exist_ok=True)
    (site / "data").mkdir(exist_ok=True)
    if caches:
        seed_caches(site, caches)
    _write_files(site, files)
    settings_file = site / "settings.py"
    settings_file.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"PATH = {str(site / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"DATASETS_PATH = {str(site / 'data')!r}\n" + only + textwrap.dedent(settings),
        encoding="utf-8",
    )
    output = site / "output"
    run_env = dict(os.environ, **(env or {}))
    run_env.setdefault("SOURCE_DATE_EPOCH", "1553000000")
    command = [
        str(PELICAN),
        str(site / "content"),
        "-s",
        str(settings_file),
        "-o",
        str(output),
        *pelican_args,
    ]
    own_process = own_process or os.environ.get("MARSAD_BUILD_SERVER") == "off"
    builds = None if own_process else _build_server()
    # PLUGINS or PLUGIN_PATHS in the settings: other plugins than the server's.
    if builds is not None and builds.fits(run_env) and "PLUGIN" not in settings:
        returncode, stdout, stderr = builds.run(command, cwd=site, env=run_env, timeout=timeout)
    else:
        process = subprocess.run(
            command, cwd=site, capture_output=True, text=True, timeout=timeout, env=run_env
        )
        returncode, stdout, stderr = process.returncode, process.stdout, process.stderr
    return BuiltSite(returncode, stdout + stderr, output, site)


def _build_server():
    """One of this process's build servers (tests/buildserver.py) for the project's plugins."""
    return buildserver.server(str(PELICAN), str(ROOT / "plugins"), _plugins())


@functools.cache
def _plugins():
    return runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def copy_project(target, caches=None, fixture=None):
    """Copy what ``invoke build`` needs (PROJECT_FILES) into ``target``; return it.

    caches: a folder whose build caches are copied in too (:func:`seed_caches`).
    fixture: a folder of tests/fixtures/ whose content/ and data/ replace the
      project's, built in English only (a small project, for tests of the build
      command rather than of the site).
    """
    target = client.copy_project(target, content_from=FIXTURES / fixture if fixture else None)
    if fixture:
        with open(target / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write('\nLANGUAGES = {"en": LANGUAGES["en"]}  # the fixture is in English only\n')
    if caches:
        seed_caches(target, caches)
    return target


def invoke(project, *tasks, env=None, timeout=600):
    """Run ``invoke <tasks>`` in ``project``; the finished process, output captured as text."""
    return subprocess.run(
        [str(INVOKE), *tasks], cwd=project, capture_output=True, text=True, timeout=timeout, env=env
    )


# Pagefind (plugins/search) writes its filter and metadata indexes from a hash
# map, so their bytes, and the hashed names that point to them, change from run
# to run (upstream issue Pagefind/pagefind#638: fragments and word indexes are
# stable since 1.3.0; "other files will still change, such as the
# filter/metadata indexes"). Build comparisons count those few files per folder
# and language instead of hashing them; every other file must be identical.
def _unstable_index_file(path):
    name = path.removesuffix(".gz").removesuffix(".br")
    # pagefind/ and its records part, pagefind/records/ (plugins/search)
    return name.startswith("pagefind/") and name.endswith((".pf_filter", ".pf_meta", "/pagefind-entry.json"))


def file_hashes(folder):
    """{relative path: sha256} of every file under ``folder``; Pagefind's unstable
    index files as {"<folder>/<language>_*<suffixes> #<n>": "counted"}."""
    folder = Path(folder)
    found, counts = {}, {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        path = p.relative_to(folder).as_posix()
        if _unstable_index_file(path):
            suffix = Path(p.stem).suffix + p.suffix if p.suffix in (".gz", ".br") else p.suffix
            key = f"{path.rsplit('/', 1)[0]}/{p.name.split('_')[0]}*{suffix}"
            counts[key] = counts.get(key, 0) + 1
            found[f"{key} #{counts[key]}"] = "counted"
        else:
            found[path] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def snapshot(folder):
    """Hash of every path (folders too) and file under ``folder`` (Pagefind's unstable
    index files counted, see :func:`file_hashes`); None if it does not exist."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()):
        digest.update(path.encode() + b"\0")
    for path, file_hash in sorted(file_hashes(folder).items()):
        digest.update(path.encode() + b"\0" + file_hash.encode())
    return digest.hexdigest()


def english_fragments(catalog):
    """Literal pieces of each English message of a Babel catalog, long enough to be
    unmistakable: what an Arabic page must not show (tests/i18n, tests/search)."""
    fragments = set()
    for message in catalog:
        if not message.id:
            continue
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"%\(\w+\)s|\{\w*\}|<[^>]+>", msgid):
                piece = piece.strip(" ,.;:()“”")
                if len(re.findall(r"[A-Za-z]", piece)) >= 4 and not piece.isupper():  # not "JSON"
                    fragments.add(piece)
    return fragments


def english_left(text, fragments):
    """The fragments found in ``text`` as whole words (not inside an id like "idlib-city-2019")."""
    return sorted(f for f in fragments if re.search(rf"(?<![A-Za-z-]){re.escape(f)}(?![A-Za-z-])", text))
