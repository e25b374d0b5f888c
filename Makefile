# NDRC Révisions — `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist's workers for `make test`: one per core (`PYTEST_WORKERS=0`: in this process).
PYTEST_WORKERS ?= auto
SERVE_ENV = DEBUG=0 HTTPS_ONLY=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .serve-secret-key)}"

.PHONY: help install run serve test lint format migrations-check typecheck bench loadtest faults ci clean

help:
	@echo "make run    — install everything (venv, dependencies, database, course) and serve on http://$(HOST):$(PORT)"
	@echo "make test   — lint, missing migrations, type checking, the whole pytest suite (browser tests included)"
	@echo "make typecheck — mypy with django-stubs (strict on the pure modules; see [tool.mypy])"
	@echo "make serve  — the production server (granian) with production-like settings"
	@echo "make bench  — throughput ratios against a trivial view (gunicorn + wrk)"
	@echo "make faults — kill a worker during answers, restart during a live game: nothing lost or doubled"
	@echo "make loadtest — 1 000 players in one live session (granian; DATABASE_URL for PostgreSQL)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

.serve-secret-key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(60))" > $@

install: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_course
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: install
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install .serve-secret-key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) scripts/servers.py $(HOST) $(PORT) $${WORKERS:-2}

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-test
	$(PY) manage.py makemigrations --check --dry-run

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

test: $(VENV)/.installed-test lint migrations-check typecheck
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: $(VENV)/.installed-test .serve-secret-key
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) scripts/bench.py

# 1 000 players join a live session, poll it and answer one question (granian, fresh database;
# DATABASE_URL=postgres://…/ndrc_loadtest for PostgreSQL).
loadtest: $(VENV)/.installed-test .serve-secret-key
	$(PY) scripts/loadtest.py

# Answers survive a killed worker and a restarted server: acknowledged, stored, lost (0), doubled (0)
# (granian, fresh SQLite database; DATABASE_URL=postgres://…/ndrc_faults for PostgreSQL; < 3 min).
faults: $(VENV)/.installed-test .serve-secret-key
	$(PY) scripts/faults.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm .serve-secret-key ndrc_revisions.egg-info
