"""Pages kept from the last good build: a page whose key did not change is not rendered again.

A generator that writes many pages from data (plugins/datasets: the record
pages) gives each page a *key*, a digest of every value its template reads for
that page. This module adds one site-wide digest (:func:`site_digest`: the
settings, every file of the theme, the compiled translation catalogs, the
plugins' code, the versions of Pelican and the libraries that render, the
site's categories) and looks the page up in a manifest
``PRESS_CACHE_PATH/pages-<language>.json``: ``{save_as: [key, sha256 of the
file]}``, written after the pages are. When the key is the same and the last
good output (PRESS_LAST_OUTPUT, default ``output``, the folder ``make build``
swaps its staging folder into) still holds a file with exactly that digest, its
bytes are copied into this build's output instead of rendering the page.

The page's bytes come only from the last good output, which is already
published; the manifest holds keys and digests, never markup, and is JSON
checked field by field, so a tampered manifest can at worst make a page be
rendered again. Copied, not hard-linked: Pelican's writer truncates and
rewrites a file in place, and a later build writing into output/ directly (no
staging folder) would then change the published file and its copy together.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from importlib import metadata
from pathlib import Path

from .files import replacing
from .writer import WRITTEN, file_identity

logger = logging.getLogger(__name__)

# Bump when what a key covers or the manifest's layout changes.
LAYOUT = "1"
# Settings that name where this build writes, not what a page shows.
NOT_SHOWN = frozenset({"OUTPUT_PATH", "PRESS_LAST_OUTPUT", "PRESS_CACHE_PATH", "MARSAD_WRITE_PROCESSES"})
# The libraries whose code turns a page's values into its bytes.
RENDERERS = ("pelican", "jinja2", "markupsafe", "babel", "pydantic", "pelican-i18n-subsites")


def _stable(value):
    """A JSON-ready form of a setting that is the same from build to build."""
    if isinstance(value, dict):  # where a build writes is left out at any depth (I18N_SUBSITES' too)
        items = sorted(value.items(), key=lambda pair: str(pair[0]))
        return {str(key): _stable(item) for key, item in items if key not in NOT_SHOWN}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if callable(value):  # a filter or a function: its code is in the plugins' digest
        return f"callable {getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    shown = repr(value)
    if " at 0x" in shown:  # an object with no meaningful repr: its type, and its state if it has one
        state = getattr(value, "__dict__", None)
        return [type(value).__qualname__, _stable(state) if isinstance(state, dict) else None]
    return shown


def _files_digest(digest, folder):
    """Every file under ``folder`` (path and bytes) into ``digest``; byte-code caches left out."""
    root = Path(folder)
    if not root.is_dir():
        digest.update(f"no folder {folder}\n".encode())
        return
    for directory, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(directory, name)
            digest.update(b"\0" + os.path.relpath(path, root).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())


def site_digest(settings, context) -> str:
    """What every page of the site shows besides its own values: settings, theme,
    translations, plugins' code, the renderers' versions, the site's categories (menu)."""
    from i18n import compiled_path  # plugins/i18n: where the compiled catalogs are

    digest = hashlib.sha256(f"marsad-kept-pages {LAYOUT}\n{sys.version}\n".encode())
    for name in RENDERERS:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} none\n".encode())
    digest.update(json.dumps(_stable(dict(settings)), ensure_ascii=False, sort_keys=True).encode())
    for folder in [settings.get("THEME", ""), *settings.get("PLUGIN_PATHS", ()), compiled_path(settings)]:
        digest.update(f"\nfolder {folder}\n".encode())
        _files_digest(digest, folder)
    categories = [(str(category.name), category.url) for category, _ in context.get("categories") or ()]
    digest.update(json.dumps(categories, ensure_ascii=False).encode())
    return digest.hexdigest()


def _same_file(path, identity) -> bool:
    """True while ``path`` is the file the writer closed (size, modification time, inode)."""
    try:
        return file_identity(path) == identity
    except OSError:
        return False


