"""plugins/feeds rewrites an entry's HTML with html.parser and writes it back as
Beautiful Soup did (the build no longer imports it: docs/performance.md,
"Memory"), so feeds stay byte for byte what they were.

The reference is Beautiful Soup itself: the rewrite as the plugin did it with
bs4 (below), run beside the plugin's on every story, chart and dataset page's
<main> of the default site (stories and chart pages, English and Arabic) (charts with their drawings,
tables and specs, figures and links of every kind), and on markup the pages do
not have (entities, quotes in attributes, void and unclosed elements, scripts,
white space, a chart without an id).
"""

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from feeds.content import feed_html

BASE = "https://example.org/marsad/2019/03/a-story/"
CHART_PARTS = (".chart__view", "details.chart__data", "script")
MARKUP = [
    "<p>a &amp; b &lt; c &gt; d \"q\" 's' &nbsp; x &#39;&#34;&#x41;&copy;</p>",
    '<img src="a.png" alt="x &quot;y&quot; \'z\'"><img alt=\'only "double"\' src=b.png>',
    "<br><hr/><div/><p>unclosed <b>bold",
    "</p>text after an end tag that closes nothing",
    '<a href="/x?a=1&amp;b=2" class="  a   b " rel="nofollow  noopener">x</a>',
    "<details open><summary>s</summary></details><td headers=' a  b'>x</td>",
    '<figure class="chart chart--bar" id="c1" data-chart-spec="x" aria-labelledby="y">'
    '<div class="chart__view"><svg><g/></svg></div><figcaption><span class="chart__title">T <em>i</em>'
    '</span><span class="chart__title">U</span></figcaption><details class="chart__data"><table>'
    '</table></details><script>var a = "<b>";</script><!--chart-part 1 2 3-->'
    '<img srcset="a.png 1x, /b.png 2x" src="../c.png"></figure>',
    '<figure class="chart"><h3 class="chart__title">No id</h3><p>  </p></figure>',
    "<script>if (a < b && c) {}</script><style>a>b{}</style><pre>  kept\n  </pre>\n   \n<p> </p>",
    '<video poster="p.jpg"></video><a href="#notes">n</a><a href="mailto:a@b.org">m</a>',
]


def with_beautiful_soup(fragment, base):
    """The plugin's rewrite as it was written with Beautiful Soup (html.parser)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for figure in soup.select("figure.chart"):
        for part in figure.select(", ".join(CHART_PARTS)):
            part.decompose()
        title = figure.select_one(".chart__title")
        if title is not None and figure.get("id"):
            link = soup.new_tag("a", href=f"{base}#{figure['id']}")
            link.extend(list(title.contents))
            title.clear()
            title.append(link)
        for attribute in ("data-chart-spec", "aria-labelledby"):
            del figure[attribute]
    for tag in soup.find_all(True):
        for attribute in ("href", "src", "poster"):
            if tag.has_attr(attribute):
                tag[attribute] = urljoin(base, str(tag[attribute]))
        if tag.has_attr("srcset"):
            tag["srcset"] = ", ".join(
                " ".join([urljoin(base, url), *size])
                for url, *size in (c.strip().split(maxsplit=1) for c in str(tag["srcset"]).split(","))
            )
    return str(soup)


@pytest.fixture(scope="module")
def fragments(default_site):
    pages = [
        page
        for page in sorted(default_site.output.rglob("index.html"))
        if re.search(r"/(\d{4}/\d{2}|charts)/", page.as_posix())
    ]
    found = []
    for page in pages:
        main = re.search(r"<main.*?</main>", page.read_text(encoding="utf-8"), re.S)
        if main:
            found.append(main.group())
    assert len(found) >= 20 and sum('class="chart chart--' in f for f in found) >= 10
    return found


def test_feed_entries_are_written_as_beautiful_soup_wrote_them(fragments):
    for fragment in fragments + MARKUP:
        assert feed_html(fragment, BASE) == with_beautiful_soup(fragment, BASE), fragment[:300]


def test_a_chart_in_a_feed_is_its_caption_with_its_title_linked():
    entry = feed_html(MARKUP[6], BASE)
    assert "<svg" not in entry and "<table" not in entry and "<script" not in entry
    assert "data-chart-spec" not in entry and "aria-labelledby" not in entry
    assert f'<span class="chart__title"><a href="{BASE}#c1">T <em>i</em></a></span>' in entry
    assert '<span class="chart__title">U</span>' in entry  # the first title only
    assert f'src="{urljoin(BASE, "../c.png")}"' in entry and "https://example.org/b.png 2x" in entry
