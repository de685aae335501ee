"""Replace a file in one step: written beside it, then renamed over it.

Used for every cache, manifest and data file the plugins write, and for the
pages the dev server puts into output/.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

# Files go where other people read them (output/, data/, the caches), so they get
# the usual mode rather than mkstemp's owner-only 0600.
MODE = 0o644


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], text: bool = True, mode: int = MODE) -> Iterator[IO[Any]]:
    """A file open for writing (UTF-8 text, or bytes with ``text=False``) that replaces
    ``path`` when the block ends; its folder is made. If the block raises, ``path`` is
    left as it was and the partial file removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w" if text else "wb", encoding="utf-8" if text else None) as out:
            yield out
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_atomic(path: str | os.PathLike[str], content: str | bytes, mode: int = MODE) -> None:
    """Replace ``path`` with ``content`` (text as UTF-8) in one step, making its folder."""
    with replacing(path, text=False, mode=mode) as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)
