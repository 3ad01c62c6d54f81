# Everyday commands. `make run` and `make test` set everything up themselves on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ASSETS := node_modules/.package-lock.json
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format deps sysdeps messages lock bench screenshots clean

run: deps ## Serve the portal with demo data on SQLite at http://127.0.0.1:8000
	DEBUG=True $(BIN)/python manage.py migrate --no-input
	DEBUG=True $(BIN)/python manage.py seed_demo
	DEBUG=True $(BIN)/python manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto --dist worksteal
test: deps ## Run the whole test suite (browser tests too where Chromium is present)
	@scripts/browser-status.sh
	$(BIN)/pytest $(PYTEST_ARGS)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: deps ## Refresh the kk/ru/en catalogues after changing translatable strings
	DEBUG=True $(BIN)/python manage.py makemessages -l kk -l ru -l en --ignore=.venv --ignore=node_modules
	DEBUG=True $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

deps: sysdeps $(STAMP) $(ASSETS)

sysdeps: ## System libraries WeasyPrint needs, installed where missing (Debian)
	@scripts/ensure-system-libs.sh

# Development installs requirements-dev.lock: the production pins of requirements.lock plus the
# test and lint tools. Both are pip-compile lock files with hashes (`make lock` refreshes them).
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@

LOCK_FLAGS := --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras
lock: $(STAMP) ## Re-resolve the pinned packages after changing pyproject.toml
	$(BIN)/pip-compile -q $(LOCK_FLAGS) --output-file=requirements.lock pyproject.toml
	$(BIN)/pip-compile -q $(LOCK_FLAGS) --extra=dev -c requirements.lock --output-file=requirements-dev.lock pyproject.toml

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Needs PostgreSQL and Redis on 127.0.0.1; builds bench_50 and bench_10000 once (kept), then
# measures; BENCH_ARGS="--short" runs it on tiny data in seconds, "--rebuild" seeds again.
bench: deps ## Ratios: the portal at 10,000 beats against 50, public pages against /healthz
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
