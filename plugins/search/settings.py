"""Defaults of the search plugin's settings (each documented in pelicanconf.py)."""

# SEARCH_INDEX: run Pagefind at the end of every successful build.
DEFAULT_INDEX = True
# SEARCH_BUNDLE_DIR: folder of the output that receives Pagefind's index and scripts.
DEFAULT_BUNDLE_DIR = "pagefind"
# SEARCH_TIMEOUT: seconds Pagefind may take before the build fails.
DEFAULT_TIMEOUT = 600
