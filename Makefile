# Corridor: `make demo` serves the bundled real data, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_SIZES ?= 100000,1000000
# Exact versions (and hashes) of every package, the test and bench extras included:
# `make demo` and `make test` install from it. `make lock` writes it from pyproject.toml.
LOCK := requirements.lock

.PHONY: demo serve test test-sqlite test-postgres bench lint format system-deps clean lock

$(BIN)/corridor: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The lock from pyproject.toml, keeping the versions it has where they still fit;
# `make lock UPGRADE=django` moves one package to its newest allowed version,
# `make lock UPGRADE=--all` every package.
lock:
	test -x $(BIN)/pip || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'uv>=0.5'
	$(BIN)/uv pip compile pyproject.toml --extra test --extra bench --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command 'make lock' \
		--quiet --output-file $(LOCK) \
		$(if $(filter --all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package ,$(UPGRADE)))

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

# Imports, page latency, 20 users at once on 2 workers, then Explore at 100k and 1M
# documents beside Datasette (~40 min).
bench: $(BIN)/corridor
	$(BIN)/corridor load-demo > /dev/null
	$(BIN)/corridor bench all
	$(BIN)/corridor bench load --workers 2 --users 20
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
