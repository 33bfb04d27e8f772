# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test setup setup-test bench docs schema clean shortcut unshortcut stop pdf

# Extra flags for streamlit, e.g. make run STREAMLIT_ARGS="--server.port 8502"
STREAMLIT_ARGS ?=

# serve.py starts app.py behind localguard.py (only this computer may connect).
run: $(VENV)/.installed
	$(BIN)/streamlit run serve.py $(STREAMLIT_ARGS)

test: $(VENV)/.installed-test
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

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

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
	rm -rf $(VENV) .pytest_cache .hypothesis
