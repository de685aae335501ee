"""Build real sites with the real Pelican CLI into temporary directories.

Every test that needs a built site goes through :func:`build_site`: it lays out
a small site (a fixture under tests/fixtures/, the default site, or files given
inline), writes a settings file that starts from the project's pelicanconf.py,
and runs ``pelican`` in a subprocess, exactly as ``make build`` does.

Tests of ``invoke build`` itself (what ``make build`` runs) copy the project with
:func:`copy_project`, run :func:`invoke` there and compare :func:`snapshot` hashes.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PELICAN = Path(sys.executable).parent / "pelican"
INVOKE = Path(sys.executable).parent / "invoke"
sys.path.insert(0, str(ROOT / "plugins"))  # as the plugins' own conftests do
# What a copy of the project needs: one list, which benchmarks/edit_loop.py uses too.
from devserver.client import PROJECT_FILES, copy_project  # noqa: E402, F401


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
    process = subprocess.run(
        [str(PELICAN), str(site / "content"), "-s", str(settings_file), "-o", str(output), *pelican_args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=run_env,
    )
    return BuiltSite(process.returncode, process.stdout + process.stderr, output, site)


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
    return name.startswith("pagefind/") and (
        name.endswith((".pf_filter", ".pf_meta")) or name == "pagefind/pagefind-entry.json"
    )


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
