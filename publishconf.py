"""Settings for the published site: pelicanconf.py plus the public origin."""

import os
from urllib.parse import urlparse
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The public address of the site, e.g. https://<owner>.github.io/<repo>
SITE_ORIGIN = os.environ.get("MARSAD_SITE_ORIGIN", "https://marsad.example.org")
FEED_DOMAIN = SITE_ORIGIN
# Path part of SITE_ORIGIN ("" or e.g. "/marsad"): the 404 page, served at any
# address, links with it instead of relative URLs.
SITE_PATH = urlparse(SITE_ORIGIN).path.rstrip("/")
SITEURL = SITE_ORIGIN
# Links stay relative, so the site works at any path (e.g. a GitHub Pages project site).
RELATIVE_URLS = True

# Drafts (Status: draft) are previewed in development builds under drafts/, and
# never written into the published site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
