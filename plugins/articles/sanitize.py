"""Clean rendered article HTML with an allowlist (nh3, the Ammonia sanitiser).

Python-Markdown passes an author's raw HTML through untouched, so a pasted
``<script>`` or ``onerror=`` would reach readers. Only the tags and attributes
below survive; URLs keep only the http, https and mailto schemes (and relative
links).
"""

import copy

import nh3
from pelican.contents import Article, Page

ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
for tag, names in {
    "*": {"id", "lang", "dir", "title"},
    "code": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "div": {"class"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "img": {"alt", "src", "width", "height", "loading"},
}.items():
    ATTRIBUTES.setdefault(tag, set()).update(names)
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html):
    """Return ``html`` with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    )


def clean_content(content):
    """content_object_init handler: sanitise an article's or page's body and summary."""
    if not isinstance(content, (Article, Page)):
        return
    if content._content:
        content._content = clean_html(content._content)
    summary = content.metadata.get("summary")
    if summary:
        content.metadata["summary"] = clean_html(summary)
        content._summary = content.metadata["summary"]
