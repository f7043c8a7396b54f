# Luotsi — the single entry point. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_PATHS := src tests bench
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= luotsi.conf.settings.dev

.PHONY: install demo run test test-postgres test-deploy test-dates fuzz lint format bench load messages clean help

help:
	@echo "make install   create .venv and install Luotsi with its dev tools (idempotent)"
	@echo "make demo      SQLite database under var/, demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test      run the test suite (SQLite unless DATABASE_URL is set)"
	@echo "make test-dates the suite (not the date-pinned rules tests) as if it were each of TEST_DATES"
	@echo "make fuzz      the property and fuzz tests with new random examples, ten times as many"
	@echo "make lint      ruff, mypy (strict on luotsi.rules, and the typed modules), import layers, migrations check"
	@echo "make bench     run the benchmarks (the dashboard and API ones when PostgreSQL is reachable)"
	@echo "make test-deploy gunicorn (2 workers) + luotsi worker on PostgreSQL, driven over HTTP"
	@echo "make load      50 coaches for 2 minutes against gunicorn on PostgreSQL (locust, loopback)"

install: $(STAMP)

$(STAMP): pyproject.toml scripts/system-packages.sh
	@bash scripts/system-packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)
	@$(MAKE) --no-print-directory messages

messages:
	@cd src/luotsi && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

demo: install
	$(BIN)/luotsi demo --host $(HOST) --port $(PORT)

run: install
	$(BIN)/luotsi serve --host $(HOST) --port $(PORT)

# The test settings, not the dev settings this Makefile exports for the other targets.
test: install
	DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci $(BIN)/python -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci \
	  $(BIN)/python -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The production stack on this machine (tests/deploy): gunicorn with two workers and a
# `luotsi worker` on PostgreSQL (its own database, dropped and made anew), driven over HTTP.
# Bounded: it fails after two minutes.
DEPLOY_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/luotsi_deploy
test-deploy: install
	LUOTSI_TEST_DEPLOY=1 DEPLOY_DATABASE_URL=$(DEPLOY_DATABASE_URL) \
	  DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci timeout 120 \
	  $(BIN)/python -m pytest -p no:cacheprovider -s --durations=0 tests/deploy $(PYTEST_ARGS)

# Days that trip date arithmetic: Christmas Eve, a Sunday, New Year, month ends, Easter
# Monday, May Day, Midsummer Saturday, New Year's Eve, a leap day. The rules tests are left
# out: they name their own dates.
TEST_DATES ?= 2026-12-24 2026-12-27 2027-01-01 2027-01-31 2027-03-29 2027-05-01 2027-06-26 \
  2027-12-31 2028-02-29
test-dates: install
	@for day in $(TEST_DATES); do echo "== as if today were $$day"; \
	  LUOTSI_TODAY=$$day DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci $(BIN)/python -m pytest \
	    -n 2 -p no:cacheprovider -q tests --ignore=tests/rules $(PYTEST_ARGS) || exit 1; done

# `make test` repeats the same property-test examples each run; this explores new ones.
fuzz: install
	HYPOTHESIS_PROFILE=explore LUOTSI_FUZZ_SCALE=10 DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci \
	  $(BIN)/python -m pytest -n 2 -p no:cacheprovider tests/rules tests/fuzz $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy  # the engine (strict) and the type-checked modules: [tool.mypy] files
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=luotsi.conf.settings.ci $(BIN)/luotsi manage makemigrations --check --dry-run

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/billing.py
	$(BIN)/python bench/dashboard.py --skip-unreachable
	$(BIN)/python bench/employment.py --skip-unreachable
	$(BIN)/python bench/quality_figures.py --skip-unreachable
	$(BIN)/python bench/api.py --skip-unreachable
	$(BIN)/python bench/recompute.py --skip-unreachable

# Not part of `make test`: about four minutes (building the data once, then 2 minutes of
# load). LOAD_ARGS="--database-url postgres://... --port 8101" to choose; see bench/load.py.
load: install
	$(BIN)/python bench/load.py --skip-unreachable $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
