# SMR Atlas — the commands everyone relies on. A fresh machine needs only `make serve` or `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
MKDOCS  := $(VENV)/bin/mkdocs
PYTHON3 ?= python3
# Material and properdocs print a MkDocs 2.0 notice on every run; it is not a warning of ours.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Set-up steps that do not wait on each other run side by side: on a fresh machine `make test` installs the
# Python packages (about 25 s) while npm installs the Node ones (about 12 s).
MAKEFLAGS += --jobs=2

.PHONY: serve build test test-fast lint bench new-technique figures published-urls messages translations translations-stamp clean

# --no-strict: in the preview a warning is shown but never stops it, and a data error keeps the
# last good pages on screen with a notice (hooks/atlas/preview.py); `make test` builds strictly.
serve: $(VENV)/.site-ready node_modules/.ready  ## live preview at http://127.0.0.1:8000
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload --no-strict

# Then the downloads the pages link to (hooks/atlas/export/): the book, a handout per technique
# and routine, and the offline zip, all in site/downloads/. Only here: serve and plain builds make no PDFs.
build: $(VENV)/.site-ready node_modules/.ready  ## the deployable site in site/, with its PDFs and offline zip
	ATLAS_DOWNLOADS=true $(MKDOCS) build --strict --site-dir site
	@browser="$$(PYTHON=$(PY) sh tests/ensure_chromium.sh)" && \
	CHROMIUM="$$browser" PYTHONPATH=hooks $(PY) -m atlas.export site

# The tests build the site themselves with --strict (tests/test_build.py) and serve that build.
# They run on every core (up to 4; pytest-xdist), sharing one build of each kind, which is made in the
# background while the tests that need no build run (tests/conftest.py). `pytest -n 0`: one process.
test: $(VENV)/.test-ready node_modules/.ready  ## set up, browser included, --strict build, all tests
	@browser="$$(PYTHON=$(PY) sh tests/ensure_chromium.sh)" && \
	CHROMIUM="$$browser" $(PY) -m pytest -n auto --maxprocesses 4

# The fast loop while you work (well under 30 s): data, validation and rendering tests, no build, browser
# or PDFs, and a tenth of the property-based examples. `make test` still runs everything.
test-fast: $(VENV)/.test-ready
	ATLAS_FAST=1 $(PY) -m pytest -q -m "not build and not browser and not export and not lint"

# Not part of `make test`: several minutes of builds and Lighthouse; writes bench/results.md.
bench: $(VENV)/.test-ready node_modules/.ready bench/node_modules/.ready  ## build speed at scale, Lighthouse, PDF time
	@browser="$$(PYTHON=$(PY) sh tests/ensure_chromium.sh)" && \
	CHROMIUM="$$browser" $(PY) bench/run_bench.py

bench/node_modules/.ready: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --silent
	touch $@

# The same checks as .pre-commit-config.yaml, run from .venv and node_modules. Biome's settings
# and the files it checks (the site's JavaScript and CSS) are in biome.json.
lint: $(VENV)/.test-ready node_modules/.ready  ## ruff, yamllint, the data schemas and Biome
	$(VENV)/bin/ruff check hooks tests bench tools
	$(VENV)/bin/ruff format --check hooks tests bench tools
	$(VENV)/bin/yamllint --strict .
	$(VENV)/bin/check-jsonschema --schemafile data/schema/technique.schema.json data/techniques/*.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/routine.schema.json data/routines/*.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/regions.schema.json data/regions.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/equipment.schema.json data/equipment.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/postures.schema.json data/postures.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/claims.schema.json data/claims.yaml
	$(VENV)/bin/check-jsonschema --schemafile data/schema/glossary.schema.json data/glossary.yaml
	node_modules/.bin/biome ci --error-on-warnings

# Every page address ever published must keep working (tests/test_trainers.py checks the list). A plain
# build is enough to know the pages (a few seconds; no PDFs).
published-urls: $(VENV)/.site-ready node_modules/.ready  ## add the pages of a fresh build to data/published-urls.txt (never removes one)
	@tmp="$$(mktemp -d)" && $(MKDOCS) build --strict --quiet --site-dir "$$tmp" && \
	PYTHONPATH=hooks $(PY) -m atlas.published "$$tmp" data/published-urls.txt; status=$$?; rm -rf "$$tmp"; exit $$status

# The words of the interface into the catalogues (hooks/atlas/i18n.py): collect every _("…"), N_("…") and
# t("…") into messages.pot, then add new words to each language's messages.po (to translate) and mark
# changed ones fuzzy (shown in English until a translator checks them).
# The files are named one by one: pybabel matches babel.cfg's paths against a named file's path from here,
# but against a named folder's files from inside that folder (where hooks/atlas/**.py matches nothing).
MESSAGE_SOURCES = $(sort $(shell find hooks/atlas -name '*.py' -o -name '*.j2') $(wildcard docs/assets/*.js))

messages: $(VENV)/.site-ready  ## update hooks/atlas/locale/*/LC_MESSAGES/messages.po from the code
	$(VENV)/bin/pybabel extract --mapping-file babel.cfg --keyword t --keyword N_ --no-location --sort-output \
		--omit-header --output-file hooks/atlas/locale/messages.pot $(MESSAGE_SOURCES)
	$(VENV)/bin/pybabel update --input-file hooks/atlas/locale/messages.pot --output-dir hooks/atlas/locale \
		--domain messages --ignore-obsolete --no-fuzzy-matching --init-missing --locale es

# Translations of the data (data/i18n/<lang>/) and pages (docs/*.<lang>.md): what is missing or stale,
# file:line: field; then, once a translation matches today's English, stamp it (FILES=… the translations).
translations: $(VENV)/.site-ready  ## what each translation lacks or has fallen behind on
	@PYTHONPATH=hooks $(PY) -m atlas.translation_stamps status

translations-stamp: $(VENV)/.site-ready  ## record that FILES="data/i18n/es/… docs/….es.md" match the English now
	@PYTHONPATH=hooks $(PY) -m atlas.translation_stamps stamp $(FILES)

# A contact sheet of every technique figure (start and end of the pass, caption, set-up text, problems).
figures: $(VENV)/.test-ready  ## figures.png: every technique figure on one sheet, to look at (ID="a b" for some)
	PYTHONPATH=hooks $(PY) -m atlas.figure.review figures.png $(ID)

new-technique: $(VENV)/.site-ready  ## scaffold data/techniques/$(ID).yaml (POSTURE=… picks the figure's posture)
	@PYTHONPATH=hooks $(PY) -m atlas.scaffold $(ID) $(POSTURE)

clean:
	rm -rf site .pytest_cache

$(VENV)/.site-ready: requirements.txt
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# esbuild and PurgeCSS for every build (the site's CSS and JavaScript bundles, hooks/atlas/bundles/), workbox-build
# for the service worker of `make build`, axe-core for the accessibility gate, Biome for `make lint`
# (package-lock.json pins them all exactly).
node_modules/.ready: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

$(VENV)/.test-ready: requirements-test.txt $(VENV)/.site-ready
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@
