# Two commands: `make run` and `make test`. Both create .venv on first use and
# install only from the hashed locks (requirements*.txt, exported from uv.lock).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# --require-hashes: every package, direct or indirect, must be in the lock with
# a matching hash, so a fresh machine gets exactly what CI tested.
INSTALL := $(BIN)/python -m pip install --quiet --require-hashes
# The three exports of uv.lock: app (requirements.txt), app + tests, app + tests + lint.
EXPORT  := $(BIN)/uv export --frozen --format requirements-txt --no-emit-project --no-default-groups --quiet

.PHONY: run test lint lock upgrade-lock setup setup-test setup-dev bench docs schema clean

# Extra flags for streamlit, e.g. make run STREAMLIT_ARGS="--server.port 8502"
STREAMLIT_ARGS ?=

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py $(STREAMLIT_ARGS)

# Lint first: CI (.ci/run -> make test) fails on a lint or type finding.
test: lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

# Re-resolve pyproject.toml's dependencies into uv.lock (keeping every pin that
# still fits) and export the three hashed requirement files from it.
lock: $(VENV)/.installed-dev
	$(BIN)/uv lock
	$(EXPORT) -o requirements.txt
	$(EXPORT) --group test -o requirements-test.txt
	$(EXPORT) --group dev -o requirements-dev.txt

# Like lock, but moves every package to its newest allowed version.
upgrade-lock: $(VENV)/.installed-dev
	$(BIN)/uv lock --upgrade
	$(MAKE) lock

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test
setup-dev: $(VENV)/.installed-dev

# The venv's own pip is used as it comes: an unpinned `pip install --upgrade pip`
# would be the one thing the lock does not fix.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(INSTALL) -r requirements-test.txt
	touch $(VENV)/.installed $@

$(VENV)/.installed-dev: requirements.txt requirements-test.txt requirements-dev.txt | $(VENV)/bin/python
	$(INSTALL) -r requirements-dev.txt
	touch $(VENV)/.installed $(VENV)/.installed-test $@

# Regenerate the published JSON Schema after changing workbook/model.py.
schema: $(VENV)/.installed
	$(BIN)/python -m workbook.schema > schema/workbook.schema.json

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/pdf_build.py
	$(BIN)/python benchmarks/page_rerun.py

# Screenshots of pages and PDFs for the README (needs chromium and pdftoppm).
docs: $(VENV)/.installed-test
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache .mypy_cache
