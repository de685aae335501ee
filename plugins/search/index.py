"""Run Pagefind over the finished output folder (signal ``finalized``)."""

import ctypes
import logging
import os
import shutil
import signal
import subprocess
from pathlib import Path

from . import cache
from . import settings as defaults

logger = logging.getLogger(__name__)
# What the last build_index of this process did: "reused" (the kept index, no
# page changed), "indexed" (Pagefind ran) or None; benchmarks/run_build.py reports it.
last_outcome = None


def fill_defaults(settings):
    """Put the documented defaults into the settings (templates read SEARCH_BUNDLE_DIR)."""
    settings.setdefault("SEARCH_INDEX", defaults.DEFAULT_INDEX)
    settings.setdefault("SEARCH_BUNDLE_DIR", defaults.DEFAULT_BUNDLE_DIR)
    settings.setdefault("SEARCH_TIMEOUT", defaults.DEFAULT_TIMEOUT)
    settings.setdefault("SEARCH_CACHE_PATH", defaults.DEFAULT_CACHE_PATH)
    settings["SEARCH_RECORDS_SUBDIR"] = defaults.RECORDS_SUBDIR  # search.html names the records part


def cache_root(settings):
    """Where the last index is kept (SEARCH_CACHE_PATH, beside the content folder), or None."""
    folder = settings.get("SEARCH_CACHE_PATH", defaults.DEFAULT_CACHE_PATH)
    if not folder:
        return None
    if os.path.isabs(folder):
        return folder
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), folder)


def pagefind_executable():
    """Path of the Pagefind binary shipped by the pagefind-bin wheel, or None."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


# The two parts of the index (docs/search.md, "Two parts"): Pagefind's root
# selector picks each part's pages; a page without the selected element is not
# read (listings, the search page: they carry no data-pagefind-body either).
RECORD_PAGES = f'[{defaults.RECORDS_ATTRIBUTE}="{defaults.RECORDS_VALUE}"]'
PARTS = (
    ("", f"[data-pagefind-body]:not({RECORD_PAGES})"),  # stories, datasets, places, charts
    (defaults.RECORDS_SUBDIR, RECORD_PAGES),
)
# What the records part needs: search.js merges it into the first part's Pagefind
# (mergeIndex), which already has the WebAssembly and scripts.
RECORDS_PART_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")


def pagefind_commands(output_path, bundle_dir):
    """The Pagefind command line of each part of the index (None when Pagefind is not installed)."""
    executable = pagefind_executable()
    if executable is None:
        return None
    return [
        [
            executable,
            *("--site", str(output_path)),
            *("--output-subdir", f"{bundle_dir}/{subdir}" if subdir else bundle_dir),
            *("--root-selector", selector),
            "--quiet",
        ]
        for subdir, selector in PARTS
    ]


def has_record_pages(output_path, bundle_dir):
    """True when a page of the output is one of the records part (record.html's attribute)."""
    marker = f'{defaults.RECORDS_ATTRIBUTE}="{defaults.RECORDS_VALUE}"'.encode()
    for page in cache.html_pages(output_path, bundle_dir):
        with open(os.path.join(output_path, page), "rb") as handle:
            if marker in handle.read():
                return True
    return False


def prune_records_part(bundle):
    """Remove the records part's copies of Pagefind's scripts, styles and WebAssembly:
    nothing loads them (search.js merges that part into the first part's Pagefind)."""
    part = Path(bundle, defaults.RECORDS_SUBDIR)
    keep = {p for pattern in RECORDS_PART_FILES for p in part.glob(pattern)}
    for path in part.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _die_with_pelican():
    """In the Pagefind child: be killed when Pelican ends (Linux prctl PR_SET_PDEATHSIG).

    An interrupted build stops Pelican and removes its staging folder; Pagefind
    (which, like Pelican, ignores Ctrl-C there) must not go on writing into it.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the build still works; only an interrupted one may leave files


def _is_main_site(settings):
    """True unless plugins/i18n is building a language's subsite (e.g. /ar/)."""
    try:
        from i18n import is_main_site
    except ImportError:
        return True  # no i18n plugin: one site
    return is_main_site(settings)


def build_index(pelican):
    """Index the output; any failure stops the build (strict.abort) with Pagefind's own words."""
    global last_outcome
    from strict import abort

    settings = pelican.settings
    if not settings.get("SEARCH_INDEX", defaults.DEFAULT_INDEX):
        cache.forget_written()
        return
    if not _is_main_site(settings):
        return  # the main site's run comes last and indexes every language at once
    if not any(Path(pelican.output_path).rglob("*.html")):
        return  # a run that wrote no page (make check) has nothing to index
    bundle_dir = settings.get("SEARCH_BUNDLE_DIR", defaults.DEFAULT_BUNDLE_DIR)
    commands = pagefind_commands(pelican.output_path, bundle_dir)
    if commands is None:
        abort(
            [
                "plugins/search: Pagefind not found: expected the pagefind-bin package "
                "(requirements.txt; `make .venv/.installed`), found none"
            ]
        )
    target = Path(pelican.output_path, bundle_dir)
    if Path(bundle_dir).is_absolute() or ".." in Path(bundle_dir).parts:
        abort(
            [f"pelicanconf.py: SEARCH_BUNDLE_DIR: expected a folder inside the output, found {bundle_dir!r}"]
        )
    kept = cache_root(settings)
    digest = cache.pages_digest(pelican.output_path, bundle_dir, commands) if kept else None
    cache.forget_written()
    if kept and cache.restore(kept, digest, target):
        logger.info("plugins/search: no page changed; the kept Pagefind index copied to %s", target)
        last_outcome = "reused"
        return
    # Pagefind adds files beside an older index (new hashed names): start afresh.
    shutil.rmtree(target, ignore_errors=True)
    timeout = settings.get("SEARCH_TIMEOUT", defaults.DEFAULT_TIMEOUT)
    main_part, records_part = commands
    _run_pagefind(main_part, timeout)
    if has_record_pages(pelican.output_path, bundle_dir):  # Pagefind fails on a part without pages
        _run_pagefind(records_part, timeout)
        prune_records_part(target)
    logger.info("plugins/search: Pagefind index written to %s/%s", pelican.output_path, bundle_dir)
    last_outcome = "indexed"
    if kept:
        cache.keep(kept, digest, target)


def _run_pagefind(command, timeout):
    """One Pagefind run; any failure stops the build (strict.abort) with Pagefind's own words."""
    from strict import abort

    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=_die_with_pelican,
        )
    except subprocess.TimeoutExpired:
        abort([f"plugins/search: Pagefind did not finish within SEARCH_TIMEOUT ({timeout} s)"])
    except OSError as error:
        abort([f"plugins/search: Pagefind could not start: {error}"])
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()[-5:]
        abort([f"plugins/search: Pagefind failed (exit {result.returncode}): " + " / ".join(said)])
