"""The hand-typed-count rule in a real build: one failing build lists every problem."""

import pytest
from helpers import FIXTURES, build_site

SETTINGS = 'LANGUAGES = ["en", "ar"]\n'  # as in conftest.py: an Arabic story beside the English

FIXTURE = FIXTURES / "figures-site"
HEADER = """\
Title: {title}
Date: 2019-03-17 12:00+02:00
Category: Tests
Slug: {slug}
Datasets: casualties, displacement
"""
STORIES = {
    "unbound": (
        "On 13 March, air raids on Beta town killed 15 civilians and injured 49.\n\n"
        "At least 300 people were killed in Alpha governorate in March 2019.\n"
    ),
    "headline": "Raids killed {figure: f-beta-2019-03-13 killed} people in Beta town.\n",
    "contradicted": (
        "On 13 March, air raids on Beta town killed 16 civilians.[^wire]\n\n"
        "On 14 March, shelling killed more than 20 people in Gamma village.[^wire]\n\n"
        '[^wire]: Test Wire, "Report one", 17 March 2019.\n'
    ),
    "arabic": ("قتلت الغارات ١٥ مدنياً في بلدة بيتا.\n\nوأصيب خمسة عشر شخصاً في قرية غاما.\n"),
    "mistakes": """\
        First {figure: no-such-record killed} here.
        Then {figure: f-beta-2019-03-13 kiled} there.
        A {total: no-such-dataset killed} total.
        A {total: casualties killed colour=red} filter.
        A {total: casualties killed place=nowhere} place.
        Displaced {total: displacement persons} people.
        Not reported: {figure: f-beta-2019-03-15 killed} killed.
        Cited without a footnote.[^missing]
        """,
}
LANGUAGES = {"arabic": "Lang: ar\n"}
TITLES = {"headline": "300 people killed in Beta town"}
SUMMARIES = {"headline": "Summary: Raids killed 300 people.[^wire]\n"}


def story(name):
    body = "\n".join(line.strip() for line in STORIES[name].splitlines()) + "\n"
    title = TITLES.get(name, name.title())
    header = (
        HEADER.format(title=title, slug=f"{name}-story") + LANGUAGES.get(name, "") + SUMMARIES.get(name, "")
    )
    return header + "\n" + body


def line_of(text, fragment):
    """1-based line of the first line of ``text`` holding ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.fixture(scope="module")
def failed(tmp_path_factory):
    files = {f"content/articles/{name}.md": story(name) for name in STORIES}
    site = build_site(
        tmp_path_factory.mktemp("figures-errors"), fixture="figures-site", files=files, settings=SETTINGS
    )
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log
    return site


def problem(site, name, fragment):
    """The one problem line of the log about story ``name`` at the line holding ``fragment``."""
    text = story(name)
    where = f"content/articles/{name}.md:{line_of(text, fragment)}: {name}-story: "
    found = [line for line in site.log.splitlines() if line.startswith(f"  - {where}")]
    assert found, f"nothing reported at {where}\n{site.log}"
    return "\n".join(found)


def test_unbound_count_fails_naming_file_line_and_number(failed):
    found = problem(failed, "unbound", "killed 15 civilians")
    assert "'15' (civilians): a count typed by hand" in found
    assert "'49' (injured" in found
    # The record that holds the same figure is suggested.
    assert "write {figure: f-beta-2019-03-13 killed}" in found
    assert "write {figure: f-beta-2019-03-13 injured}" in found
    # The issue's own example: no source, no dataset, no record.
    assert "'300' (people): a count typed by hand" in problem(failed, "unbound", "At least 300")


def test_headline_count_must_repeat_a_figure_the_body_gives(failed):
    found = problem(failed, "headline", "300 people killed")
    assert "title: '300' (people): expected a figure the standfirst or body gives" in found
    # The standfirst may repeat a figure of the body; 300 is none, and it cannot cite.
    found = problem(failed, "headline", "Raids killed 300")
    assert "'300' (people): a count typed by hand" in found
    assert "footnote [^wire]: footnotes work in the body only" in found


def test_typed_figure_that_contradicts_the_data_fails(failed):
    found = problem(failed, "contradicted", "killed 16 civilians")
    assert "'16' (civilians): the story cites 16" in found
    data = (FIXTURE / "data" / "casualties.yml").read_text(encoding="utf-8")
    killed = line_of(data[data.index("id: f-beta-2019-03-13") :], "killed:") + data[
        : data.index("id: f-beta-2019-03-13")
    ].count("\n")
    assert f"data/casualties.yml:{killed}: record 'f-beta-2019-03-13' gives killed 15" in found


def test_a_qualified_figure_is_read_as_a_reader_reads_it(failed):
    found = problem(failed, "contradicted", "more than 20 people")
    assert "'20' (people): the story cites more than 20, but" in found
    assert "record 'f-gamma-2019-03-14' gives killed 15-17" in found


def test_arabic_counts_in_arabic_digits_and_words_fail(failed):
    assert "'١٥' (مدنياً): a count typed by hand" in problem(failed, "arabic", "١٥ مدنياً")
    assert "'خمسة عشر' (شخصاً): a count typed by hand" in problem(failed, "arabic", "خمسة عشر")


@pytest.mark.parametrize(
    "fragment, message",
    [
        ("no-such-record", "figure: unknown record 'no-such-record'"),
        ("kiled", "field 'kiled': expected one of attacks, children_killed, injured, killed, women_killed"),
        ("no-such-dataset", "total: unknown dataset 'no-such-dataset'"),
        ("colour=red", "filter 'colour': expected one of"),
        ("place=nowhere", "total: filter 'place': unknown place 'nowhere'"),
        ("displacement persons", "displacement counts are cumulative and are never added up"),
        ("f-beta-2019-03-15 killed", "field 'killed': data/casualties.yml gives no figure (not reported)"),
        ("[^missing]", "footnote [^missing]: expected a footnote '[^missing]: <source>', found none"),
    ],
)
def test_unknown_record_field_dataset_or_filter_fails_with_file_and_line(failed, fragment, message):
    assert message in problem(failed, "mistakes", fragment)


def test_every_problem_is_listed_once(failed):
    lines = [line for line in failed.log.splitlines() if line.startswith("  - content/articles/")]
    assert len(lines) == len(set(lines)) == 3 + 2 + 3 + 2 + 8
