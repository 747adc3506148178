# The two commands of the README: `make run` and `make test`. Both set everything up from nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
# uv from the PATH if there is one, else a private copy installed from PyPI.
UV := $(or $(shell command -v uv 2>/dev/null),.uv/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000

# A developer's machine: DEBUG on unless the caller says otherwise. Never use these targets to serve
# production (see README, "Production").
export DEBUG ?= 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help setup run test db lint format messages makemessages static clean openapi

help:
	@echo "make run    set up (venv, packages, static files, messages, database, reference and demo data) and serve http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite (on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set)"
	@echo "make lint   ruff check and format check"

.uv/bin/uv:
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

wsis/static/vendor/.copied: node_modules/.package-lock.json scripts/vendor_static.py
	$(PYTHON) scripts/vendor_static.py
	@touch $@

static: wsis/static/vendor/.copied

# Message catalogs are compiled with Babel (a dependency), so no system gettext is needed.
messages: $(VENV)/.synced
	@$(VENV)/bin/pybabel compile --domain django --directory wsis/locale --use-fuzzy --statistics 2>&1 | grep -v "^$$" || true

# Re-extract strings after changing templates or code (needs GNU gettext).
makemessages: $(VENV)/.synced
	cd wsis && ../$(PY) ../manage.py makemessages --all --no-obsolete --ignore "static/vendor/*"

setup: $(VENV)/.synced static messages
	@mkdir -p var/static

db: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_matrix
	$(PY) manage.py load_deliverables
	$(PY) manage.py send_deliverable_reminders --schedule
	$(PY) manage.py load_demo_data
	$(PY) manage.py load_prize_history
	$(PY) manage.py load_indicator_data
	$(PY) manage.py load_demo_roadmaps
	@# Vectors of the demo initiatives and of the tag descriptions (a few minutes, once).
	$(PY) manage.py reindex --vectors-only
	$(PY) manage.py export_open_data --site

run: db
	@# The background worker (embeddings, open-data rebuilds) runs beside the server and stops with it.
	$(PY) manage.py db_worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(VENV)/bin/ruff check --quiet . && echo "ruff: clean"
	$(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "=== The suite again on PostgreSQL ($${TEST_DATABASE_URL%%@*}@…) ==="; \
		DATABASE_URL="$$TEST_DATABASE_URL" $(PY) -m pytest; \
	else \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL run was skipped."; \
	fi

# The committed OpenAPI snapshot (a test compares it with the live schema).
openapi: $(VENV)/.synced
	$(PY) manage.py export_openapi_schema --api wsis.api.urls.api --sorted --indent 2 --output docs/api/openapi.json

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.synced
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .uv node_modules wsis/static/vendor var .pytest_cache
