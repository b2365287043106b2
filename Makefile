# Corridor: `make demo` serves the bundled real data, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_SIZES ?= 100000,1000000

.PHONY: demo serve test test-sqlite test-postgres bench lint format system-deps clean

$(BIN)/corridor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

demo: $(BIN)/corridor
	$(BIN)/corridor load-demo
	$(BIN)/corridor serve --host $(HOST) --port $(PORT)

serve: $(BIN)/corridor
	$(BIN)/corridor serve --host $(HOST) --port $(PORT)

system-deps:
	scripts/system-deps

test: $(BIN)/corridor system-deps lint test-sqlite test-postgres

# Both passes include schemathesis over every API operation (tests/test_api_fuzz.py, ~5 min).
test-sqlite: $(BIN)/corridor
	@echo "== Tests on SQLite"
	$(BIN)/pytest -q -p no:cacheprovider

# The browser tests drive a server of their own; they run once, in the SQLite pass.
test-postgres: $(BIN)/corridor
	@echo "== Tests on PostgreSQL"
	scripts/with-postgres $(BIN)/pytest -q -p no:cacheprovider -m "not browser" --ignore=tests/browser

# Imports, page latency, then Explore at 100k and 1M documents beside Datasette (~35 min).
bench: $(BIN)/corridor
	$(BIN)/corridor load-demo > /dev/null
	$(BIN)/corridor bench all
	$(BIN)/corridor bench search --sizes $(BENCH_SIZES)

# Style, the layers (import-linter, contracts in pyproject.toml) and the core's types (mypy).
lint: $(BIN)/corridor
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(BIN)/corridor
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) var build *.egg-info
