"""A Markdown reader that checks metadata before Pelican turns it into an article."""

import logging
import os
import re
from typing import Any

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import slugify

from . import cache as markdown_cache
from .links import check_body, image_problem, scheme_problem
from .schema import LIST_KEYS, SLUG_MAX_LENGTH, check_metadata, parse_corrections, split_list

logger = logging.getLogger(__name__)

# Python-Markdown's meta extension (markdown/extensions/meta.py): up to three
# spaces before a key, four or more for a continuation line. The checks read the
# metadata exactly as Pelican will, so an indented key cannot slip past them.
META_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024  # CONTENT_MAX_BYTES, see plugins/guard/files.py


class ArticleMetadataError(ValueError):
    """Metadata problems in one file, each naming file, line and key."""

    is_editor_error = True  # plugins/strict logs it without a traceback
    already_reported = True  # each problem was logged on its own line


# The text of each source read this build, so that the plugins that look for lines
# in it (related, charts, guard) do not read it again: path -> ((mtime, size), text).
_TEXTS: dict = {}


def _stamp(source_path):
    found = os.stat(source_path)
    return found.st_mtime_ns, found.st_size


def source_text(source_path):
    """A source's text as the reader read it this build (UTF-8, newlines as ``open``
    gives them, no byte-order mark), else read now.

    Raises OSError or UnicodeDecodeError as ``open`` does.
    """
    path = os.path.abspath(source_path)
    kept = _TEXTS.get(path)
    if kept is not None and kept[0] == _stamp(path):
        return kept[1]
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def forget_texts(*_):
    """get_writer and finalized: the texts are not needed once every story is read."""
    _TEXTS.clear()


def read_text(source_path, max_bytes=DEFAULT_MAX_BYTES):
    """The file's text; raises ValueError (with the line) if too large or not UTF-8 text."""
    with open(source_path, "rb") as source:
        raw = source.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValueError(1, f"expected at most {max_bytes} bytes (setting CONTENT_MAX_BYTES), found more")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(
            line, "expected UTF-8 text, found bytes that are not (a binary or differently encoded file)"
        ) from None
    if "\x00" in text:
        raise ValueError(text[: text.index("\x00")].count("\n") + 1, "expected text, found NUL bytes")
    return text.removeprefix("\ufeff")


def _metadata_block(text):
    """[(line number, key or None, value)] of the metadata block, and the body's first line."""
    lines = text.split("\n")
    entries: list[tuple[int, str, str]] = []
    key, start = None, 0
    if lines and META_BEGIN.match(lines[0]):
        start = 1
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or META_END.match(line):
            return entries, index + 2
        match = META_KEY.match(line)
        if match:
            key = match["key"].lower()
            entries.append((index + 1, key, match["value"].strip()))
        elif key and META_MORE.match(line):
            entries.append((index + 1, key, line.strip()))
        else:
            return entries, index + 1
    return entries, len(lines) + 1


