# Quick start: `make run` and `make test` each set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint install browser-deps screenshot test-datasette-alpha bench clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/harvester harvest --config config.toml --verbose

# Everything the suite needs, the browser of the end-to-end test included.
test: $(STAMP) browser-deps
	$(BIN)/ruff check harvester tests benchmarks
	$(BIN)/python -m pytest -q

# The suite without the tests marked slow (real processes killed, whole harvests, browsers).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# ruff's checks as configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check harvester tests benchmarks

# Headless Chromium (Debian's package) for tests/browse/test_browser_e2e.py; `make test` runs it first.
# Tolerant on purpose: when it cannot install, the suite still runs and the browser tests fail
# saying what is missing.
CHROMIUM ?= /usr/bin/chromium
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo )apt-get
browser-deps:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "browser-deps: $$($(CHROMIUM) --version 2>/dev/null || echo $(CHROMIUM))"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		echo "browser-deps: installing chromium with apt-get"; \
		( $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq \
			--no-install-recommends chromium fonts-liberation ) \
		|| echo "browser-deps: could not install chromium; the browser test will fail"; \
	else \
		echo "browser-deps: no apt-get here; install Chromium as $(CHROMIUM) by hand"; \
	fi

# Regenerates the README's screenshot (docs/screenshot-document.png) with the browser test.
screenshot: $(STAMP) browser-deps
	HARVESTER_SCREENSHOT_DIR=docs $(BIN)/python -m pytest -q tests/browse/test_browser_e2e.py

# The browsing tests against the newest Datasette 1.0 alpha, in a side virtualenv (not in CI:
# the project pins 0.65.x; this shows the plugin still works where the hooks changed).
ALPHA_VENV := .venv-datasette-alpha
test-datasette-alpha:
	test -x $(ALPHA_VENV)/bin/python || $(PYTHON) -m venv $(ALPHA_VENV)
	$(ALPHA_VENV)/bin/python -m pip install --quiet -e '.[test]'
	$(ALPHA_VENV)/bin/python -m pip install --quiet --pre --upgrade 'datasette>=1.0a0'
	$(ALPHA_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/browse/

# The benchmarks of the README (the dev sets are not in the repository: point DEVSET and
# READABILITY at them). quality.py compares with readability-lxml, installed here.
DEVSET ?= ../shared/devset
READABILITY ?= ../shared/devset-readability
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/quality.py $(DEVSET) $(READABILITY)
	$(BIN)/python benchmarks/clean_speed.py $(DEVSET) --pages 300 --repeat 3
	$(BIN)/python benchmarks/harvest_speed.py $(DEVSET)

clean-venv:
	rm -rf $(VENV)
