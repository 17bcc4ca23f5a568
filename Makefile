# The portal's everyday commands. README.md explains each.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
VNU := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE := var/lighthouse/node_modules/lighthouse/cli/index.js
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast test-sqlite lint format clean install bench rum

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP) $(VNU) $(LIGHTHOUSE) rum

# Search's RUM index (articles migration 0019) needs Debian's postgresql-NN-rum on the PostgreSQL
# server; without it search reads the GIN index (slower on a large archive) and the RUM tests skip.
PG_MAJOR := $(shell ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
rum:
	@if [ -n "$(PG_MAJOR)" ] && [ ! -f /usr/share/postgresql/$(PG_MAJOR)/extension/rum.control ]; then \
		{ [ "$$(id -u)" = 0 ] && apt-get install -y -q postgresql-$(PG_MAJOR)-rum >/dev/null 2>&1; } \
		|| sudo -n apt-get install -y -q postgresql-$(PG_MAJOR)-rum >/dev/null 2>&1 \
		|| echo "postgresql-$(PG_MAJOR)-rum is not installed (sudo apt-get install postgresql-$(PG_MAJOR)-rum; README.md, Search, says how to index a migrated database): search uses the GIN index and the RUM tests are skipped"; \
	fi

# The W3C's Nu HTML Checker for tests/core/test_html_valid.py (npm's vnu-jar; needs Java to run).
# Without npm the test says so and is skipped, except under CI.
$(VNU):
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-save --no-audit --no-fund --prefix var/vnu vnu-jar@26.9.27 \
		|| echo "npm is missing: the HTML validity test will be skipped"

# Lighthouse for tests/browser/test_lighthouse.py and bench/lighthouse.py (npm; runs on node and Chromium).
$(LIGHTHOUSE):
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-save --no-audit --no-fund --prefix var/lighthouse lighthouse@13.5.0 \
		|| echo "npm is missing: the Lighthouse test will be skipped"

# A local copy: SQLite in var/ unless DATABASE_URL is set; DEBUG on unless set.
run: export DEBUG ?= 1
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --network
	$(PY) manage.py ensure_admin --base-url http://$(HOST):$(PORT)
	@echo "Cổng thông tin chạy tại http://$(HOST):$(PORT)/  (dừng: Ctrl+C)"
	@echo "Các trang mẫu, cùng cổng: http://tinhuydongthap.localhost:$(PORT)/ (tỉnh), http://xahoabinh.localhost:$(PORT)/,"
	@echo "  http://phuongthongnhat.localhost:$(PORT)/ (xã, phường), http://huyengocongtay.localhost:$(PORT)/ (huyện, lưu trữ)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else a throwaway cluster).
test: $(STAMP) $(VNU) $(LIGHTHOUSE) rum
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# The same on PostgreSQL, without the tests that start gunicorn, nginx or Chromium (marker `live`).
test-fast: $(STAMP) $(VNU) rum
	scripts/with-postgres $(PY) -m pytest -m "not live" $(PYTEST_ARGS)

# The same suite on SQLite (what `make run` uses by default).
test-sqlite: $(STAMP) $(VNU)
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py check --fail-level WARNING
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Benchmarks (not part of the test run): real gunicorn on PostgreSQL, figures printed.
bench: $(STAMP) rum
	scripts/with-postgres $(PY) bench/pages.py
	scripts/with-postgres $(PY) bench/search.py
	scripts/with-postgres $(PY) bench/votes.py
	scripts/with-postgres $(PY) bench/documents.py
