# Everyday commands. `make run` and `make test` set everything up themselves on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ASSETS := node_modules/.package-lock.json
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format deps sysdeps messages bench screenshots clean

run: deps ## Serve the portal with demo data on SQLite at http://127.0.0.1:8000
	DEBUG=True $(BIN)/python manage.py migrate --no-input
	DEBUG=True $(BIN)/python manage.py seed_demo
	DEBUG=True $(BIN)/python manage.py runserver 127.0.0.1:8000

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

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	touch $@

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
