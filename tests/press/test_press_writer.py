"""plugins/press: a batch of pages rendered by forked processes with Pelican's own
Writer (plugins/guard's GuardedWriter, the one a build uses). What a forked
process logs, writes twice or raises reaches the build's process, once."""

import logging
import sys
from pathlib import Path

import jinja2
import pytest
from pelican.settings import DEFAULT_CONFIG

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from guard.writer import GuardedWriter  # noqa: E402
from press import writer as press  # noqa: E402

TEMPLATES = {
    "page": "<p>{{ number }} {{ pid() }}</p>",
    "warns": "{{ warn(number) }}",
    "fails": "{{ number / 0 }}",
}


@pytest.fixture
def make_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(press, "REGISTERED", True)
    environment = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    environment.globals["pid"] = lambda: __import__("os").getpid()

    def warn(number):
        logging.getLogger("tests.press").error(
            "page-%s.md:3: page %s: field: expected ..., found ...", number, number
        )
        return ""

    environment.globals["warn"] = warn

    def make(processes):
        settings = {**DEFAULT_CONFIG, "MARSAD_WRITE_PROCESSES": processes}
        return GuardedWriter(str(tmp_path / f"out-{processes}"), settings=settings), environment

    return make


def write_batch(writer, environment, pages):
    with press.writing(writer):
        for name, template, number in pages:
            writer.write_file(name, environment.get_template(template), {"localsiteurl": ""}, number=number)


def test_pages_are_shared_between_processes_and_identical(make_writer):
    outputs = {}
    for processes in (1, 2, 3):
        writer, environment = make_writer(processes)
        write_batch(writer, environment, [(f"p{n}/index.html", "page", n) for n in range(7)])
        folder = Path(writer.output_path)
        pages = {n: (folder / f"p{n}/index.html").read_text() for n in range(7)}
        outputs[processes] = {n: text.split()[0] for n, text in pages.items()}
        writers_pids = {text.split()[1] for text in pages.values()}
        assert len(writers_pids) == processes, pages
        assert len(writer._written_files) == 7  # the forked processes' files are known here
    assert outputs[1] == outputs[2] == outputs[3]


def test_a_forked_process_problems_are_logged_once_in_the_build(make_writer, caplog):
    writer, environment = make_writer(2)
    with caplog.at_level(logging.WARNING):
        write_batch(writer, environment, [(f"w{n}/index.html", "warns", n) for n in range(4)])
    problems = [r.getMessage() for r in caplog.records if r.name == "tests.press"]
    assert sorted(problems) == [f"page-{n}.md:3: page {n}: field: expected ..., found ..." for n in range(4)]


def test_a_path_written_by_two_processes_is_reported(make_writer, caplog):
    writer, environment = make_writer(2)
    with caplog.at_level(logging.ERROR):
        write_batch(writer, environment, [("same/index.html", "page", 1), ("same/index.html", "page", 2)])
    duplicates = [r.getMessage() for r in caplog.records if "already written by" in r.getMessage()]
    assert len(duplicates) == 1, [r.getMessage() for r in caplog.records]
    assert duplicates[0].startswith("same/index.html:1: the template 'page': output:")


def test_an_error_in_a_forked_process_is_raised_in_the_build(make_writer):
    writer, environment = make_writer(2)
    pages = [("ok/index.html", "page", 1), ("bad/index.html", "fails", 2), ("ok2/index.html", "page", 3)]
    with pytest.raises(ZeroDivisionError):
        write_batch(writer, environment, pages)
    assert (Path(writer.output_path) / "ok2/index.html").is_file()  # the build's own share went on


def test_a_long_batch_is_written_in_parts(make_writer, monkeypatch):
    monkeypatch.setattr(press, "PAGES_PER_PART", 3)
    writer, environment = make_writer(2)
    write_batch(writer, environment, [(f"p{n}/index.html", "page", n) for n in range(8)])
    folder = Path(writer.output_path)
    assert [(folder / f"p{n}/index.html").read_text().split()[0] for n in range(8)] == [
        f"<p>{n}" for n in range(8)
    ]
