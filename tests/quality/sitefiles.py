"""Read a built site's files: parsed pages, the links and resources they name."""

import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]

# (tag, attribute) pairs whose URL the browser fetches without the reader asking.
RESOURCE_ATTRIBUTES = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("form", "action"),
    ("input", "src"),
    ("input", "formaction"),
    ("button", "formaction"),
]
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@functools.cache
def site_origin(output):
    """The absolute address the build names itself by (SITE_ORIGIN), read from the
    home page's canonical link; pelicanconf's default if there is none."""
    home = Path(output) / "index.html"
    if home.is_file():
        link = parse(home).find("link", rel="canonical", href=True)
        if link is not None and urlsplit(link["href"]).netloc:
            return link["href"].rstrip("/")
    return os.environ.get("MARSAD_SITE_ORIGIN", "http://localhost:8000").rstrip("/")


@functools.cache
def parse(path):
    """A page parsed as a browser would (html5lib)."""
    return BeautifulSoup(Path(path).read_bytes(), "html5lib")


def page_url(output, path):
    """The URL path a page is served at: ``a/b/index.html`` -> ``/a/b/``."""
    relative = Path(path).relative_to(output).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return "/" + relative


def urls_in(value, attribute):
    """The URLs in an attribute value (srcset holds several)."""
    if attribute == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def resources(soup):
    """(tag name, attribute, URL) of everything a page loads by itself."""
    found = []
    for tag, attribute in RESOURCE_ATTRIBUTES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value:
                found += [(tag, attribute, url) for url in urls_in(value, attribute)]
    for element in soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
        content = element.get("content", "")
        if "url=" in content.lower():
            found.append(("meta", "refresh", content.split("=", 1)[1].strip()))
    for style in soup.find_all("style"):
        found += [("style", "url", u) for u in css_urls(style.get_text())]
    for element in soup.find_all(style=True):
        found += [(element.name, "style", u) for u in css_urls(element["style"])]
    return found


def css_urls(text):
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(text)]


def is_external(url):
    """True for a URL that leaves the site (another scheme + host, or //host)."""
    parts = urlsplit(url)
    return bool(parts.netloc) or (parts.scheme not in ("", "data") and parts.scheme != "")


def to_output_path(output, base_url, url):
    """Resolve ``url`` (found on the page at ``base_url``) to (file in output, fragment), or None if it leaves the site."""
    origin = site_origin(output)
    if url.startswith(origin + "/"):
        url = url[len(origin) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    absolute = urlsplit(urljoin(base_url, url))
    prefix = urlsplit(origin).path.rstrip("/")  # a site published under a sub-path
    path = absolute.path
    if prefix and url.startswith("/") and (path + "/").startswith(prefix + "/"):
        path = path[len(prefix) :] or "/"
    target = Path(output) / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(absolute.fragment)


@functools.cache
def anchors(path):
    """Every id (and <a name>) of a page: the fragments a link may point at."""
    return ids_of(parse(path))


def ids_of(soup):
    """The fragments a link may point at in a parsed page: every id and <a name>."""
    names = {element["id"] for element in soup.find_all(id=True)}
    names |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
    return names
