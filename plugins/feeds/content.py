"""Rewrite feed entries: absolute links, charts as links, ids that are addresses."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

from bs4 import BeautifulSoup

URL_ATTRIBUTES = ("href", "src", "poster")
# Parts of a chart figure (theme/templates/partials/figure.html) a feed leaves out.
CHART_PARTS = (".chart__view", "details.chart__data", "script")


def _absolute_srcset(value: str, base: str) -> str:
    parts = []
    for candidate in value.split(","):
        url, *size = candidate.strip().split(maxsplit=1)
        parts.append(" ".join([urljoin(base, url), *size]))
    return ", ".join(parts)


@lru_cache(maxsize=1024)  # a story is in the site's feeds and its category's, Atom and RSS
def feed_html(fragment: str | None, base: str) -> str | None:
    """An entry's HTML for feeds: charts as linked captions, every URL absolute.

    ``base`` is the story's absolute address; relative links in the page are
    resolved against it, as a browser on the page would.
    """
    if not fragment:
        return fragment
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
        for attribute in URL_ATTRIBUTES:
            if tag.has_attr(attribute):
                tag[attribute] = urljoin(base, str(tag[attribute]))
        if tag.has_attr("srcset"):
            tag["srcset"] = _absolute_srcset(str(tag["srcset"]), base)
    return str(soup)


def adjust_feed(context, feed):
    """feed_generated handler: rewrite every entry of one Atom or RSS feed."""
    for entry in feed.items:
        link = entry["link"]
        entry["description"] = feed_html(entry.get("description"), link)
        entry["content"] = feed_html(entry.get("content"), link)
        entry["unique_id"] = link
