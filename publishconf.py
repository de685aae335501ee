"""Settings for the published site: pelicanconf.py plus the public origin."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The public address of the site, e.g. https://<owner>.github.io/<repo>
SITE_ORIGIN = os.environ.get("MARSAD_SITE_ORIGIN", "https://marsad.example.org")
FEED_DOMAIN = SITE_ORIGIN
SITEURL = SITE_ORIGIN
# Links stay relative, so the site works at any path (e.g. a GitHub Pages project site).
RELATIVE_URLS = True
