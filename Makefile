# Two commands do all the set-up on a fresh machine (Python 3.11+, Node 20 for the emulator):
#   make demo   - the main job: bulk-create users on the built-in fake WorkOS (or real WorkOS
#                 when WORKOS_API_KEY is set), read them back, print a summary
#   make test   - lint, typecheck, stub freshness, the test suite and the emulator conformance suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit conformance bench clean redis

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/workos-async demo

test: lint typecheck unit conformance

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/python -m workos_async._stubgen --check

unit: $(STAMP) redis
	$(BIN)/pytest -q

# The coordination tests run a real redis-server (Debian's package), installed when missing.
redis:
	@command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
	@command -v redis-server >/dev/null || { echo "redis-server is required (apt-get install redis-server)" >&2; exit 1; }

conformance: $(STAMP)
	$(BIN)/pytest -q -m conformance tests/conformance

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_client.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache .nox
