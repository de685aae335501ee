"""Settings for the published site: pelicanconf.py with the public origin.

Set MARSAD_SITE_ORIGIN to the public address, e.g. https://<owner>.github.io/<repo>;
pelicanconf.py derives the feed domain, SITEURL and the 404 page's path from it.
Links inside pages stay relative, so the site works at any path.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("MARSAD_SITE_ORIGIN", "https://marsad.example.org")

from pelicanconf import *  # noqa: E402,F403

# Drafts (Status: draft) are previewed in development builds under drafts/, and
# never written into the published site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
