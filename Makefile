# SMR Atlas — the commands everyone relies on. A fresh machine needs only `make serve` or `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
MKDOCS  := $(VENV)/bin/mkdocs
PYTHON3 ?= python3
# Material and properdocs print a MkDocs 2.0 notice on every run; it is not a warning of ours.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test lint new-technique clean

# --no-strict: in the preview a warning is shown but never stops it, and a data error keeps the
# last good pages on screen with a notice (hooks/atlas_site.py); `make test` builds strictly.
serve: $(VENV)/.site-ready  ## live preview at http://127.0.0.1:8000
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload --no-strict

build: $(VENV)/.site-ready  ## the deployable site in site/
	$(MKDOCS) build --strict --site-dir site

# The tests build the site themselves with --strict (tests/test_build.py) and serve that build.
test: $(VENV)/.test-ready  ## set up, browser included, --strict build, all tests
	@browser="$$(PYTHON=$(PY) sh tests/ensure_chromium.sh)" && \
	CHROMIUM="$$browser" $(PY) -m pytest

# The same checks as .pre-commit-config.yaml, run from .venv.
lint: $(VENV)/.test-ready  ## ruff, yamllint and the data schemas
	$(VENV)/bin/ruff check hooks tests
	$(VENV)/bin/ruff format --check hooks tests
	$(VENV)/bin/yamllint --strict .
	$(VENV)/bin/check-jsonschema --schemafile data/schema/technique.schema.json data/techniques/*.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/routine.schema.json data/routines/*.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/regions.schema.json data/regions.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/equipment.schema.json data/equipment.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/claims.schema.json data/claims.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/glossary.schema.json data/glossary.yaml

new-technique: $(VENV)/.site-ready  ## scaffold data/techniques/$(ID).yaml
	@PYTHONPATH=hooks $(PY) -m atlas.scaffold $(ID)

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
