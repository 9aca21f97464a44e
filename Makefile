# The two commands of the README:
#   make run   — install, migrate, load the demo map, index it, serve on http://127.0.0.1:5000
#   make test  — install with test extras (and Debian's Chromium for the browser tests), run everything
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run install install-test setup test lint bench bench-http bench-scale translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
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

test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check app search importers tests bench

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
