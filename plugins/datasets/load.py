"""Read data files safely: strict YAML, every mapping and key with its line.

PyYAML's SafeLoader still accepts things that corrupt data silently: duplicate
keys (the last one wins), YAML 1.1 booleans (``no`` -> False, so the country
code of Norway becomes a boolean), sexagesimal numbers (``1:30`` -> 90), octal
(``010`` -> 8) and anchors/aliases (a few lines can expand to gigabytes).
:class:`DataLoader` refuses or neutralises all of them and resolves only the
YAML 1.2 core scalars: null, true/false, decimal integers and floats. Dates
stay strings; the models parse them.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, SequenceNode
from yaml.resolver import Resolver

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class DataError(Exception):
    """A problem an editor can fix: file, line, record, field, what was expected."""

    is_editor_error = True

    def __init__(self, file, line, message, record=None, field=None):
        self.file, self.line, self.record, self.field = file, line, record, field
        self.message = message
        super().__init__(str(self))

    def __str__(self):
        parts = [f"{self.file}:{self.line}"]
        if self.record is not None:
            parts.append(str(self.record))
        if self.field is not None:
            parts.append(str(self.field))
        parts.append(self.message)
        return ": ".join(parts)


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line = 0
    key_lines: dict


class LineList(list):
    """A sequence that remembers its own line and the line of each item."""

    line = 0
    item_lines: list


class _Refused(yaml.MarkedYAMLError):
    """A construct the loader refuses; its message is shown as is."""

    def __init__(self, problem, mark):
        super().__init__(None, None, problem, mark)


class DataLoader(yaml.SafeLoader):
    """SafeLoader limited to YAML 1.2 core scalars, without aliases or explicit tags."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                "aliases (*name) are not allowed in data files; write the value out", event.start_mark
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _Refused(f"anchors (&{event.anchor}) are not allowed in data files", event.start_mark)
            if event.tag not in (None, "!"):
                raise _Refused(f"explicit tags ({event.tag}) are not allowed in data files", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep=False):
        if not isinstance(node, MappingNode):
            raise _Refused("expected a mapping", node.start_mark)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("merge keys (<<) are not allowed in data files", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise _Refused("expected a plain key (name: value)", key_node.start_mark)
            if key in result:
                first = result.key_lines[key]
                problem = _Refused(
                    f"{key}: duplicate key (first given on line {first}); keep one", key_node.start_mark
                )
                if getattr(self, "duplicates", None) is None:
                    raise problem
                self.duplicates.append(problem)  # reported; the first value is kept and reading goes on
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: SequenceNode, deep=False):
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def _mapping(self, node):
        return self.construct_mapping(node)

    def _sequence(self, node):
        return self.construct_sequence(node)

    def _int(self, node):
        return int(self.construct_scalar(node), 10)

    def _float(self, node):
        return float(self.construct_scalar(node))

    def _bool(self, node):
        return self.construct_scalar(node).lower() == "true"

    def _null(self, node):
        return None


# YAML 1.2 core schema, restricted to decimal numbers.
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    DataLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

DataLoader.yaml_constructors = dict(yaml.SafeLoader.yaml_constructors)
for _tag, _method in [
    ("map", "_mapping"),
    ("seq", "_sequence"),
    ("int", "_int"),
    ("float", "_float"),
    ("bool", "_bool"),
    ("null", "_null"),
]:
    DataLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", getattr(DataLoader, _method))


try:  # libyaml, when PyYAML was built with it (the PyPI wheels are)
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

if CParser is not None:

    class FastDataLoader(CParser, DataLoader):
        """DataLoader with libyaml's scanner and parser: about three times faster.

        libyaml turns the text into events; PyYAML's own composer (with
        DataLoader's checks) and constructor (with its line marks) still build
        the values, so the result is the same. Its error messages are worded
        differently, so a file that fails is parsed again with DataLoader.
        """

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        # PyYAML's composer, not libyaml's: DataLoader.compose_node must see every node.
        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        check_node = Composer.check_node
        get_node = Composer.get_node
        compose_node = DataLoader.compose_node
else:  # pragma: no cover
    FastDataLoader = None  # type: ignore[misc,assignment]  # PyYAML without libyaml


def _load(loader_class, text, duplicates=None):
    loader = loader_class(text)
    loader.duplicates = duplicates
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_yaml(path, shown_as=None, max_bytes=DEFAULT_MAX_BYTES, problems=None):
    """Parse one data file into LineDict/LineList values.

    Raises :class:`DataError` for a file too large, not UTF-8 text, empty,
    malformed, or whose top level is not a mapping. With a ``problems`` list,
    a duplicate key is added to it (the first value kept) instead of stopping
    the file, so the rest of the file is still checked.
    """
    shown = shown_as or str(path)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise DataError(
            shown, 1, f"file is {size} bytes; the limit is {max_bytes} bytes (setting DATASETS_MAX_BYTES)"
        )
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            shown, line, "expected UTF-8 text; this looks like a binary or differently encoded file"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError(shown, line, "expected text; the file contains NUL bytes") from None
    return parse_text(text.removeprefix("\ufeff"), shown, problems=problems)


def parse_text(text, shown, line_offset=0, what="file", problems=None):
    """Parse YAML text with the strict loader; the top level must be a mapping.

    ``line_offset`` is added to every line number (for YAML embedded in another
    file, such as a chart block in a story). Raises :class:`DataError`.
    """
    data = None
    duplicates: list[Any] | None = [] if problems is not None else None
    if FastDataLoader is not None:
        try:
            data = _load(FastDataLoader, text, duplicates)
        except (yaml.YAMLError, RecursionError):
            data, duplicates = None, [] if problems is not None else None  # parsed again below
    try:
        if data is None:
            data = _load(DataLoader, text, duplicates)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.problem:
            problem = f"{error.context}, {error.problem}"
        if not isinstance(error, _Refused):
            problem = (
                f"invalid YAML: {problem} (check the indentation, colons and quotes "
                "on this line and the one before)"
            )
        raise DataError(shown, line, problem) from None
    except yaml.YAMLError as error:
        raise DataError(shown, 1 + line_offset, f"invalid YAML: {error}") from None
    except RecursionError:
        raise DataError(shown, 1 + line_offset, "invalid YAML: nesting is too deep") from None
    for duplicate in duplicates or ():
        problems.append(
            str(DataError(shown, duplicate.problem_mark.line + 1 + line_offset, duplicate.problem))
        )
    if data is None:
        raise DataError(shown, 1 + line_offset, f"{what} is empty; expected a mapping of fields")
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
        raise DataError(
            shown,
            (getattr(data, "line", 1) or 1) + line_offset,
            f"expected a mapping of fields at the top level, found {found}",
        )
    return data