def _folder(settings, name, default) -> Path | None:
    """A folder setting, relative to the folder beside content/; None when set empty."""
    value = settings.get(name, default)
    if not value:
        return None
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    return Path(root, value)


def _read_manifest(path) -> dict[str, tuple[str, str]]:
    """The manifest at ``path``: {save_as: (key, digest)}; entries of any other shape are dropped."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict) or entries.get("layout") != LAYOUT:
        return {}
    pages = entries.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {
        save_as: (entry[0], entry[1])
        for save_as, entry in pages.items()
        if isinstance(save_as, str)
        and isinstance(entry, list)
        and len(entry) == 2
        and all(isinstance(part, str) and len(part) == 64 for part in entry)
    }


class KeptPages:
    """One run's lookups: which pages are copied from the last good output, which rendered."""

    def __init__(self, settings, context, output_path):
        from i18n import current_language  # plugins/i18n: this run's language and subfolder

        language = current_language(settings)
        cache = _folder(settings, "PRESS_CACHE_PATH", ".press-cache")
        last = _folder(settings, "PRESS_LAST_OUTPUT", "output")
        self.output = Path(output_path)
        self.enabled = cache is not None and last is not None
        self.manifest = Path(cache or ".", f"pages-{language.code}.json")
        self.last = Path(last or ".", language.prefix)
        # Pelican run straight into the last output (no staging folder): a kept page is in place.
        self.in_place = os.path.realpath(self.last) == os.path.realpath(self.output)
        self.site = site_digest(settings, context) if self.enabled else ""
        self.previous = _read_manifest(self.manifest) if self.enabled else {}
        self.keys: dict[str, str] = {}  # this build's pages: save_as -> key
        self.digests: dict[str, str] = {}  # the kept ones' digests, known already
        self.kept = 0

    def key(self, page_key: str) -> str:
        return hashlib.sha256(f"{self.site}\0{page_key}".encode()).hexdigest()

    def reuse(self, writer, save_as: str, page_key: str) -> bool:
        """True when ``save_as`` was copied from the last good output (its key and bytes
        unchanged); False when the caller must render it."""
        if not self.enabled:
            return False
        key = self.key(page_key)
        self.keys[save_as] = key
        previous = self.previous.get(save_as)
        if previous is None or previous[0] != key:
            return False
        source = self.last / save_as
        try:
            body = source.read_bytes()
        except OSError:
            return False
        digest = hashlib.sha256(body)
        if digest.hexdigest() != previous[1]:
            return False  # changed or replaced since: render it
        target = os.path.normpath(os.path.join(self.output, save_as))
        if not writer.keep_file(target):
            return True  # already written by another page: the writer said so
        if not self.in_place:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(body)
        # plugins/search takes a page's digest from what the writers wrote (press.writer.WRITTEN).
        WRITTEN[os.path.abspath(target)] = (digest.digest(), file_identity(target))
        self.digests[save_as] = previous[1]
        self.kept += 1
        logger.info('Kept "%s" (unchanged since the last good build)', target)
        return True

    def save(self):
        """After the pages are written: the manifest of this build's pages, kept with the
        entries of pages this build did not write (they are checked against their digest)."""
        if not self.enabled or not self.keys:
            return
        pages = {save_as: list(entry) for save_as, entry in self.previous.items()}
        for save_as, key in self.keys.items():
            digest = self.digests.get(save_as)
            path = os.path.abspath(self.output / save_as)
            written = WRITTEN.get(path)
            if digest is None and written is not None and _same_file(path, written[1]):
                digest = written[0].hex()  # hashed by the writer as it wrote the page
            if digest is None:
                try:
                    with open(self.output / save_as, "rb") as handle:
                        digest = hashlib.file_digest(handle, "sha256").hexdigest()
                except OSError:
                    pages.pop(save_as, None)
                    continue
            pages[save_as] = [key, digest]
        with replacing(self.manifest) as out:
            json.dump({"layout": LAYOUT, "pages": pages}, out, sort_keys=True)
        logger.debug("Kept %d of %d pages from %s", self.kept, len(self.keys), self.last)
