"""Marsad's Pelican settings for the default (development) build.

Every setting Marsad adds is documented here with its default; plugins read them
with ``settings.get(NAME, DEFAULT)`` so a fixture site may leave them out.
"""

import os
from urllib.parse import urlparse

AUTHOR = "Marsad newsroom"
SITENAME = "Marsad"
SITESUBTITLE = "Data journalism on north-west Syria"
SITE_DESCRIPTION = (
    "Sourced reporting and open data on Idlib and the 2018-2019 Russian-Turkish demilitarized zone."
)

# Absolute origin used where a full URL is required: canonical links, Open Graph,
# JSON-LD, feeds and the sitemap. `make publish` takes it from MARSAD_SITE_ORIGIN.
SITE_ORIGIN = os.environ.get("MARSAD_SITE_ORIGIN", "http://localhost:8000")
FEED_DOMAIN = SITE_ORIGIN
# Path part of SITE_ORIGIN ("" or e.g. "/marsad"): the 404 page, served at any
# address, links with it instead of relative URLs.
SITE_PATH = urlparse(SITE_ORIGIN).path.rstrip("/")
# Feeds use SITEURL as it is; pages get a relative SITEURL ("..", "../..") because
# of RELATIVE_URLS, so output/ can be served from any host, port or path.
SITEURL = SITE_ORIGIN
RELATIVE_URLS = True

# plugins/articles: the publisher's logo in JSON-LD (a raster image; theme/static/img/
# logo.png is made from favicon.svg by `invoke logo`) and the authors that are
# newsroom desks (schema.org Organization) rather than people (Person).
SITE_LOGO = {"url": "theme/img/logo.png", "width": 512, "height": 512}
ARTICLES_DESKS = ["Marsad Syria Desk", "Marsad Data Desk"]

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
TIMEZONE = "Asia/Damascus"
DEFAULT_LANG = "en"
# Direction of the edition's script; an Arabic edition sets "rtl".
TEXT_DIRECTION = "ltr"
# Babel locale for dates and numbers.
LOCALE_BABEL = "en_GB"


def N_(message):
    """Marks a setting's text for the translation catalog (babel.cfg reads this file)."""
    return message


# plugins/i18n (docs/i18n.md): the site's languages, in order. The first is
# DEFAULT_LANG, built at the site root; each other one is built under /<code>/
# with its catalog theme/translations/<code>/LC_MESSAGES/messages.po and its
# own settings. A third language needs only an entry here, a .po file and content.
# digits: "latn" prints 0-9, as Syrian online newsrooms do; "arab" prints the
# Arabic-Indic digits that CLDR gives ar_SY by default.
LANGUAGES = {
    "en": {"name": "English", "locale": "en_GB", "direction": "ltr", "digits": "latn"},
    "ar": {
        "name": "العربية",
        "locale": "ar_SY",
        "direction": "rtl",
        "digits": "latn",
        "settings": {
            "SITENAME": "مرصد",
            "SITESUBTITLE": "صحافة البيانات عن شمال غرب سوريا",
            "SITE_DESCRIPTION": (
                "تقارير موثّقة المصادر وبيانات مفتوحة عن إدلب والمنطقة منزوعة السلاح"
                " التي اتفقت عليها روسيا وتركيا في 2018-2019."
            ),
        },
    },
}
DEFAULT_PAGINATION = 12
# plugins/articles: slug of the story the home page leads with; default (None): the newest.
HOME_LEAD_SLUG = "russia-escalates-idlib-march-2019"
DEFAULT_DATE_FORMAT = "%d %B %Y"

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DIRECT_TEMPLATES = [
    "index",
    "categories",
    "tags",
    "authors",
    "archives",
    "search",
    "sitemap",
    "robots",
    "404",
]
# plugins/search: the search page (template search.html).
SEARCH_SAVE_AS = "search/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"
globals()["404_SAVE_AS"] = "404.html"
DELETE_OUTPUT_DIRECTORY = False  # tasks.py builds into a fresh directory and swaps it in
SLUGIFY_SOURCE = "title"

# Feeds: Atom and RSS 2.0, for the site and for each category (plugins/feeds makes
# their links absolute and their charts links).
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50

