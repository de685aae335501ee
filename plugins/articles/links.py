"""Images and links in a story: only the site's own files, no script or data URLs.

Checked on the Markdown source, so each problem names its line: an image (the
Image metadata, a Markdown image or an ``<img>``) must be a file of the site
(not another host, and present under the content folder); no link or address
may use a ``javascript:``, ``vbscript:`` or ``data:`` URL (in any spelling:
mixed case, HTML entities, spaces or control characters inside); and no
``{static}``, ``{filename}``, ``{attach}`` or relative path may climb out of the
content folder.
"""

from __future__ import annotations

import html
import os
import posixpath
import re

# Markdown inline links and images, reference definitions, and raw HTML href/src.
IMAGE = re.compile(
    r"""!\[[^\]]*\]\(\s*<?(?P<md>[^\s)>]+)|<img\b[^>]*?\bsrc\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""",
    re.I,
)
LINK = re.compile(
    r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:[ \t]*<?)(?P<md>[^\s)>]+)"""
    r"""|\b(?:href|src|action|formaction|data|poster|srcset)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""",
    re.I | re.M,
)
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
PLACEHOLDER = re.compile(r"^\{(static|filename|attach|static_content|index|tag|category|author)\}")
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


def _target(match):
    return next(v for v in (match.group(g) for g in ("md", "dq", "sq", "bare")) if v is not None)


def scheme_problem(value):
    """'a javascript: URL' if ``value`` runs script or embeds data, else None."""
    text = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(str(value))).lower()
    for scheme in SCRIPT_SCHEMES:
        if text.startswith(scheme):
            return f"expected an http(s) or site address, found a {scheme} URL"
    return None


def _resolve(target, source_dir, content_root):
    """(path on disk or None, climbs out?) of a local target.

    ``{static}/x`` and ``/x`` start at the content folder, ``{static}x`` and ``x``
    at the story's folder, as in Pelican.
    """
    target = html.unescape(target).split("#", 1)[0].split("?", 1)[0]
    placeholder = PLACEHOLDER.match(target)
    rest = target[placeholder.end() :] if placeholder else target
    if placeholder and placeholder.group(1) not in ("static", "filename", "attach", "static_content"):
        return None, False
    base = content_root if rest.startswith("/") else source_dir
    joined = os.path.normpath(os.path.join(base, rest.lstrip("/")))
    inside = os.path.commonpath([joined, content_root]) == content_root
    return joined, not inside


def check_body(text, first_line, source_path, content_root, image_roots):
    """[(line, field, message)] for the body's images and links."""
    problems = []
    source_dir = os.path.dirname(os.path.abspath(source_path))
    fence = None
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        opened = FENCE.match(line)
        if fence or opened:  # code is shown as text, never fetched or followed
            if fence and opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            elif not fence and opened is not None:
                fence = opened.group(1)
            continue
        for match in LINK.finditer(line):
            target = _target(match)
            problem = scheme_problem(target)
            if problem:
                problems.append((number, "link", problem))
                continue
            if not EXTERNAL.match(target) and not target.startswith("#"):
                _, climbs = _resolve(target, source_dir, content_root)
                if climbs:
                    problems.append(
                        (number, "link", f"expected a file inside the content folder, found {target!r}")
                    )
        for match in IMAGE.finditer(line):
            target = _target(match)
            if scheme_problem(target):
                continue  # reported above
            if not PLACEHOLDER.match(target) and not target.startswith("/") and not EXTERNAL.match(target):
                problems.append(
                    (
                        number,
                        "image",
                        f"expected {{static}}/path/of/the/image (a relative path breaks on the story's page), found {target!r}",
                    )
                )
                continue
            problem = image_problem(target, source_dir, content_root, image_roots)
            if problem:
                problems.append((number, "image", problem))
    return problems


def image_problem(target, source_dir, content_root, image_roots=None):
    """Why ``target`` is not an image file of the site, or None."""
    target = target.strip()
    if EXTERNAL.match(target):
        return f"expected an image file of this site (the site loads nothing from another host), found {target!r}"
    path, climbs = _resolve(target, source_dir, content_root)
    if climbs:
        return f"expected a file inside the content folder, found {target!r}"
    if path is None or not os.path.isfile(path):
        return f"expected an existing image file under the content folder, found {target!r}"
    if image_roots is not None:
        relative = posixpath.normpath(os.path.relpath(path, content_root).replace(os.sep, "/"))
        if not any(relative.startswith(root.rstrip("/") + "/") for root in image_roots):
            return f"expected an image in a static folder ({', '.join(image_roots)}), found {target!r}"
    return None
