"""{figure:} and {total:} in a real build: the record's figure, formatted and linked."""

import pytest

STORY = "2019/03/bound-story/index.html"


@pytest.fixture(scope="module")
def story(figures_site):
    return figures_site.html(STORY).select_one(".story__body")


def figures(body):
    """(text, href) of every figure link in a story's body."""
    return [(a.get_text(), a["href"]) for a in body.select("a.figure")]


def paragraph(body, start):
    return next(p for p in body.find_all("p") if p.get_text().startswith(start))


def test_figure_renders_the_record_value_linked_to_its_record_page(figures_site, story):
    first = paragraph(story, "On 13 March")
    assert first.get_text() == "On 13 March, air raids on Beta town killed 15 civilians and injured 49."
    assert figures(first) == [
        ("15", "../../../data/casualties/f-beta-2019-03-13/"),
        ("49", "../../../data/casualties/f-beta-2019-03-13/"),
    ]
    # The link leads to the record page, which exists and shows the same figure.
    record = figures_site.html("data/casualties/f-beta-2019-03-13/index.html")
    assert "15" in record.get_text()
    assert figures_site.read(STORY).count("{figure:") == 1  # the one shown as code


def test_a_range_renders_with_a_dash_or_in_words(story):
    shown = figures(paragraph(story, "In Gamma village"))
    assert [text for text, _ in shown] == ["15-17", "between 15 and 17"]
    assert {href for _, href in shown} == {"../../../data/casualties/f-gamma-2019-03-14/"}


def test_total_with_a_filter_sums_ranges_and_says_what_it_leaves_out(story):
    text = " ".join(paragraph(story, "The death toll across Alpha").get_text().split())
    # 15 (Beta town) + 15-17 (Gamma village), both in Alpha governorate; the
    # third record there (f-beta-2019-03-15) gives no figure and is said.
    assert text.startswith(
        "The death toll across Alpha governorate: 30-32 (no figure given for 1 of the 3 records)."
    )
    assert "Air strikes killed 17 people, in 2 attacks." in text
    links = figures(paragraph(story, "The death toll across Alpha"))
    assert links == [
        ("30-32", "../../../places/alpha-governorate/"),
        ("17", "../../../data/casualties/"),
        ("2", "../../../data/casualties/"),
    ]


def test_large_figures_are_grouped_and_an_at_least_count_says_so(story):
    assert figures(paragraph(story, "By 16 March")) == [
        ("110,393", "../../../data/displacement/f-displacement-to-2019-03-16/"),
        ("at least 89", "../../../data/counts/f-areas-to-2019-03-16/"),
    ]


def test_standfirst_shows_the_figure_as_text_and_the_feed_links_absolute(figures_site):
    # Pelican writes a standfirst's links once, as absolute addresses, for every page
    # that lists the story: the standfirst's figures are plain text, the body's link.
    page = figures_site.html(STORY)
    standfirst = page.select_one(".story__standfirst")
    assert (
        " ".join(standfirst.get_text().split())
        == "Raids killed 15 people in Beta town on 13 March; the monitor counted 4 raids."
    )
    assert standfirst.find("a") is None
    section = figures_site.html("category/tests/index.html")
    card = next(c for c in section.select(".story-card__summary") if "Beta town" in c.get_text())
    assert (
        card.get_text(" ", strip=True)
        == "Raids killed 15 people in Beta town on 13 March; the monitor counted 4 raids."
    )
    feed = figures_site.read("feeds/all.atom.xml").replace("&quot;", '"')
    assert 'href="http://localhost:8000/data/casualties/f-beta-2019-03-13/"' in feed
    assert "{static}" not in feed and feed.count("{figure:") == 1  # the one shown as code


def test_a_cited_figure_keeps_its_footnote(story):
    cited = paragraph(story, "The monitor counted 4 raids")
    assert cited.find("a", class_="figure") is None
    (note,) = story.select(".footnote li")
    assert note.get_text(" ", strip=True).startswith(
        "Test Monitor, via Test Wire, \u201cReport one\u201d, 17 March 2019."
    )
    assert cited.select_one("sup a")["href"] == f"#{note['id']}"


def test_shortcode_in_code_stays_text(story):
    assert story.find("code").get_text() == "{figure: record-id killed}"


def test_arabic_story_formats_for_its_language(figures_site):
    path = next(p for p in figures_site.pages() if "bound-story-ar" in p)
    body = figures_site.html(path).select_one(".story__body")
    shown = [(a.get_text(), a["href"].lstrip("./")) for a in body.select("a.figure")]
    assert shown == [
        ("15", "data/casualties/f-beta-2019-03-13/"),
        ("بين 15 و17", "data/casualties/f-gamma-2019-03-14/"),
        ("110,393", "data/displacement/f-displacement-to-2019-03-16/"),
    ]
