"""One bad data file per validation rule: the message names file, line, record and field.

Each fixture in tests/fixtures/datasets-rules/ starts with a comment
``# expect: record=<id> field=<field> text=<part of the message>`` and marks the
line the message must name with ``# <- error``. ``-`` means the message has no
record or field part (a problem found while reading the YAML itself).
"""

import re
import shutil
from pathlib import Path

import pytest

from datasets.validate import build_catalog

RULES = Path(__file__).resolve().parents[1] / "fixtures" / "datasets-rules"
EXPECT = re.compile(
    r"^# expect(?:-in: (?P<target>\S+))?:? record=(?P<record>.+?) field=(?P<field>\S+) text=(?P<text>.+)$"
)
CASES = sorted(p.name for p in RULES.iterdir() if p.name != "places.yml")


def lay_out(case, data_dir):
    """Copy a rule fixture (a dataset file or a folder) into ``data_dir``."""
    source = RULES / case
    data_dir.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, data_dir, dirs_exist_ok=True)
    else:
        shutil.copy(source, data_dir / case)
    if not (data_dir / "places.yml").exists():
        shutil.copy(RULES / "places.yml", data_dir / "places.yml")


def expectation(case):
    """(file shown in the message, line, record, field, text) declared by the fixture."""
    source = RULES / case
    files = sorted(source.glob("*.yml")) if source.is_dir() else [source]
    for path in files:
        match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
        if match:
            target = match["target"]
            name = target.split("/", 1)[1] if target else path.name
            marked = (source / name) if source.is_dir() else source
            lines = marked.read_text(encoding="utf-8").splitlines()
            line = next(i for i, text in enumerate(lines, 1) if "# <- error" in text)
            return f"data/{name}", line, match["record"], match["field"], match["text"]
    raise AssertionError(f"{case}: no '# expect:' line")


def expected_prefix(shown, line, record, field):
    if record == "-":
        return f"{shown}:{line}: "
    return f"{shown}:{line}: {record}: {field}: "


@pytest.mark.parametrize("case", CASES)
def test_each_rule_names_file_line_record_and_field(case, tmp_path):
    data = tmp_path / "data"
    lay_out(case, data)
    shown, line, record, field, text = expectation(case)
    catalog, problems = build_catalog(data)
    assert catalog is None
    prefix = expected_prefix(shown, line, record, field)
    assert any(p.startswith(prefix) and text in p for p in problems), (
        f"wanted '{prefix}...{text}...' in:\n" + "\n".join(problems)
    )


def test_all_problems_of_a_run_are_listed(tmp_path):
    """Every bad file of one data folder is reported in the same run."""
    data = tmp_path / "data"
    files = [c for c in CASES if (RULES / c).is_file()]
    for case in files:
        lay_out(case, data)
    _, problems = build_catalog(data)
    for case in files:
        shown, line, record, field, text = expectation(case)
        prefix = expected_prefix(shown, line, record, field)
        assert any(p.startswith(prefix) and text in p for p in problems), (case, problems)


def write_dataset(tmp_path, name, content):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(RULES / "places.yml", data / "places.yml")
    target = data / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return data


@pytest.mark.parametrize(
    "name, content, line, text",
    [
        ("empty.yml", "", 1, "file is empty; expected a mapping of fields"),
        ("comments.yml", "# only a comment\n", 1, "file is empty"),
        ("binary.yml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 1, "expected UTF-8 text"),
        ("nul.yml", "kind: counts\n\x00\n", 2, "expected text; the file contains NUL bytes"),
        ("latin1.yml", "kind: counts\ntitle: caf\xe9\n".encode("latin-1"), 2, "expected UTF-8 text"),
        (
            "scalar.yml",
            "just a sentence\n",
            1,
            "expected a mapping of fields at the top level, found a single value",
        ),
        ("two-documents.yml", "kind: counts\n---\nkind: counts\n", 2, "expected a single document"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path, name, content, line, text):
    data = write_dataset(tmp_path, name, content)
    catalog, problems = build_catalog(data)
    assert catalog is None
    assert any(p.startswith(f"data/{name}:{line}: ") and text in p for p in problems), problems


def test_size_cap_is_checked_before_parsing(tmp_path):
    big = "# padding\n" * 200 + "kind: [" * 10000  # would also be a nesting bomb
    data = write_dataset(tmp_path, "big.yml", big)
    _, problems = build_catalog(data, max_bytes=1000)
    assert problems == [
        f"data/big.yml:1: file is {len(big)} bytes; the limit is 1000 bytes (setting DATASETS_MAX_BYTES)"
    ]


def test_yaml_bomb_is_refused_without_expanding(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    data = write_dataset(tmp_path, "bomb.yml", bomb)
    _, problems = build_catalog(data)
    assert problems == ["data/bomb.yml:1: anchors (&a) are not allowed in data files"]


def test_yaml_11_words_and_numbers_stay_text(tmp_path):
    """'no', 'on', '1:30', '0x10' are text, never booleans or numbers; dates stay strings."""
    from datasets.load import load_yaml

    path = tmp_path / "values.yml"
    path.write_text("a: no\nb: on\nc: 1:30\nd: 0x10\ne: 2019-03-13\nf: true\ng: 010\nh: ~\n")
    assert load_yaml(path) == {
        "a": "no",
        "b": "on",
        "c": "1:30",
        "d": "0x10",
        "e": "2019-03-13",
        "f": True,
        "g": 10,
        "h": None,
    }
