# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
BROWSER_STAMP := tests/browser/node_modules/.installed
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: site publish pdf test test-quick lint check serve bench clean

# The site's public address, e.g. `make site SITE_URL=https://host/path/` (or SITE_URL in the environment).
# Without it the site has no absolute links to itself: no canonical links, no sitemap.xml.
export SITE_URL

# Python: a virtual environment with the pinned packages; the project itself is put on its path.
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'overenskommelser.pth').write_text('$(CURDIR)\n')"
	touch $@

# npm: build-time files for the site (iframe-worker shim) and the browser test tools. Nothing downloads a browser.
$(NODE_STAMP): package.json package-lock.json
	$(NPM_CI)
	touch $@

# --ignore-scripts: vnu-jar's postinstall would download a Java runtime where none is installed; the tests use
# the system's java (.ci/run installs Debian's), and no other package here has an install script.
# --legacy-peer-deps: @axe-core/puppeteer names the full puppeteer as a peer; we use puppeteer-core, and the
# lock file has no puppeteer (without the flag, npm 11's `npm ci` refuses the lock file).
$(BROWSER_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 $(NPM_CI) --ignore-scripts --legacy-peer-deps
	touch $@

site: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator build

# For publication: the full build (with the PDF); refuses a missing, non-https or placeholder SITE_URL
# before building anything, so site/ is left as it was.
publish: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator publish

pdf: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator pdf

check: $(STAMP)
	$(PY) -m generator check

serve: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/mkdocs serve

# Every test; prints the ten slowest (see README for the suite's time on the project's machine).
test: $(STAMP) $(NODE_STAMP) $(BROWSER_STAMP) lint
	$(PY) -m pytest --durations=10

# The inner loop: validation, rendering (one build without PDF), golden files, unit and property tests;
# no browser, no PDF, no extra builds (tests/conftest.py, --quick).
test-quick: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest --quick --durations=10

# Static checks over the generator: lint (ruff) and types (mypy), both must be clean.
lint: $(STAMP)
	$(VENV)/bin/ruff check generator
	$(VENV)/bin/mypy

# Lighthouse for `make bench` (bench/package.json): Debian's Chromium, nothing downloads a browser.
BENCH_STAMP := bench/node_modules/.installed
$(BENCH_STAMP): bench/package.json bench/package-lock.json
	cd bench && $(NPM_CI)
	touch $@

bench: $(STAMP) $(NODE_STAMP) $(BENCH_STAMP)
	$(PY) bench/run.py

clean:
	rm -rf site .site-* dist docs/avtal docs/samverkansregler docs/tidsfrister docs/jamforelse docs/_generated docs/data docs/kallor docs/assets/vendor docs/tidsfrister.ics
