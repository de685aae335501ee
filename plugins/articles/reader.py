"""A Markdown reader that checks metadata before Pelican turns it into an article."""

import logging
import os
import re

from pelican.readers import MarkdownReader

from .schema import LIST_KEYS, check_metadata, parse_corrections, split_list

logger = logging.getLogger(__name__)


class ArticleMetadataError(ValueError):
    """Metadata problems in one file, each naming file, line and key."""

    is_editor_error = True  # plugins/strict logs it without a traceback


def _key_lines(source_path):
    """Map each metadata key of a Markdown file to its 1-based line number."""
    lines = {}
    with open(source_path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                break  # metadata ends at the first blank line
            match = re.match(r"^([A-Za-z0-9_-]+)\s*:", line)
            if match:
                lines.setdefault(match[1].lower(), number)
    return lines


def _raw_metadata(source_path):
    """Read the raw metadata block (key -> list of lines) as the meta extension does."""
    raw, key = {}, None
    with open(source_path, encoding="utf-8") as source:
        for line in source:
            if not line.strip():
                break
            match = re.match(r"^([A-Za-z0-9_-]+)\s*:\s*(.*)$", line)
            if match:
                key = match[1].lower()
                raw.setdefault(key, []).append(match[2].strip())
            elif key and line[:1] in (" ", "\t"):
                raw[key].append(line.strip())
    return {k: (v[0] if len(v) == 1 else v) for k, v in raw.items()}


class NewsroomMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus the newsroom's metadata rules."""

    def _is_page(self, source_path):
        content_root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), content_root)
        return any(
            relative == p or relative.startswith(p.rstrip("/") + os.sep)
            for p in self.settings.get("PAGE_PATHS", [])
        )

    def read(self, source_path):
        raw = _raw_metadata(source_path)
        if self._is_page(source_path):
            required = self.settings.get("PAGE_REQUIRED_METADATA", ["title"])
        else:
            required = self.settings.get("ARTICLE_REQUIRED_METADATA", ["title", "date", "category"])
        allowed = self.settings.get("ARTICLE_METADATA_KEYS", [])
        problems = check_metadata(raw, allowed, required)
        if problems:
            lines = _key_lines(source_path)
            relative = os.path.relpath(source_path)
            messages = [f"{relative}:{lines.get(key, 1)}: {message}" for key, message in problems]
            for message in messages:
                logger.error("%s", message)  # Pelican drops the exception's text
            raise ArticleMetadataError("; ".join(messages))
        content, metadata = super().read(source_path)
        for key in LIST_KEYS:
            if key in metadata:
                metadata[key] = split_list(metadata[key])
        if "corrections" in metadata:
            metadata["corrections"] = parse_corrections(metadata["corrections"])[0]
        return content, metadata


def install(readers):
    """readers_init handler: use the newsroom reader for every Markdown extension."""
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader
