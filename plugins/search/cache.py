"""Keep the last Pagefind index, and reuse it while the pages it read are the same.

Pagefind has no incremental mode: it reads every HTML page again each run. A
warm build that changed no page would pay that again for the same index. The
cache key is a digest of what Pagefind reads (every ``*.html`` file of the
output, its path and its bytes) and of how it was run (its version and command
line), so any change of any page, of Pagefind or of its options means a fresh
run. A page written by plugins/press's writer was hashed as it was written
(press.writer.WRITTEN): its digest is used while the file keeps the size,
modification time and inode it was closed with; any other page (or one written
again since, by anything) is read back and hashed. The index is kept in ``SEARCH_CACHE_PATH/<digest>/`` and linked (or
copied) into the output, so output/ holds the same index a fresh run would have
written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Bump when the layout of the cache changes.
LAYOUT = "2"  # 2: two parts (the records part in the bundle's records/)


def pages_digest(output_path, bundle_dir, commands):
    """Digest of every HTML page under ``output_path`` (path and bytes) and of the
    Pagefind commands (one per part of the index)."""
    output = Path(output_path)
    digest = hashlib.sha256(f"marsad-search-cache {LAYOUT}\n".encode())
    for executable, *arguments in commands:
        # The command names the output folder, which differs from build to build
        # (a staging folder): keep only the arguments that change the index.
        digest.update(_pagefind_version(executable).encode())
        digest.update("\0".join(a for a in arguments if a != str(output_path)).encode() + b"\n")
    pages = sorted(html_pages(output, bundle_dir))
    written, identity = _written_pages()
    digests = {page: _as_written(os.path.join(output, page), written, identity) for page in pages}
    unknown = [page for page, known in digests.items() if known is None]
    # hashlib lets go of the GIL while it hashes: a few threads read and hash at once.
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(_file_digest, (os.path.join(output, page) for page in unknown))
        digests.update(zip(unknown, found, strict=True))
    for page in pages:
        digest.update(b"\0" + page.encode() + b"\0" + digests[page])
    return digest.hexdigest()


def _written_pages():
    """plugins/press's record of the pages its writers wrote ({} without it)."""
    try:
        from press.writer import WRITTEN, file_identity
    except ImportError:
        return {}, None
    return WRITTEN, file_identity


def _as_written(path, written, identity):
    """A page's digest as its writer hashed it while writing, when the file is still
    the one it wrote (same size, time and inode); None: read it back."""
    known = written.get(os.path.abspath(path))
    if known is not None and identity(path) == known[1]:
        return known[0]
    return None


def forget_written():
    """After the index: let go of the writers' record (the next build writes afresh)."""
    pages, _ = _written_pages()
    if pages:
        pages.clear()


def html_pages(output_path, bundle_dir):
    """Paths (relative, '/'-separated) of the HTML files Pagefind reads: all but its own folder's."""
    output, bundle_dir = str(output_path), os.path.normpath(bundle_dir)
    for folder, subfolders, files in os.walk(output):
        relative = os.path.relpath(folder, output)
        if relative == bundle_dir:
            subfolders[:] = []
            continue
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        yield from (prefix + name for name in files if name.endswith(".html"))


def _file_digest(path):
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _pagefind_version(executable):
    """The installed pagefind-bin's version (its wheel pins the binary)."""
    try:
        from importlib.metadata import version

        return f"pagefind-bin {version('pagefind_bin')}"
    except Exception:  # not installed from a wheel: key on the binary itself
        stat = os.stat(executable)
        return f"{executable} {stat.st_size} {stat.st_mtime_ns}"


def restore(cache_root, digest, target):
    """Copy the kept index for ``digest`` to ``target``; False when there is none."""
    kept = Path(cache_root, digest)
    if not (kept / "pagefind-entry.json").is_file():
        return False
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(kept, target, copy_function=_link_or_copy)
    return True


def _link_or_copy(source, destination):
    """A hard link where the file system allows it (7,000 small files: a link is
    much faster than a copy), else a copy. Nothing writes into an index's files
    after Pagefind: a new index is new files, so the kept and the published
    names may share their data."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def keep(cache_root, digest, index):
    """Keep a copy of a freshly written ``index`` under ``digest``; drop older ones.

    Written beside the cache first and renamed into place, so a build that stops
    half-way, or another build of the same project, never sees half an index.
    """
    root = Path(cache_root)
    root.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=root))
    try:
        shutil.copytree(index, partial, dirs_exist_ok=True)
        if not (root / digest).exists():
            os.replace(partial, root / digest)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    for entry in root.iterdir():
        if entry.name != digest and not entry.name.startswith(".partial-"):
            shutil.rmtree(entry, ignore_errors=True)
