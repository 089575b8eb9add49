# Two commands for a fresh Linux machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test bench lint docs messages install clean

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

## Texts: extract the message ids into frontdesk/locale/frontdesk.pot, add new ids to every
## language's .po (empty, for a translator), compile each .po to its .mo (committed).
messages: $(STAMP)
	PYTHONPATH=scripts $(BIN)/pybabel extract -F babel.cfg --omit-header --no-location -o frontdesk/locale/frontdesk.pot .
	$(BIN)/pybabel update -D frontdesk -i frontdesk/locale/frontdesk.pot -d frontdesk/locale --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -D frontdesk -d frontdesk/locale --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
