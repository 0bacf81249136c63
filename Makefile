# Two commands for a fresh machine: `make serve` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test install lint eval bench clean

# The venv is rebuilt when pyproject.toml changes; the stamp file records a finished install.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Node tools for the extension tests (web-ext lint, @mozilla/readability to vendor, puppeteer-core for
# Firefox, linkedom for DOM unit tests); npm registry only, and no browser download.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: install
	$(BIN)/policygrade serve --host $(HOST) --port $(PORT)

test: install node_modules/.installed
	scripts/ensure-chromium.sh
	scripts/ensure-firefox.sh
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check scoring api tests bench
	$(BIN)/mypy

eval: install
	$(BIN)/policygrade eval ../shared/corpus/dev_set.jsonl
	$(BIN)/policygrade eval-policies ../shared/corpus/policies/policy_labels.jsonl

bench: install
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache
