"""Which numbers the rule reads as counts (docs/figures.md), sentence by sentence."""

import re

import pytest

from figures.counts import find_counts
from figures.source import read_story

HEADER = "Title: T\nDate: 2019-03-17 12:00+02:00\nCategory: Tests\n\n"


def counts(prose):
    story = read_story("story.md", HEADER + prose + "\n")
    return [c.text for part in story.parts for c in find_counts(part.text, part.breaks)]


@pytest.mark.parametrize(
    "prose, found",
    [
        ("Air raids killed 15 civilians.", ["15"]),
        ("The raids killed at least 15 and injured 49.", ["15", "49"]),
        ("Four air raids hit the city.", ["Four"]),
        ("Shelling drove 17,467 families, or 110,393 people, from the zone.", ["17,467", "110,393"]),
        ("It recorded 39 targeted locations in Idlib, 34 in Hama and 16 in Aleppo.", ["39", "34", "16"]),
        ("Between 15 and 17 people died.", ["15 and 17"]),
        ("Reports put the toll at 15-17 dead.", ["15-17"]),
        ("Twenty-five children were among them.", ["Twenty-five"]),
        ("3 million people have fled.", ["3 million"]),
        ("One child was killed.", ["One"]),
        ("قتلت الغارات ١٥ مدنياً.", ["١٥"]),
        ("نزح 110٬393 شخصاً.", ["110٬393"]),
        ("وأصيب خمسة عشر شخصاً.", ["خمسة عشر"]),
        ("رصد الفريق 39 موقعاً في إدلب، و34 في حماة و16 في حلب.", ["39", "34", "16"]),
        ("شنّت الطائرات أربع غارات.", ["أربع"]),
        ("لا يذكر التقرير من نفّذ الغارات الأربع.", ["الأربع"]),
    ],
)
def test_counts(prose, found):
    assert counts(prose) == found


@pytest.mark.parametrize(
    "prose",
    [
        "On 13 March, raids hit the centre.",  # date
        "Raids on March 13 hit the centre.",  # date, month first
        "Between 8 and 15 March, raids hit the town.",  # a range of days
        "The raids of 2019-03-13 hit the centre.",  # ISO date
        "In 2018 the attacks stopped.",  # year
        "The attacks resumed at 10:30.",  # time
        "The raids came at 10 pm.",  # time
        "The zone runs 15 kilometres deep, 20 km in the plain.",  # distances
        "For two weeks the attacks stopped.",  # duration
        "About 15% of residents left.",  # share
        "The 2nd patrol left.",  # ordinal
        "Children aged 5 to 12 were among the injured.",  # ages
        '"Raids killed 15 people," a resident said.',  # quotation
        "A neighbour spoke of \u201c20 families\u201d leaving.",  # curly quotation
        "One of the raids hit a school.",  # "one of"
        "The raids killed {figure: f-1 killed} people.",  # a shortcode
        "See `15 people` in code.",  # code
        "The [report](https://example.org/15-people-killed) said so.",  # a link address
        "The two countries agreed.",  # no count word
        "قصفت الطائرات المنطقة في 13 آذار/مارس.",  # Arabic date
        "يمتد الشريط ١٥ كيلومتراً.",  # Arabic distance
        "توقفت الهجمات في عام 2018.",  # Arabic year
        "عادت الغارات عند الساعة 10 صباحاً.",  # Arabic time
        "غادر 15 في المئة من السكان.",  # Arabic share
        "«قُتل ١٥ شخصاً»، قال أحد السكان.",  # Arabic quotation
        "في اليوم الرابع عشر من الغارات.",  # Arabic ordinal
    ],
)
def test_not_counts(prose):
    assert counts(prose) == []


@pytest.mark.parametrize(
    "prose, qualifier",
    [
        ("It counted at least 89 areas.", "at-least"),
        ("More than 110,000 people fled.", "more-than"),
        ("أحصت الفرق 89 منطقة على الأقل.", "at-least"),
        ("نزح أكثر من 110 آلاف شخص.", "more-than"),
        ("وأكثر من 110 آلاف نازح.", "more-than"),
        ("It counted 89 areas.", ""),
    ],
)
def test_qualifiers(prose, qualifier):
    story = read_story("story.md", HEADER + prose + "\n")
    body = next(part for part in story.parts if part.where == "body")
    (count,) = find_counts(body.text, body.breaks)
    assert count.qualifier == qualifier


def test_footnote_definitions_and_references_are_not_prose():
    prose = "The monitor counted 4 raids.[^m]\n\n[^m]: Monitor report of 15 people killed, 17 March 2019."
    story = read_story("story.md", HEADER + prose + "\n")
    body = next(part for part in story.parts if part.where == "body")
    assert [c.text for c in find_counts(body.text, body.breaks)] == ["4"]
    assert [name for name, *_ in body.references] == ["m"]
    assert story.footnotes["m"].text.startswith("Monitor report")


TABLE = """\
| Governorate | Locations targeted{note} | Depth |
|---|---|---|
| Idlib | 39 | 15 km |
| Hama | {hama} | 20 km |
"""


def test_numbers_under_a_count_header_are_counts_and_the_header_can_cite_them():
    assert counts(TABLE.format(note="", hama="34")) == ["39", "34"]
    assert counts(TABLE.format(note="", hama="{figure: targeted-hama count}")) == ["39"]
    story = read_story("story.md", HEADER + TABLE.format(note="[^rct]", hama="34") + "\n[^rct]: Source.\n")
    body = next(part for part in story.parts if part.where == "body")
    assert all(
        any("\u00b9" in body.text[a:b] for a, b in count.cited_by)
        for count in find_counts(body.text, body.breaks)
    )


def test_the_documented_rule_lists_every_word_the_rule_uses():
    from pathlib import Path

    from figures import words

    doc = (Path(__file__).resolve().parents[2] / "docs" / "figures.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"[\w'.%]+", doc))
    vocabulary = [*words.COUNT_WORDS_EN, *words.COUNT_STEMS_AR, *words.UNIT_STEMS_AR]
    vocabulary += [w for w in words.UNIT_WORDS_EN if w not in ("a.m.", "p.m.")]
    assert [word for word in vocabulary if word not in listed and word.lower() not in doc.lower()] == []
