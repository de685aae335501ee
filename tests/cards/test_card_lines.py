"""The cards' line breaks (plugins/cards/measure.py), against vl-convert's own measure.

A line's width is summed from its words, each measured once; these tests measure
whole lines with vl-convert, as the cards did before, and check that the sum
gives the same width, that every wrapped line fits its column and that the next
word would not have, in English and in Arabic, and that what does not fit is cut
with an ellipsis. No site is built: vl-convert alone, about 5 s of CPU.
"""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cards import layout, measure
from cards.layout import CardText

CONTENT = Path(__file__).resolve().parents[2] / "content" / "articles"
COLUMN = layout.WIDTH - 2 * layout.MARGIN
SVG = "{http://www.w3.org/2000/svg}"


def _titles(arabic):
    """The headlines of the project's own stories, in one language."""
    found = []
    for path in sorted(CONTENT.glob("*.md")):
        if path.name.endswith(".ar.md") == arabic:
            match = re.search(r"^Title: (.+)$", path.read_text(encoding="utf-8"), re.M)
            found.append(match.group(1).strip())
    assert len(found) >= 4, found
    return found


ENGLISH, ARABIC = _titles(False), _titles(True)
# (role, size, weight) of the cards' text: headline, chart title, source line.
FACES = [("headline", 76, "bold"), ("ui", 44, "bold"), ("ui", 22, "normal")]


def _runs(headline, most=5):
    """Every run of 2 to ``most`` consecutive words of ``headline``."""
    words = headline.split()
    return [
        " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, min(len(words), i + most) + 1)
    ]


@pytest.mark.parametrize("arabic", [False, True], ids=["english", "arabic"])
def test_a_line_measures_as_the_sum_of_its_words(arabic):
    titles = ARABIC if arabic else ENGLISH
    lines = sorted({run for title in titles for run in _runs(title)})
    if arabic:  # a card's footer, and a line as drawn (in isolates)
        lines += ["أخبار · ١٧ آذار ٢٠١٩", f"\u2067{lines[0]}\u2069"]
    mixed = "تقرير Idlib 2019" if arabic else "Idlib إدلب"  # two scripts: measured whole
    summed_lines = [line for line in lines if measure._one_face(line, layout.font(titles[0], "ui"))]
    assert len(summed_lines) > 0.8 * len(lines), "most lines are summed from their words"
    problems = []
    for role, size, weight in FACES:
        face = layout.font(titles[0], role)
        summed = measure.line_widths(lines + [mixed], face, size, weight)
        whole = measure.widths([(line, face, size, weight) for line in lines + [mixed]])
        for line, one, other in zip(lines + [mixed], summed, whole, strict=True):
            if abs(one - other) > 0.01:
                problems.append(f"{face} {size}: {line!r}: summed {one:.3f}, whole {other:.3f}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("arabic", [False, True], ids=["english", "arabic"])
def test_each_line_is_the_longest_that_fits(arabic):
    """Greedy breaks by whole-line measurement: each line fits the column, and the
    line with the next word added would not have (the headline's and the chart
    title's sizes and line counts)."""
    titles = ARABIC if arabic else ENGLISH
    long = " ".join(titles)  # longer than four lines at any size: the smallest size
    problems = []
    for role, sizes, most in (("headline", layout.HEADLINE_SIZES, 4), ("ui", layout.TITLE_SIZES, 2)):
        for title in [*titles, long]:
            face = layout.font(title, role)
            size, lines = measure.wrap(title, face, sizes, "bold", COLUMN, most)
            assert 1 <= len(lines) <= most and " ".join(lines) == " ".join(title.split())
            words = title.split()
            position = 0
            for number, line in enumerate(lines):
                position += len(line.split())
                if number == len(lines) - 1:
                    break  # the last line holds the rest (cut when drawn)
                longer = f"{line} {words[position]}"
                fits, next_fits = measure.widths([(line, face, size, "bold"), (longer, face, size, "bold")])
                if fits > COLUMN and " " in line:
                    problems.append(f"{size}px {line!r} is {fits:.1f} px wide")
                if next_fits <= COLUMN:
                    problems.append(f"{size}px {line!r}: {words[position]!r} would have fitted")
            if title != long and size != sizes[0]:  # a smaller size only when the largest needs more lines
                first = measure._greedy(words, face, sizes[0], "bold", COLUMN, most)
                assert first is None, f"{title!r} fits at {sizes[0]} px: {first}"
    assert not problems, "\n".join(problems)


def _texts(card):
    root = ElementTree.fromstring(layout.card_svg(card))
    return [element.text for element in root.iter(f"{SVG}text")], root


def test_what_does_not_fit_is_cut_with_an_ellipsis_by_vega():
    long = " ".join(ENGLISH * 3)
    texts, root = _texts(CardText("ltr", "Marsad", long, "News · 17 March 2019"))
    headline = texts[1:-1]
    assert len(headline) == 4 and headline[-1].endswith(measure.ELLIPSIS), headline
    face = layout.font(long, "headline")
    (width,) = measure.widths([(headline[-1], face, layout.HEADLINE_SIZES[-1], "bold")])
    assert width <= COLUMN, f"the cut line is {width:.1f} px wide"
    assert root.get("width") == "1200" and root.get("height") == "630"


def test_an_arabic_card_is_set_from_the_right_in_isolates():
    card = CardText("rtl", "مرصد", ARABIC[0], "أخبار · ١٧ آذار ٢٠١٩")
    texts, root = _texts(card)
    assert all(t.startswith("\u2067") and t.endswith("\u2069") for t in texts), texts
    anchors = {e.get("text-anchor") for e in root.iter(f"{SVG}text")}
    starts = {e.get("transform").split("(")[1].split(",")[0] for e in root.iter(f"{SVG}text")}
    assert anchors == {"end"} and starts == {str(layout.WIDTH - layout.MARGIN)}
    assert " ".join(t.strip("\u2067\u2069") for t in texts[1:-1]) == " ".join(ARABIC[0].split())


def test_cards_measured_first_together_are_laid_out_the_same_with_fewer_views(monkeypatch):
    # The project's own headlines in both languages, a chart card and an overlong headline.
    chart = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300"><rect width="9" height="9"/></svg>'
    )
    cards = [CardText("ltr", "Marsad", title, "News · 17 March 2019") for title in ENGLISH]
    cards += [CardText("rtl", "مرصد", title, "أخبار · ١٧ آذار ٢٠١٩") for title in ARABIC]
    cards += [
        CardText("ltr", "Marsad", ENGLISH[0], "Syrian Network for Human Rights", "Source:", chart),
        CardText("ltr", "Marsad", " ".join(ENGLISH * 3), "News · 1 May 2020"),
    ]
    views = []
    widths = measure.widths
    monkeypatch.setattr(measure, "widths", lambda candidates: views.append(1) or widths(candidates))

    def lay_out(first):
        measure._WIDTHS.clear()
        layout.text_width.cache_clear()
        del views[:]
        if first:
            measure.measured([key for card in cards for key in layout.first_measures(card)])
        return [layout.card_svg(card) for card in cards], len(views)

    one_by_one, views_one_by_one = lay_out(first=False)
    together, views_together = lay_out(first=True)
    assert together == one_by_one, "the same widths, so the same drawings"
    assert views_together < views_one_by_one, (views_together, views_one_by_one)
