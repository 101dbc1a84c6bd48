# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export KINERJA_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test install install-dev lint lock messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.lock
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

install: $(VENV)/.base

install-dev: $(VENV)/.dev

run: install
	$(BIN)/kinerja migrate --noinput
	$(BIN)/kinerja iku load-default
	$(BIN)/kinerja demo
	$(BIN)/kinerja runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/kinerja makemigrations --check --dry-run --noinput
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: lint
	scripts/system-deps
	$(BIN)/pytest -n 2

# Regenerate the lock files after changing pyproject.toml (needs network access to PyPI).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --extra dev -o requirements/dev.lock

# Refresh the translation catalogues after changing user-facing strings.
messages: install-dev
	cd kinerja && ../$(BIN)/kinerja makemessages -l id -l en --no-location --no-obsolete
	cd kinerja && ../$(BIN)/kinerja compilemessages

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
