# Two commands set up everything on a fresh machine with Python 3.11:
#   make run    create .venv, install, migrate, import the corpus, load the curated events, serve
#   make test   install the test tools, lint, run the whole pytest suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in this many processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2

.PHONY: run serve serve-gunicorn static test install install-test data lint format clean backup restore

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

data: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_sources
	$(BIN)/python manage.py load_curated

run: data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production serving: nginx in front of gunicorn, WhiteNoise's compressed, hashed static
# files, DEBUG off. nginx reads every request whole (10 s for the headers) before gunicorn
# sees it, so slow or idle clients cannot occupy gunicorn's threads (docs/reliability.md).
# gunicorn listens only on a unix socket in run/. Needs SECRET_KEY and ALLOWED_HOSTS in the
# environment or .env (see .env.example; the settings refuse to start without them); without
# TLS in front (e.g. on loopback) also set SECURE_SSL_REDIRECT=false.
# `make serve-gunicorn` serves with gunicorn alone.
#
# Several instances (docs/performance.md, "Scale out"): give each its port and the same
# DATABASE_URL (PostgreSQL) and REDIS_URL, so they share the data, the rendered pages and the
# facet index, and an edit saved through one is seen by the next request to any:
#   export DATABASE_URL=postgres://timeline:timeline@127.0.0.1:5432/timeline
#   export REDIS_URL=redis://127.0.0.1:6379/0
#   make serve-gunicorn PORT=8001 & make serve-gunicorn PORT=8002
# with a load balancer (nginx's upstream, one server line per instance) in front; on other
# machines set HOST to an address the balancer reaches. SQLite cannot be shared between
# machines; on one machine its instances may share it, but PostgreSQL takes concurrent writes.
WORKERS ?= 3
THREADS ?= 8
NGINX ?= $(shell command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
# Threads, so a client that stalls holds one thread and not a whole worker; idle kept-alive
# connections wait in the worker's poller, not in a thread, and are closed after 2 s.
GUNICORN = DEBUG=false $(BIN)/gunicorn config.wsgi --workers $(WORKERS) \
	--worker-class gthread --threads $(THREADS) --keep-alive 2 --no-control-socket \
	--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

serve: static
	@test -x "$(NGINX)" || { echo "make serve needs nginx (apt-get install nginx);" \
		"make serve-gunicorn serves without it"; exit 1; }
	@# run/ in the checkout, or where nginx's workers can reach it when root starts them.
	run=$$($(BIN)/python deploy/nginx_config.py $(CURDIR) $(HOST):$(PORT)) || exit 1; \
	TRUSTED_PROXY_COUNT=$${TRUSTED_PROXY_COUNT:-1} $(GUNICORN) \
		--bind unix:$$run/gunicorn.sock & gunicorn=$$!; trap 'kill $$gunicorn' EXIT; \
	$(NGINX) -p $$run -c $$run/nginx.conf -e stderr

serve-gunicorn: static
	$(GUNICORN) --bind $(HOST):$(PORT)

static: data
	DEBUG=false $(BIN)/python manage.py collectstatic --no-input -v0

# ruff (lint and format), django-upgrade and the layers contract, as .pre-commit-config.yaml
# lists them.
lint: install-test
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The browser tests audit pages with axe-core, installed from package-lock.json into
# node_modules/. They drive /usr/bin/chromium and are skipped, with a reason, without it.
# The same install brings what the browser benchmarks measure beside the site, pinned in the
# lock: TimelineJS (bench/browser.py) and vis-timeline (bench/axis_zoom.py); nothing is
# fetched when they run.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: the accessibility audits in tests/e2e/ will be skipped."; fi

test: lint node_modules/.package-lock.json
	@test -x /usr/bin/chromium || echo "/usr/bin/chromium is not installed: the browser tests \
	in tests/e2e/ will be skipped (apt-get install chromium)."
	$(BIN)/pytest -n $(TEST_WORKERS)

clean:
	rm -rf $(VENV) staticfiles run .pytest_cache .ruff_cache node_modules

# Lossless dump of events, citations, countries, sources, proposals and history to backups/,
# and back.
# A restore asks before replacing data (YES=1 answers for it) and saves what it replaces.
backup: install
	$(BIN)/python manage.py backup_data

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/backup-....json [YES=1]"; exit 1; }
	$(BIN)/python manage.py restore_data "$(FILE)" $(if $(YES),--yes)
