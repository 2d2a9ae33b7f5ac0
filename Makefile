# Guichet. `make demo` runs the service on a laptop; `make test` is what CI runs (.ci/run).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEV_SETTINGS := guichet.config.django.development
TEST_SETTINGS := guichet.config.django.test
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-n auto"` or `PYTEST_ARGS="-k status"`.
PYTEST_ARGS ?=
# `make test RANDOM_ORDER=1` shuffles the tests with pytest-randomly (CI runs the suite once this
# way); the seed is printed, and `make test RANDOM_ORDER=1 RANDOM_SEED=N` replays that order.
RANDOM_ORDER ?=
ifeq ($(origin RANDOM_SEED),undefined)
RANDOM_SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
PYTEST_ORDER := $(if $(RANDOM_ORDER),-p randomly --randomly-seed=$(RANDOM_SEED),)
MAKEMESSAGES_IGNORES := --ignore=.venv --ignore=node_modules --ignore=var --ignore=build

step = @printf '\n== %s\n' "$(1)"

.PHONY: help venv node assets demo serve test lint format bench constraints translations clean

help:
	@echo "make demo         install, build, migrate, seed, then run the web server and the worker"
	@echo "make serve        production: checks, migrate, collect static, gunicorn and the workers"
	@echo "make test         lint, type check, migrations, translations and the test suite"
	@echo "make lint         ruff check, ruff format --check, mypy"
	@echo "make format       ruff format and ruff check --fix"
	@echo "make bench        benchmarks (bench/run.py)"
	@echo "make constraints  re-resolve requirements/constraints.txt from pyproject.toml"
	@echo "make venv | node | assets | clean"

# --- Installation ---------------------------------------------------------------------------

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	@if [ ! -x $(PY) ]; then \
	  $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	    || { echo "Guichet needs Python 3.11 or later; $(PYTHON) is $$($(PYTHON) -V 2>&1)." >&2; exit 1; }; \
	  echo "Creating $(VENV) with $$($(PYTHON) -V)"; \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "'$(PYTHON) -m venv' failed (on Debian or Ubuntu: apt-get install python3-venv)." >&2; \
	    exit 1; }; \
	fi
	@echo "Installing guichet and its dev dependencies into $(VENV)"
	@$(PY) -m pip install --quiet --disable-pip-version-check \
	  -c requirements/constraints.txt -e '.[dev]'
	@touch $@

node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js with npm." >&2; exit 1; }
	@echo "Installing front-end packages (npm ci)"
	@npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

assets: node
	@$(PYTHON) scripts/build_assets.py

# --- Demo -----------------------------------------------------------------------------------

demo: export DJANGO_SETTINGS_MODULE := $(DEV_SETTINGS)
# The catalogues are compiled first: every management command runs the system checks, and one
# of them refuses to start while a message's French is missing from the compiled catalogue.
demo: venv node assets
	@$(MANAGE) compile_translations
	@echo "Migrating the database"
	@$(MANAGE) migrate --noinput --verbosity 0
	@$(MANAGE) seed_demo --cases 50000 --seed 1 --if-empty
	@$(MANAGE) points_of_service_load
	@$(MANAGE) demo_accounts > /dev/null
	@$(MANAGE) appointments_demo
	@$(MANAGE) appointments_schedule
	@$(MANAGE) status_readmodel --rebuild --stale
	@$(MANAGE) standards_refresh --schedule
	@echo "Replaying the forecasts from past dates for the managers' dashboard"
	@$(MANAGE) standards_backtest --save --slow visitor-visa > /dev/null
	@$(MANAGE) retention_purge --schedule
	@$(PY) scripts/run_demo.py

# --- Production (docs/deployment.md) -------------------------------------------------------

PROD_SETTINGS := guichet.config.django.production

serve: export DJANGO_SETTINGS_MODULE := $(PROD_SETTINGS)
serve: venv node assets
	@$(MANAGE) compile_translations
	@$(MANAGE) check --deploy
	@echo "Migrating the database"
	@$(MANAGE) migrate --noinput --verbosity 0
	@$(MANAGE) points_of_service_load
	@$(MANAGE) status_readmodel --rebuild --stale
	@$(MANAGE) collectstatic --noinput --verbosity 0
	@$(PY) scripts/serve.py

# --- Checks ---------------------------------------------------------------------------------

test: export DJANGO_SETTINGS_MODULE := $(TEST_SETTINGS)
test: venv node assets
	$(call step,ruff)
	@$(VENV)/bin/ruff check --quiet --output-format=concise .
	@$(VENV)/bin/ruff format --check --quiet .
	$(call step,mypy)
	@$(VENV)/bin/mypy guichet
	$(call step,writes outside services)
	@$(PY) scripts/check_writes.py
	$(call step,module dependencies)
	@out="$$($(VENV)/bin/lint-imports --no-cache 2>&1)" || { echo "$$out"; exit 1; }; \
	  echo "$$out" | grep -E 'KEPT|BROKEN'
	@$(MAKE) translations
	$(call step,migrations)
	@$(MANAGE) makemigrations --check --dry-run
	$(call step,deploy check (production settings))
	@DJANGO_SETTINGS_MODULE=guichet.config.django.production \
	  SECRET_KEY="deploy-check-$$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" \
	  ALLOWED_HOSTS=guichet.example.ca DATABASE_URL=sqlite:///var/deploy-check.sqlite3 \
	  TWILIO_AUTH_TOKEN=deploy-check-token \
	  $(MANAGE) check --deploy --fail-level WARNING
	$(call step,pytest)
	@$(if $(RANDOM_ORDER),echo "Tests in random order: RANDOM_SEED=$(RANDOM_SEED)",true)
	@$(VENV)/bin/pytest -p no:cacheprovider -q $(PYTEST_ORDER) $(PYTEST_ARGS)

# Refresh the French catalogues from the source (needs GNU gettext's xgettext), then fail on
# anything untranslated, fuzzy or obsolete, then compile them (pure Python).
translations: export DJANGO_SETTINGS_MODULE ?= $(TEST_SETTINGS)
translations: venv
	$(call step,translations)
	@if command -v xgettext >/dev/null; then \
	  $(MANAGE) makemessages -l fr --no-location --no-obsolete $(MAKEMESSAGES_IGNORES) -v 0; \
	else \
	  echo "xgettext not found (install gettext): the .po files were NOT refreshed from the"; \
	  echo "source, so new strings are not detected; checking the committed .po files only."; \
	fi
	@$(MANAGE) check_translations
	@$(MANAGE) compile_translations

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy guichet

format: venv
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

bench: venv node assets
	@$(PY) bench/run.py

# Re-resolve every dependency to the newest version pyproject.toml allows, in a throw-away
# virtual environment (so nothing installed by hand creeps in), then sync .venv.
constraints:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'; \
	{ echo "# Exact versions of every dependency (with the dev extras), for reproducible installs:"; \
	  echo "#   pip install -c requirements/constraints.txt -e '.[dev]'   (what make venv does)"; \
	  echo "# Generated by 'make constraints' with $$($$tmp/venv/bin/python -V) on $$(uname -sm):"; \
	  echo "# pip freeze --exclude-editable of a fresh venv. Regenerate after changing pyproject.toml."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable --disable-pip-version-check; \
	} > requirements/constraints.txt.new
	@mv requirements/constraints.txt.new requirements/constraints.txt
	@echo "requirements/constraints.txt: $$(grep -vc '^#' requirements/constraints.txt) packages"
	@$(MAKE) venv

clean:
	rm -rf build var/static .mypy_cache .ruff_cache node_modules/.installed $(VENV)/.installed
