# Two commands: `make run` and `make test`. Both create .venv on first use and
# install only from the hashed locks (requirements*.txt, exported from uv.lock).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# --require-hashes: every package, direct or indirect, must be in the lock with
# a matching hash, so a fresh machine gets exactly what CI tested.
INSTALL := $(BIN)/python -m pip install --quiet --require-hashes

.PHONY: run test lint fix lock upgrade-lock setup setup-test setup-dev bench docs schema clean \
        shortcut unshortcut stop pdf clinic bench-clinic

# Extra flags for streamlit, e.g. make run STREAMLIT_ARGS="--server.port 8502"
STREAMLIT_ARGS ?=

# serve.py starts app.py behind localguard.py (only this computer may connect).
run: $(VENV)/.installed
	$(BIN)/streamlit run serve.py $(STREAMLIT_ARGS)

# Lint first: CI (.ci/run -> make test) fails on a lint or type finding.
test: lint
	$(BIN)/python -m pytest

# A desktop icon (Linux, macOS) that starts the app if needed and opens the browser on it;
# make shortcut PORT=8502 for another port (default: .streamlit/config.toml).
shortcut: $(VENV)/.installed
	$(BIN)/python launcher/shortcut.py install $(if $(PORT),--port $(PORT))

unshortcut:
	$(PYTHON) launcher/shortcut.py uninstall

# Stop the app the icon started (it runs in the background until then).
stop:
	$(BIN)/python launcher/launch.py --stop

# A PDF from the command line with the venv's Python (arguments: README, or make pdf):
#   make pdf PDF_ARGS="my-workbook.json -o my-list.pdf --document questions"
PDF_ARGS ?= --help
pdf: $(VENV)/.installed
	$(BIN)/python -m pdf $(PDF_ARGS)

# Every check runs, even after one fails, so one run shows all findings.
lint: $(VENV)/.installed-dev
	@status=0; \
	echo "== locks";       scripts/lock.sh --check      || status=1; \
	echo "== ruff check";  $(BIN)/ruff check            || status=1; \
	echo "== ruff format"; $(BIN)/ruff format --check --output-format concise || status=1; \
	echo "== mypy";        $(BIN)/mypy                  || status=1; \
	exit $$status

# The mechanical part of a lint fix-up (review the diff, then fix the rest by
# hand): ruff's safe fixes, composite asserts split in two (PT018), then format.
fix: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix --exit-zero --quiet
	$(BIN)/ruff check --fix --unsafe-fixes --select PT018 --exit-zero --quiet
	$(BIN)/ruff format

# Re-resolve pyproject.toml's dependencies into uv.lock (keeping every pin that
# still fits) and export the three hashed requirement files from it.
lock: $(VENV)/.installed-dev
	scripts/lock.sh

# Like lock, but moves every package to its newest allowed version.
upgrade-lock: $(VENV)/.installed-dev
	scripts/lock.sh --upgrade

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

# Clinic mode (issue 14) on this machine, for a demo: PostgreSQL (as the postgres user, in a
# temporary folder, 127.0.0.1), the mock sign-in provider, two app servers behind nginx on
# http://localhost:8600 (CLINIC_PORT=..., CLINIC_SERVERS=...). Ctrl+C stops all of it.
# Needs Debian's postgresql and nginx (apt-get install postgresql nginx). README ("Clinic
# mode") and the comments in deploy/ explain the real deployment.
clinic: $(VENV)/.installed-test
	$(BIN)/python -m deploy.demo

# The clinic load benchmark: >= 50 sessions editing for a few minutes through nginx and two
# app servers (benchmarks/clinic_load.py; BENCH_ARGS="--sessions 50 --minutes 3").
BENCH_ARGS ?=
bench-clinic: $(VENV)/.installed-test
	$(BIN)/python benchmarks/clinic_load.py $(BENCH_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/pdf_build.py
	$(BIN)/python benchmarks/page_rerun.py
	$(BIN)/python benchmarks/diary_rerun.py
	$(BIN)/python benchmarks/pdf_diary.py

# Screenshots of pages and PDFs for the README (needs chromium and pdftoppm).
docs: $(VENV)/.installed-test
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache .mypy_cache
