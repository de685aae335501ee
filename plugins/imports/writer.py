"""Read and write data files with ruamel.yaml's round trip: comments, order and style kept.

An editor's file comes back as they wrote it, plus the import's changes. The new
text is validated by the datasets plugin, exactly as a build would read it,
before it replaces the file (atomically); if it does not validate, nothing is written.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from datasets.validate import build_catalog


def round_trip() -> YAML:
    """ruamel.yaml set up like Marsad's data files: 2-space maps, '  - ' lists, long lines."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.representer.add_representer(type(None), _null)
    yaml.representer.ignore_aliases = lambda _data: (
        True
    )  # data files refuse anchors and aliases  # "null", as editors write it, not ""
    return yaml


def _null(representer, _value):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def load_document(path: Path):
    """The file as ruamel's commented mapping (None when the file does not exist)."""
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        return round_trip().load(handle)


def dump_document(document) -> str:
    out = io.StringIO()
    round_trip().dump(document, out)
    return out.getvalue()


def yaml_value(value):
    """A Python value as ruamel nodes: ranges in flow style, lists of mappings as blocks."""
    if isinstance(value, dict):
        node = CommentedMap((k, yaml_value(v)) for k, v in value.items())
        if set(value) <= {"min", "max"}:
            node.fa.set_flow_style()
        return node
    if isinstance(value, (list, tuple)):
        items = CommentedSeq(yaml_value(v) for v in value)
        if all(isinstance(v, str) for v in value):
            items.fa.set_flow_style()
        return items
    return value


def validate_texts(data_dir: Path, texts: dict, today) -> list[str]:
    """Problems the build would report if ``texts`` {file name: new text} replaced data/ files."""
    with tempfile.TemporaryDirectory(prefix="marsad-import-") as tmp:
        copy = Path(tmp) / data_dir.name
        copy.mkdir()
        for path in data_dir.iterdir():
            if path.is_file() and path.suffix in (".yml", ".yaml"):
                shutil.copyfile(path, copy / path.name)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        _, problems = build_catalog(copy, shown_base=tmp, today=today)
    return problems


def append_entry(sequence: CommentedSeq, entry):
    """Append a record or place, after a blank line as editors separate them."""
    sequence.append(entry)
    if len(sequence) > 1:
        sequence.yaml_set_comment_before_after_key(len(sequence) - 1, before="\n")
