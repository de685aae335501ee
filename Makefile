# Thin bootstrap: sets up .venv (exact pins), node_modules and system packages,
# then hands over to tasks.py (invoke). The real tasks live in tasks.py.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: build rebuild serve publish test lint bench clean system-packages import check

# uv (pinned in requirements.txt) installs the pins in about 9 s where pip takes
# about 45 s on a fresh clone; --compile-bytecode as pip does (the machine may set
# PYTHONDONTWRITEBYTECODE, and every build would then compile what it imports).
$(PY_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep '^uv==' requirements.txt)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

system-packages:
	@bash .ci/system-packages

build: $(PY_STAMP)
	$(BIN)/invoke build

rebuild: $(PY_STAMP)
	$(BIN)/invoke rebuild

serve: $(PY_STAMP)
	$(BIN)/invoke livereload

publish: $(PY_STAMP)
	$(BIN)/invoke publish

# make import FROM=acled|hxl|csv FILE=<export.csv> DATASET=<id> [MAPPING=<file>]
#   [VERSION=<date>] [PUBLISHER=<name>] [ADD_PLACES=1]: see docs/data.md.
import: $(PY_STAMP)
	$(BIN)/invoke import --from "$(FROM)" --file "$(FILE)" --dataset "$(DATASET)" \
	  $(if $(MAPPING),--mapping "$(MAPPING)") $(if $(VERSION),--version "$(VERSION)") \
	  $(if $(PUBLISHER),--publisher "$(PUBLISHER)") $(if $(ADD_PLACES),--add-places)

# Every check of a build (stories, data, references, chart specs), no pages written.
check: $(PY_STAMP)
	$(BIN)/invoke check

lint: $(PY_STAMP)
	$(BIN)/invoke lint

# The suite and `make lint`: .venv and node_modules are set up side by side (-j2),
# then tasks.py runs ruff, and mypy beside pytest (invoke test --lint).
test: system-packages
	@$(MAKE) --no-print-directory -j2 $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/invoke test --lint

# Benchmark (benchmarks/bench.py): bare Pelican vs the full site on a synthetic
# site of 2,000 stories, 5,000 incidents and 300 charts; prints a table and
# writes benchmarks/results/latest.json. BENCH_ARGS="--stories 500" for others.
# Installs Debian's hugo first when run as root (the outside reference).
bench: $(PY_STAMP)
	@bash .ci/system-packages bench
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	$(BIN)/invoke clean 2>/dev/null || rm -rf output .build