# Templates escape everything unless marked |safe (see docs/security.md).
# Jinja's i18n extension: {% trans %} and _() read the language's catalog (plugins/i18n).
# auto_reload off: every generator of every run makes its own environment, so a
# template edited between builds is read afresh anyway; within a build, Jinja would
# otherwise check each template's file on every include (tens of thousands of stats).
# No bytecode cache on disk: Jinja works out filters applied to constants when it
# compiles a template ({{ "" | in_main_site }}, {{ "Data" | translate }}), so the
# compiled code depends on the settings and language it was compiled with; a cache
# shared between builds (dev and publish, test sites) handed one build's answers to
# another (seen: Arabic search pages pointing at /ar/ar/). It saved under 1 s.
JINJA_ENVIRONMENT = {
    "auto_reload": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
FORMATTED_FIELDS = ["summary"]
TYPOGRIFY = False

PLUGIN_PATHS = ["plugins"]

# plugins/security: hashes of inline scripts the policy allows (default: none).
# The development server needs none: its reload script is a file of the site's
# own origin (plugins/devserver), so `make serve` builds exactly what `make build` does.
CSP_SCRIPT_HASHES: list[str] = []
# plugins/security: pages (output paths, glob patterns) whose policy adds script
# sources, {pattern: [source, ...]}; default none. Pagefind compiles its
# WebAssembly, which needs 'wasm-unsafe-eval' (it allows WebAssembly only, never
# eval of JavaScript): allowed on the search pages alone (search.js runs Pagefind
# in the page, not in its Web Worker) (docs/security.md).
CSP_PAGE_SCRIPT_SOURCES = {
    "search/index.html": ["'wasm-unsafe-eval'"],
    "ar/search/index.html": ["'wasm-unsafe-eval'"],
}
_HERE = os.path.dirname(os.path.abspath(__file__))
# plugins/datasets: the folder of YAML datasets (absolute, so fixture sites can point elsewhere).
DATASETS_PATH = os.path.join(_HERE, "data")
# plugins/datasets: the largest data file accepted, checked before parsing (docs/data.md).
DATASETS_MAX_BYTES = 5 * 1024 * 1024
# plugins/datasets: the validated data is kept here between builds while no data
# file changes (beside content/; "" turns it off). Charts keep theirs in .chart-cache.
DATASETS_CACHE_PATH = ".data-cache"
# plugins/datasets: the country the gazetteer covers (ISO 3166-1 alpha-3), in the
# CSV downloads' #country+code column; default "" (no column).
DATASETS_COUNTRY_CODE = "SYR"
# plugins/datasets: dates after this day count as "in the future"; default: today.
# DATASETS_TODAY = "2019-03-19"
# plugins/guard (docs/security.md): nothing outside the repository is read; a
# symlink under content/ or data/ that leads out of it fails the build.
# GUARD_REPOSITORY_ROOT: that folder; default (unset): the folder holding content/.
# Largest Markdown/HTML source, and largest other file under content/ (images,
# downloads), checked before anything is read.
CONTENT_MAX_BYTES = 2 * 1024 * 1024
STATIC_MAX_BYTES = 20 * 1024 * 1024
# plugins/press (docs/performance.md): processes that render and write the pages once every
# generator has made its context (forked, sharing it); 1 writes them all in the build's
# own process, as Pelican does. Default: the machine's cores, at most 2.
MARSAD_WRITE_PROCESSES = max(1, min(2, os.cpu_count() or 1))
# plugins/press/kept.py: a record page whose key (what it shows, and the site's settings,
# theme, translations and code) is unchanged is copied from the last good output
# (PRESS_LAST_OUTPUT, the folder `make build` publishes into) instead of rendered again;
# the keys are in PRESS_CACHE_PATH (both beside content/; "" turns it off).
PRESS_LAST_OUTPUT = "output"
PRESS_CACHE_PATH = ".press-cache"
# "strict" comes first: it makes every later warning or error fail the build;
# "press" before "guard": guard's writer builds on press's (a plugin imports only
# plugins listed before it); "guard" then checks the sources before anyone reads them.
# "imports" before "datasets": a spreadsheet left in data/ is reported with the data's problems.
PLUGINS = [
    "strict",
    "press",
    "guard",
    "i18n",
    "articles",
    "security",
    "imports",
    "datasets",
    "figures",
    "charts",
    "cards",
    "chartpages",
    "related",
    "feeds",
    "sitemap",
    "search",
]

# plugins/articles: metadata every article may carry (lower-case). Anything else
# fails the build. A plugin that needs a new key adds it here.
ARTICLE_METADATA_KEYS = [
    "title",
    "date",
    "modified",
    "authors",
    "author",
    "category",
    "tags",
    "places",
    "summary",
    "dateline",
    "image",
    "image_caption",
    "image_credit",
    "image_alt",
    "status",
    "slug",
    "corrections",
    "related",
    "datasets",
    "incidents",
    "charts",
    "actors",
    "redirect_from",
    "lang",
    "translation",
    "save_as",
    "url",
]
ARTICLE_REQUIRED_METADATA = ["title", "date", "category"]
PAGE_REQUIRED_METADATA = ["title"]

# plugins/articles: HTML kept from rendered Markdown (nh3 allowlist). Tags and
# attributes beyond nh3's defaults that authors may use.
SANITIZE_EXTRA_TAGS = ["figure", "figcaption", "details", "summary", "svg", "table", "caption"]

# plugins/related (docs/related.md): weights of what two stories share, least score
# to be listed, days after which a shared key counts half (0: no decay), most per block.
RELATED_WEIGHTS = {
    "link": 3.0,
    "incident": 3.0,
    "place": 2.0,
    "dataset": 1.5,
    "tag": 1.0,
    "place_ancestor": 0.75,
    "actor": 0.5,
}
RELATED_THRESHOLD = 2.0
RELATED_HALF_LIFE_DAYS = 180
RELATED_MAX = 5
# On sites with at least RELATED_COMMON_MIN_STORIES stories, a key shared by more
# than this share of them (a tag on every story) is ignored.
RELATED_COMMON_SHARE = 0.1
RELATED_COMMON_MIN_STORIES = 200
# Show "More stories" when nothing passes the threshold, so no story is a dead end.
RELATED_FALLBACK = True
# Dataset, place and record pages list the newest stories about them, at most this many.
RELATED_STORIES_SHOWN = 12

MENUITEMS = [
    (N_("Data"), "data/"),
    (N_("Charts"), "charts/"),
    (N_("Places"), "places/"),
    (N_("About"), "about/"),
]
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = True

# Reproducible output: no clock-dependent values in pages.
OUTPUT_SOURCES = False
# Pelican's own content cache pickles (a pickle runs code when loaded): off.
# plugins/articles keeps Python-Markdown's work per story instead, as JSON keyed
# by the sha256 of the source, the Markdown settings and the plugin code, in
# ARTICLES_CACHE_PATH (beside content/; default ".content-cache"; "" turns it off).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
ARTICLES_CACHE_PATH = ".content-cache"

# plugins/chartpages (docs/charts.md, "Chart pages and embeds"): each named chart's
# page and the page other sites put in an <iframe>. Defaults:
# CHARTPAGES_URL = "charts/{name}/"; CHARTPAGES_SAVE_AS = "charts/{name}/index.html"
# CHARTPAGES_EMBED_URL = "charts/{name}/embed/"; CHARTPAGES_EMBED_SAVE_AS = "charts/{name}/embed/index.html"
# (an empty SAVE_AS writes none). plugins/security: who may frame the embed pages
# (the only frameable pages; their _headers rules are in SECURITY_FRAMEABLE_PATHS):
SECURITY_FRAME_ANCESTORS = "*"
# plugins/cards (docs/charts.md, "Social cards"): a 1200x630 PNG for every story and
# named chart. Defaults: CARDS_STORY_SAVE_AS = "cards/{slug}.png",
# CARDS_CHART_SAVE_AS = "charts/{name}/card.png" (empty: none), and the cache folder
# beside content/ that keeps them between builds:
CARDS_CACHE_PATH = ".card-cache"

# plugins/search (docs/search.md): Pagefind (pagefind[bin] from PyPI) indexes the
# output at the end of every successful run. SEARCH_INDEX (default True) turns it
# off; SEARCH_BUNDLE_DIR (default "pagefind") is the output folder of its index
# and scripts (the record pages' part of the index in its records/ subfolder);
# SEARCH_TIMEOUT (default 600) the seconds each Pagefind run may take;
# SEARCH_CACHE_PATH (default ".search-cache", beside content/; "" turns it off)
# keeps the last index, reused while no HTML page of the output changed.
SEARCH_INDEX = True
SEARCH_BUNDLE_DIR = "pagefind"
SEARCH_TIMEOUT = 600
SEARCH_CACHE_PATH = ".search-cache"
