"""Settings for the published site: pelicanconf.py with the public origin.

Set MARSAD_SITE_ORIGIN to the public address, e.g. https://<owner>.github.io/<repo>;
pelicanconf.py derives the feed domain, SITEURL and the 404 page's path from it.
Links inside pages stay relative, so the site works at any path. Without it
the build stops (`make publish` says what to set): canonical links to a
placeholder address must never be published.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
if not os.environ.get("MARSAD_SITE_ORIGIN", "").strip():
    raise SystemExit("publishconf.py: set MARSAD_SITE_ORIGIN to the site's public address (see README.md)")

from pelicanconf import *  # noqa: E402,F403

# Drafts (Status: draft) are previewed in development builds under drafts/, and
# never written into the published site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""

# Pre-compressed copies for hosts that serve them (nginx gzip_static/brotli_static,
# Caddy precompressed): a .gz and a .br beside every text file, written after
# every other plugin has run (pelican-precompress, with the brotli package; see
# requirements.txt). Development builds stay uncompressed. zlib's gzip stream
# carries no file name and a zero timestamp, and brotli has none, so two
# publishes stay byte-identical. A file that would not shrink (a few bytes) gets
# no copy. Existing copies are replaced when their file changed.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_OVERWRITE = True
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".svg", ".xml", ".json", ".csv", ".txt"}
