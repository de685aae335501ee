"""Clean rendered article HTML with an allowlist (nh3, the Ammonia sanitiser).

Python-Markdown passes an author's raw HTML through untouched, so a pasted
``<script>`` or ``onerror=`` would reach readers. Only the tags and attributes
below survive; URLs keep only the http, https and mailto schemes (and relative
links). Images from another host are removed: the site never makes a reader's
browser contact a third party.
"""

import copy
import re

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
# Attributes that make the reader's browser fetch something: only the site's own
# files may be fetched, so absolute URLs (another host) are dropped from them.
FETCHING_ATTRIBUTES = {("img", "src"), ("img", "srcset")}
IMG_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def _keep_only_local_fetches(tag, attribute, value):
    if (tag, attribute) in FETCHING_ATTRIBUTES and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I):
        return None
    return value


def clean_html(html):
    """Return ``html`` with everything outside the allowlist removed."""
    cleaned = nh3.clean(
        html,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_only_local_fetches,
    )
    # An image whose only source was on another host is removed whole.
    return IMG_WITHOUT_SOURCE.sub("", cleaned)


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
