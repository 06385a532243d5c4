# The briefing, rebuilt from the documents in seeds/. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

# The Python that .venv is made from: the first of these that is 3.11 or newer and can make a venv. Debian's build of
# python3 runs the extraction about 10% faster than one built from source with the defaults (pyenv's: no
# --enable-optimizations, a shared libpython), as measured with make bench. PYTHON_SYSTEM=/path/to/python overrides.
PYTHON_CANDIDATES := /usr/bin/python3 python3
PYTHON_SYSTEM ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	$$p -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
# Some machines' pip configuration names package folders that do not exist; pip says so for every package.
PIP_QUIET := 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }
LAB_VENV := .venv-lab
INSTALLED := $(VENV)/.installed

# Parameters of the briefing (empty means the notebook's default).
SEEDS ?= seeds
FOCUS ?=
TITLE ?=
AS_OF ?=
TONNES_PER_WAGON ?=
PARAMS ?=
FORCE ?=
# A Dask scheduler (tcp://HOST:8786) to send extraction to; empty: every local core
SCHEDULER ?=
export SCHEDULER
# VERBOSE=1 shows Python tracebacks instead of one-line errors
export VERBOSE

NOTEBOOKS := notebooks/01_extract.ipynb notebooks/02_briefing.ipynb
report_args = --seeds "$(SEEDS)" \
	$(if $(FOCUS),-p focus "$(FOCUS)") $(if $(TITLE),-p title "$(TITLE)") $(if $(AS_OF),-p as_of "$(AS_OF)") \
	$(if $(TONNES_PER_WAGON),-p tonnes_per_wagon "$(TONNES_PER_WAGON)") $(PARAMS) $(if $(FORCE),--force)

.PHONY: help report test lab notebooks snapshots bench bench-10k extract eval docs clean setup system-packages

help: ## List the targets and parameters
	@echo "Belarus supply-network briefing"
	@echo
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'
	@echo
	@echo "Parameters: make report SEEDS=DIR FOCUS=Iran TITLE='...' AS_OF=YYYY-MM-DD TONNES_PER_WAGON=40"
	@echo "            PARAMS='-p name value' for any other notebook parameter; FORCE=1 rebuilds; VERBOSE=1 shows tracebacks"
	@echo "            make eval DETAILS=1 EVAL_DIRS='folder ...' lists misses and false positives per document"

report: setup system-packages ## Build reports/briefing.html and reports/briefing.pdf from SEEDS
	@$(PY) -m briefing report $(report_args)

test: setup system-packages ## Run ruff (lint and format) and the tests, nbval on the stored notebook outputs included
	@$(PY) -m ruff check briefing tests
	@$(PY) -m ruff format --check briefing tests
	@$(PY) -m pytest tests $(NOTEBOOKS) --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -q

notebooks: setup ## Store the outputs of a default run in notebooks/ (after an intended change)
	@$(PY) -m briefing refresh-notebooks

SNAPSHOT_INPUTS := documents:tests/fixtures/documents relations_eval:tests/fixtures/relations/eval
snapshots: setup ## Store the extraction tables of the test fixtures in tests/fixtures/snapshots (after an intended change)
	@for pair in $(SNAPSHOT_INPUTS); do \
		$(PY) -m briefing extract "$${pair#*:}" --out "tests/fixtures/snapshots/$${pair%%:*}" --no-ftm || exit 1; \
	done

extract: setup ## Extract the tables only: data/processed/*.csv from SEEDS
	@$(PY) -m briefing extract "$(SEEDS)" --out data/processed

# EVAL_DIRS=folder... scores other annotated folders; DETAILS=1 lists the misses and false positives per document.
EVAL_DIRS ?=
DETAILS ?=
eval: setup ## Score relations (per type), modality and parties against the hand-annotated sets
	@$(PY) -m briefing.analysis.evaluation $(EVAL_DIRS) $(if $(DETAILS),--details)

bench: setup system-packages ## Measure build time (seeds, 100 and 1,000 documents) and extraction speed; writes reports/bench.json
	@$(PY) -m briefing.build.bench

bench-10k: setup system-packages ## Full builds of 10,000 generated documents beside the seeds' (about 10 minutes)
	@$(PY) -m briefing.build.bench --builds-only --builds 10000

LAB_PORT ?= 8888
# JupyterLab opens working copies (lab/, not tracked): its autosave, kernel metadata and parameter edits never reach
# the notebooks that `make report` runs and nbval compares. They sit beside notebooks/, so relative paths still hold.
LAB_DIR := lab
LAB_NOTEBOOKS := $(NOTEBOOKS:notebooks/%=$(LAB_DIR)/%)
lab: setup $(LAB_VENV)/.installed $(LAB_NOTEBOOKS) ## Open working copies of the notebooks (lab/) in JupyterLab, charts interactive
	@echo "JupyterLab works on copies in $(LAB_DIR)/ (untracked): edits there change neither make report nor the tests."
	@BRIEFING_PROGRESS=notebook $(LAB_VENV)/bin/jupyter lab --notebook-dir=$(LAB_DIR) --ip=127.0.0.1 --port=$(LAB_PORT) --no-browser \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root)

# A stored notebook newer than its working copy (after a pull, say) replaces it; the old copy is kept as NAME~.
$(LAB_DIR)/%.ipynb: notebooks/%.ipynb
	@mkdir -p $(LAB_DIR)
	@if [ -e $@ ]; then cp -p $@ $@~ && echo "$@: updated from $<; your previous copy is $@~"; fi
	@cp $< $@

docs: report ## Refresh the README's picture of the briefing's first page (docs/briefing-page-1.png)
	@mkdir -p docs
	@pdftoppm -r 70 -f 1 -l 1 -png -singlefile reports/briefing.pdf docs/briefing-page-1
	@echo "Written: docs/briefing-page-1.png"

clean: ## Remove generated reports and tables (the environments stay)
	rm -rf reports/briefing.* reports/executed reports/registers reports/.fingerprint reports/bench*.json data/processed

setup: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml
	@echo "Setting up $(VENV) from requirements.txt (once)..."
	@test -n "$(PYTHON_SYSTEM)" || { echo "briefing: error: no Python 3.11 or newer with venv: install python3-venv, or set PYTHON_SYSTEM"; exit 1; }
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt $(PIP_QUIET)
	@# The package is used in place: a .pth file puts the project on the environment's path (kernels included).
	@echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/briefing-project.pth"
	@touch $@

$(LAB_VENV)/.installed: requirements-lab.txt $(INSTALLED)
	@echo "Setting up $(LAB_VENV) for JupyterLab (once)..."
	@test -x $(LAB_VENV)/bin/python || $(PYTHON_SYSTEM) -m venv $(LAB_VENV)
	@$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt $(PIP_QUIET)
	@# JupyterLab's kernel is the pipeline's .venv, so notebooks run the same code in the lab as in `make report`
	@$(PY) -m ipykernel install --prefix "$(CURDIR)/$(LAB_VENV)" --name python3 --display-name "Python 3 (briefing)" >/dev/null 2>&1
	@touch $@

# Debian's chromium prints the PDF and runs the browser tests; poppler's pdftotext reads the PDF in the tests.
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing chromium and poppler-utils with apt-get (once)..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		else \
			echo "briefing: error: chromium and poppler-utils are missing: run 'sudo apt-get install chromium poppler-utils'"; exit 1; \
		fi; \
	fi
