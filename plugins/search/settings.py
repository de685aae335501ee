"""Defaults of the search plugin's settings (each documented in pelicanconf.py)."""

# SEARCH_INDEX: run Pagefind at the end of every successful build.
DEFAULT_INDEX = True
# SEARCH_BUNDLE_DIR: folder of the output that receives Pagefind's index and scripts.
DEFAULT_BUNDLE_DIR = "pagefind"
# SEARCH_TIMEOUT: seconds Pagefind may take before the build fails.
DEFAULT_TIMEOUT = 600
# SEARCH_CACHE_PATH: folder (beside the content folder unless absolute) where the
# last index is kept and reused while no HTML page changed; "" turns it off.
DEFAULT_CACHE_PATH = ".search-cache"

# The index is written in two parts (docs/search.md, "Two parts"): stories,
# datasets, places and the chart gallery in SEARCH_BUNDLE_DIR, the record pages
# in its subfolder RECORDS_SUBDIR. A reader's first query loads the first part
# only; search.js merges the records part in once the first results are drawn.
RECORDS_SUBDIR = "records"
# The attribute record.html puts on its data-pagefind-body element.
RECORDS_ATTRIBUTE = "data-search-index"
RECORDS_VALUE = "records"
