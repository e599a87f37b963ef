# SMR Atlas — the commands everyone relies on. A fresh machine needs only `make serve` or `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
MKDOCS  := $(VENV)/bin/mkdocs
PYTHON3 ?= python3
# Material and properdocs print a MkDocs 2.0 notice on every run; it is not a warning of ours.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test clean

serve: $(VENV)/.site-ready  ## live preview at http://127.0.0.1:8000
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.site-ready  ## the deployable site in site/
	$(MKDOCS) build --strict --site-dir site

# The tests build the site themselves with --strict (tests/test_build.py) and serve that build.
test: $(VENV)/.test-ready  ## set up, browser included, --strict build, all tests
	@browser="$$(PYTHON=$(PY) sh tests/ensure_chromium.sh)" && \
	CHROMIUM="$$browser" $(PY) -m pytest

clean:
	rm -rf site .pytest_cache

$(VENV)/.site-ready: requirements.txt
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-ready: requirements-test.txt $(VENV)/.site-ready
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@
