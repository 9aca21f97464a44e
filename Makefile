# The two commands of the README:
#   make run   — install, migrate, load the demo map, index it, serve on http://127.0.0.1:5000
#   make test  — install with test extras (and Debian's Chromium for the browser tests), run everything
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run install install-test setup test test-fast check lint lock bench bench-http bench-scale translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs come from the lock files (exact versions with hashes); `make lock` writes them.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@command -v chromium >/dev/null 2>&1 || [ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] || \
	  { echo "Installing Debian's Chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) \
	    || echo "Chromium could not be installed; browser tests will be skipped outside CI"; }
	@fc-list 2>/dev/null | grep -qi abyssinica || \
	  { echo "Installing a Ge'ez font (Tigrinya) for the browser tests and screenshots"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-sil-abyssinica >/dev/null) \
	    || echo "fonts-sil-abyssinica could not be installed; Tigrinya shows as boxes in screenshots"; }
	@command -v pg_dump >/dev/null 2>&1 || [ -z "$$TEST_POSTGRES_URL" ] || \
	  { echo "Installing Debian's postgresql-client for the backup/restore test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null) \
	    || echo "postgresql-client could not be installed; the PostgreSQL backup test will be skipped"; }

setup: install
	$(FLASK) db upgrade
	$(FLASK) load-demo
	$(FLASK) reindex

run: setup
	$(FLASK) run --host 127.0.0.1 --port 5000

# The checks that need no tests: types (mypy), layers (import-linter), no function graded D
# or worse (radon), lint (ruff). Configuration: setup.cfg and pyproject.toml.
check: install-test
	$(BIN)/mypy
	$(BIN)/lint-imports
	@complex="$$($(BIN)/radon cc -n D -s app search importers)"; \
	  if [ -n "$$complex" ]; then echo "Functions graded D or worse by radon:"; echo "$$complex"; exit 1; fi
	$(BIN)/ruff check app search importers tests bench

# Four processes (pytest-xdist) on two cores: many tests wait on a browser, PostgreSQL or a
# server; an idle process takes the next test from a busy one (worksteal).
PYTEST_PARALLEL ?= -n 4 --dist worksteal
test: check
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

# The inner loop: no browser, no PostgreSQL, no multi-process or slow tests.
test-fast: install-test
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not browser and not postgres and not ops and not slow" -q

# Refresh the lock files after a change to setup.cfg (keeps the other pins);
# `make lock LOCK_UPGRADE=--upgrade` moves every pin to the newest release setup.cfg allows.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(BIN)/python
	$(BIN)/pip install --quiet 'pip-tools>=7.7,<8'
	$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_UPGRADE) --extra test --extra postgres -o requirements/test.txt setup.cfg
	$(BIN)/pip-compile $(LOCK_FLAGS) --constraint requirements/test.txt -o requirements/run.txt setup.cfg

lint: check

bench: install-test
	$(BIN)/python -m bench.search_bench

bench-http: install-test
	$(BIN)/python -m bench.http_bench

# The scale-out benchmark (issue #8); BENCH_POSTGRES_URL names a scratch database: it is wiped.
bench-scale: install-test
	$(BIN)/python -m bench.scale_bench --database-url "$(BENCH_POSTGRES_URL)"

# Catalogues (docs/translations.md): Dutch and English hold every message; the public-only
# languages hold what a resident can see (babel-public.cfg).
KEYWORDS := -k _l -k lazy_gettext -k _ln:1,2 -k lazy_ngettext:1,2
PUBLIC_LANGUAGES := ar pl uk tr ti
translations: install
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) -o app/translations/messages.pot .
	$(BIN)/pybabel extract -F babel-public.cfg $(KEYWORDS) -o app/translations/public.pot .
	for l in nl en; do $(BIN)/pybabel update -i app/translations/messages.pot -d app/translations -l $$l --no-fuzzy-matching; done
	for l in $(PUBLIC_LANGUAGES); do $(BIN)/pybabel update -i app/translations/public.pot -d app/translations -l $$l --no-fuzzy-matching; done
	$(BIN)/pybabel compile -d app/translations
	$(BIN)/python -m app.translation_status

clean:
	rm -rf $(VENV) instance .pytest_cache