def key_lines(source_path):
    """Map each metadata key of a Markdown file to its 1-based line number ({} if unreadable)."""
    try:
        text = read_text(source_path)
    except (OSError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for number, key, _ in _metadata_block(text)[0]:
        lines.setdefault(key, number)
    return lines


def _raw_metadata(text):
    """The raw metadata block (key -> value or list of lines), as the meta extension reads it."""
    raw: dict[str, Any] = {}
    for _, key, value in _metadata_block(text)[0]:
        raw.setdefault(key, []).append(value)
    return {k: (v[0] if len(v) == 1 else v) for k, v in raw.items()}


def _label(raw, source_path, settings):
    """The slug an editor knows the story by, shortened for messages."""
    slug = story_slug(raw, source_path, settings)
    return slug if len(slug) <= 60 else slug[:57] + "..."


def story_slug(raw, source_path, settings):
    """The story's slug: Slug, else its title's (as Pelican makes it), else the file name."""
    slug = str(raw.get("slug") or "").strip()
    if not slug and raw.get("title"):
        slug = slugify(
            str(raw["title"]),
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )
    return slug or os.path.splitext(os.path.basename(source_path))[0]


class NewsroomMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus the newsroom's metadata, address, image and link rules."""

    def _is_page(self, source_path):
        content_root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), content_root)
        return any(
            relative == p or relative.startswith(p.rstrip("/") + os.sep)
            for p in self.settings.get("PAGE_PATHS", [])
        )

    def _fail(self, source_path, problems, slug=None):
        if slug:
            # Other plugins' checks ("a record lists an unknown story") skip this slug:
            # the story exists, its own problems are what the editor must fix.
            self.settings.setdefault("ARTICLES_UNREADABLE_SLUGS", []).append(slug)
        relative = os.path.relpath(source_path)
        messages = [f"{relative}:{line}: {label}: {message}" for line, label, message in problems]
        for message in messages:
            logger.error("%s", message)  # Pelican drops the exception's text
        raise ArticleMetadataError("; ".join(messages))

    def _languages(self):
        return list(self.settings.get("LANGUAGES") or [self.settings.get("DEFAULT_LANG", "en")])

    def check(self, source_path, text):
        """[(line, slug, 'field: message')] of a source's metadata, addresses, images and links."""
        raw = _raw_metadata(text)
        if self._is_page(source_path):
            required = self.settings.get("PAGE_REQUIRED_METADATA", ["title"])
        else:
            required = self.settings.get("ARTICLE_REQUIRED_METADATA", ["title", "date", "category"])
        allowed = self.settings.get("ARTICLE_METADATA_KEYS", [])
        lines: dict[str, int] = {}
        for number, key, _ in _metadata_block(text)[0]:
            lines.setdefault(key, number)
        label = _label(raw, source_path, self.settings)
        found = check_metadata(raw, allowed, required, self._languages())
        if "slug" not in raw and raw.get("title"):
            slug = slugify(str(raw["title"]), regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
            if len(slug) > SLUG_MAX_LENGTH:
                found.append(
                    (
                        "title",
                        f"title: expected a title whose address is at most {SLUG_MAX_LENGTH} characters "
                        f"(or a shorter Slug:), found one of {len(slug)}",
                    )
                )
        content_root = os.path.abspath(self.settings["PATH"])
        for key in ("image",):
            if raw.get(key):
                value = str(raw[key]).strip()
                problem = scheme_problem(value) or image_problem(value, content_root, content_root)
                if problem:
                    found.append((key, f"{key}: {problem}"))
        for key, value in raw.items():
            for part in value if isinstance(value, list) else [value]:
                problem = (
                    scheme_problem(part)
                    if key in ("url", "save_as", "slug", "redirect_from", "related")
                    else None
                )
                if problem and not any(k == key for k, _ in found):
                    found.append((key, f"{key}: {problem}"))
        problems = [(lines.get(key, 1), label, message) for key, message in found]
        for key in self.settings.get("FORMATTED_FIELDS", []):
            if key.lower() in raw and key.lower() in lines:
                value = raw[key.lower()]
                value = "\n".join(value) if isinstance(value, list) else str(value)
                problems += [
                    (line, label, f"{key.lower()}: {message}")
                    for line, _, message in check_body(
                        value, lines[key.lower()], source_path, content_root, None
                    )
                ]
        body_start = _metadata_block(text)[1]
        body = "\n".join(text.split("\n")[body_start - 1 :])
        problems += [
            (line, label, f"{field}: {message}")
            for line, field, message in check_body(body, body_start, source_path, content_root, None)
        ]
        return problems

    def read(self, source_path):
        try:
            text = read_text(source_path, int(self.settings.get("CONTENT_MAX_BYTES", DEFAULT_MAX_BYTES)))
        except ValueError as error:
            line, message = error.args
            name = os.path.basename(source_path)
            self._fail(source_path, [(line, name, f"file: {message}")])
        problems = self.check(source_path, text)
        if problems:
            raw = _raw_metadata(text)
            slug = story_slug(raw, source_path, self.settings)
            self._fail(source_path, problems, slug)
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as open() and pelican_open read it
        _TEXTS[os.path.abspath(source_path)] = (_stamp(source_path), text)
        content, metadata = self._convert(source_path, text)
        for key in LIST_KEYS:
            if key in metadata:
                metadata[key] = split_list(metadata[key])
        if "corrections" in metadata:
            metadata["corrections"] = parse_corrections(metadata["corrections"])[0]
        return content, metadata

    def _converters(self):
        """One Markdown instance for bodies and one for formatted fields, reset per use
        (Pelican's own read makes a new one per file, most of its setup time)."""
        if getattr(self, "_body_markdown", None) is None:
            self._body_markdown = Markdown(**self.settings["MARKDOWN"])
            self._field_markdown = Markdown(**self.settings["MARKDOWN"])
            # As Pelican's _parse_metadata: no metadata extraction inside a field.
            self._field_markdown.preprocessors.deregister("meta")
        return self._body_markdown, self._field_markdown

    def _convert(self, source_path, text):
        """(HTML, metadata) as MarkdownReader.read gives them, Markdown's work cached."""
        self._source_path = source_path
        cache = markdown_cache.for_run(self.settings)
        key = cache.key(text)
        entry = cache.lookup(key)
        if entry is None:
            body, field = self._converters()
            body.reset()
            content = body.convert(text)
            meta = {name: list(values) for name, values in getattr(body, "Meta", {}).items()}
            formatted = {}
            for name, values in meta.items():
                if name.lower() in self.settings["FORMATTED_FIELDS"]:
                    field.reset()
                    formatted[name.lower()] = field.convert("\n".join(values))
            cache.store(key, content, meta, formatted)
        else:
            content, meta, formatted = entry["content"], entry["meta"], entry["formatted"]
        return content, self._metadata(meta, formatted)

    def _metadata(self, meta, formatted):
        """Pelican's MarkdownReader._parse_metadata, with the formatted fields given."""
        output = {}
        for name, value in meta.items():
            name = name.lower()
            if name in formatted:
                output[name] = self.process_metadata(name, formatted[name])
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(value) > 1:
                    logger.warning(
                        "Duplicate definition of `%s` for %s. Using first one.", name, self._source_path
                    )
                output[name] = self.process_metadata(name, value[0])
            elif len(value) > 1:
                output[name] = self.process_metadata(name, value)
            else:
                output[name] = self.process_metadata(name, value[0])
        return output


def install(readers):
    """readers_init handler: use the newsroom reader for every Markdown extension."""
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader
