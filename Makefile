# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Links in the emails `make run` sends point where it serves, unless SITE_URL is given.
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# Test processes (pytest-xdist); 0 runs the suite in this one process.
PYTEST_WORKERS ?= 2

# Settings that make `manage.py check --deploy` represent production.
DEPLOY_ENV := DEBUG=false ALLOWED_HOSTS=groups.example.org \
	SECRET_KEY=deploy-check-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ

.PHONY: run test lint format types gates bench install lock vendor worker beat clean messages

# A developer's .env (DEBUG on); production passes real settings in the environment.
.env:
	cp .env.example .env

# Exactly the versions in the lockfile, each checked against its hash (docs/tooling.md).
$(STAMP): requirements-dev.lock .env
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

# After changing the dependencies in pyproject.toml: pin them again (current versions are
# kept where they still fit; `make lock UPGRADE=--upgrade` moves everything to the latest).
lock: $(STAMP)
	$(VENV)/bin/uv pip compile --universal --generate-hashes --python-version 3.11 --quiet \
		$(UPGRADE) -o requirements.lock pyproject.toml
	$(VENV)/bin/uv pip compile --universal --generate-hashes --python-version 3.11 --quiet \
		$(UPGRADE) --extra dev -o requirements-dev.lock pyproject.toml

# Serves the demo site; a Celery worker with embedded beat sends reminders beside it
# (through a file-system queue unless CELERY_BROKER_URL names a Redis server).
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --url $(SITE_URL)
	@mkdir -p var
	@SITE_URL=$(SITE_URL) $(VENV)/bin/celery -A groups_site worker --beat --concurrency 1 --loglevel WARNING \
		--schedule var/celerybeat-schedule > var/celery.log 2>&1 & \
	echo $$! > var/celery.pid; \
	trap 'kill $$(cat var/celery.pid) 2>/dev/null' EXIT INT TERM; \
	echo "Reminders: Celery worker running (log: var/celery.log)."; \
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Translations: `make messages` collects the words clients read into locale/*/django.po
# (staff templates are skipped; see cohorts/management/commands/makemessages.py); translate
# them there. The compiled .mo files are built from the .po before the site or tests run.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(STAMP)
	$(PY) manage.py makemessages -l es

$(MO): %.mo: %.po $(STAMP)
	@command -v msgfmt >/dev/null 2>&1 \
		|| { echo "msgfmt not found: install gettext (apt-get install gettext)."; exit 1; }
	$(PY) manage.py compilemessages -l es -i .venv -i node_modules -i staticfiles

run test worker beat bench: $(MO)

worker: $(STAMP)
	$(VENV)/bin/celery -A groups_site worker --loglevel INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A groups_site beat --loglevel INFO --schedule var/celerybeat-schedule

# Types of models, services and selectors (the file list is in pyproject.toml).
types: $(STAMP)
	$(VENV)/bin/mypy

gates: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# axe-core for the browser tests' accessibility checks; without npm those tests skip
# (with the reason shown), except in CI, where they must run.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: browser tests will be skipped (install Node.js to run them)."; fi

# On PostgreSQL whenever DATABASE_URL says so; pytest's own exit code decides. Two test
# processes, each with its own test database; the integration tests (real Celery and
# gunicorn processes) all run in one of them, one at a time (see tests/conftest.py).
test: $(STAMP) gates node_modules/.package-lock.json
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) -m bench

# Refresh the vendored Bootstrap from npm (the files are committed; no CDN at run time).
vendor:
	npm ci
	cp node_modules/bootstrap/dist/css/bootstrap.min.css \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap/
	# The source maps are not vendored; a dangling reference fails the manifest collectstatic.
	sed -i '/sourceMappingURL=/d' static/vendor/bootstrap/bootstrap.min.css \
	   static/vendor/bootstrap/bootstrap.bundle.min.js

clean:
	rm -rf $(VENV) var staticfiles db.sqlite3* locale/*/LC_MESSAGES/*.mo
