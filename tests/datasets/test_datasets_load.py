"""The libyaml-backed loader reads data exactly as the pure-Python one does:
the same values, the same line of every mapping, key and list item."""

import pytest
from helpers import FIXTURES, ROOT

from datasets.load import DataLoader, FastDataLoader, _load

FILES = sorted((ROOT / "data").rglob("*.yml")) + sorted((FIXTURES / "datasets-site").rglob("*.yml"))


def lines(value):
    """Every line mark in a parsed value, in order."""
    if isinstance(value, dict):
        found = [("map", value.line, tuple(sorted(value.key_lines.items(), key=str)))]
        return found + [mark for item in value.values() for mark in lines(item)]
    if isinstance(value, list):
        found = [("list", value.line, tuple(value.item_lines))]
        return found + [mark for item in value for mark in lines(item)]
    return []


@pytest.mark.skipif(FastDataLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_fast_loader_matches_the_python_loader(path):
    text = path.read_text(encoding="utf-8")
    slow, fast = _load(DataLoader, text), _load(FastDataLoader, text)
    assert fast == slow
    assert lines(fast) == lines(slow)
    assert lines(slow)  # the comparison saw line marks
