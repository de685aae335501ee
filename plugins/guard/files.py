"""Nothing from outside the repository is read: links, special files and sizes.

Pelican follows symbolic links when it lists content (``os.walk(followlinks=True)``)
and copies static files through them, so a link ``content/images/a.png ->
/etc/passwd`` would publish that file. This check runs at ``initialized``, before
any reader opens a file, and only calls ``lstat``/``stat``/``realpath``.

Settings (all optional):
- GUARD_REPOSITORY_ROOT: the folder nothing may be read from outside of;
  default: the folder that holds the content folder (PATH).
- CONTENT_MAX_BYTES: largest Markdown/HTML source file; default 2 MB.
- STATIC_MAX_BYTES: largest other file under the content folder (images,
  downloads); default 20 MB.
- DATASETS_MAX_BYTES (plugins/datasets): largest file under the data folder;
  default 5 MB.
"""

from __future__ import annotations

import os
import stat

from strict import abort

DEFAULT_CONTENT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_STATIC_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_DATA_MAX_BYTES = 5 * 1024 * 1024
TEXT_SOURCES = (".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst")


def repository_root(settings) -> str:
    """The folder nothing may be read from outside of (real path)."""
    root = settings.get("GUARD_REPOSITORY_ROOT") or os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.realpath(root)


def _inside(path, root) -> bool:
    return os.path.commonpath([path, root]) == root


def _size_limit(path, settings, folder_kind) -> tuple[int, str]:
    if folder_kind == "data":
        return int(settings.get("DATASETS_MAX_BYTES", DEFAULT_DATA_MAX_BYTES)), "DATASETS_MAX_BYTES"
    if path.lower().endswith(TEXT_SOURCES):
        return int(settings.get("CONTENT_MAX_BYTES", DEFAULT_CONTENT_MAX_BYTES)), "CONTENT_MAX_BYTES"
    return int(settings.get("STATIC_MAX_BYTES", DEFAULT_STATIC_MAX_BYTES)), "STATIC_MAX_BYTES"


def check_tree(folder, root, settings, folder_kind, shown_base) -> list[str]:
    """Problems of every entry under ``folder`` (links, special files, sizes)."""
    problems: list[str] = []
    if not os.path.isdir(folder):
        return problems
    seen_folders = set()

    def shown(path):
        return os.path.relpath(path, shown_base).replace(os.sep, "/")

    def problem(path, message):
        problems.append(f"{shown(path)}:1: {os.path.basename(path)}: file: {message}")

    def visit(path):
        real = os.path.realpath(path)
        if os.path.islink(path) and not _inside(real, root):
            target = os.readlink(path)
            resolved = "" if target == real else f" (resolving to {real})"
            problem(
                path,
                f"expected a file inside the repository, found a symbolic link to {target}{resolved};"
                " copy the file into the repository instead",
            )
            return
        try:
            info = os.stat(path)
        except OSError:
            problem(path, f"expected a readable file, found a broken link to {os.readlink(path)}")
            return
        if stat.S_ISDIR(info.st_mode):
            if real in seen_folders:
                return  # a link back to a folder already checked
            seen_folders.add(real)
            try:
                names = sorted(os.listdir(path))
            except OSError as error:
                problem(path, f"expected a readable folder ({error.strerror})")
                return
            for name in names:
                visit(os.path.join(path, name))
        elif not stat.S_ISREG(info.st_mode):
            problem(path, "expected a regular file, found a device, pipe or socket")
        else:
            limit, setting = _size_limit(path, settings, folder_kind)
            if info.st_size > limit:
                problem(
                    path,
                    f"expected at most {limit} bytes (setting {setting}), found {info.st_size} bytes",
                )

    visit(os.path.abspath(folder))
    return problems


def source_problems(settings) -> list[str]:
    """Every problem of the content and data folders."""
    root = repository_root(settings)
    content = os.path.abspath(settings["PATH"])
    shown_base = os.path.dirname(content)
    problems = []
    if not _inside(os.path.realpath(content), root):
        problems.append(f"{content}:1: PATH: setting: expected a folder inside the repository {root}")
    problems += check_tree(content, root, settings, "content", shown_base)
    data = settings.get("DATASETS_PATH")
    if data:
        data = data if os.path.isabs(data) else os.path.join(shown_base, data)
        problems += check_tree(data, root, settings, "data", shown_base)
    return problems


def check_sources(pelican):
    """initialized: fail before anything is read if a source is unsafe to read."""
    problems = source_problems(pelican.settings)
    if problems:
        abort(problems)
