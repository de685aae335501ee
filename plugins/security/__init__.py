"""Security: the Content-Security-Policy and the headers file.

- ``CONTENT_SECURITY_POLICY`` (default in policy.py) is put into the settings
  so base.html can print it in a <meta http-equiv> tag; a policy allowing inline
  script, eval or any source fails the build.
- When the run ends, a ``_headers`` file (``SECURITY_HEADERS_SAVE_AS``) is written
  into the output with the same policy plus ``frame-ancestors``, Referrer-Policy,
  X-Content-Type-Options and Permissions-Policy, for hosts that read one, and
  a long immutable Cache-Control for each output file matching
  ``SECURITY_IMMUTABLE_FILES`` (files named by a hash of their content, such as
  the charts' Vega bundle).
- ``SECURITY_FRAMEABLE_PATHS`` (plugins/chartpages adds its embed pages) get a
  _headers rule without X-Frame-Options and with ``frame-ancestors
  SECURITY_FRAME_ANCESTORS`` (default ``*``); every other page may not be framed.
- ``CSP_PAGE_SCRIPT_SOURCES`` adds script sources (only 'wasm-unsafe-eval' or
  a hash) to the policy of the pages it names: the Jinja filter ``page_policy``
  gives base.html the policy of the page being written, and _headers gets a
  rule per pattern.
"""

import fnmatch
import logging
import os
from pathlib import Path

from pelican import signals

from . import policy

logger = logging.getLogger(__name__)


def _settle(pelican):
    """Fill in the documented defaults and refuse an unsafe policy."""
    settings = pelican.settings
    settings.setdefault("CONTENT_SECURITY_POLICY", policy.DEFAULT_CONTENT_SECURITY_POLICY)
    settings.setdefault("CONTENT_SECURITY_POLICY_HEADER_EXTRA", policy.DEFAULT_CSP_HEADER_EXTRA)
    settings.setdefault("REFERRER_POLICY", policy.DEFAULT_REFERRER_POLICY)
    settings.setdefault("PERMISSIONS_POLICY", policy.DEFAULT_PERMISSIONS_POLICY)
    settings.setdefault("SECURITY_HEADERS_SAVE_AS", policy.DEFAULT_HEADERS_SAVE_AS)
    settings["CONTENT_SECURITY_POLICY"] = policy.with_script_hashes(
        settings["CONTENT_SECURITY_POLICY"], settings.get("CSP_SCRIPT_HASHES") or []
    )
    settings.setdefault("CSP_PAGE_SCRIPT_SOURCES", policy.DEFAULT_PAGE_SCRIPT_SOURCES)
    settings.setdefault("SECURITY_FRAME_ANCESTORS", policy.DEFAULT_FRAME_ANCESTORS)
    ancestors = settings["SECURITY_FRAME_ANCESTORS"]
    if not ancestors or any(c in ancestors for c in ';,\n"') or "'unsafe" in ancestors:
        logger.error(
            "pelicanconf.py: SECURITY_FRAME_ANCESTORS: expected '*', 'self' or origins separated "
            "by spaces, found %r",
            ancestors,
        )
    for problem in policy.problems(settings["CONTENT_SECURITY_POLICY"] or ""):
        logger.error("%s", problem)
    for problem in policy.page_source_problems(settings["CSP_PAGE_SCRIPT_SOURCES"]):
        logger.error("%s", problem)
    settings.setdefault("JINJA_FILTERS", {})["page_policy"] = page_policy_filter(
        settings["CONTENT_SECURITY_POLICY"], settings["CSP_PAGE_SCRIPT_SOURCES"]
    )


def page_policy_filter(site_policy, page_sources):
    """A filter giving the policy of an output file: the site's, plus the sources
    ``page_sources`` adds for a matching pattern."""

    def page_policy(output_file):
        for pattern, sources in (page_sources or {}).items():
            if output_file and fnmatch.fnmatchcase(str(output_file), pattern):
                return policy.with_script_sources(site_policy, sources)
        return site_policy

    return page_policy


def immutable_files(output_path, patterns):
    """Output files (relative, '/'-separated, sorted) matching any of the glob ``patterns``."""
    root = Path(output_path)
    found = {
        path.relative_to(root).as_posix()
        for pattern in patterns or ()
        for path in root.glob(pattern)
        if path.is_file()
    }
    return sorted(found)


def _write_headers(pelican):
    """Write the headers file into the output directory."""
    settings = pelican.settings
    save_as = settings.get("SECURITY_HEADERS_SAVE_AS", policy.DEFAULT_HEADERS_SAVE_AS)
    if not save_as:
        return
    text = policy.headers_file(
        settings.get("CONTENT_SECURITY_POLICY", policy.DEFAULT_CONTENT_SECURITY_POLICY),
        settings.get("CONTENT_SECURITY_POLICY_HEADER_EXTRA", policy.DEFAULT_CSP_HEADER_EXTRA),
        settings.get("REFERRER_POLICY", policy.DEFAULT_REFERRER_POLICY),
        settings.get("PERMISSIONS_POLICY", policy.DEFAULT_PERMISSIONS_POLICY),
        immutable_files(
            pelican.output_path, settings.get("SECURITY_IMMUTABLE_FILES", policy.DEFAULT_IMMUTABLE_FILES)
        ),
        settings.get("SECURITY_IMMUTABLE_CACHE_CONTROL", policy.DEFAULT_IMMUTABLE_CACHE_CONTROL),
        settings.get("CSP_PAGE_SCRIPT_SOURCES", policy.DEFAULT_PAGE_SCRIPT_SOURCES),
        settings.get("SECURITY_FRAMEABLE_PATHS", policy.DEFAULT_FRAMEABLE_PATHS),
        settings.get("SECURITY_FRAME_ANCESTORS", policy.DEFAULT_FRAME_ANCESTORS),
    )
    path = os.path.join(pelican.output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def register():
    signals.initialized.connect(_settle)
    signals.finalized.connect(_write_headers)
