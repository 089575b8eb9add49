# Two commands for a fresh Linux machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test bench lint docs install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Build a demo database (once) and open the desk app on it.
demo: $(STAMP)
	@test -f $(DEMO_DB) || $(BIN)/frontdesk demo --db $(DEMO_DB)
	@echo "Opening the desk app on $(DEMO_DB): sign on as AB / 4711 (lead) or CD / 1234 (desk)."
	@sleep 2
	$(BIN)/frontdesk --db $(DEMO_DB)

## Install and run every test (SQLite and a real PostgreSQL).
test: $(STAMP)
	FRONTDESK_TEST_PG="$$(scripts/test-postgres.sh)" $(BIN)/pytest -n 2 --dist loadfile -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy && $(BIN)/lint-imports --no-cache

## Regenerate docs/cli.md, docs/keymap.md and the metric table of docs/export-format.md.
docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
